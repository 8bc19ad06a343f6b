"""Reading euro amounts typed by donors, and the transaction-cost estimate."""

import re

from django.conf import settings
from django.utils.translation import get_language

_DUTCH_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+(,\d{1,2})?$")  # 1.250 or 1.250,50
_ENGLISH_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d{1,2})?$")  # 1,250 or 1,250.50
_PLAIN = re.compile(r"^\d{1,9}([.,]\d{1,2})?$")  # 25, 25,5, 25.50


def parse_euro_amount(text: str) -> int | None:
    """'25' → 2500, '25,50' → 2550, '1.250' → 125000 (on English pages '1,250' → 125000); None when not an amount."""
    cleaned = text.strip().replace("€", "").replace(" ", "").replace("\u00a0", "")
    english = (get_language() or "nl").startswith("en")
    if _DUTCH_THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(".", "")
    elif english and _ENGLISH_THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(",", "")
    elif not _PLAIN.match(cleaned):
        return None
    whole, _, fraction = cleaned.replace(",", ".").partition(".")
    return int(whole) * 100 + int((fraction or "0").ljust(2, "0"))


def fee_for(amount_cents: int) -> int:
    """Stripe's fee estimate the donor may add so the whole gift arrives: percentage plus fixed part, rounded up."""
    percentage = -(-amount_cents * settings.DONATION_FEE_PERCENT_BASIS_POINTS // 10_000)
    return percentage + settings.DONATION_FEE_FIXED_CENTS
