"""The donation state machine: which status may follow which.

Stripe delivers events late, twice and out of order; a transition that is not listed here is ignored, so a
refunded or disputed donation never becomes paid again through a late or replayed payment event, and a late failure
never overrides paid.

Two moves back to paid are allowed, each only for the one event that may make it (its `cause`):
- a won dispute: the bank decided for us and the money came back (charge.dispute.closed);
- a subscription invoice whose payment failed and that Stripe collected after all on a retry (invoice.paid).
"""

import logging

from django.utils import timezone

from .models import DonationStatus as S

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

ALLOWED_BY_CAUSE = {
    DISPUTE_WON: {S.DISPUTED: {S.PAID}},
    INVOICE_RETRY_PAID: {S.FAILED: {S.PAID}},
}


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
    if target == S.PAID:
        donation.paid_at = donation.paid_at or timezone.now()
    for name, value in fields.items():
        setattr(donation, name, value)
    donation.save()
    return True
