"""Refunds through the API and disputes through the control API."""

from __future__ import annotations

import pytest
import stripe

from stripe_standin.server import StandinServer
from tests.stripe_standin.helpers import WebhookReceiver, control, payment_session_params


def paid_payment_intent(client: stripe.StripeClient, server: StandinServer) -> str:
    session = client.v1.checkout.sessions.create(params=payment_session_params())
    result = control(server, f"checkout/{session.id}/complete", {"payment_method": "card"})
    return result["session"]["payment_intent"]


def test_partial_then_full_refund(
    client: stripe.StripeClient, server: StandinServer, receiver: WebhookReceiver
) -> None:
    payment_intent_id = paid_payment_intent(client, server)

    partial = client.v1.refunds.create(params={"payment_intent": payment_intent_id, "amount": 1000})
    rest = client.v1.refunds.create(params={"payment_intent": payment_intent_id, "reason": "requested_by_customer"})

    assert partial.id.startswith("re_")
    assert partial.amount == 1000
    assert partial.status == "succeeded"
    assert rest.amount == 1500
    refunded = receiver.wait_for("charge.refunded", count=2)
    first, second = (event["data"]["object"] for event in refunded)
    assert first["payment_intent"] == payment_intent_id
    assert (first["amount_refunded"], first["refunded"]) == (1000, False)
    assert (second["amount_refunded"], second["refunded"]) == (2500, True)
    assert refunded[1]["data"]["previous_attributes"]["amount_refunded"] == 1000

    with pytest.raises(stripe.InvalidRequestError) as raised:
        client.v1.refunds.create(params={"charge": second["id"]})
    assert raised.value.code == "charge_already_refunded"


def test_refund_larger_than_the_charge(client: stripe.StripeClient, server: StandinServer) -> None:
    payment_intent_id = paid_payment_intent(client, server)

    with pytest.raises(stripe.InvalidRequestError) as raised:
        client.v1.refunds.create(params={"payment_intent": payment_intent_id, "amount": 9999})

    assert raised.value.param == "amount"
    assert raised.value.code == "amount_too_large"


def test_refund_needs_a_charge_or_payment_intent(client: stripe.StripeClient) -> None:
    with pytest.raises(stripe.InvalidRequestError) as raised:
        client.v1.refunds.create(params={"amount": 100})

    assert "charge or payment_intent" in str(raised.value.user_message)


def test_dispute(client: stripe.StripeClient, server: StandinServer, receiver: WebhookReceiver) -> None:
    payment_intent_id = paid_payment_intent(client, server)
    charge_id = client.v1.payment_intents.retrieve(payment_intent_id).latest_charge

    dispute = control(server, f"charges/{charge_id}/dispute", {"reason": "fraudulent"})["dispute"]

    (event,) = receiver.wait_for("charge.dispute.created")
    assert event["data"]["object"]["id"] == dispute["id"]
    assert dispute["id"].startswith("dp_")
    assert event["data"]["object"]["charge"] == charge_id
    assert event["data"]["object"]["payment_intent"] == payment_intent_id
    assert event["data"]["object"]["amount"] == 2500
    assert event["data"]["object"]["status"] == "needs_response"
    assert client.v1.charges.retrieve(charge_id).disputed is True
    with pytest.raises(stripe.InvalidRequestError) as raised:
        client.v1.refunds.create(params={"charge": charge_id})
    assert raised.value.code == "charge_disputed"

    control(server, f"disputes/{dispute['id']}/close", {"status": "won"})
    (closed,) = receiver.wait_for("charge.dispute.closed")
    assert closed["data"]["object"]["status"] == "won"
