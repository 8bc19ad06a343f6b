"""Payouts the site never heard of through webhooks are fetched from Stripe by `manage.py reconcile_payouts`."""

import io

from django.core.management import call_command

from reconciliation.differences import payout_differences
from reconciliation.models import Payout
from tests.donations.helpers import Donor, only_donation, paid_gift

from .helpers import run_payout


def test_payouts_missed_by_the_webhooks_are_fetched_and_stored_once(live_demo_site, stripe_standin):
    paid_gift(Donor(live_demo_site.url), stripe_standin, amount="2500")
    stripe_standin.configure(enabled_events=["checkout.*", "charge.*", "payment_intent.*"])  # no payout events
    stripe_payout = run_payout(stripe_standin)
    assert not Payout.objects.exists()
    output = io.StringIO()

    call_command("reconcile_payouts", since="2000-01-01", stdout=output)
    call_command("reconcile_payouts", since="2000-01-01", stdout=io.StringIO())

    payout = Payout.objects.get()
    assert (payout.stripe_id, payout.amount_cents) == (stripe_payout["id"], 2500 - 29)
    assert payout.balance_transactions.filter(donation=only_donation()).count() == 1
    assert payout_differences(payout) == []
    assert "1 uitbetaling(en) bijgewerkt." in output.getvalue()


def test_payouts_before_the_first_day_are_left_alone(live_demo_site, stripe_standin):
    paid_gift(Donor(live_demo_site.url), stripe_standin, amount="2500")
    stripe_standin.configure(enabled_events=["checkout.*", "charge.*", "payment_intent.*"])
    run_payout(stripe_standin)

    call_command("reconcile_payouts", since="2999-01-01", stdout=io.StringIO())

    assert not Payout.objects.exists()
