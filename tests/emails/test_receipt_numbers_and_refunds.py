"""A receipt's number and Message-ID are fixed before it is sent; a gift refunded first gets no receipt."""

import base64
import re
import zlib

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from campaigns.models import CampaignPage
from donations import tasks
from donations.models import Donation, DonationStatus, Donor
from donations.notifications import queue_receipt
from donations.state import transition
from donations.tasks import send_receipt, sweep_unsent_receipts


@pytest.fixture
def campaign(demo_site, settings):
    settings.DEFAULT_FROM_EMAIL = "Stichting leerKRACHT <info@stichting-leerkracht.nl>"
    settings.RECEIPT_SWEEP_AFTER_SECONDS = 0
    return CampaignPage.objects.get(slug="leerkracht-versneller")


def _paid(campaign, email="anna@example.org", **fields):
    donor = Donor.objects.create(email=email, name="Anna de Vries")
    return Donation.objects.create(
        campaign=campaign,
        donor=donor,
        amount_cents=2500,
        frequency="once",
        status=DonationStatus.PAID,
        paid_at=timezone.now(),
        **fields,
    )


def _pdf_text(message):
    (_, content, _) = message.attachments[0]
    streams = re.findall(rb"stream\r?\n(.*?)~>endstream", content, re.DOTALL)
    return "".join(zlib.decompress(base64.a85decode(stream)).decode("latin-1") for stream in streams)


def test_a_gift_refunded_before_its_queued_receipt_ran_gets_none(campaign, django_capture_on_commit_callbacks):
    donor = Donor.objects.create(email="anna@example.org")
    donation = Donation.objects.create(campaign=campaign, donor=donor, amount_cents=2500, frequency="once")
    with django_capture_on_commit_callbacks() as queued:
        with transaction.atomic():
            transition(donation, DonationStatus.PAID)
            queue_receipt(donation)
    transition(donation, DonationStatus.REFUNDED)  # the refund lands before the worker takes the receipt

    for callback in queued:
        callback()
    sweep_unsent_receipts.delay()

    assert mail.outbox == []
    donation.refresh_from_db()
    assert donation.receipt_sent_at is None


def test_a_gift_refunded_between_getting_its_number_and_sending_gets_no_receipt(campaign, monkeypatch):
    donation = _paid(campaign)
    assign = tasks._assign_receipt_number

    def assign_then_refund(donation_id):
        due = assign(donation_id)
        transition(Donation.objects.get(pk=donation_id), DonationStatus.REFUNDED)
        return due

    monkeypatch.setattr(tasks, "_assign_receipt_number", assign_then_refund)
    assert send_receipt.delay(donation.pk).get() == "skipped"
    monkeypatch.undo()

    assert mail.outbox == []
    donation.refresh_from_db()
    assert donation.receipt_sent_at is None
    # The number stays with the refunded gift; the next gift gets the next one.
    later = _paid(campaign, email="bert@example.org")
    send_receipt.delay(later.pk)
    later.refresh_from_db()
    assert later.receipt_number == f"{donation.receipt_number[:5]}{int(donation.receipt_number[5:]) + 1:06d}"
    assert [message.to for message in mail.outbox] == [["bert@example.org"]]


def test_sending_a_receipt_again_sends_the_same_message_with_the_same_number(campaign):
    donation = _paid(campaign)
    send_receipt.delay(donation.pk)
    donation.refresh_from_db()
    assert re.fullmatch(r"<[^@<>]+@stichting-leerkracht\.nl>", donation.receipt_message_id)

    # What a retry finds when the mail server took the receipt but the worker died before recording it.
    Donation.objects.filter(pk=donation.pk).update(receipt_sent_at=None)
    send_receipt.delay(donation.pk)

    first, second = mail.outbox
    assert first.message()["Message-ID"] == second.message()["Message-ID"] == donation.receipt_message_id
    assert first.attachments[0][0] == second.attachments[0][0] == f"ontvangstbewijs-{donation.receipt_number}.pdf"
    assert first.attachments[0][1] == second.attachments[0][1]  # the same document, byte for byte
    assert donation.receipt_number in _pdf_text(first)
    assert Donation.objects.get(pk=donation.pk).receipt_number == donation.receipt_number


def test_a_receipt_numbered_before_message_ids_were_kept_keeps_its_number_and_gets_one(campaign):
    donation = _paid(campaign, receipt_number="2026-000007")
    send_receipt.delay(donation.pk)

    (message,) = mail.outbox
    donation.refresh_from_db()
    assert donation.receipt_number == "2026-000007"
    assert donation.receipt_message_id and message.message()["Message-ID"] == donation.receipt_message_id
