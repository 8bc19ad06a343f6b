"""The Stripe events about payouts, dispatched from `donations.handlers.HANDLERS`.

They run inside the transaction that marks their event processed (`donations.events`), like every handler there.
They store the payout and queue the listing of what it holds, so the webhook is answered without waiting on Stripe.
"""

from donations.handlers import MalformedEvent

from . import payouts
from .tasks import queue_listing


def _checked(payout_object):
    for key in ("id", "amount", "status", "arrival_date", "created"):
        if payout_object.get(key) in (None, ""):
            raise MalformedEvent(f"{key} is missing")
    if not str(payout_object["id"]).startswith("po_"):
        raise MalformedEvent("not a payout id")
    return payout_object


def payout_paid(payout_object):
    """The money is on the bank account."""
    queue_listing(payouts.store_payout(_checked(payout_object)))


def payout_reconciliation_completed(payout_object):
    """Stripe can now list what the payout holds (it often cannot yet when it is paid)."""
    queue_listing(payouts.store_payout(_checked(payout_object)))


def payout_failed(payout_object):
    """The bank refused it; its money is back on the balance and a later payout pays it out again."""
    payouts.store_payout(_checked(payout_object))
