"""Euro amounts are integer cents; shown the Dutch way on Dutch pages and the English way on English ones."""

from django.utils.translation import get_language


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
