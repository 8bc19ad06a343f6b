"""Exports hold exactly the filtered rows; each staff action is in the audit log with who took it."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from campaigns.models import CampaignPage
from donations.admin_views import DonationViewSet
from donations.models import Donation, DonationStatus
from donations.tasks import send_receipt
from partners.models import RequestStatus

from .conftest import make_donation


def _csv_rows(response):
    """The data rows, without the heading, in the order of the view set's list_export."""
    return _csv(response)[1:]


def _csv(response):
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content), delimiter=";"))


def test_the_export_holds_exactly_the_filtered_donations(staff_client, campaign):
    other_campaign = CampaignPage.objects.exclude(pk=campaign.pk).first()
    kept = [make_donation(campaign, "anna@example.org"), make_donation(campaign, "bas@example.org", amount_cents=7500)]
    make_donation(campaign, "cor@example.org", status=DonationStatus.FAILED)
    make_donation(other_campaign, "dirk@example.org")

    response = staff_client("Financiën").get(
        reverse("donation:index"), {"export": "csv", "campaign": campaign.pk, "status": "paid"}
    )

    rows = _csv_rows(response)
    fields = [column.field for column in DonationViewSet.export_columns]
    pk_column, email_column = fields.index("pk"), fields.index("donor.email")
    assert sorted(int(row[pk_column]) for row in rows) == sorted(donation.pk for donation in kept)
    assert {row[email_column] for row in rows} == {"anna@example.org", "bas@example.org"}


def test_resending_a_receipt_mails_it_again_and_is_logged(staff_client, records, django_capture_on_commit_callbacks):
    client = staff_client("Fondsenwerving")
    donation = records["donation"]
    send_receipt.delay(donation.pk)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("donation:resend_receipt", args=[donation.pk]))

    first, resent = mail.outbox
    assert first.to == resent.to == ["anna@example.org"]
    # The same receipt (number), as a new message: a mail program would hide a second copy of the first.
    assert first.attachments[0][0] == resent.attachments[0][0]
    assert first.message()["Message-ID"] != resent.message()["Message-ID"]
    entry = ModelLogEntry.objects.get(action="leerkracht.receipt_resent")
    assert (entry.object_id, entry.user) == (str(donation.pk), client.user)


def test_logging_a_conversation_moves_the_request_on_and_sends_the_follow_up(
    staff_client, records, django_capture_on_commit_callbacks
):
    client = staff_client("Fondsenwerving")
    partnership = records["partnershiprequest"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("partnershiprequest:pipeline", args=[partnership.pk]),
            {"status": RequestStatus.NEW, "owner": "", "conversation": "Gebeld; interesse in de Versneller."},
        )

    assert response.status_code == 302
    partnership.refresh_from_db()
    assert (partnership.status, partnership.owner) == (RequestStatus.CONTACTED, client.user)
    assert "interesse in de Versneller" in partnership.notes
    assert partnership.follow_up_sent_at is not None
    assert [message.to for message in mail.outbox] == [["bert@fonds.example"]]
    actions = set(ModelLogEntry.objects.filter(user=client.user).values_list("action", flat=True))
    assert actions == {"leerkracht.conversation_logged", "leerkracht.partnership_updated"}


def test_a_status_change_goes_through_the_pipeline(staff_client, records):
    client = staff_client("Fondsenwerving")
    partnership = records["partnershiprequest"]
    client.post(
        reverse("partnershiprequest:pipeline", args=[partnership.pk]),
        {"status": RequestStatus.MEETING_PLANNED, "owner": client.user.pk, "conversation": ""},
    )

    partnership.refresh_from_db()
    assert (partnership.status, partnership.owner) == (RequestStatus.MEETING_PLANNED, client.user)
    assert partnership.contacted_at is not None


def test_the_treasurers_export_has_dutch_headings_euros_amsterdam_times_and_labels(staff_client, campaign):
    paid_at = datetime.datetime(2026, 6, 30, 22, 30, tzinfo=datetime.UTC)  # 1 July, 00:30 in Amsterdam
    donation = make_donation(
        campaign,
        "anna@example.org",
        amount_cents=123_450,
        fee_cents=204,
        refunded_cents=5_000,
        stripe_payment_intent_id="pi_123",
        receipt_number="2026-000123",
    )
    Donation.objects.filter(pk=donation.pk).update(paid_at=paid_at)
    client = staff_client("Financiën")

    heading, row = _csv(client.get(reverse("donation:index"), {"export": "csv"}))
    cells = dict(zip(heading, row, strict=True))

    assert cells["Gift (€)"] == "1234,50"
    assert cells["Bijdrage transactiekosten (€)"] == "2,04"
    assert cells["Bruto ontvangen (€)"] == "1236,54"
    assert cells["Terugbetaald (€)"] == "50,00"
    assert cells["Betaald op"] == "2026-07-01 00:30"
    assert cells["Status"] == "Betaald"
    assert cells["Soort gift"] == "Eenmalige gift"
    assert cells["Campagne"] == "Besturenprogramma"
    assert (cells["Stripe-betaling"], cells["Ontvangstbewijs"]) == ("pi_123", "2026-000123")

    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(client.get(reverse("donation:index"), {"export": "xlsx"}))))
    sheet_heading, sheet_row = workbook.active.iter_rows(values_only=True)
    sheet = dict(zip(sheet_heading, sheet_row, strict=True))
    assert sheet["Gift (€)"] == Decimal("1234.50")
    assert sheet["Betaald op"] == datetime.datetime(2026, 7, 1, 0, 30)
