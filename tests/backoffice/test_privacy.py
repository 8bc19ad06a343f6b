"""Erasing a donor removes the personal fields and keeps the financial records."""

import csv
import io
from datetime import timedelta

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from donations.models import Donation, Donor
from donations.privacy import erase_donor

from .conftest import make_donation


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
    Donation.objects.filter(pk=old.pk).update(created_at=eight_years_ago)
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
