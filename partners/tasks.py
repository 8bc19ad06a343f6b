"""Partnership e-mails. Tasks take ids, re-read the request under a row lock and mark what they sent, so running a
task twice sends one e-mail; a failing mail server rolls the mark back and the task retries with backoff."""

import datetime

from celery import shared_task
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.retry import MAIL_RETRY

from . import emails
from .models import PartnershipRequest, RequestStatus
from .privacy import is_erased
from .reminders import needs_reminder


def _locked_request(request_id):
    return (
        PartnershipRequest.objects.select_for_update(of=("self",)).select_related("owner").filter(pk=request_id).first()
    )


def _send_once(request_id, sent_at_field, build_message, ready=lambda partnership: True):
    with transaction.atomic():
        partnership = _locked_request(request_id)
        # An erased request has no one left to write to, or about.
        if (
            partnership is None
            or is_erased(partnership)
            or getattr(partnership, sent_at_field)
            or not ready(partnership)
        ):
            return "skipped"
        build_message(partnership).send()
        setattr(partnership, sent_at_field, timezone.now())
        partnership.save(update_fields=[sent_at_field])
    return "sent"


@shared_task(**MAIL_RETRY)
def send_request_confirmation(request_id):
    return _send_once(request_id, "confirmation_sent_at", emails.confirmation)


@shared_task(**MAIL_RETRY)
def notify_staff_of_request(request_id):
    return _send_once(request_id, "staff_notified_at", emails.staff_notification)


@shared_task(**MAIL_RETRY)
def send_conversation_follow_up(request_id):
    return _send_once(
        request_id,
        "follow_up_sent_at",
        emails.conversation_follow_up,
        ready=lambda partnership: partnership.conversation_logged_at is not None,
    )


# The sweep queues an e-mail again when it never reached the broker and the request is a few minutes old, or when it
# was queued longer ago than a task and all its retries take (about two hours) and still is not sent.
SWEEP_AFTER = datetime.timedelta(minutes=5)
REQUEUE_AFTER = datetime.timedelta(hours=3)
# After this the sweep stops trying; the daily reminder still brings a request without contact to staff's attention.
SWEEP_WINDOW = datetime.timedelta(days=3)

SWEPT_EMAILS = (
    # (task name, its sent mark, its queued mark)
    ("send_request_confirmation", "confirmation_sent_at", "confirmation_queued_at"),
    ("notify_staff_of_request", "staff_notified_at", "staff_notification_queued_at"),
)


@shared_task
def sweep_unsent_request_emails():
    """Queue again each request's confirmation and staff notification that was not sent: covers a broker that was
    down when the request came in, and a task that got lost. The tasks send once, so queueing twice is harmless."""
    now = timezone.now()
    queued = 0
    for task_name, sent_mark, queued_mark in SWEPT_EMAILS:
        task = globals()[task_name]
        unsent = PartnershipRequest.objects.filter(
            **{f"{sent_mark}__isnull": True},
            created_at__lte=now - SWEEP_AFTER,
            created_at__gte=now - SWEEP_WINDOW,
        )
        never_queued = Q(**{f"{queued_mark}__isnull": True})
        queued_long_ago = Q(**{f"{queued_mark}__lte": now - REQUEUE_AFTER})
        for request_id in unsent.filter(never_queued | queued_long_ago).values_list("pk", flat=True)[:500]:
            task.delay(request_id)
            PartnershipRequest.objects.filter(pk=request_id).update(**{queued_mark: timezone.now()})
            queued += 1
    return queued


@shared_task
def send_partner_reminders():
    """Daily: queue a reminder for every request still waiting for contact three working days after it came in."""
    today = timezone.localdate()
    waiting = (
        PartnershipRequest.objects.filter(status=RequestStatus.NEW)
        .exclude(last_reminder_sent_on=today)
        .only("status", "created_at", "last_reminder_sent_on")
    )
    due_ids = [partnership.pk for partnership in waiting if needs_reminder(partnership, today)]
    for request_id in due_ids:
        send_partner_reminder.delay(request_id)
    return len(due_ids)


@shared_task(**MAIL_RETRY)
def send_partner_reminder(request_id):
    """One request's reminder, to its owner or else the staff address; the rule is checked again under the lock."""
    today = timezone.localdate()
    with transaction.atomic():
        partnership = _locked_request(request_id)
        if partnership is None or is_erased(partnership) or not needs_reminder(partnership, today):
            return "skipped"
        emails.reminder(partnership, today).send()
        partnership.last_reminder_sent_on = today
        partnership.save(update_fields=["last_reminder_sent_on"])
    return "sent"
