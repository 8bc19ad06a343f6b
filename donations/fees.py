"""The transaction-cost estimate a donor may add to a gift."""

from django.conf import settings


def fee_for(amount_cents: int) -> int:
    """Stripe's fee estimate the donor may add so the whole gift arrives: percentage plus fixed part, rounded up."""
    percentage = -(-amount_cents * settings.DONATION_FEE_PERCENT_BASIS_POINTS // 10_000)
    return percentage + settings.DONATION_FEE_FIXED_CENTS
