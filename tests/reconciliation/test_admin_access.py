"""Only Financiën and Beheer see the payouts and the reconciliation (pages and CSV); the others get 403."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reconciliation import admin_views
from reconciliation.models import Payout, PayoutStatus
from tests.factories import DonationFactory, DonorFactory

from .helpers import TREASURERS, each_group, logged_in

WHEN = datetime.datetime(2026, 11, 30, 23, 30, tzinfo=datetime.UTC)  # 1 December in Amsterdam


@pytest.fixture
def payout(db):
    return Payout.objects.create(
        stripe_id="po_test", amount_cents=123456, status=PayoutStatus.PAID, arrival_date=WHEN, created=WHEN
    )


def _addresses(payout):
    return [
        reverse("reconciliation_payouts"),
        reverse("reconciliation_payouts") + "?export=csv",
        reverse("reconciliation_payout", args=[payout.pk]),
        reverse("reconciliation_payout", args=[payout.pk]) + "?export=csv",
        reverse("reconciliation_month") + "?maand=2026-12",
        reverse("reconciliation_month") + "?maand=2026-12&export=csv",
    ]


@each_group
def test_only_treasurers_see_the_reconciliation(client, django_user_model, payout, group):
    staff = logged_in(client, django_user_model, group)
    expected = 200 if group in TREASURERS else 403
    assert [staff.get(address).status_code for address in _addresses(payout)] == [expected] * 6


@each_group
def test_the_menu_shows_the_reconciliation_to_treasurers_only(client, django_user_model, payout, group):
    page = logged_in(client, django_user_model, group).get(reverse("wagtailadmin_home")).content.decode()
    assert (reverse("reconciliation_payouts") in page) == (group in TREASURERS)


def test_the_payout_listing_csv_is_dutch(client, django_user_model, payout):
    staff = logged_in(client, django_user_model, "Financiën")
    exported = staff.get(reverse("reconciliation_payouts") + "?export=csv").content.decode("utf-8-sig")
    header, row = exported.splitlines()
    assert header == "Uitbetaling;Op de bank;Status;Bedrag;Som van de transacties;Verschil;Opmerkingen"
    # An unexplained payout: nothing listed yet, so the whole amount is a difference. Dates are Amsterdam's.
    assert row.startswith("po_test;2026-12-01;Uitbetaald;1234,56;0,00;1234,56;De transacties")


def test_the_month_of_a_payout_is_its_amsterdam_month(client, django_user_model, payout):
    staff = logged_in(client, django_user_model, "Beheer")
    december = staff.get(reverse("reconciliation_month") + "?maand=2026-12&export=csv").content.decode("utf-8-sig")
    november = staff.get(reverse("reconciliation_month") + "?maand=2026-11&export=csv").content.decode("utf-8-sig")
    assert "Uitbetalingen deze maand;;;;;1234,56" in december
    assert "Uitbetalingen deze maand;;;;;0,00" in november


def test_the_payout_listing_comes_in_pages(client, django_user_model, payout):
    for number in range(50):
        Payout.objects.create(
            stripe_id=f"po_{number}", amount_cents=100, status=PayoutStatus.PAID, arrival_date=WHEN, created=WHEN
        )
    staff = logged_in(client, django_user_model, "Financiën")
    first = staff.get(reverse("reconciliation_payouts")).content.decode()
    second = staff.get(reverse("reconciliation_payouts") + "?p=2").content.decode()
    assert "Pagina 1 van 2" in first and "Pagina 2 van 2" in second
    assert second.count('href="/admin/afstemming/uitbetalingen/') == 1


def test_the_listing_names_the_first_gifts_missing_from_payouts_and_counts_the_rest(
    client, django_user_model, demo_site, monkeypatch
):
    monkeypatch.setattr(admin_views, "MISSING_GIFTS_SHOWN", 2)
    long_ago = timezone.now() - datetime.timedelta(days=30)
    for number in range(5):
        DonationFactory(paid=True, paid_at=long_ago, donor=DonorFactory(name=f"Gever {number}"))

    page = logged_in(client, django_user_model, "Financiën").get(reverse("reconciliation_payouts")).content.decode()

    assert page.count("zit na 10 dagen nog in geen uitbetaling van Stripe") == 2
    assert "En nog 3 giften." in page
