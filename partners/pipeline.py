"""A request's way through the pipeline. These are the only functions that change a request's state;
each queues the e-mails the change calls for once the change is committed."""

import logging

from django.db import transaction
from django.utils import timezone

from .emails import staff_member_name
from .models import PartnershipRequest, RequestStatus

logger = logging.getLogger(__name__)


def _enqueue_on_commit(task, *args, queued_mark=None):
    """Queue `task` once committed; with `queued_mark`, record on the request that it reached the broker."""

    def enqueue():
        try:
            task.delay(*args)
        except Exception:  # noqa: BLE001 - broker down: the request stays stored and the sweep queues it again
            logger.exception("Could not queue %s%r", task.name, args)
            return
        if queued_mark:
            PartnershipRequest.objects.filter(pk=args[0]).update(**{queued_mark: timezone.now()})

    transaction.on_commit(enqueue)


def _locked(partnership):
    return PartnershipRequest.objects.select_for_update(of=("self",)).get(pk=partnership.pk)


def receive_request(form):
    """Store a valid request form and queue the confirmation to the requester and the notice to staff."""
    from .tasks import notify_staff_of_request, send_request_confirmation

    with transaction.atomic():
        partnership = form.save()
        _enqueue_on_commit(send_request_confirmation, partnership.pk, queued_mark="confirmation_queued_at")
        _enqueue_on_commit(notify_staff_of_request, partnership.pk, queued_mark="staff_notification_queued_at")
    return partnership


def change_status(partnership, status):
    """Move a request to `status`; the first move away from "nieuw" records when contact was made.

    Returns the request as stored.
    """
    status = RequestStatus(status)
    with transaction.atomic():
        locked = _locked(partnership)
        locked.status = status
        if status != RequestStatus.NEW and locked.contacted_at is None:
            locked.contacted_at = timezone.now()
        locked.save()
    return locked


def log_conversation(partnership, user, notes):
    """Record a conversation staff member `user` had with the requester and queue the follow-up e-mail.

    The notes are kept with the request, dated and signed, and never sent to the requester. A new request counts as
    contacted from here on, and the staff member becomes its owner if it had none. The follow-up e-mail goes out
    once per request, after the first conversation. Returns the request as stored.
    """
    from .tasks import send_conversation_follow_up

    with transaction.atomic():
        locked = _locked(partnership)
        now = timezone.now()
        if locked.owner_id is None:
            locked.owner = user
        if locked.status == RequestStatus.NEW:
            locked.status = RequestStatus.CONTACTED
        if locked.contacted_at is None:
            locked.contacted_at = now
        locked.conversation_logged_at = now
        heading = f"Gesprek {timezone.localtime(now):%d-%m-%Y %H:%M} ({staff_member_name(user)})"
        locked.notes = "\n\n".join(part for part in (locked.notes.strip(), f"{heading}\n{notes.strip()}") if part)
        locked.save()
        if locked.follow_up_sent_at is None:
            _enqueue_on_commit(send_conversation_follow_up, locked.pk)
    return locked
