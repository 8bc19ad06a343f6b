"""Amounts are integer cents, written and read the Dutch way on Dutch pages and the English way on English pages."""

import pytest
from django.utils import translation

from core.money import format_euro, parse_euro_amount


@pytest.mark.parametrize(
    ("cents", "always_cents", "dutch", "english"),
    [
        (2500, False, "€ 25", "€25"),
        (2550, False, "€ 25,50", "€25.50"),
        (125_000, False, "€ 1.250", "€1,250"),
        (15_000_000, False, "€ 150.000", "€150,000"),
        (125_000, True, "€ 1.250,00", "€1,250.00"),
        (-550, False, "€ -5,50", "-€5.50"),
    ],
)
def test_amounts_are_written_in_the_pages_language(cents, always_cents, dutch, english):
    with translation.override("nl"):
        assert format_euro(cents, always_cents=always_cents) == dutch
    with translation.override("en"):
        assert format_euro(cents, always_cents=always_cents) == english


@pytest.mark.parametrize(
    ("typed", "dutch", "english"),
    [
        ("25", 2500, 2500),
        ("25,50", 2550, 2550),
        ("25.50", 2550, 2550),
        ("€ 1.250", 125_000, 125_000),
        ("1.250,50", 125_050, 125_050),
        ("1,250", None, 125_000),  # a thousands comma only on English pages; to a Dutch reader it is no amount
        ("1,250.50", None, 125_050),
        ("25,505", None, 2_550_500),
        ("twintig", None, None),
        ("1.2.3", None, None),
    ],
)
def test_typed_amounts_are_read_in_the_pages_language(typed, dutch, english):
    with translation.override("nl"):
        assert parse_euro_amount(typed) == dutch
    with translation.override("en"):
        assert parse_euro_amount(typed) == english
