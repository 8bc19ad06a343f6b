"""Exports hold exactly the filtered rows; each staff action is in the audit log with who took it."""

import csv
import io

from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from campaigns.models import CampaignPage
from donations.admin_views import DonationViewSet
from donations.models import DonationStatus
from donations.tasks import send_receipt
from partners.models import RequestStatus

from .conftest import make_donation


def _csv_rows(response):
    """The data rows, without the heading, in the order of the view set's list_export."""
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content)))[1:]


def test_the_export_holds_exactly_the_filtered_donations(staff_client, campaign):
    other_campaign = CampaignPage.objects.exclude(pk=campaign.pk).first()
    kept = [make_donation(campaign, "anna@example.org"), make_donation(campaign, "bas@example.org", amount_cents=7500)]
    make_donation(campaign, "cor@example.org", status=DonationStatus.FAILED)
    make_donation(other_campaign, "dirk@example.org")

    response = staff_client("Financiën").get(
        reverse("donation:index"), {"export": "csv", "campaign": campaign.pk, "status": "paid"}
    )

    rows = _csv_rows(response)
    pk_column, email_column = DonationViewSet.list_export.index("pk"), DonationViewSet.list_export.index("donor.email")
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
