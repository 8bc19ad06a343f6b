"""Erasing a donor removes the personal fields and keeps the financial records."""

import io
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

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
