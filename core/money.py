"""Euro amounts are integer cents; written and read the Dutch way on Dutch pages and the English way on English
ones."""

import re

from django.utils.translation import get_language

_DUTCH_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+(,\d{1,2})?$")  # 1.250 or 1.250,50
_ENGLISH_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d{1,2})?$")  # 1,250 or 1,250.50
_PLAIN = re.compile(r"^\d{1,9}([.,]\d{1,2})?$")  # 25, 25,5, 25.50


def _english():
    return (get_language() or "nl").startswith("en")


def format_euro(cents: int, *, always_cents: bool = False) -> str:
    """Dutch: `€ 1.250`, `€ 25,50`; English: `€1,250`, `€25.50`. `always_cents` adds `,00` / `.00` (receipts)."""
    negative = cents < 0
    whole, rest = divmod(abs(int(cents)), 100)
    grouped = f"{whole:,}"
    show_cents = bool(rest or always_cents)
    if _english():
        amount = f"{grouped}.{rest:02d}" if show_cents else grouped
        return f"-€{amount}" if negative else f"€{amount}"
    amount = grouped.replace(",", ".") + (f",{rest:02d}" if show_cents else "")
    return f"€ -{amount}" if negative else f"€ {amount}"


def parse_euro_amount(text: str) -> int | None:
    """'25' → 2500, '25,50' → 2550, '1.250' → 125000 (on English pages '1,250' → 125000); None when not an amount."""
    cleaned = text.strip().replace("€", "").replace(" ", "").replace("\u00a0", "")
    if _DUTCH_THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(".", "")
    elif _english() and _ENGLISH_THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(",", "")
    elif not _PLAIN.match(cleaned):
        return None
    whole, _, fraction = cleaned.replace(",", ".").partition(".")
    return int(whole) * 100 + int((fraction or "0").ljust(2, "0"))
