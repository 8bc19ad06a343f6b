"""Erasing a donor removes the personal fields and keeps the financial records."""

import csv
import io
import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from donations.models import Donation, DonationStatus, Donor, Frequency, RecurringDonation, RecurringStatus
from donations.privacy import erase_donor

from .conftest import make_donation

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def at(year, month, day, hour=12, minute=0):
    """A moment in Dutch time."""
    return datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


def test_erasure_removes_personal_fields_and_keeps_the_gifts(campaign):
    donation = make_donation(campaign, "anna@example.org", amount_cents=5000, receipt_number="2026-000001")
    Donor.objects.filter(pk=donation.donor_id).update(newsletter_opt_in=True, stripe_customer_id="cus_1")

    donor = erase_donor(donation.donor)

    assert (donor.email, donor.name, donor.newsletter_opt_in, donor.stripe_customer_id) == (
        f"verwijderd-{donor.pk}@invalid",
        "",
        False,
        None,
    )
    kept = Donation.objects.get(pk=donation.pk)
    assert (kept.donor_id, kept.amount_cents, kept.campaign_id, kept.receipt_number, kept.paid_at) == (
        donor.pk,
        5000,
        campaign.pk,
        "2026-000001",
        donation.paid_at,
    )


def test_the_command_erases_only_donors_without_gifts_in_seven_years(campaign):
    eight_years_ago = timezone.now() - timedelta(days=8 * 365)
    old = make_donation(campaign, "oud@example.org")
    recent = make_donation(campaign, "recent@example.org")
    Donation.objects.filter(pk=old.pk).update(created_at=eight_years_ago, paid_at=eight_years_ago)
    Donor.objects.update(created_at=eight_years_ago)

    call_command("erase_inactive_donors", stdout=io.StringIO())

    assert Donor.objects.get(pk=old.donor_id).email == f"verwijderd-{old.donor_id}@invalid"
    assert Donor.objects.get(pk=recent.donor_id).email == "recent@example.org"


def test_finance_downloads_everything_about_one_donor(staff_client, campaign):
    donation = make_donation(campaign, "anna@example.org", amount_cents=5000)
    client = staff_client("Financiën")

    data = client.get(reverse("donor:data_json", args=[donation.donor_id])).json()
    rows = list(csv.reader(io.StringIO(client.get(reverse("donor:data_csv", args=[donation.donor_id])).text)))

    assert data["donor"]["email"] == "anna@example.org"
    assert [(gift["id"], gift["amount_cents"]) for gift in data["donations"]] == [(donation.pk, 5000)]
    assert ["donateur", "email", "anna@example.org"] in rows
    assert ModelLogEntry.objects.filter(action="leerkracht.donor_data_exported", user=client.user).count() == 2


def test_fundraising_staff_may_not_download_or_erase_a_donor(staff_client, campaign):
    donor = make_donation(campaign, "anna@example.org").donor
    client = staff_client("Fondsenwerving")
    for url_name in ("donor:data_json", "donor:data_csv", "donor:erase"):
        assert client.post(reverse(url_name, args=[donor.pk])).status_code == 403


def test_erasing_from_the_admin_is_logged(staff_client, campaign):
    donor = make_donation(campaign, "anna@example.org").donor
    client = staff_client("Beheer")

    assert client.post(reverse("donor:erase", args=[donor.pk])).status_code == 302

    donor.refresh_from_db()
    assert donor.email == f"verwijderd-{donor.pk}@invalid"
    assert ModelLogEntry.objects.get(action="leerkracht.donor_erased").user == client.user


def test_erasure_takes_the_donor_out_of_the_audit_log_and_keeps_what_was_done(staff_client, campaign):
    donation = make_donation(campaign, "anna@example.org")
    Donor.objects.filter(pk=donation.donor_id).update(name="Anna de Vries")
    anna = Donor.objects.get(pk=donation.donor_id)
    recurring = RecurringDonation.objects.create(
        donor=anna, campaign=campaign, amount_cents=1000, frequency=Frequency.MONTHLY, status=RecurringStatus.CANCELED
    )
    other = make_donation(campaign, "joanna@example.org").donor
    client = staff_client("Financiën")
    client.get(reverse("donor:data_json", args=[anna.pk]))
    client.get(reverse("donor:data_json", args=[other.pk]))
    # As the admin's actions write them: the record as text is the entry's label.
    log(recurring, "leerkracht.recurring_stop_requested", user=client.user)
    log(donation, "leerkracht.refund_requested", user=client.user, data={"note": "Gevraagd door anna@example.org"})
    before = {entry.pk: (entry.action, entry.timestamp, entry.user_id) for entry in ModelLogEntry.objects.all()}
    assert any("Anna de Vries" in entry.label for entry in ModelLogEntry.objects.all())

    assert client.post(reverse("donor:erase", args=[anna.pk])).status_code == 302

    entries = ModelLogEntry.objects.order_by("pk")
    anna_entries = [entry for entry in entries if entry.object_id != str(other.pk)]
    text = json.dumps([(entry.label, entry.data) for entry in anna_entries]).lower()
    assert "anna" not in text
    assert {
        entry.pk: (entry.action, entry.timestamp, entry.user_id) for entry in entries if entry.pk in before
    } == before
    assert (
        ModelLogEntry.objects.get(action="leerkracht.recurring_stop_requested").label == "€ 10 maandelijks – verwijderd"
    )
    assert ModelLogEntry.objects.get(action="leerkracht.refund_requested").data == {"note": "Gevraagd door verwijderd"}
    erased = ModelLogEntry.objects.get(action="leerkracht.donor_erased")
    assert (erased.user, erased.object_id) == (client.user, str(anna.pk))
    # The other donor's entries are as they were.
    assert ModelLogEntry.objects.get(object_id=str(other.pk), action="leerkracht.donor_data_exported").label == "Joanna"


def test_donors_are_kept_seven_calendar_years_after_the_year_of_their_last_gift(campaign):
    gifts = {
        "anna@example.org": at(2019, 3, 1),
        "bram@example.org": at(2019, 12, 31, 23, 30),
        # Half past midnight on New Year's Day in Amsterdam is still the old year in UTC: a 2020 gift.
        "carla@example.org": at(2020, 1, 1, 0, 30),
    }
    for email, given_at in gifts.items():
        with time_machine.travel(given_at, tick=False):
            make_donation(campaign, email)

    def kept_on(moment):
        with time_machine.travel(moment, tick=False):
            call_command("erase_inactive_donors", stdout=io.StringIO())
        return sorted(Donor.objects.exclude(email__endswith="@invalid").values_list("email", flat=True))

    # A gift in year Y is kept through 31 December of Y+7 and may go from 1 January of Y+8, Dutch time.
    assert kept_on(at(2026, 12, 31, 23, 30)) == sorted(gifts)
    assert kept_on(at(2027, 1, 1, 0, 30)) == ["carla@example.org"]
    assert kept_on(at(2027, 12, 31, 23, 30)) == ["carla@example.org"]
    assert kept_on(at(2028, 1, 1, 0, 30)) == []


def test_a_gift_paid_in_the_next_year_counts_for_that_year(campaign):
    with time_machine.travel(at(2019, 12, 31, 23, 50), tick=False):
        donation = make_donation(campaign, "anna@example.org", status=DonationStatus.PENDING)
    Donation.objects.filter(pk=donation.pk).update(status=DonationStatus.PAID, paid_at=at(2020, 1, 1, 0, 10))

    with time_machine.travel(at(2027, 6, 1), tick=False):
        call_command("erase_inactive_donors", stdout=io.StringIO())

    assert Donor.objects.get(pk=donation.donor_id).email == "anna@example.org"
