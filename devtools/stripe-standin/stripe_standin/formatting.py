"""Dutch formatting for pages and messages: amounts in integer cents as ``€ 1.234,56``, dates."""

from __future__ import annotations

from datetime import UTC, datetime

CURRENCY_SYMBOLS = {"eur": "€", "usd": "$", "gbp": "£"}

# Stripe's minimum charge per currency, in the currency's smallest unit.
MINIMUM_CHARGE = {"eur": 50, "usd": 50, "gbp": 30}

INTERVAL_NAMES_NL = {"day": "dag", "week": "week", "month": "maand", "year": "jaar"}


def format_amount(cents: int, currency: str = "eur") -> str:
    sign = "-" if cents < 0 else ""
    whole, fraction = divmod(abs(cents), 100)
    whole_text = f"{whole:,}".replace(",", ".")
    symbol = CURRENCY_SYMBOLS.get(currency.lower(), currency.upper())
    return f"{sign}{symbol} {whole_text},{fraction:02d}"


def format_recurring(cents: int, currency: str, interval: str | None, interval_count: int = 1) -> str:
    """``€ 10,00 per maand``; ``€ 10,00 per 3 maanden`` for longer intervals."""
    amount = format_amount(cents, currency)
    if not interval:
        return amount
    name = INTERVAL_NAMES_NL.get(interval, interval)
    if interval_count == 1:
        return f"{amount} per {name}"
    plurals = {"dag": "dagen", "week": "weken", "maand": "maanden", "jaar": "jaar"}
    return f"{amount} per {interval_count} {plurals.get(name, name)}"


MONTH_NAMES_NL = ("januari februari maart april mei juni juli augustus september oktober november december").split()


def format_date(timestamp: int) -> str:
    """``12 maart 2026`` (UTC)."""
    moment = datetime.fromtimestamp(timestamp, UTC)
    return f"{moment.day} {MONTH_NAMES_NL[moment.month - 1]} {moment.year}"
