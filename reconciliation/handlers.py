"""The Stripe events about payouts, dispatched from `donations.handlers.HANDLERS`.

They run inside the transaction that marks their event processed (`donations.events`), like every handler there.
"""

from donations import stripe_gateway
from donations.handlers import MalformedEvent

from . import payouts
from .models import FINAL_PAYOUT_STATUSES, RECONCILIATION_IN_PROGRESS


def _checked(payout_object):
    for key in ("id", "amount", "status", "arrival_date", "created"):
        if payout_object.get(key) in (None, ""):
            raise MalformedEvent(f"{key} is missing")
    if not str(payout_object["id"]).startswith("po_"):
        raise MalformedEvent("not a payout id")
    return payout_object


def _store(payout_object):
    """The payout, and once Stripe can list them (reconciliation completed), every balance transaction it holds."""
    payout = payouts.store_payout(_checked(payout_object))
    listable = payout.automatic and payout.reconciliation_status != RECONCILIATION_IN_PROGRESS
    if listable and payout.status not in FINAL_PAYOUT_STATUSES:
        payouts.store_transactions(payout, stripe_gateway.payout_balance_transactions(payout.stripe_id))


def payout_paid(payout_object):
    """The money is on the bank account."""
    _store(payout_object)


def payout_reconciliation_completed(payout_object):
    """Stripe can now list what the payout holds (it often cannot yet when it is paid)."""
    _store(payout_object)


def payout_failed(payout_object):
    """The bank refused it; its money is back on the balance and a later payout pays it out again."""
    payouts.store_payout(_checked(payout_object))
