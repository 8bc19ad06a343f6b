"""Test records built one way everywhere: donors, gifts, recurring gifts, Stripe events and partnership requests.

Gifts belong to a demo campaign (the tests that use these load the demo content); each factory takes any field.
"""

import factory
from django.utils import timezone

from campaigns.models import CampaignPage
from donations.models import Donation, DonationStatus, Donor, Frequency, RecurringDonation, RecurringStatus, StripeEvent
from partners.models import PartnerInterest, PartnerKind, PartnershipRequest


def demo_campaign():
    return CampaignPage.objects.get(slug="besturenprogramma")


class DonorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Donor
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"gever{n}@example.org")
    name = factory.LazyAttribute(lambda donor: donor.email.split("@")[0].title())


class DonationFactory(factory.django.DjangoModelFactory):
    """A gift as the donation form leaves it (pending); `paid=True` as a verified webhook leaves it."""

    class Meta:
        model = Donation

    campaign = factory.LazyFunction(demo_campaign)
    donor = factory.SubFactory(DonorFactory)
    amount_cents = 2500
    frequency = Frequency.ONCE
    status = DonationStatus.PENDING

    class Params:
        paid = factory.Trait(
            status=DonationStatus.PAID,
            paid_at=factory.LazyFunction(timezone.now),
            stripe_payment_intent_id=factory.Sequence(lambda n: f"pi_test_{n}"),
        )


class RecurringDonationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecurringDonation

    campaign = factory.LazyFunction(demo_campaign)
    donor = factory.SubFactory(DonorFactory)
    amount_cents = 1000
    frequency = Frequency.MONTHLY
    status = RecurringStatus.ACTIVE
    stripe_subscription_id = factory.Sequence(lambda n: f"sub_test_{n}")


class StripeEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StripeEvent

    stripe_id = factory.Sequence(lambda n: f"evt_test_{n}")
    type = "charge.refunded"
    payload = factory.LazyAttribute(lambda event: {"id": event.stripe_id, "type": event.type, "data": {"object": {}}})


class PartnershipRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipRequest

    kind = PartnerKind.FOUNDATION
    organisation = "Fonds Goed Onderwijs"
    contact_name = "Bert Jansen"
    email = factory.Sequence(lambda n: f"partner{n}@fonds.example")
    interest = PartnerInterest.ACCELERATOR
    message = "Graag een gesprek."
    consent_to_contact = True
