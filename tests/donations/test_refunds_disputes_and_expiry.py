"""After the payment: refunds and disputes take a gift off the campaign total; an abandoned checkout expires."""

from donations import stripe_gateway
from donations.models import Donation, DonationStatus

from .helpers import (
    advance,
    delivered,
    dispute,
    only_donation,
    paid_gift,
    raised_cents,
    stripe_client,
)


def _refund(donation):
    stripe_gateway.create_refund(donation.stripe_payment_intent_id, idempotency_key=f"refund-{donation.public_id}")


def test_a_refund_marks_the_gift_refunded_and_the_campaign_total_drops(donor, stripe_standin):
    paid_gift(donor, stripe_standin, amount="5000", cover_fees="on")
    assert raised_cents() == 5000

    _refund(only_donation())
    delivered(stripe_standin)

    donation = only_donation()
    assert (donation.status, donation.refunded_cents) == (DonationStatus.REFUNDED, donation.total_cents)
    assert raised_cents() == 0
    assert "<strong>€ 0</strong> opgehaald" in donor.get(donation.campaign.url).text


def test_refunds_of_monthly_payments_are_matched_to_their_own_period(donor, stripe_standin):
    session = paid_gift(donor, stripe_standin, frequency="monthly", amount="2500")
    advance(stripe_standin, session["subscription"])
    first, second = Donation.objects.order_by("pk")

    _refund(second)
    delivered(stripe_standin)
    assert [d.status for d in Donation.objects.order_by("pk")] == [DonationStatus.PAID, DonationStatus.REFUNDED]
    assert raised_cents() == 2500

    _refund(first)
    delivered(stripe_standin)
    assert [d.status for d in Donation.objects.order_by("pk")] == [DonationStatus.REFUNDED] * 2
    assert raised_cents() == 0


def test_a_disputed_gift_is_marked_disputed_and_no_longer_counted(donor, stripe_standin):
    paid_gift(donor, stripe_standin, amount="10000")
    assert raised_cents() == 10000

    dispute(stripe_standin, only_donation().stripe_payment_intent_id)

    assert only_donation().status == DonationStatus.DISPUTED
    assert raised_cents() == 0


def test_an_abandoned_checkout_expires_and_is_never_counted(donor, stripe_standin):
    session_id = donor.start_gift(amount="2500")

    stripe_client(stripe_standin).v1.checkout.sessions.expire(session_id)
    delivered(stripe_standin)

    assert only_donation().status == DonationStatus.EXPIRED
    assert raised_cents() == 0
