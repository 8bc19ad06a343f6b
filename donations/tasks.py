"""Donor e-mails. Tasks take ids, re-read state and are safe to run twice."""

import logging

from celery import shared_task
from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .models import Donation, DonationStatus, RecurringDonation
from .my_donations import SALT

logger = logging.getLogger(__name__)
RETRY = {"autoretry_for": (OSError,), "retry_backoff": 30, "retry_backoff_max": 3600, "max_retries": 8}


def manage_link(donor):
    token = signing.dumps({"donor": donor.pk}, salt=SALT)
    return settings.WAGTAILADMIN_BASE_URL + reverse("donations:my_donations", args=[token])


@shared_task(**RETRY)
def send_receipt(donation_id):
    with transaction.atomic():
        donation = (
            Donation.objects.select_for_update().select_related("donor", "campaign").filter(pk=donation_id).first()
        )
        if donation is None or donation.receipt_sent_at or donation.status != DonationStatus.PAID:
            return "skipped"
        context = {"donation": donation, "donor": donation.donor, "manage_url": manage_link(donation.donor)}
        send_mail(
            subject=f"Bedankt voor uw gift aan {donation.campaign.title}",
            message=render_to_string("donations/email/receipt.txt", context),
            from_email=None,
            recipient_list=[donation.donor.email],
        )
        donation.receipt_sent_at = timezone.now()
        donation.save(update_fields=["receipt_sent_at"])
    return "sent"


@shared_task(**RETRY)
def send_payment_failed(recurring_id, invoice_id):
    recurring = RecurringDonation.objects.select_related("donor", "campaign").filter(pk=recurring_id).first()
    if recurring is None:
        return "skipped"
    context = {"recurring": recurring, "manage_url": manage_link(recurring.donor)}
    send_mail(
        subject="Uw periodieke gift aan Stichting leerKRACHT: betaling mislukt",
        message=render_to_string("donations/email/payment_failed.txt", context),
        from_email=None,
        recipient_list=[recurring.donor.email],
    )
    return "sent"


@shared_task(**RETRY)
def send_recurring_stopped(recurring_id):
    recurring = RecurringDonation.objects.select_related("donor", "campaign").filter(pk=recurring_id).first()
    if recurring is None:
        return "skipped"
    send_mail(
        subject="Uw periodieke gift aan Stichting leerKRACHT is gestopt",
        message=render_to_string("donations/email/recurring_stopped.txt", {"recurring": recurring}),
        from_email=None,
        recipient_list=[recurring.donor.email],
    )
    return "sent"
