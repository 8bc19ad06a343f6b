import pytest
from django.contrib.auth.models import Group

from campaigns.models import CampaignPage
from donations.models import DonationStatus
from tests.factories import (
    DonationFactory,
    DonorFactory,
    PartnershipRequestFactory,
    RecurringDonationFactory,
    StripeEventFactory,
)

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


def make_donation(campaign, email, *, status=DonationStatus.PAID, **fields):
    """A gift from the donor with `email` (one donor per address), paid unless `status` says otherwise."""
    return DonationFactory(campaign=campaign, donor=DonorFactory(email=email), paid=True, status=status, **fields)


@pytest.fixture
def records(campaign):
    """One of each kind of record the fundraising admin shows."""
    donation = make_donation(campaign, "anna@example.org")
    recurring = RecurringDonationFactory(donor=donation.donor, campaign=campaign, stripe_subscription_id="sub_1")
    event = StripeEventFactory(stripe_id="evt_1")
    partnership = PartnershipRequestFactory(email="bert@fonds.example", consent_to_contact=False)
    return {
        "donation": donation,
        "donor": donation.donor,
        "recurringdonation": recurring,
        "stripeevent": event,
        "partnershiprequest": partnership,
    }
