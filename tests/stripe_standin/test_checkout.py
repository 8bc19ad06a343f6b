"""One-off donations through Checkout, driven with the official stripe client."""

from __future__ import annotations

import stripe

from stripe_standin.server import StandinServer
from tests.stripe_standin.helpers import WebhookReceiver, control, payment_session_params


def test_create_and_retrieve_payment_session(client: stripe.StripeClient, server: StandinServer) -> None:
    session = client.v1.checkout.sessions.create(
        params=payment_session_params(), options={"idempotency_key": "donation-42-checkout"}
    )

    assert session.object == "checkout.session"
    assert session.id.startswith("cs_test_")
    assert session.url == f"{server.base_url}/c/pay/{session.id}"
    assert session.status == "open"
    assert session.payment_status == "unpaid"
    assert session.amount_total == 2500
    assert session.currency == "eur"
    assert session.mode == "payment"
    assert session.livemode is False
    assert session.metadata.to_dict() == {"donation_id": "42"}
    assert session.client_reference_id == "donation-42"
    assert session.customer_email == "donor@example.com"
    assert session.payment_method_types == ["ideal", "card", "bancontact", "sepa_debit"]
    assert session.payment_intent is None

    fetched = client.v1.checkout.sessions.retrieve(session.id, params={"expand": ["payment_intent", "line_items"]})
    assert fetched.id == session.id
    assert fetched.payment_intent is None
    assert fetched.line_items.data[0].description == "Donatie aan Stichting leerKRACHT"
    assert fetched.line_items.data[0].price.unit_amount == 2500


def test_paying_sends_a_verified_completed_event_and_redirects(
    client: stripe.StripeClient, server: StandinServer, receiver: WebhookReceiver
) -> None:
    session = client.v1.checkout.sessions.create(params=payment_session_params())

    result = control(server, f"checkout/{session.id}/complete", {"payment_method": "ideal", "ideal_bank": "rabobank"})

    assert result["succeeded"] is True
    assert result["redirect_url"] == f"https://giving.example/bedankt/?session_id={session.id}"
    (completed,) = receiver.wait_for("checkout.session.completed")
    assert completed["object"] == "event"
    assert completed["id"].startswith("evt_")
    assert completed["livemode"] is False
    assert completed["api_version"]
    paid_session = completed["data"]["object"]
    assert paid_session["id"] == session.id
    assert paid_session["status"] == "complete"
    assert paid_session["payment_status"] == "paid"
    assert paid_session["customer_details"]["email"] == "donor@example.com"
    assert paid_session["metadata"] == {"donation_id": "42"}

    payment_intent = client.v1.payment_intents.retrieve(paid_session["payment_intent"])
    assert payment_intent.status == "succeeded"
    assert payment_intent.amount_received == 2500
    assert payment_intent.metadata.to_dict() == {"donation_id": "42"}
    charge = client.v1.charges.retrieve(payment_intent.latest_charge)
    assert charge.paid is True
    assert charge.payment_intent == payment_intent.id
    assert charge.payment_method_details.type == "ideal"
    assert charge.payment_method_details.ideal.bank == "rabobank"


def test_payment_mode_creates_a_customer_only_when_asked(client: stripe.StripeClient, server: StandinServer) -> None:
    guest = client.v1.checkout.sessions.create(params=payment_session_params())
    asked = client.v1.checkout.sessions.create(params=payment_session_params(customer_creation="always"))

    control(server, f"checkout/{guest.id}/complete", {"payment_method": "card"})
    control(server, f"checkout/{asked.id}/complete", {"payment_method": "card"})

    assert client.v1.checkout.sessions.retrieve(guest.id).customer is None
    customer_id = client.v1.checkout.sessions.retrieve(asked.id).customer
    assert client.v1.customers.retrieve(customer_id).email == "donor@example.com"


def test_a_failed_attempt_keeps_the_session_open_for_another_try(
    client: stripe.StripeClient, server: StandinServer, receiver: WebhookReceiver
) -> None:
    session = client.v1.checkout.sessions.create(params=payment_session_params())

    failed = control(server, f"checkout/{session.id}/complete", {"payment_method": "card", "outcome": "failed"})
    assert failed["succeeded"] is False
    assert failed["error"] == "Your card was declined."
    assert client.v1.checkout.sessions.retrieve(session.id).status == "open"

    retried = control(server, f"checkout/{session.id}/complete", {"payment_method": "ideal"})
    assert retried["succeeded"] is True
    receiver.wait_for("checkout.session.completed")
    assert len(receiver.wait_for("payment_intent.payment_failed")) == 1
    # The retry reuses the session's payment intent, as Checkout does.
    assert retried["session"]["payment_intent"] == failed["session"]["payment_intent"]


def test_sepa_debit_completes_unpaid_then_settles(
    client: stripe.StripeClient, server: StandinServer, receiver: WebhookReceiver
) -> None:
    session = client.v1.checkout.sessions.create(params=payment_session_params())

    control(
        server,
        f"checkout/{session.id}/complete",
        {"payment_method": "sepa_debit", "iban": "NL39RABO0300065264", "name": "J. de Vries"},
    )
    (completed,) = receiver.wait_for("checkout.session.completed")
    assert completed["data"]["object"]["payment_status"] == "unpaid"
    assert client.v1.payment_intents.retrieve(completed["data"]["object"]["payment_intent"]).status == "processing"

    control(server, f"checkout/{session.id}/settle", {"outcome": "succeeded"})

    (succeeded,) = receiver.wait_for("checkout.session.async_payment_succeeded")
    assert succeeded["data"]["object"]["payment_status"] == "paid"
    assert client.v1.checkout.sessions.retrieve(session.id).payment_status == "paid"
    charge = client.v1.charges.retrieve(
        client.v1.payment_intents.retrieve(succeeded["data"]["object"]["payment_intent"]).latest_charge
    )
    assert charge.status == "succeeded"
    assert charge.payment_method_details.sepa_debit.last4 == "5264"


def test_sepa_debit_that_fails_later(
    client: stripe.StripeClient, server: StandinServer, receiver: WebhookReceiver
) -> None:
    session = client.v1.checkout.sessions.create(params=payment_session_params())
    control(server, f"checkout/{session.id}/complete", {"payment_method": "sepa_debit"})

    control(server, f"checkout/{session.id}/settle", {"outcome": "failed"})

    (failed,) = receiver.wait_for("checkout.session.async_payment_failed")
    assert failed["data"]["object"]["payment_status"] == "unpaid"
    payment_intent = client.v1.payment_intents.retrieve(failed["data"]["object"]["payment_intent"])
    assert payment_intent.status == "requires_payment_method"
    assert payment_intent.last_payment_error.code == "insufficient_funds"


def test_sepa_failure_chosen_on_the_page_happens_at_settlement(
    client: stripe.StripeClient, server: StandinServer, receiver: WebhookReceiver
) -> None:
    session = client.v1.checkout.sessions.create(params=payment_session_params())
    result = control(server, f"checkout/{session.id}/complete", {"payment_method": "sepa_debit", "outcome": "failed"})
    assert result["succeeded"] is True  # the mandate is accepted; the debit bounces later

    control(server, f"checkout/{session.id}/settle")

    receiver.wait_for("checkout.session.async_payment_failed")


def test_sepa_settles_by_itself_after_the_configured_delay(
    client: stripe.StripeClient, server: StandinServer, receiver: WebhookReceiver
) -> None:
    control(server, "config", {"async_settle_delay": 0.1})
    session = client.v1.checkout.sessions.create(params=payment_session_params())
    control(server, f"checkout/{session.id}/complete", {"payment_method": "sepa_debit"})

    receiver.wait_for("checkout.session.async_payment_succeeded", timeout=5)


def test_expiring_a_session(client: stripe.StripeClient, server: StandinServer, receiver: WebhookReceiver) -> None:
    session = client.v1.checkout.sessions.create(params=payment_session_params())

    expired = client.v1.checkout.sessions.expire(session.id)

    assert expired.status == "expired"
    (event,) = receiver.wait_for("checkout.session.expired")
    assert event["data"]["object"]["id"] == session.id
    try:
        client.v1.checkout.sessions.expire(session.id)
    except stripe.InvalidRequestError as error:
        assert 'status of "expired"' in str(error.user_message)
    else:
        raise AssertionError("expiring twice should fail")


def test_unknown_session_is_resource_missing(client: stripe.StripeClient) -> None:
    try:
        client.v1.checkout.sessions.retrieve("cs_test_nope")
    except stripe.InvalidRequestError as error:
        assert error.http_status == 404
        assert error.code == "resource_missing"
        assert error.param == "session"
    else:
        raise AssertionError("expected resource_missing")


def test_customers_can_be_created_read_and_updated(client: stripe.StripeClient, receiver: WebhookReceiver) -> None:
    customer = client.v1.customers.create(
        params={"email": "anna@example.com", "name": "Anna", "metadata": {"donor_id": "9"}}
    )
    assert customer.id.startswith("cus_")

    updated = client.v1.customers.update(customer.id, params={"name": "Anna de Boer", "metadata": {"donor_id": ""}})

    assert updated.name == "Anna de Boer"
    assert updated.metadata.to_dict() == {}
    assert client.v1.customers.retrieve(customer.id).email == "anna@example.com"
    (event,) = receiver.wait_for("customer.updated")
    assert event["data"]["previous_attributes"]["name"] == "Anna"


def test_sessions_charges_and_invoices_can_be_listed_by_filter(
    client: stripe.StripeClient, server: StandinServer
) -> None:
    first = client.v1.checkout.sessions.create(params=payment_session_params())
    client.v1.checkout.sessions.create(params=payment_session_params())
    paid = control(server, f"checkout/{first.id}/complete", {"payment_method": "card"})["session"]

    by_intent = client.v1.checkout.sessions.list(params={"payment_intent": paid["payment_intent"]})
    charges = client.v1.charges.list(params={"payment_intent": paid["payment_intent"]})

    assert [session.id for session in by_intent.data] == [first.id]
    assert len(client.v1.checkout.sessions.list().data) == 2
    assert [charge.payment_intent for charge in charges.data] == [paid["payment_intent"]]
