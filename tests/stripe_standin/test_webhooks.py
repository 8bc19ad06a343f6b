"""Webhook signing and delivery: retries, duplicates, reversed batches, redelivery."""

from __future__ import annotations

import json
import time
import urllib.request

import stripe

from stripe_standin.server import StandinServer
from stripe_standin.webhooks import signature_header
from tests.stripe_standin.helpers import (
    WEBHOOK_SECRET,
    WebhookReceiver,
    control,
    payment_session_params,
)


def pay_one_donation(client: stripe.StripeClient, server: StandinServer, donation_id: str = "42") -> str:
    session = client.v1.checkout.sessions.create(params=payment_session_params(metadata={"donation_id": donation_id}))
    control(server, f"checkout/{session.id}/complete", {"payment_method": "ideal"})
    return session.id


def test_signature_header_is_what_stripe_python_verifies() -> None:
    payload = json.dumps({"id": "evt_1", "object": "event", "type": "ping", "data": {"object": {}}})
    header = signature_header(payload, WEBHOOK_SECRET, int(time.time()))

    event = stripe.Webhook.construct_event(payload, header, WEBHOOK_SECRET)

    assert event.id == "evt_1"
    assert header.startswith("t=")
    try:
        stripe.Webhook.construct_event(payload, header, "whsec_other")
    except stripe.SignatureVerificationError:
        pass
    else:
        raise AssertionError("a wrong secret must not verify")


def test_events_are_stripe_event_objects(
    client: stripe.StripeClient, server: StandinServer, receiver: WebhookReceiver
) -> None:
    pay_one_donation(client, server)

    (event,) = receiver.wait_for("checkout.session.completed")

    assert set(event) >= {
        "id",
        "object",
        "api_version",
        "created",
        "data",
        "livemode",
        "pending_webhooks",
        "request",
        "type",
    }
    assert event["pending_webhooks"] == 1
    assert event["request"] == {"id": None, "idempotency_key": None}  # caused by the donor, not an API call
    assert receiver.bad_signatures == 0


def test_api_caused_events_name_the_request(client: stripe.StripeClient, receiver: WebhookReceiver) -> None:
    customer = client.v1.customers.create(params={"email": "a@example.com"}, options={"idempotency_key": "cust-1"})

    (event,) = receiver.wait_for("customer.created")

    assert event["data"]["object"]["id"] == customer.id
    assert event["request"]["idempotency_key"] == "cust-1"
    assert event["request"]["id"].startswith("req_")


def test_events_are_delivered_in_creation_order(
    client: stripe.StripeClient, server: StandinServer, receiver: WebhookReceiver
) -> None:
    pay_one_donation(client, server, "1")
    pay_one_donation(client, server, "2")

    assert server.wait_for_deliveries(10)

    assert [event["id"] for event in receiver.events] == [event["id"] for event in server.events()]


def test_a_failing_endpoint_is_retried_until_it_answers(
    client: stripe.StripeClient, server: StandinServer, receiver: WebhookReceiver
) -> None:
    receiver.answers.extend([500, 500])

    pay_one_donation(client, server)

    assert server.wait_for_deliveries(10)
    first_event = server.events()[0]
    assert [status for event_id, status in receiver.attempts if event_id == first_event["id"]] == [
        500,
        500,
        200,
    ]
    assert len([e for e in receiver.events if e["id"] == first_event["id"]]) == 1
    delivery = next(d for d in server.deliveries() if d["event_id"] == first_event["id"])
    assert delivery["state"] == "delivered"
    assert [attempt["status"] for attempt in delivery["attempts"]] == [500, 500, 200]


def test_retries_stop_after_the_last_attempt(
    client: stripe.StripeClient, server: StandinServer, receiver: WebhookReceiver
) -> None:
    server.configure(max_attempts=2)
    receiver.answers.extend([503, 503])

    client.v1.customers.create(params={"email": "b@example.com"})

    assert server.wait_for_deliveries(10)
    (delivery,) = server.deliveries()
    assert delivery["state"] == "failed"
    assert len(delivery["attempts"]) == 2
    assert receiver.events == []


def test_an_unreachable_endpoint_is_recorded(client: stripe.StripeClient, server: StandinServer) -> None:
    server.configure(webhook_url="http://127.0.0.1:9/nothing-listens-here", max_attempts=2, initial_backoff=0.01)

    client.v1.customers.create(params={"email": "c@example.com"})

    assert server.wait_for_deliveries(10)
    (delivery,) = server.deliveries()
    assert delivery["state"] == "failed"
    assert all(attempt["status"] is None and attempt["error"] for attempt in delivery["attempts"])


def test_duplicate_deliveries(client: stripe.StripeClient, server: StandinServer, receiver: WebhookReceiver) -> None:
    control(server, "config", {"duplicate_deliveries": True})

    pay_one_donation(client, server)

    completed = receiver.wait_for("checkout.session.completed", count=2)
    assert completed[0]["id"] == completed[1]["id"]


def test_held_events_are_flushed_in_reverse_order(
    client: stripe.StripeClient, server: StandinServer, receiver: WebhookReceiver
) -> None:
    control(server, "config", {"pause_delivery": True, "reverse_order": True})
    pay_one_donation(client, server)
    assert server.wait_for_deliveries(5)
    assert receiver.events == []

    flushed = control(server, "flush")

    assert flushed["flushed"] == len(server.events())
    assert server.wait_for_deliveries(10)
    assert [event["id"] for event in receiver.events] == [event["id"] for event in reversed(server.events())]
    assert receiver.events[0]["type"] == "checkout.session.completed"


def test_unpausing_releases_held_events(
    client: stripe.StripeClient, server: StandinServer, receiver: WebhookReceiver
) -> None:
    server.configure(pause_delivery=True)
    pay_one_donation(client, server)
    assert server.wait_for_deliveries(5)
    assert receiver.events == []  # held while paused

    server.configure(pause_delivery=False)

    receiver.wait_for("checkout.session.completed")
    assert server.wait_for_deliveries(10)
    assert {event["id"] for event in receiver.events} == {event["id"] for event in server.events()}


def test_events_and_their_attempts_can_be_listed_and_redelivered(
    client: stripe.StripeClient, server: StandinServer, receiver: WebhookReceiver
) -> None:
    pay_one_donation(client, server)
    receiver.wait_for("checkout.session.completed")
    assert server.wait_for_deliveries(10)

    with urllib.request.urlopen(f"{server.base_url}/_standin/events?type=checkout.session.completed") as response:
        (listed,) = json.loads(response.read())["data"]
    assert listed["delivery"]["state"] == "delivered"
    assert listed["delivery"]["attempts"][0]["status"] == 200

    control(server, f"events/{listed['event']['id']}/redeliver")

    assert len(receiver.wait_for("checkout.session.completed", count=2)) == 2


def test_idle_endpoint_reports_the_queue(server: StandinServer) -> None:
    with urllib.request.urlopen(f"{server.base_url}/_standin/deliveries/idle?wait=2") as response:
        body = json.loads(response.read())

    assert body == {"idle": True, "queued": 0, "held": 0, "sending": 0}


def test_only_enabled_event_types_are_sent(
    client: stripe.StripeClient, server: StandinServer, receiver: WebhookReceiver
) -> None:
    control(server, "config", {"enabled_events": ["checkout.session.*"]})

    pay_one_donation(client, server)

    receiver.wait_for("checkout.session.completed")
    assert server.wait_for_deliveries(10)
    assert receiver.types() == ["checkout.session.completed"]


def test_reset_forgets_everything(client: stripe.StripeClient, server: StandinServer) -> None:
    session_id = pay_one_donation(client, server)
    server.wait_for_deliveries(10)

    control(server, "reset")

    assert server.events() == []
    try:
        client.v1.checkout.sessions.retrieve(session_id)
    except stripe.InvalidRequestError as error:
        assert error.code == "resource_missing"
    else:
        raise AssertionError("the session should be gone after a reset")
