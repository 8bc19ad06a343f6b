"""A payout from Stripe traced to the gifts, refunds and fees it holds, on the real path: gifts paid through the site
and the stand-in, the stand-in's automatic payout, its signed payout.paid webhook, and the site asking Stripe for the
payout's balance transactions."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from donations import stripe_gateway
from donations.models import Donation, StripeEvent
from reconciliation.differences import payout_differences
from reconciliation.models import BalanceTransaction, Payout, PayoutStatus, TransactionKind
from reconciliation.reports import month_report
from tests.donations.helpers import (
    Donor,
    campaign,
    control,
    delivered,
    dispute,
    event_body,
    paid_gift,
    pay,
    post_webhook,
    stripe_client,
)

from .helpers import balance_transaction_of, logged_in, run_payout

IDEAL_FEE = 29
CARD_FEE_ON_50 = 75 + 25  # 1.5 % + € 0,25
DISPUTE_FEE = 1500


def _three_gifts_and_a_partial_refund(site, standin):
    """Anna € 50 by iDEAL, Bram € 25 by iDEAL, Carla € 50 by card; € 10 of Anna's gift is refunded."""
    paid_gift(Donor(site.url), standin, method="ideal", amount="5000")
    paid_gift(Donor(site.url), standin, method="ideal", amount="2500", email="bram@example.org")
    paid_gift(Donor(site.url), standin, method="card", amount="5000", email="carla@example.org")
    annas, brams, carlas = Donation.objects.order_by("pk")
    stripe_client(standin).v1.refunds.create(params={"payment_intent": annas.stripe_payment_intent_id, "amount": 1000})
    delivered(standin)
    return annas, brams, carlas


EXPECTED_PAYOUT = (5000 - IDEAL_FEE) + (2500 - IDEAL_FEE) + (5000 - CARD_FEE_ON_50) - 1000


@pytest.mark.parametrize("page_size", [100, 2])
def test_a_payout_is_reconciled_to_exactly_its_gifts_refund_and_fees(
    live_demo_site, stripe_standin, monkeypatch, page_size
):
    # With pages of 2 the site must follow Stripe's pagination to find all five transactions.
    monkeypatch.setattr(stripe_gateway, "BALANCE_TRANSACTIONS_PER_PAGE", page_size)
    annas, brams, carlas = _three_gifts_and_a_partial_refund(live_demo_site, stripe_standin)

    stripe_payout = run_payout(stripe_standin)

    payout = Payout.objects.get()
    assert (payout.stripe_id, payout.status, payout.amount_cents) == (
        stripe_payout["id"],
        PayoutStatus.PAID,
        EXPECTED_PAYOUT,
    )
    rows = {
        (row.kind, row.donation_id, row.amount_cents, row.fee_cents, row.net_cents)
        for row in payout.balance_transactions.exclude(kind=TransactionKind.PAYOUT)
    }
    assert rows == {
        (TransactionKind.CHARGE, annas.pk, 5000, IDEAL_FEE, 5000 - IDEAL_FEE),
        (TransactionKind.CHARGE, brams.pk, 2500, IDEAL_FEE, 2500 - IDEAL_FEE),
        (TransactionKind.CHARGE, carlas.pk, 5000, CARD_FEE_ON_50, 5000 - CARD_FEE_ON_50),
        (TransactionKind.REFUND, annas.pk, -1000, 0, -1000),
    }
    own = payout.balance_transactions.get(kind=TransactionKind.PAYOUT)
    assert (own.amount_cents, own.donation_id) == (-EXPECTED_PAYOUT, None)
    assert payout_differences(payout) == []


def test_the_month_report_adds_up_to_the_payout(live_demo_site, stripe_standin, client, django_user_model):
    _three_gifts_and_a_partial_refund(live_demo_site, stripe_standin)
    run_payout(stripe_standin)
    month = timezone.localdate().replace(day=1)

    report = month_report(month)

    (row,) = report.rows
    assert row.campaign == campaign().title
    assert (row.gross_cents, row.fee_cents, row.refunded_cents, row.disputed_cents) == (
        12500,
        2 * IDEAL_FEE + CARD_FEE_ON_50,
        1000,
        0,
    )
    assert row.net_cents == row.gross_cents - row.fee_cents - row.refunded_cents == EXPECTED_PAYOUT
    assert report.total.net_cents == report.payouts_cents == EXPECTED_PAYOUT
    assert report.difference_cents == 0
    assert report.differences == []

    treasurer = logged_in(client, django_user_model, "Financiën")
    page = treasurer.get(reverse("reconciliation_month"), {"maand": f"{month:%Y-%m}"})
    assert page.status_code == 200
    assert "Alles klopt" in page.content.decode()
    exported = treasurer.get(reverse("reconciliation_month"), {"maand": f"{month:%Y-%m}", "export": "csv"})
    lines = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig")), delimiter=";"))
    assert lines[0] == ["Campagne", "Bruto", "Stripe-kosten", "Terugbetaald", "Betwist", "Netto"]
    assert lines[1] == [campaign().title, "125,00", "1,58", "10,00", "0,00", "113,42"]
    assert lines[2][0] == "Totaal" and lines[2][-1] == "113,42"
    assert lines[3] == ["Uitbetalingen deze maand", "", "", "", "", "113,42"]


def test_a_transaction_missing_from_the_payout_listing_is_flagged(
    live_demo_site, stripe_standin, client, django_user_model
):
    paid_gift(Donor(live_demo_site.url), stripe_standin, method="ideal", amount="5000")
    paid_gift(Donor(live_demo_site.url), stripe_standin, method="ideal", amount="2500", email="bram@example.org")
    _annas, brams = Donation.objects.order_by("pk")
    left_out = balance_transaction_of(stripe_standin, brams.stripe_payment_intent_id)

    run_payout(stripe_standin, unlisted=[left_out])

    payout = Payout.objects.get()
    assert payout.amount_cents == (5000 - IDEAL_FEE) + (2500 - IDEAL_FEE)
    assert not BalanceTransaction.objects.filter(stripe_id=left_out).exists()
    (difference,) = payout_differences(payout)
    assert "€ 24,71 is niet verklaard" in difference
    report = month_report(timezone.localdate().replace(day=1))
    assert report.difference_cents == 2500 - IDEAL_FEE
    assert any("niet verklaard" in text for text in report.differences)

    treasurer = logged_in(client, django_user_model, "Financiën")
    detail = treasurer.get(reverse("reconciliation_payout", args=[payout.pk])).content.decode()
    assert 'class="reconciliation-difference">De transacties bij deze uitbetaling' in detail
    listing = treasurer.get(reverse("reconciliation_payouts")).content.decode()
    assert "klopt niet" in listing


def test_a_charge_the_ledger_does_not_know_is_flagged(live_demo_site, stripe_standin):
    paid_gift(Donor(live_demo_site.url), stripe_standin, method="ideal", amount="2500")
    # A payment on the same Stripe account that the site never started (another system, the dashboard).
    stranger = stripe_client(stripe_standin).v1.checkout.sessions.create(
        params={
            "mode": "payment",
            "line_items": [
                {
                    "price_data": {"currency": "eur", "unit_amount": 4000, "product_data": {"name": "Iets"}},
                    "quantity": 1,
                }
            ],
            "payment_method_types": ["ideal"],
            "success_url": "https://example.org/",
        }
    )
    pay(stripe_standin, stranger.id)

    run_payout(stripe_standin)

    payout = Payout.objects.get()
    unknown = payout.balance_transactions.get(kind=TransactionKind.CHARGE, donation=None)
    assert unknown.amount_cents == 4000
    (difference,) = payout_differences(payout)
    assert difference.startswith(f"Transactie {unknown.stripe_id}") and "hoort bij geen gift" in difference
    (_ours, strangers) = sorted(month_report(timezone.localdate().replace(day=1)).rows, key=lambda row: row.gross_cents)
    assert strangers.campaign == "Niet in de administratie"


def test_a_replayed_payout_paid_webhook_changes_nothing(live_demo_site, stripe_standin):
    _three_gifts_and_a_partial_refund(live_demo_site, stripe_standin)
    run_payout(stripe_standin)
    before = list(BalanceTransaction.objects.order_by("pk").values())
    payout_before = Payout.objects.values().get()
    (event,) = stripe_standin.events("payout.paid")

    # Stripe delivers the same event again, and a copy with another id arrives (as after an endpoint's resend).
    control(stripe_standin, f"events/{event['id']}/redeliver")
    delivered(stripe_standin)
    assert StripeEvent.objects.get(stripe_id=event["id"]).delivery_count == 2
    response = post_webhook(live_demo_site.url, event_body("evt_replayed_copy", "payout.paid", event["data"]["object"]))
    assert (response.status_code, response.json()["status"]) == (200, "processed"), response.text

    assert list(BalanceTransaction.objects.order_by("pk").values()) == before
    assert Payout.objects.values().get() == payout_before


def test_a_dispute_in_a_payout_is_traced_to_its_gift_with_its_fee(live_demo_site, stripe_standin):
    paid_gift(Donor(live_demo_site.url), stripe_standin, method="ideal", amount="5000")
    paid_gift(Donor(live_demo_site.url), stripe_standin, method="ideal", amount="5000", email="bram@example.org")
    paid_gift(Donor(live_demo_site.url), stripe_standin, method="ideal", amount="2500", email="carla@example.org")
    carlas = Donation.objects.order_by("pk").last()
    dispute(stripe_standin, carlas.stripe_payment_intent_id)

    run_payout(stripe_standin)

    payout = Payout.objects.get()
    assert payout.amount_cents == 2 * (5000 - IDEAL_FEE) + (2500 - IDEAL_FEE) - 2500 - DISPUTE_FEE
    disputed = payout.balance_transactions.get(kind=TransactionKind.DISPUTE)
    assert (disputed.donation_id, disputed.amount_cents, disputed.fee_cents) == (carlas.pk, -2500, DISPUTE_FEE)
    assert payout_differences(payout) == []
    (row,) = month_report(timezone.localdate().replace(day=1)).rows
    assert (row.gross_cents, row.fee_cents, row.refunded_cents, row.disputed_cents, row.net_cents) == (
        12500,
        3 * IDEAL_FEE + DISPUTE_FEE,
        0,
        2500,
        payout.amount_cents,
    )


def test_a_payout_is_traced_to_gifts_whose_payment_the_ledger_has_not_heard_of_yet(live_demo_site, stripe_standin):
    annas, _brams, _carlas = _three_gifts_and_a_partial_refund(live_demo_site, stripe_standin)
    # As if Anna's payment events were still on their way: the ledger knows her gift, not its Stripe ids.
    Donation.objects.filter(pk=annas.pk).update(stripe_payment_intent_id=None, stripe_charge_id=None)

    run_payout(stripe_standin)

    payout = Payout.objects.get()
    # The charge by the gift id it carries, the refund through the charge it belongs to.
    assert sorted(payout.balance_transactions.filter(donation=annas).values_list("amount_cents", flat=True)) == [
        -1000,
        5000,
    ]
    assert payout_differences(payout) == []


def test_the_payout_page_and_csv_list_each_gift_with_campaign_donor_and_fees(
    live_demo_site, stripe_standin, client, django_user_model
):
    _three_gifts_and_a_partial_refund(live_demo_site, stripe_standin)
    run_payout(stripe_standin)
    payout = Payout.objects.get()
    treasurer = logged_in(client, django_user_model, "Beheer")

    page = treasurer.get(reverse("reconciliation_payout", args=[payout.pk])).content.decode()
    exported = treasurer.get(reverse("reconciliation_payout", args=[payout.pk]), {"export": "csv"})

    assert "Deze uitbetaling klopt met de administratie." in page
    assert "€ 113,42" in page and "Anna de Vries" in page
    header, *lines = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig")), delimiter=";"))
    assert header[:7] == ["Soort", "Datum", "Campagne", "Donateur", "Bedrag", "Stripe-kosten", "Netto"]
    assert sorted((line[0], line[4], line[5], line[6]) for line in lines) == [
        ("Gift", "25,00", "0,29", "24,71"),
        ("Gift", "50,00", "0,29", "49,71"),
        ("Gift", "50,00", "1,00", "49,00"),
        ("Terugbetaling", "-10,00", "0,00", "-10,00"),
    ]
    assert {line[2] for line in lines} == {campaign().title}
    assert sum(int(line[6].replace(",", "")) for line in lines) == payout.amount_cents


def test_the_treasurers_gift_export_shows_stripes_costs_net_and_payout_per_gift(
    live_demo_site, stripe_standin, client, django_user_model
):
    annas, brams, carlas = _three_gifts_and_a_partial_refund(live_demo_site, stripe_standin)
    payout = run_payout(stripe_standin)
    treasurer = logged_in(client, django_user_model, "Financiën")

    response = treasurer.get(reverse("donation:index"), {"export": "csv"})
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = {row["E-mailadres"]: row for row in csv.DictReader(io.StringIO(content), delimiter=";")}

    assert (rows["anna@example.org"]["Stripe-kosten (€)"], rows["anna@example.org"]["Netto van Stripe (€)"]) == (
        "0,29",
        "39,71",  # 50 less the iDEAL cost, less the 10 refunded
    )
    assert rows["carla@example.org"]["Stripe-kosten (€)"] == "1,00"
    assert rows["carla@example.org"]["Betaalmethode"] == "Kaart of wallet"
    assert {row["Stripe-uitbetaling"] for row in rows.values()} == {payout["id"]}
    net = sum(int(row["Netto van Stripe (€)"].replace(",", "")) for row in rows.values())
    assert net == payout["amount"] == EXPECTED_PAYOUT
