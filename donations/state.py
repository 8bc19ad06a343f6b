"""The state machines of donations and recurring gifts: which status may follow which.

Stripe delivers events late, twice and out of order; a transition that is not listed here is ignored, so a
refunded or disputed donation never becomes paid again through a late or replayed payment event, and a late failure
never overrides paid.

Some moves are allowed only for the event that may make them (its `cause`):
- a won dispute: the bank decided for us and the money came back (charge.dispute.closed);
- a subscription invoice whose payment failed and that Stripe collected after all on a retry (invoice.paid);
- a charge event (refund, dispute) that reached us before the payment event: a charge that is refunded or disputed
  was paid, so the gift goes straight to where its payment ended, and the payment event that follows changes
  nothing.
"""

import logging

from django.utils import timezone

from .models import ENDED_RECURRING_STATUSES
from .models import DonationStatus as S
from .models import RecurringStatus as R

logger = logging.getLogger(__name__)

ALLOWED = {
    S.PENDING: {S.PAID, S.FAILED, S.EXPIRED},
    S.FAILED: set(),
    S.EXPIRED: set(),
    S.PAID: {S.REFUNDED, S.DISPUTED},
    S.DISPUTED: {S.REFUNDED},
    S.REFUNDED: set(),
}

DISPUTE_WON = "dispute_won"
INVOICE_RETRY_PAID = "invoice_retry_paid"
CHARGE_SETTLED = "charge_settled"

_SETTLED = {S.PAID, S.REFUNDED, S.DISPUTED}
ALLOWED_BY_CAUSE = {
    DISPUTE_WON: {S.DISPUTED: {S.PAID}, S.PENDING: {S.PAID}, S.FAILED: {S.PAID}},
    INVOICE_RETRY_PAID: {S.FAILED: {S.PAID}},
    CHARGE_SETTLED: {S.PENDING: _SETTLED, S.FAILED: _SETTLED},
}

# Statuses in which the donor's money reached us (and may since have gone back).
MONEY_RECEIVED = frozenset(_SETTLED)


def can_transition(current, target, cause=None):
    return target in ALLOWED[current] or target in ALLOWED_BY_CAUSE.get(cause, {}).get(current, set())


def transition(donation, target, *, cause=None, **fields):
    """Move `donation` to `target` and save; returns False (and changes nothing) when not allowed."""
    if donation.status == target:
        return False
    if not can_transition(donation.status, target, cause):
        logger.info("Donation %s: ignoring %s -> %s", donation.pk, donation.status, target)
        return False
    donation.status = target
    if target in MONEY_RECEIVED:
        donation.paid_at = donation.paid_at or timezone.now()
    for name, value in fields.items():
        setattr(donation, name, value)
    donation.save()
    return True


# A recurring gift: not started until its first payment; once stopped or expired, it stays so whatever comes late.
RECURRING_ALLOWED = {
    R.INCOMPLETE: {R.ACTIVE, R.FAILED, R.PAST_DUE, R.CANCELED, R.EXPIRED},
    R.FAILED: {R.ACTIVE, R.CANCELED, R.EXPIRED},
    R.ACTIVE: {R.PAST_DUE, R.FAILED, R.CANCELED, R.EXPIRED},
    R.PAST_DUE: {R.ACTIVE, R.CANCELED, R.EXPIRED},
    R.CANCELED: set(),
    R.EXPIRED: set(),
}


def recurring_transition(recurring, target, **fields):
    """Move a recurring gift to `target` and save; returns False (and changes nothing) when not allowed."""
    if recurring.status == target:
        return False
    if target not in RECURRING_ALLOWED[recurring.status]:
        logger.info("Recurring gift %s: ignoring %s -> %s", recurring.pk, recurring.status, target)
        return False
    recurring.status = target
    if target in ENDED_RECURRING_STATUSES:
        recurring.canceled_at = recurring.canceled_at or timezone.now()
    for name, value in fields.items():
        setattr(recurring, name, value)
    recurring.save(update_fields=["status", "canceled_at", *fields])
    return True
