"""The agreement's e-mails and its yearly rhythm. Tasks take ids, re-read state and are safe to run twice."""

import datetime
import logging

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from core.emails import build_email
from core.retry import MAIL_RETRY

from . import documents
from .agreements import StepRefused, end_agreement, is_in_last_year
from .links import agreement_link
from .models import AgreementStatus, EndReason, PeriodicGiftAgreement
from .payments import may_start_paying, stop_direct_debit
from .schedule import paid_payments

logger = logging.getLogger(__name__)

PDF = "application/pdf"
# A request or countersign mail not marked sent this long after the change is queued again by the daily sweep.
RESEND_AFTER = datetime.timedelta(minutes=30)


def _agreement(agreement_id):
    return (
        PeriodicGiftAgreement.objects.select_for_update()
        .select_related("donor", "campaign")
        .filter(pk=agreement_id)
        .first()
    )


def _send(agreement, template, subject, attachments=(), **context):
    build_email(
        f"periodic_gifts/email/{template}",
        {"agreement": agreement, "link": agreement_link(agreement), "anbi": documents.anbi_settings(), **context},
        subject=subject,
        to=agreement.email,
        attachments=attachments,
    ).send()


def _once(agreement_id, sent_field, send):
    """Send one mail of an agreement once: the row lock makes a concurrent second run wait, then skip."""
    with transaction.atomic():
        agreement = _agreement(agreement_id)
        if agreement is None or getattr(agreement, sent_field):
            return "skipped"
        if send(agreement) is False:
            return "skipped"
        setattr(agreement, sent_field, timezone.now())
        agreement.save(update_fields=[sent_field])
    return "sent"


@shared_task(**MAIL_RETRY)
def send_agreement_request(agreement_id):
    def send(agreement):
        _send(
            agreement,
            "request",
            f"Uw overeenkomst periodieke gift {agreement.transaction_number}: ondertekenen en terugsturen",
            attachments=[(documents.filename(agreement), documents.filled_agreement(agreement), PDF)],
        )

    return _once(agreement_id, "request_mail_sent_at", send)


@shared_task(**MAIL_RETRY)
def send_countersigned_agreement(agreement_id):
    def send(agreement):
        if not agreement.countersigned_at:
            return False
        _send(
            agreement,
            "countersigned",
            f"Uw periodieke gift {agreement.transaction_number} is ondertekend",
            attachments=[
                (documents.filename(agreement, countersigned=True), documents.countersigned_agreement(agreement), PDF)
            ],
            may_pay_now=may_start_paying(agreement),
        )

    return _once(agreement_id, "countersigned_mail_sent_at", send)


@shared_task(**MAIL_RETRY)
def send_payment_invitation(agreement_id):
    def send(agreement):
        if not may_start_paying(agreement):
            return False
        _send(agreement, "payment_invitation", f"Uw periodieke gift {agreement.transaction_number} gaat dit jaar in")

    return _once(agreement_id, "payment_invitation_sent_at", send)


@shared_task(**MAIL_RETRY)
def send_term_reminder(agreement_id):
    def send(agreement):
        if not is_in_last_year(agreement, timezone.localdate()):
            return False
        _send(
            agreement,
            "term_reminder",
            f"Het laatste jaar van uw periodieke gift {agreement.transaction_number}",
            renew_url=_renew_url(),
        )

    return _once(agreement_id, "term_reminder_sent_at", send)


@shared_task(**MAIL_RETRY)
def send_agreement_ended(agreement_id):
    def send(agreement):
        if not agreement.has_ended:
            return False
        _send(
            agreement,
            "ended",
            f"Uw periodieke gift {agreement.transaction_number} is afgelopen",
            renew_url=_renew_url(),
            completed=agreement.end_reason == EndReason.TERM_COMPLETED,
        )

    return _once(agreement_id, "ended_mail_sent_at", send)


def _renew_url():
    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation

    with translation.override("nl"):
        return settings.WAGTAILADMIN_BASE_URL + reverse("periodic_gifts:request")


@shared_task
def finish_payments(agreement_id):
    """After the last instalment of the term: stop the direct debit, so nothing more is collected."""
    with transaction.atomic():
        agreement = _agreement(agreement_id)
        if agreement is None or agreement.payments_complete_at or not agreement.duration_years:
            return "skipped"
        if len(paid_payments(agreement)) < agreement.duration_years * agreement.payments_per_year:
            return "not yet"
        stop_direct_debit(agreement)  # a Stripe failure raises: the daily sweep tries again
        agreement.payments_complete_at = timezone.now()
        agreement.save(update_fields=["payments_complete_at"])
    return "complete"


@shared_task
def track_agreement_terms():
    """Daily: invite to the first payment in the start year, remind in the last year, end agreements whose term
    is over, finish payments a failed stop left running, and queue mails that never reached the broker."""
    today = timezone.localdate()
    counts = {"invited": 0, "reminded": 0, "ended": 0}
    stale = timezone.now() - RESEND_AFTER
    for agreement in PeriodicGiftAgreement.objects.exclude(status=AgreementStatus.ENDED).iterator():
        if agreement.request_mail_sent_at is None and agreement.created_at < stale:
            send_agreement_request.delay(agreement.pk)
        if agreement.countersigned_at and agreement.countersigned_mail_sent_at is None:
            if agreement.countersigned_at < stale:
                send_countersigned_agreement.delay(agreement.pk)
        elif (
            agreement.countersigned_mail_sent_at
            and agreement.payment_invitation_sent_at is None
            and agreement.countersigned_mail_sent_at.year < agreement.start_year
            and may_start_paying(agreement, today)
        ):
            send_payment_invitation.delay(agreement.pk)
            counts["invited"] += 1
        in_last_year = is_in_last_year(agreement, today)
        if agreement.term_reminder_sent_at is None and in_last_year:
            send_term_reminder.delay(agreement.pk)
            counts["reminded"] += 1
        if agreement.is_direct_debit and in_last_year and agreement.payments_complete_at is None:
            finish_payments.delay(agreement.pk)  # the term's last instalment comes in its last year
        ends_on = agreement.term_ends_on
        if agreement.status == AgreementStatus.RUNNING and ends_on and ends_on <= today:
            try:
                end_agreement(agreement, EndReason.TERM_COMPLETED, ends_on)
                counts["ended"] += 1
            except StepRefused:
                logger.warning("Agreement %s: term over, but it could not be ended yet", agreement.transaction_number)
    return counts
