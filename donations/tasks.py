"""Donor e-mails and their safety nets. Tasks take ids, re-read state and are safe to run twice."""

import datetime
import logging
from email.utils import make_msgid, parseaddr
from urllib.parse import urlsplit

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.emails import build_email
from core.retry import MAIL_RETRY

from . import privacy
from .emails import manage_link
from .models import AnnualOverview, Donation, DonationStatus, Donor, RecurringDonation
from .pdf import annual_overview_pdf, receipt_pdf
from .receipts import next_receipt_number, overview_sections, site_settings

logger = logging.getLogger(__name__)

PDF = "application/pdf"


@shared_task(bind=True, **MAIL_RETRY)
def send_receipt(self, donation_id):
    """Send the receipt for a paid donation once.

    The number and Message-ID are committed before anything is sent: a worker that dies after the mail server
    accepted the message cannot hand that number out again, and the resend is the same message. The row lock held
    while sending makes a concurrent second run wait, then skip.
    """
    try:
        if not _assign_receipt_number(donation_id):
            return "skipped"
        with transaction.atomic():
            donation = (
                Donation.objects.select_for_update().select_related("donor", "campaign").filter(pk=donation_id).first()
            )
            # Re-checked under the lock: a gift refunded since the number was given gets no receipt.
            if donation is None or donation.receipt_sent_at or donation.status != DonationStatus.PAID:
                return "skipped"
            _receipt_message(donation).send()
            donation.receipt_sent_at = timezone.now()
            donation.receipt_failed_at = None
            donation.save(update_fields=["receipt_sent_at", "receipt_failed_at"])
    except OSError:
        if self.request.retries >= self.max_retries:
            # Retries are used up: staff see this on the donation and can resend.
            Donation.objects.filter(pk=donation_id).update(receipt_failed_at=timezone.now())
        raise
    return "sent"


def _assign_receipt_number(donation_id):
    """Give a paid donation its receipt number and Message-ID, in a transaction of its own; False if none is due."""
    with transaction.atomic():
        donation = Donation.objects.select_for_update().filter(pk=donation_id).first()
        if donation is None or donation.receipt_sent_at or donation.status != DonationStatus.PAID:
            return False
        update_fields = []
        if not donation.receipt_number:
            donation.receipt_number = next_receipt_number(timezone.localtime(donation.paid_at).year)
            update_fields.append("receipt_number")
        if not donation.receipt_message_id:
            donation.receipt_message_id = make_msgid(domain=_message_id_domain())
            update_fields.append("receipt_message_id")
        if update_fields:
            donation.save(update_fields=update_fields)
    return True


def _message_id_domain():
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return address.rpartition("@")[2] or urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname


def _receipt_message(donation):
    anbi, receipt_settings = site_settings()
    context = {
        "donation": donation,
        "donor": donation.donor,
        "anbi": anbi,
        "thank_you_text": receipt_settings.thank_you_text,
        "manage_url": manage_link(donation.donor),
    }
    return build_email(
        "donations/email/receipt",
        context,
        subject=f"Bedankt voor uw gift aan {donation.campaign.title}",
        to=donation.donor.email,
        attachments=[(f"ontvangstbewijs-{donation.receipt_number}.pdf", receipt_pdf(donation, anbi), PDF)],
        headers={"Message-ID": donation.receipt_message_id},
    )


@shared_task
def sweep_unsent_receipts():
    """Queue again every paid donation whose receipt is overdue: covers a broker or worker that was down."""
    cutoff = timezone.now() - datetime.timedelta(seconds=settings.RECEIPT_SWEEP_AFTER_SECONDS)
    overdue = Donation.objects.filter(
        status=DonationStatus.PAID, receipt_sent_at__isnull=True, receipt_failed_at__isnull=True
    ).filter(paid_at__lte=cutoff)
    ids = list(overdue.values_list("pk", flat=True)[:500])
    for donation_id in ids:
        send_receipt.delay(donation_id)
    return len(ids)


@shared_task(**MAIL_RETRY)
def send_payment_failed(recurring_id, invoice_id):
    recurring = RecurringDonation.objects.select_related("donor", "campaign").filter(pk=recurring_id).first()
    if recurring is None:
        return "skipped"
    context = {"recurring": recurring, "manage_url": manage_link(recurring.donor), "invoice_id": invoice_id}
    build_email(
        "donations/email/payment_failed",
        context,
        subject="Uw terugkerende gift aan Stichting leerKRACHT: betaling mislukt",
        to=recurring.donor.email,
    ).send()
    return "sent"


@shared_task(**MAIL_RETRY)
def send_recurring_stopped(recurring_id):
    recurring = RecurringDonation.objects.select_related("donor", "campaign").filter(pk=recurring_id).first()
    if recurring is None:
        return "skipped"
    build_email(
        "donations/email/recurring_stopped",
        {"recurring": recurring},
        subject="Uw terugkerende gift aan Stichting leerKRACHT is gestopt",
        to=recurring.donor.email,
    ).send()
    return "sent"


@shared_task(**MAIL_RETRY)
def send_new_manage_link(donor_id):
    """The donor asked for a new "mijn donaties" link (the old one expired or got lost)."""
    donor = Donor.objects.filter(pk=donor_id).first()
    if donor is None:
        return "skipped"
    build_email(
        "donations/email/new_link",
        {"donor": donor, "manage_url": manage_link(donor)},
        subject="Uw nieuwe link naar Mijn donaties bij Stichting leerKRACHT",
        to=donor.email,
    ).send()
    return "sent"


@shared_task
def send_annual_overviews(year=None):
    """In January: one overview per donor with paid gifts last year. Re-running sends nothing twice."""
    year = year or timezone.localdate().year - 1
    donor_ids = (
        Donation.objects.filter(status=DonationStatus.PAID, paid_at__year=year)
        .values_list("donor_id", flat=True)
        .distinct()
    )
    for donor_id in donor_ids:
        send_annual_overview.delay(donor_id, year)
    return len(donor_ids)


@shared_task(**MAIL_RETRY)
def send_annual_overview(donor_id, year):
    with transaction.atomic():
        donor = Donor.objects.select_for_update().get(pk=donor_id)
        overview = AnnualOverview.objects.filter(donor=donor, year=year).first()
        if overview and overview.sent_at:
            return "skipped"
        donations = list(
            donor.donations.filter(status=DonationStatus.PAID, paid_at__year=year)
            .select_related("campaign")
            .order_by("paid_at")
        )
        if not donations:
            return "skipped"
        total = sum(donation.total_cents for donation in donations)
        overview = overview or AnnualOverview(donor=donor, year=year, total_cents=total, donation_count=len(donations))
        anbi, _ = site_settings()
        sections = overview_sections(donations)
        context = {"donor": donor, "year": year, "sections": sections, "total_cents": total, "anbi": anbi}
        build_email(
            "donations/email/annual_overview",
            context,
            subject=f"Uw jaaroverzicht {year} van Stichting leerKRACHT",
            to=donor.email,
            attachments=[(f"jaaroverzicht-{year}.pdf", annual_overview_pdf(donor, year, sections, total, anbi), PDF)],
        ).send()
        overview.total_cents, overview.donation_count, overview.sent_at = total, len(donations), timezone.now()
        overview.save()
    return "sent"


@shared_task
def erase_inactive_donors():
    """Monthly (beat): the same as `manage.py erase_inactive_donors`, for the 7-year AVG retention."""
    from django.core.management import call_command

    call_command("erase_inactive_donors")


@shared_task
def apply_waiting_stripe_events():
    """Every few minutes (beat): apply the Stripe events still waiting for their payment, and warn of old ones."""
    from .events import sweep_waiting_events

    return sweep_waiting_events()


# An erased donor's customer at Stripe: doubling pauses up to an hour, about a day before a person must step in.
STRIPE_CUSTOMER_DELETION_RETRIES = 30


@shared_task(bind=True, max_retries=STRIPE_CUSTOMER_DELETION_RETRIES)
def delete_stripe_customer(self, customer_id):
    """Delete an erased donor's customer at Stripe; retried while Stripe does not answer."""
    try:
        return privacy.delete_customer_at_stripe(customer_id)
    except privacy.stripe_gateway.StripeError as error:
        # Run in-process (eager), a retry comes at once, without the pause: it would only hold up the caller.
        if self.request.retries >= self.max_retries or self.request.is_eager:
            logger.error("Stripe customer %s is still not deleted; delete it at Stripe by hand", customer_id)
            raise
        # Read at run time, so the pause follows the settings of the worker that runs the task.
        countdown = min(settings.TASK_RETRY_BACKOFF_SECONDS * 2**self.request.retries, 3600)
        raise self.retry(exc=error, countdown=countdown) from error
