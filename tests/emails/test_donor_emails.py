"""What the receipt and the yearly overview say, and that each goes out once."""

import base64
import datetime
import re
import zlib

import pytest
from celery import Task
from django.core import mail
from django.utils import timezone, translation
from kombu.exceptions import OperationalError
from wagtail.models import Site

from campaigns.models import CampaignPage
from donations import notifications
from donations.models import AnnualOverview, Donation, DonationStatus, ReceiptSettings
from donations.tasks import send_annual_overviews, send_receipt, sweep_unsent_receipts
from pages.models import AnbiSettings
from tests.factories import DonationFactory, DonorFactory


@pytest.fixture
def campaign(demo_site):
    site = Site.objects.get(is_default_site=True)
    anbi = AnbiSettings.for_site(site)
    anbi.rsin = "812345678"
    anbi.save()
    receipt_settings = ReceiptSettings.for_site(site)
    receipt_settings.thank_you_text = "Dankzij u leren leraren van elkaar."
    receipt_settings.save()
    return CampaignPage.objects.get(slug="leerkracht-versneller")


def _paid(campaign, email, cents, paid_at, **fields):
    return DonationFactory(
        campaign=campaign,
        donor=DonorFactory(email=email, name="Anna de Vries"),
        amount_cents=cents,
        status=DonationStatus.PAID,
        paid_at=paid_at,
        **fields,
    )


def _pdf_text(message):
    """The attachment's name and the text drawn in it (reportlab writes ASCII85-encoded, deflated page streams)."""
    (name, content, mimetype) = message.attachments[0]
    assert mimetype == "application/pdf" and content.startswith(b"%PDF")
    streams = re.findall(rb"stream\r?\n(.*?)~>endstream", content, re.DOTALL)
    text = "".join(zlib.decompress(base64.a85decode(stream)).decode("latin-1") for stream in streams)
    return name, text


def test_the_receipt_names_amount_date_campaign_anbi_and_rsin_with_a_pdf_copy(campaign):
    paid_at = timezone.make_aware(datetime.datetime(2026, 3, 14, 12, 0))
    donation = _paid(campaign, "anna@example.org", 125_000, paid_at)
    send_receipt.delay(donation.pk)

    (message,) = mail.outbox
    assert message.to == ["anna@example.org"]
    assert message.subject == "Bedankt voor uw gift aan leerKRACHT-Versneller"
    for text in (message.body, message.alternatives[0][0]):
        for expected in (
            "€ 1.250,00",
            "14 maart 2026",
            "leerKRACHT-Versneller",
            "ANBI",
            "RSIN 812345678",
            "2026-000001",
            "Dankzij u leren leraren van elkaar.",
            "Eenmalig",
        ):
            assert expected in text, expected
    name, pdf = _pdf_text(message)
    assert name == "ontvangstbewijs-2026-000001.pdf"
    assert "1.250,00" in pdf and "812345678" in pdf and "14-03-2026" in pdf


def test_a_receipt_sent_while_an_english_page_is_served_is_still_dutch_with_its_pdf(campaign):
    donation = _paid(campaign, "anna@example.org", 125_000, timezone.make_aware(datetime.datetime(2026, 3, 14, 12)))
    with translation.override("en"):
        send_receipt.delay(donation.pk)

    (message,) = mail.outbox
    assert "€ 1.250,00" in message.body and "14 maart 2026" in message.body
    _name, pdf = _pdf_text(message)
    assert "1.250,00" in pdf and "1,250.00" not in pdf


def test_receipt_numbers_are_sequential_per_year_and_each_receipt_is_sent_once(campaign):
    first = _paid(campaign, "a@example.org", 2500, timezone.make_aware(datetime.datetime(2026, 1, 5, 9)))
    second = _paid(campaign, "b@example.org", 2500, timezone.make_aware(datetime.datetime(2026, 1, 6, 9)))
    next_year = _paid(campaign, "c@example.org", 2500, timezone.make_aware(datetime.datetime(2027, 1, 2, 9)))
    for donation in (first, second, next_year, first, second):
        send_receipt.delay(donation.pk)
    sweep_unsent_receipts.delay()  # nothing left to send
    numbers = [Donation.objects.get(pk=d.pk).receipt_number for d in (first, second, next_year)]
    assert numbers == ["2026-000001", "2026-000002", "2027-000001"]
    assert len(mail.outbox) == 3


def test_the_yearly_overview_lists_last_years_paid_gifts_once_per_donor(campaign):
    in_year = timezone.make_aware(datetime.datetime(2025, 6, 1, 10))
    _paid(campaign, "anna@example.org", 5000, in_year)
    _paid(campaign, "anna@example.org", 2500, in_year + datetime.timedelta(days=30))
    _paid(campaign, "anna@example.org", 9900, timezone.make_aware(datetime.datetime(2026, 1, 3, 10)))  # next year
    refunded = _paid(campaign, "anna@example.org", 7000, in_year)
    Donation.objects.filter(pk=refunded.pk).update(status=DonationStatus.REFUNDED)
    _paid(campaign, "bob@example.org", 1000, in_year)

    send_annual_overviews.delay(2025)
    send_annual_overviews.delay(2025)  # re-running sends nothing twice

    assert sorted(message.to[0] for message in mail.outbox) == ["anna@example.org", "bob@example.org"]
    anna = next(message for message in mail.outbox if message.to == ["anna@example.org"])
    assert anna.subject == "Uw jaaroverzicht 2025 van Stichting leerKRACHT"
    assert "Totaal: € 75,00" in anna.body
    assert "€ 99,00" not in anna.body and "€ 70,00" not in anna.body
    name, pdf = _pdf_text(anna)
    assert name == "jaaroverzicht-2025.pdf"
    assert "75,00" in pdf and "812345678" in pdf
    assert AnnualOverview.objects.get(donor__email="anna@example.org", year=2025).total_cents == 7500


def test_a_resent_receipt_has_the_same_number_and_a_new_message_id(campaign, django_capture_on_commit_callbacks):
    donation = _paid(campaign, "anna@example.org", 2500, timezone.now())
    send_receipt.delay(donation.pk)
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.resend_receipt(donation) is True

    first, resent = mail.outbox
    assert _pdf_text(first)[0] == _pdf_text(resent)[0]  # ontvangstbewijs-<the same number>.pdf
    assert first.extra_headers["Message-ID"] != resent.extra_headers["Message-ID"]
    donation.refresh_from_db()
    assert donation.receipt_message_id == resent.extra_headers["Message-ID"]


def test_only_a_paid_gift_gets_its_receipt_again(campaign, django_capture_on_commit_callbacks):
    donation = _paid(campaign, "anna@example.org", 2500, timezone.now())
    send_receipt.delay(donation.pk)
    Donation.objects.filter(pk=donation.pk).update(status=DonationStatus.REFUNDED)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert notifications.resend_receipt(donation) is False

    assert callbacks == []
    assert len(mail.outbox) == 1
    donation.refresh_from_db()
    assert donation.receipt_sent_at is not None


def test_a_resend_while_the_broker_is_down_is_left_to_the_sweep(
    campaign, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    donation = _paid(campaign, "anna@example.org", 2500, timezone.now() - datetime.timedelta(hours=1))
    send_receipt.delay(donation.pk)

    def refuse(*args, **kwargs):
        raise OperationalError("[Errno 111] Connection refused")

    monkeypatch.setattr(Task, "apply_async", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.resend_receipt(donation) is True
    monkeypatch.undo()

    assert "Could not queue" in caplog.text
    assert len(mail.outbox) == 1
    sweep_unsent_receipts.delay()  # the gift was paid an hour ago: its receipt is overdue
    assert len(mail.outbox) == 2
