"""Partial refunds of gifts whose donor covered the costs: the campaign total drops by exactly what was refunded,
and never by more than the gift counted for."""

from donations.models import Donation, DonationStatus

from .helpers import Donor, delivered, paid_gift, raised_cents, stripe_client


def _refund(standin, donation, amount=None):
    """A refund made in the Stripe dashboard: the whole payment, or `amount` cents of it."""
    params = {"payment_intent": donation.stripe_payment_intent_id}
    if amount is not None:
        params["amount"] = amount
    stripe_client(standin).v1.refunds.create(params=params)
    delivered(standin)


def _gifts(live_demo_site, standin):
    """Anna gives € 50 and covers the costs (€ 1,00); Bram gives € 25."""
    paid_gift(Donor(live_demo_site.url), standin, amount="5000", cover_fees="on")
    paid_gift(Donor(live_demo_site.url), standin, amount="2500", email="bram@example.org")
    annas, brams = Donation.objects.order_by("pk")
    assert (annas.amount_cents, annas.fee_cents, annas.total_cents, brams.total_cents) == (5000, 100, 5100, 2500)
    assert raised_cents() == 7500
    return annas, brams


def test_a_partial_refund_lowers_the_total_by_exactly_the_refunded_cents(live_demo_site, stripe_standin):
    annas, _brams = _gifts(live_demo_site, stripe_standin)

    _refund(stripe_standin, annas, 1234)

    assert Donation.objects.get(pk=annas.pk).refunded_cents == 1234
    assert raised_cents() == 7500 - 1234


def test_a_refund_of_more_than_the_gift_takes_only_the_gift_off_the_total(live_demo_site, stripe_standin):
    annas, _brams = _gifts(live_demo_site, stripe_standin)

    # All but one cent of the € 51,00 she paid: more than her gift, costs included.
    _refund(stripe_standin, annas, 5099)

    annas.refresh_from_db()
    assert (annas.status, annas.refunded_cents) == (DonationStatus.PAID, 5099)
    assert raised_cents() == 2500  # Bram's gift stays counted in full

    # The last cent: a full refund, which removes what her gift still counted for (nothing) and no more.
    _refund(stripe_standin, annas)
    annas.refresh_from_db()
    assert (annas.status, annas.refunded_cents) == (DonationStatus.REFUNDED, 5100)
    assert raised_cents() == 2500


def test_refunds_in_steps_then_in_full_remove_exactly_the_gift(live_demo_site, stripe_standin):
    annas, _brams = _gifts(live_demo_site, stripe_standin)

    _refund(stripe_standin, annas, 1000)
    assert raised_cents() == 6500
    _refund(stripe_standin, annas, 4050)  # € 50,50 refunded in all, more than the gift
    assert raised_cents() == 2500
    _refund(stripe_standin, annas)

    assert Donation.objects.get(pk=annas.pk).status == DonationStatus.REFUNDED
    assert raised_cents() == 2500
