import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from campaigns.models import CampaignPage
from donations.models import Donation, DonationStatus, Donor, Frequency, RecurringDonation, StripeEvent
from partners.models import PartnerInterest, PartnerKind, PartnershipRequest

GROUPS = ["Redactie", "Fondsenwerving", "Financiën", "Beheer"]


@pytest.fixture
def staff_client(client, django_user_model):
    """A client logged in as a staff member in `group_name`."""

    def log_in(group_name):
        user = django_user_model.objects.create_user(
            username=f"user-{group_name}", email=f"{group_name.lower()}@leerkracht.nl", password="x", is_staff=True
        )
        user.groups.add(Group.objects.get(name=group_name))
        client.force_login(user)
        client.user = user
        return client

    return log_in


@pytest.fixture
def campaign(demo_site):
    return CampaignPage.objects.get(slug="besturenprogramma")


def make_donation(campaign, email, *, amount_cents=2500, status=DonationStatus.PAID, frequency=Frequency.ONCE, **extra):
    donor, _ = Donor.objects.get_or_create(email=email, defaults={"name": email.split("@")[0].title()})
    count = Donation.objects.count() + 1
    return Donation.objects.create(
        campaign=campaign,
        donor=donor,
        amount_cents=amount_cents,
        frequency=frequency,
        status=status,
        stripe_payment_intent_id=f"pi_{count}",
        paid_at=timezone.now() if status == DonationStatus.PAID else None,
        **extra,
    )


@pytest.fixture
def records(campaign):
    """One of each kind of record the fundraising admin shows."""
    donation = make_donation(campaign, "anna@example.org")
    recurring = RecurringDonation.objects.create(
        donor=donation.donor,
        campaign=campaign,
        amount_cents=1000,
        frequency=Frequency.MONTHLY,
        stripe_subscription_id="sub_1",
    )
    event = StripeEvent.objects.create(stripe_id="evt_1", type="charge.refunded", payload={"id": "evt_1"})
    partnership = PartnershipRequest.objects.create(
        kind=PartnerKind.FOUNDATION,
        organisation="Fonds Goed Onderwijs",
        contact_name="Bert Jansen",
        email="bert@fonds.example",
        interest=PartnerInterest.ACCELERATOR,
        message="Graag een gesprek.",
    )
    return {
        "donation": donation,
        "donor": donation.donor,
        "recurringdonation": recurring,
        "stripeevent": event,
        "partnershiprequest": partnership,
    }
