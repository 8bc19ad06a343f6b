"""Donor e-mails and their safety nets. Tasks take ids, re-read state and are safe to run twice."""

import datetime
import logging
from email.utils import make_msgid, parseaddr
from urllib.parse import urlsplit

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.retry import MAIL_RETRY
from pages.i18n import locale_id_for, localize_pages

from . import privacy
from .emails import campaign_title, donor_email, donor_language, in_language_of, manage_link
from .models import DEFAULT_THANK_YOU_TEXT, AnnualOverview, Donation, DonationStatus, Donor, RecurringDonation
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
    donor = donation.donor
    with in_language_of(donor):
        context = {
            "donation": donation,
            "anbi": anbi,
            "thank_you_text": _thank_you_text(receipt_settings, donor_language(donor)),
            "manage_url": manage_link(donor),
            "campaign_title": campaign_title(donation.campaign),
        }
        subject = _("Bedankt voor uw gift aan %(campaign)s") % {"campaign": context["campaign_title"]}
    return donor_email(
        "donations/email/receipt",
        context,
        donor=donor,
        subject=subject,
        # The receipt PDF stays a Dutch document whatever the mail's language: it is for the Dutch tax return.
        attachments=[(f"ontvangstbewijs-{donation.receipt_number}.pdf", receipt_pdf(donation, anbi), PDF)],
        headers={"Message-ID": donation.receipt_message_id},
    )


def _thank_you_text(receipt_settings, language):
    """The editors' thank-you text is Dutch; an English receipt takes its English text, or the default's English."""
    if language == "nl":
        return receipt_settings.thank_you_text
    return receipt_settings.thank_you_text_en or _(DEFAULT_THANK_YOU_TEXT)


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
def send_refund_notice(donation_id):
    """Tell the donor what was refunded since the last notice: once per rise of the refund total.

    The new total is marked as told in the transaction that sends, under the row lock: a repeated or racing run
    finds it told and sends nothing; a failed send rolls the mark back for the retry. A worker that dies after the
    mail server took the message sends it again with the same Message-ID, which mail programs show once.
    """
    with transaction.atomic():
        donation = (
            Donation.objects.select_for_update().select_related("donor", "campaign").filter(pk=donation_id).first()
        )
        if donation is None or privacy.is_erased(donation.donor):
            return "skipped"
        told = donation.refund_notice_sent_cents
        if donation.refunded_cents <= told:
            return "skipped"
        # Conditional, so that on a database without row locks (SQLite) only one of two racing runs goes on.
        if not Donation.objects.filter(pk=donation.pk, refund_notice_sent_cents=told).update(
            refund_notice_sent_cents=donation.refunded_cents
        ):
            return "skipped"
        _refund_message(donation, donation.refunded_cents - told).send()
    return "sent"


def _refund_message(donation, refund_cents):
    donor = donation.donor
    anbi, _receipt_settings = site_settings()
    with in_language_of(donor):
        context = {
            "donation": donation,
            "anbi": anbi,
            "refund_cents": refund_cents,
            "partial": donation.refunded_cents < donation.total_cents,
            "campaign_title": campaign_title(donation.campaign),
        }
        subject = _("Uw gift is terugbetaald")
    message_id = f"<refund-{donation.public_id}-{donation.refunded_cents}@{_message_id_domain()}>"
    return donor_email(
        "donations/email/refund_notice", context, donor=donor, subject=subject, headers={"Message-ID": message_id}
    )


@shared_task
def sweep_unsent_refund_notices():
    """Queue again the refund notices a broker that was down never took; a notice is tried again for a day."""
    cutoff = timezone.now() - datetime.timedelta(seconds=settings.RECEIPT_SWEEP_AFTER_SECONDS)
    untold = Donation.objects.filter(
        refunded_cents__gt=F("refund_notice_sent_cents"),
        updated_at__lte=cutoff,
        updated_at__gt=cutoff - datetime.timedelta(days=1),
    )
    ids = list(untold.values_list("pk", flat=True)[:500])
    for donation_id in ids:
        send_refund_notice.delay(donation_id)
    return len(ids)


@shared_task(**MAIL_RETRY)
def send_payment_failed(recurring_id, invoice_id):
    recurring = RecurringDonation.objects.select_related("donor", "campaign").filter(pk=recurring_id).first()
    if recurring is None:
        return "skipped"
    donor = recurring.donor
    with in_language_of(donor):
        context = {
            "recurring": recurring,
            "manage_url": manage_link(donor),
            "invoice_id": invoice_id,
            "campaign_title": campaign_title(recurring.campaign),
        }
        subject = _("Uw terugkerende gift aan Stichting leerKRACHT: betaling mislukt")
    donor_email("donations/email/payment_failed", context, donor=donor, subject=subject).send()
    return "sent"


@shared_task(**MAIL_RETRY)
def send_recurring_stopped(recurring_id):
    recurring = RecurringDonation.objects.select_related("donor", "campaign").filter(pk=recurring_id).first()
    if recurring is None:
        return "skipped"
    donor = recurring.donor
    with in_language_of(donor):
        context = {"recurring": recurring, "campaign_title": campaign_title(recurring.campaign)}
        subject = _("Uw terugkerende gift aan Stichting leerKRACHT is gestopt")
    donor_email("donations/email/recurring_stopped", context, donor=donor, subject=subject).send()
    return "sent"


@shared_task(**MAIL_RETRY)
def send_new_manage_link(donor_id):
    """The donor asked for a new "mijn donaties" link (the old one expired or got lost)."""
    donor = Donor.objects.filter(pk=donor_id).first()
    if donor is None:
        return "skipped"
    with in_language_of(donor):
        subject = _("Uw nieuwe link naar Mijn donaties bij Stichting leerKRACHT")
    donor_email("donations/email/new_link", {"manage_url": manage_link(donor)}, donor=donor, subject=subject).send()
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
        anbi, _receipt_settings = site_settings()
        sections = overview_sections(donations)
        with in_language_of(donor):
            _name_campaigns(donations)
            subject = _("Uw jaaroverzicht %(year)s van Stichting leerKRACHT") % {"year": year}
        context = {"year": year, "sections": sections, "total_cents": total, "anbi": anbi}
        # The PDF stays a Dutch document whatever the mail's language: it is for the Dutch tax return.
        pdf = annual_overview_pdf(donor, year, sections, total, anbi)
        donor_email(
            "donations/email/annual_overview",
            context,
            donor=donor,
            subject=subject,
            attachments=[(f"jaaroverzicht-{year}.pdf", pdf, PDF)],
        ).send()
        overview.total_cents, overview.donation_count, overview.sent_at = total, len(donations), timezone.now()
        overview.save()
    return "sent"


def _name_campaigns(donations):
    """Give each gift its campaign's title in the active language (`campaign_title`), in one query."""
    titles = localize_pages([donation.campaign for donation in donations], locale_id_for())
    for donation, page in zip(donations, titles, strict=True):
        donation.campaign_title = page.title


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
