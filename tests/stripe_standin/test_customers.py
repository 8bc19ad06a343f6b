"""Deleting a customer, as the site does when a donor's personal data is erased."""

from __future__ import annotations

import pytest
import stripe

from tests.stripe_standin.helpers import WebhookReceiver, control, subscription_session_params


def test_a_deleted_customer_answers_like_stripe(client: stripe.StripeClient, receiver: WebhookReceiver) -> None:
    customer = client.v1.customers.create(params={"email": "anna@example.com", "name": "Anna de Boer"})

    deleted = client.v1.customers.delete(customer.id)

    assert deleted.to_dict() == {"id": customer.id, "object": "customer", "deleted": True}
    # Retrieving still answers, without the name or e-mail; the customer is no longer listed.
    assert client.v1.customers.retrieve(customer.id).to_dict() == {
        "id": customer.id,
        "object": "customer",
        "deleted": True,
    }
    assert client.v1.customers.list(params={"email": "anna@example.com"}).data == []
    (event,) = receiver.wait_for("customer.deleted")
    assert event["data"]["object"]["id"] == customer.id


@pytest.mark.parametrize(
    "call",
    [
        lambda client, customer_id: client.v1.customers.delete(customer_id),
        lambda client, customer_id: client.v1.customers.update(customer_id, params={"name": "Anna"}),
        lambda client, customer_id: client.v1.billing_portal.sessions.create(
            params={"customer": customer_id, "return_url": "https://giving.example/"}
        ),
    ],
    ids=["delete again", "update", "portal"],
)
def test_a_deleted_customer_cannot_be_used_again(client: stripe.StripeClient, call) -> None:
    customer = client.v1.customers.create(params={"email": "anna@example.com"})
    client.v1.customers.delete(customer.id)

    with pytest.raises(stripe.InvalidRequestError) as raised:
        call(client, customer.id)

    assert (raised.value.http_status, raised.value.code) == (404, "resource_missing")


def test_an_unknown_customer_cannot_be_deleted(client: stripe.StripeClient) -> None:
    with pytest.raises(stripe.InvalidRequestError) as raised:
        client.v1.customers.delete("cus_nope")

    assert (raised.value.http_status, raised.value.code) == (404, "resource_missing")


def test_deleting_a_customer_ends_its_subscription(client, server, receiver: WebhookReceiver) -> None:
    session = client.v1.checkout.sessions.create(params=subscription_session_params())
    paid = control(server, f"checkout/{session.id}/complete", {"payment_method": "card"})["session"]

    client.v1.customers.delete(paid["customer"])

    assert client.v1.subscriptions.retrieve(paid["subscription"]).status == "canceled"
    (ended,) = receiver.wait_for("customer.subscription.deleted")
    assert ended["data"]["object"]["id"] == paid["subscription"]
