"""The agreement's calendar: a start year ahead waits for January, and a stop before the end is recorded with its
cause, stops the direct debit's successor mails and tells the donor."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from campaigns.models import CampaignPage
from periodic_gifts.models import AgreementStatus, EndReason, PeriodicGiftAgreement
from periodic_gifts.tasks import track_agreement_terms
from tests.conftest import browser_like_client

from .helpers import REQUEST_PATH, agreement_form, finance_client, signed_scan

pytestmark = pytest.mark.usefixtures("module_demo_site", "db")


def _signed_agreement(client, django_user_model, capture, **changes):
    campaign = CampaignPage.objects.get(slug="besturenprogramma")
    with capture(execute=True):
        response = client.post(REQUEST_PATH, agreement_form(**{"campaign": campaign.pk, **changes}))
    page_path = response["Location"]
    with capture(execute=True):
        client.post(page_path + "getekend/", {"signed_copy": SimpleUploadedFile("s.pdf", signed_scan())})
    agreement = PeriodicGiftAgreement.objects.get()
    staff = finance_client(browser_like_client(), django_user_model)
    url = reverse("periodicgiftagreement:countersign", args=[agreement.pk])
    staff.get(url)
    with capture(execute=True):
        staff.post(url, {"csrfmiddlewaretoken": staff.cookies["csrftoken"].value})
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.COUNTERSIGNED
    return agreement, page_path, staff


def test_a_start_year_ahead_invites_to_the_first_payment_in_january(
    client, django_user_model, django_capture_on_commit_callbacks
):
    next_year = timezone.localdate().year + 1
    agreement, page_path, _staff = _signed_agreement(
        client, django_user_model, django_capture_on_commit_callbacks, start_year=str(next_year)
    )
    signed = [message for message in mail.outbox if "is ondertekend" in message.subject][-1]
    assert f"Uw eerste betaling is in {next_year}" in signed.body
    page = client.get(page_path).content.decode()
    assert "Eerste betaling starten" not in page
    assert f"Uw eerste betaling is in {next_year}" in page

    track_agreement_terms()
    assert not [message for message in mail.outbox if "gaat dit jaar in" in message.subject]
    with time_machine.travel(datetime.datetime(next_year, 1, 2, 8, tzinfo=datetime.UTC)):
        with django_capture_on_commit_callbacks(execute=True):
            track_agreement_terms()
            track_agreement_terms()
        assert "Eerste betaling starten" in client.get(page_path).content.decode()
    invitations = [message for message in mail.outbox if "gaat dit jaar in" in message.subject]
    assert len(invitations) == 1
    assert "/periodiek-schenken/" in invitations[0].body


def test_ending_early_records_the_cause_and_tells_the_donor(
    client, django_user_model, django_capture_on_commit_callbacks
):
    agreement, page_path, staff = _signed_agreement(
        client,
        django_user_model,
        django_capture_on_commit_callbacks,
        start_year=str(timezone.localdate().year),
        payment_method="bank_transfer",
    )
    url = reverse("periodicgiftagreement:end", args=[agreement.pk])
    assert "Looptijd voltooid" not in staff.get(url).content.decode()  # the term ends by itself, not by hand
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(
            url,
            {
                "reason": EndReason.LOSS_OF_INCOME,
                "ended_on": timezone.localdate().strftime("%d-%m-%Y"),
                "csrfmiddlewaretoken": staff.cookies["csrftoken"].value,
            },
        )
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ENDED
    assert agreement.end_reason == EndReason.LOSS_OF_INCOME
    ended = [message for message in mail.outbox if "is afgelopen" in message.subject]
    assert len(ended) == 1 and "arbeidsongeschiktheid" in ended[0].body
    assert "Beëindigd" in client.get(page_path).content.decode()
    # Ended is final: a second end changes nothing.
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(
            url,
            {
                "reason": EndReason.DEATH_OF_DONOR,
                "ended_on": timezone.localdate().strftime("%d-%m-%Y"),
                "csrfmiddlewaretoken": staff.cookies["csrftoken"].value,
            },
        )
    agreement.refresh_from_db()
    assert agreement.end_reason == EndReason.LOSS_OF_INCOME
