"""Euro amounts are integer cents; shown the Dutch way."""


def _group_thousands(whole: int) -> str:
    return f"{whole:,}".replace(",", ".")


def format_euro(cents: int, *, always_cents: bool = False) -> str:
    """`€ 1.250` for whole euros, `€ 25,50` otherwise; `always_cents` gives `€ 1.250,00` (receipts)."""
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(int(cents)), 100)
    if rest or always_cents:
        return f"€ {sign}{_group_thousands(whole)},{rest:02d}"
    return f"€ {sign}{_group_thousands(whole)}"
