"""What a payout holds is listed by the worker, after the webhook was answered; a worker that was down catches up."""

import pytest

from donations.models import StripeEvent
from reconciliation.differences import payout_differences
from reconciliation.models import Payout
from tests.donations.helpers import Donor, only_donation, paid_gift
from tests.reconciliation.helpers import run_payout

from .conftest import wait_for

pytestmark = pytest.mark.worker


def test_a_payout_paid_while_the_worker_is_down_is_listed_when_it_is_back(
    live_demo_site, stripe_standin, celery_worker
):
    paid_gift(Donor(live_demo_site.url), stripe_standin, amount="2500")
    celery_worker.stop()

    run_payout(stripe_standin)

    # The webhook was answered and the payout stored; what it holds waits in the queue for the worker.
    assert StripeEvent.objects.get(type="payout.paid").outcome == StripeEvent.Outcome.PROCESSED
    payout = Payout.objects.get()
    assert (payout.transactions_listed_at, payout.balance_transactions.count()) == (None, 0)
    assert payout_differences(payout) == ["De transacties bij deze uitbetaling worden bij Stripe opgehaald."]

    celery_worker.start()

    assert wait_for(lambda: Payout.objects.filter(pk=payout.pk, transactions_listed_at__isnull=False).exists())
    payout.refresh_from_db()
    assert payout.balance_transactions.filter(donation=only_donation()).count() == 1
    assert payout_differences(payout) == []
