"""The payout webhook is answered without listing what the payout holds: a task lists it, and a sweep catches up on
every payout whose listing never ran or gave up while Stripe did not answer."""

import datetime

from django.urls import reverse
from django.utils import timezone

from donations import stripe_gateway
from donations.models import StripeEvent
from reconciliation.differences import payout_differences
from reconciliation.models import Payout
from reconciliation.tasks import LISTING_SWEEP_AFTER, sweep_unlisted_payouts
from tests.donations.helpers import Donor, only_donation, paid_gift

from .helpers import logged_in, run_payout

BEING_LISTED = "De transacties bij deze uitbetaling worden bij Stripe opgehaald."


def test_a_payout_stripe_cannot_list_now_is_stored_and_listed_by_the_sweep_later(
    live_demo_site, stripe_standin, settings, client, django_user_model
):
    paid_gift(Donor(live_demo_site.url), stripe_standin, amount="2500")
    # The site can no longer reach Stripe's API; Stripe still pays out and delivers its webhooks.
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"
    stripe_gateway.reset_client()

    run_payout(stripe_standin)

    (paid_event,) = StripeEvent.objects.filter(type="payout.paid")
    assert paid_event.outcome == StripeEvent.Outcome.PROCESSED
    payout = Payout.objects.get()
    assert (payout.balance_transactions.count(), payout.transactions_listed_at) == (0, None)
    assert payout_differences(payout) == [BEING_LISTED]
    listing = logged_in(client, django_user_model, "Financiën").get(reverse("reconciliation_payouts"))
    assert BEING_LISTED in listing.content.decode()

    settings.STRIPE_API_BASE = stripe_standin.base_url
    stripe_gateway.reset_client()
    assert sweep_unlisted_payouts() == 0  # too soon: its own task may still be on its way

    Payout.objects.filter(pk=payout.pk).update(received_at=timezone.now() - LISTING_SWEEP_AFTER)
    assert sweep_unlisted_payouts() == 1

    payout.refresh_from_db()
    assert payout.transactions_listed_at is not None
    assert payout.balance_transactions.filter(donation=only_donation()).count() == 1
    assert payout_differences(payout) == []
    assert sweep_unlisted_payouts() == 0  # listed once: nothing left to sweep


def test_the_sweep_leaves_failed_and_unfinished_payouts_alone(live_demo_site, stripe_standin):
    paid_gift(Donor(live_demo_site.url), stripe_standin, amount="2500")
    stripe_standin.configure(enabled_events=["payout.created", "payout.paid"])
    run_payout(stripe_standin)  # paid, but Stripe is still putting its list together
    payout = Payout.objects.get()
    long_ago = timezone.now() - LISTING_SWEEP_AFTER - datetime.timedelta(hours=1)
    Payout.objects.filter(pk=payout.pk).update(received_at=long_ago)

    assert payout.reconciliation_status == "in_progress"
    assert sweep_unlisted_payouts() == 0

    Payout.objects.filter(pk=payout.pk).update(reconciliation_status="completed", status="failed")
    assert sweep_unlisted_payouts() == 0
    assert payout.balance_transactions.count() == 0
