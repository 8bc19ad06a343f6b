"""Balance transactions of charges, refunds and disputes, and the automatic payout that gathers them."""

from __future__ import annotations

import pytest
import stripe

from stripe_standin.balance import charge_fee
from stripe_standin.server import StandinServer
from tests.stripe_standin.helpers import WebhookReceiver, control, payment_session_params


def paid_charge(client: stripe.StripeClient, server: StandinServer, method: str = "ideal", amount: int = 2500):
    line_item = {
        "price_data": {"currency": "eur", "unit_amount": amount, "product_data": {"name": "Gift"}},
        "quantity": 1,
    }
    session = client.v1.checkout.sessions.create(params=payment_session_params(line_items=[line_item]))
    result = control(server, f"checkout/{session.id}/complete", {"payment_method": method})
    payment_intent = client.v1.payment_intents.retrieve(result["session"]["payment_intent"])
    return client.v1.charges.retrieve(payment_intent.latest_charge)


def test_fee_table() -> None:
    assert charge_fee(2500, "ideal") == 29
    assert charge_fee(2500, "bancontact") == 35
    assert charge_fee(2500, "sepa_debit") == 35
    assert charge_fee(10000, "card") == 150 + 25
    assert charge_fee(1010, "card") == 15 + 25  # 15.15 rounds to 15


def test_a_charge_has_its_balance_transaction(client: stripe.StripeClient, server: StandinServer) -> None:
    charge = paid_charge(client, server, method="card", amount=10000)

    transaction = client.v1.balance_transactions.retrieve(charge.balance_transaction)

    assert transaction.id.startswith("txn_")
    assert (transaction.type, transaction.reporting_category, transaction.status) == ("charge", "charge", "available")
    assert (transaction.amount, transaction.fee, transaction.net) == (10000, 175, 9825)
    assert transaction.fee_details[0]["type"] == "stripe_fee"
    assert transaction.source == charge.id
    expanded = client.v1.charges.retrieve(charge.id, params={"expand": ["balance_transaction"]})
    assert expanded.balance_transaction.net == 9825


def test_refunds_and_disputes_take_money_off_the_balance(client: stripe.StripeClient, server: StandinServer) -> None:
    refunded = paid_charge(client, server)
    disputed = paid_charge(client, server, amount=4000)

    refund = client.v1.refunds.create(params={"charge": refunded.id, "amount": 1000})
    dispute = control(server, f"charges/{disputed.id}/dispute", {})["dispute"]

    refund_transaction = client.v1.balance_transactions.retrieve(refund.balance_transaction)
    assert (refund_transaction.type, refund_transaction.amount, refund_transaction.fee) == ("refund", -1000, 0)
    assert refund_transaction.source == refund.id
    (adjustment,) = dispute["balance_transactions"]
    assert (adjustment["type"], adjustment["reporting_category"]) == ("adjustment", "dispute")
    assert (adjustment["amount"], adjustment["fee"], adjustment["net"]) == (-4000, 1500, -5500)
    assert adjustment["source"] == dispute["id"]


def test_a_payout_gathers_what_was_not_paid_out(
    client: stripe.StripeClient, server: StandinServer, receiver: WebhookReceiver
) -> None:
    first = paid_charge(client, server, amount=2500)
    second = paid_charge(client, server, method="card", amount=10000)
    refund = client.v1.refunds.create(params={"charge": first.id, "amount": 500})

    payout = control(server, "payouts/run")["payout"]

    assert payout["id"].startswith("po_")
    assert payout["amount"] == (2500 - 29) + (10000 - 175) - 500
    assert [event["type"] for event in receiver.wait_for("payout.paid")] == ["payout.paid"]
    assert receiver.wait_for("payout.created")[0]["data"]["object"]["status"] == "in_transit"
    paid_event = receiver.wait_for("payout.paid")[0]["data"]["object"]
    completed = receiver.wait_for("payout.reconciliation_completed")[0]["data"]["object"]
    assert (paid_event["reconciliation_status"], completed["reconciliation_status"]) == ("in_progress", "completed")
    assert client.v1.payouts.retrieve(payout["id"]).status == "paid"
    assert [p.id for p in client.v1.payouts.list()] == [payout["id"]]

    listed = client.v1.balance_transactions.list(params={"payout": payout["id"], "limit": 2})
    assert listed.has_more
    every = list(listed.auto_paging_iter())
    assert {t.source for t in every} == {first.id, second.id, refund.id, payout["id"]}
    (own,) = [t for t in every if t.type == "payout"]
    assert own.amount == -payout["amount"]
    assert sum(t.net for t in every if t.type != "payout") == payout["amount"]

    # Paid out once: the next run has nothing left.
    with pytest.raises(AssertionError, match="nothing to pay out"):
        control(server, "payouts/run")
    third = paid_charge(client, server, amount=1500)
    later = control(server, "payouts/run")["payout"]
    assert later["amount"] == 1500 - 29
    sources = [t.source for t in client.v1.balance_transactions.list(params={"payout": later["id"]}).data]
    assert sorted(sources) == sorted([third.id, later["id"]])


def test_a_payout_can_leave_a_transaction_out_of_its_listing(
    client: stripe.StripeClient, server: StandinServer
) -> None:
    kept = paid_charge(client, server)
    hidden = paid_charge(client, server, amount=3000)

    payout = control(server, "payouts/run", {"unlisted": hidden.balance_transaction})["payout"]

    assert payout["amount"] == (2500 - 29) + (3000 - 29)
    sources = {t.source for t in client.v1.balance_transactions.list(params={"payout": payout["id"]}).data}
    assert sources == {kept.id, payout["id"]}


def test_listing_the_transactions_of_an_unknown_payout_is_refused(client: stripe.StripeClient) -> None:
    with pytest.raises(stripe.InvalidRequestError):
        client.v1.balance_transactions.list(params={"payout": "po_unknown"})
