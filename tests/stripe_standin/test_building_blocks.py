"""Unit tests for the small pieces: form parsing, periods, money, IBANs, the command line."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from stripe_standin.clock import add_interval
from stripe_standin.errors import StripeError
from stripe_standin.formatting import format_amount, format_recurring
from stripe_standin.params import merge_metadata, parse_form
from stripe_standin.payment_methods import is_valid_iban

REPOSITORY = Path(__file__).resolve().parents[2]


def timestamp(year: int, month: int, day: int) -> int:
    return int(datetime(year, month, day, 12, tzinfo=UTC).timestamp())


def test_parse_form_builds_nested_params_like_stripe_python_sends_them() -> None:
    parsed = parse_form(
        [
            ("mode", "subscription"),
            ("line_items[0][price_data][currency]", "eur"),
            ("line_items[0][price_data][recurring][interval]", "month"),
            ("line_items[0][quantity]", "1"),
            ("line_items[1][quantity]", "2"),
            ("payment_method_types[0]", "ideal"),
            ("payment_method_types[1]", "card"),
            ("metadata[donation_id]", "42"),
            ("metadata[0]", "numeric keys stay keys"),
            ("expand[]", "subscription"),
            ("expand[]", "payment_intent"),
        ]
    )

    assert parsed["line_items"][0]["price_data"]["recurring"]["interval"] == "month"
    assert parsed["line_items"][1]["quantity"] == "2"
    assert parsed["payment_method_types"] == ["ideal", "card"]
    assert parsed["metadata"] == {"donation_id": "42", "0": "numeric keys stay keys"}
    assert parsed["expand"] == ["subscription", "payment_intent"]


def test_parse_form_rejects_malformed_names() -> None:
    with pytest.raises(StripeError):
        parse_form([("metadata[a", "b")])


def test_metadata_updates_follow_stripe() -> None:
    assert merge_metadata({"a": "1", "b": "2"}, {"b": "", "c": "3"}) == {"a": "1", "c": "3"}
    assert merge_metadata({"a": "1"}, {}) == {}
    assert merge_metadata({"a": "1"}, None) == {"a": "1"}


def test_monthly_periods_keep_the_day_or_use_the_last_one() -> None:
    assert add_interval(timestamp(2026, 1, 31), "month") == timestamp(2026, 2, 28)
    assert add_interval(timestamp(2026, 3, 15), "month") == timestamp(2026, 4, 15)
    assert add_interval(timestamp(2026, 12, 1), "month") == timestamp(2027, 1, 1)
    assert add_interval(timestamp(2028, 2, 29), "year") == timestamp(2029, 2, 28)


def test_amounts_are_shown_the_dutch_way() -> None:
    assert format_amount(2500) == "€ 25,00"
    assert format_amount(123456) == "€ 1.234,56"
    assert format_amount(5) == "€ 0,05"
    assert format_recurring(1000, "eur", "month") == "€ 10,00 per maand"
    assert format_recurring(1000, "eur", "year") == "€ 10,00 per jaar"


def test_iban_check() -> None:
    assert is_valid_iban("NL39 RABO 0300 0652 64")
    assert is_valid_iban("DE89370400440532013000")
    assert not is_valid_iban("NL39 RABO 0300 0652 65")
    assert not is_valid_iban("hello")


def test_command_line_help() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "stripe_standin", "--help"],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )

    assert completed.returncode == 0
    assert "--webhook-url" in completed.stdout
    assert "--webhook-secret" in completed.stdout
