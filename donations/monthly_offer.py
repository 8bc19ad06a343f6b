"""The one offer a one-off donor gets to give monthly instead: an amount derived from the one-off gift.

The campaign sets the share (`CampaignPage.monthly_offer_percent`, 0 turns the offer off); the amount is rounded to
whole euros and is never below `MINIMUM_CENTS`, so the offer reads as a round monthly amount ("€ 10 per maand").
The donation form's script computes the same amount from the same two figures (`static/js/donate.js`).
"""

from django.conf import settings

MINIMUM_CENTS = 500


def monthly_offer_cents(campaign, one_off_cents):
    """The monthly amount to offer for a one-off gift of `one_off_cents`, or None when there is no offer."""
    percent = getattr(campaign, "monthly_offer_percent", 0) if campaign is not None else 0
    if not percent or one_off_cents < MINIMUM_CENTS:
        return None
    whole_euros = (one_off_cents * percent + 5_000) // 10_000  # to the nearest euro, halves up
    return min(max(whole_euros * 100, MINIMUM_CENTS), settings.DONATION_MAX_CENTS)
