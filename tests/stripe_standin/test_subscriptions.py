"""Recurring donations: Checkout in subscription mode, renewals, changes and cancellation."""

from __future__ import annotations

from typing import Any

import stripe

from stripe_standin.server import StandinServer
from tests.stripe_standin.helpers import WebhookReceiver, control, subscription_session_params


def start_subscription(
    client: stripe.StripeClient,
    server: StandinServer,
    payment_method: str = "card",
    interval: str = "month",
) -> dict[str, Any]:
    session = client.v1.checkout.sessions.create(params=subscription_session_params(interval=interval))
    result = control(server, f"checkout/{session.id}/complete", {"payment_method": payment_method})
    assert result["succeeded"] is True
    return result["session"]


def test_subscription_checkout_creates_subscription_and_paid_first_invoice(
    client: stripe.StripeClient, server: StandinServer, receiver: WebhookReceiver
) -> None:
    session = start_subscription(client, server)

    (created,) = receiver.wait_for("customer.subscription.created")
    (completed,) = receiver.wait_for("checkout.session.completed")
    (paid,) = receiver.wait_for("invoice.paid")
    subscription = created["data"]["object"]
    assert subscription["id"] == session["subscription"]
    assert subscription["status"] == "active"
    assert subscription["metadata"] == {"donation_id": "77"}
    item = subscription["items"]["data"][0]
    assert item["price"]["unit_amount"] == 1000
    assert item["price"]["recurring"]["interval"] == "month"
    assert item["current_period_end"] > item["current_period_start"]
    assert subscription["current_period_end"] == item["current_period_end"]

    assert completed["data"]["object"]["payment_status"] == "paid"
    assert completed["data"]["object"]["subscription"] == subscription["id"]
    assert completed["data"]["object"]["customer"] == subscription["customer"]

    invoice = paid["data"]["object"]
    assert invoice["status"] == "paid"
    assert invoice["amount_paid"] == 1000
    assert invoice["billing_reason"] == "subscription_create"
    assert invoice["customer_email"] == "donor@example.com"
    assert invoice["parent"]["subscription_details"]["subscription"] == subscription["id"]
    assert invoice["parent"]["subscription_details"]["metadata"] == {"donation_id": "77"}
    assert invoice["subscription"] == subscription["id"]
    assert invoice["lines"]["data"][0]["parent"]["subscription_item_details"]["subscription"] == subscription["id"]
    payment_intent_id = invoice["payments"]["data"][0]["payment"]["payment_intent"]
    assert client.v1.payment_intents.retrieve(payment_intent_id).status == "succeeded"

    # The order a donor's browser would see: the subscription, the session, then the invoice.
    types = receiver.types()
    assert types.index("customer.subscription.created") < types.index("checkout.session.completed")
    assert types.index("checkout.session.completed") < types.index("invoice.paid")

    fetched = client.v1.subscriptions.retrieve(subscription["id"], params={"expand": ["latest_invoice"]})
    assert fetched.latest_invoice.id == invoice["id"]


def test_advancing_bills_each_new_period(
    client: stripe.StripeClient, server: StandinServer, receiver: WebhookReceiver
) -> None:
    session = start_subscription(client, server)
    subscription_id = session["subscription"]
    first_end = client.v1.subscriptions.retrieve(subscription_id)["items"].data[0].current_period_end

    control(server, f"subscriptions/{subscription_id}/advance", {"outcome": "paid"})
    control(server, f"subscriptions/{subscription_id}/advance", {"outcome": "paid"})

    invoices = [event["data"]["object"] for event in receiver.wait_for("invoice.paid", count=3)]
    assert [invoice["billing_reason"] for invoice in invoices] == [
        "subscription_create",
        "subscription_cycle",
        "subscription_cycle",
    ]
    assert all(invoice["parent"]["subscription_details"]["metadata"] == {"donation_id": "77"} for invoice in invoices)
    assert len({invoice["id"] for invoice in invoices}) == 3
    assert invoices[1]["lines"]["data"][0]["period"]["start"] == first_end
    item = client.v1.subscriptions.retrieve(subscription_id)["items"].data[0]
    assert item.current_period_start == invoices[2]["lines"]["data"][0]["period"]["start"]
    assert item.current_period_start > first_end


def test_a_failed_renewal_makes_the_subscription_past_due(
    client: stripe.StripeClient, server: StandinServer, receiver: WebhookReceiver
) -> None:
    subscription_id = start_subscription(client, server)["subscription"]

    advanced = control(server, f"subscriptions/{subscription_id}/advance", {"outcome": "failed"})

    (failed,) = receiver.wait_for("invoice.payment_failed")
    assert failed["data"]["object"]["id"] == advanced["invoice"]["id"]
    assert failed["data"]["object"]["status"] == "open"
    assert failed["data"]["object"]["billing_reason"] == "subscription_cycle"
    updates = receiver.wait_for("customer.subscription.updated", count=2)
    assert updates[-1]["data"]["object"]["status"] == "past_due"
    assert updates[-1]["data"]["previous_attributes"]["status"] == "active"

    control(server, f"invoices/{advanced['invoice']['id']}/pay", {"outcome": "paid"})

    assert len(receiver.wait_for("invoice.paid", count=2)) == 2
    assert client.v1.subscriptions.retrieve(subscription_id).status == "active"


def test_cancelling_sends_subscription_deleted(
    client: stripe.StripeClient, server: StandinServer, receiver: WebhookReceiver
) -> None:
    subscription_id = start_subscription(client, server)["subscription"]

    canceled = client.v1.subscriptions.cancel(subscription_id)

    assert canceled.status == "canceled"
    (deleted,) = receiver.wait_for("customer.subscription.deleted")
    assert deleted["data"]["object"]["id"] == subscription_id
    assert deleted["data"]["object"]["status"] == "canceled"
    assert deleted["data"]["object"]["ended_at"] is not None


def test_cancel_at_period_end_ends_at_the_next_advance(
    client: stripe.StripeClient, server: StandinServer, receiver: WebhookReceiver
) -> None:
    subscription_id = start_subscription(client, server)["subscription"]

    client.v1.subscriptions.update(subscription_id, params={"cancel_at_period_end": True})
    control(server, f"subscriptions/{subscription_id}/advance")

    receiver.wait_for("customer.subscription.deleted")
    assert len(receiver.of_type("invoice.paid")) == 1


def test_changing_the_amount(client: stripe.StripeClient, server: StandinServer, receiver: WebhookReceiver) -> None:
    subscription_id = start_subscription(client, server)["subscription"]
    subscription = client.v1.subscriptions.retrieve(subscription_id)
    item = subscription["items"].data[0]

    updated = client.v1.subscriptions.update(
        subscription_id,
        params={
            "items": [
                {
                    "id": item.id,
                    "price_data": {
                        "currency": "eur",
                        "product": item.price.product,
                        "unit_amount": 2500,
                        "recurring": {"interval": "month"},
                    },
                }
            ],
            "proration_behavior": "none",
            "metadata": {"amount_changed": "yes"},
        },
    )

    assert updated["items"].data[0].price.unit_amount == 2500
    assert updated.metadata.to_dict() == {"donation_id": "77", "amount_changed": "yes"}
    (event,) = receiver.wait_for("customer.subscription.updated")
    assert event["data"]["previous_attributes"]["items"]["data"][0]["price"]["unit_amount"] == 1000
    control(server, f"subscriptions/{subscription_id}/advance")
    assert receiver.wait_for("invoice.paid", count=2)[-1]["data"]["object"]["amount_paid"] == 2500


def test_a_paused_subscription_voids_its_invoices_until_resumes_at(
    client: stripe.StripeClient, server: StandinServer, receiver: WebhookReceiver
) -> None:
    subscription_id = start_subscription(client, server)["subscription"]
    first_period_end = client.v1.subscriptions.retrieve(subscription_id).current_period_end
    resumes_at = first_period_end + 40 * 86400  # inside the second period: two invoices fall in the pause

    paused = client.v1.subscriptions.update(
        subscription_id, params={"pause_collection": {"behavior": "void", "resumes_at": resumes_at}}
    )

    assert paused.pause_collection.to_dict() == {"behavior": "void", "resumes_at": resumes_at}
    (update,) = receiver.wait_for("customer.subscription.updated")
    assert update["data"]["previous_attributes"] == {"pause_collection": None}
    for _period in range(2):
        advanced = control(server, f"subscriptions/{subscription_id}/advance")
        assert advanced["invoice"]["status"] == "void"
        assert advanced["invoice"]["amount_paid"] == 0 and advanced["invoice"]["payments"]["data"] == []
    assert len(receiver.wait_for("invoice.voided", count=2)) == 2
    assert len(receiver.of_type("invoice.paid")) == 1
    assert client.v1.subscriptions.retrieve(subscription_id).status == "active"

    resumed = control(server, f"subscriptions/{subscription_id}/advance")

    assert resumed["invoice"]["status"] == "paid"
    assert resumed["subscription"]["pause_collection"] is None
    updates = receiver.wait_for("customer.subscription.updated", count=4)
    assert updates[-1]["data"]["object"]["pause_collection"] is None
    assert updates[-1]["data"]["previous_attributes"]["pause_collection"]["resumes_at"] == resumes_at
    assert len(receiver.wait_for("invoice.paid", count=2)) == 2


def test_an_empty_pause_collection_ends_the_pause(
    client: stripe.StripeClient, server: StandinServer, receiver: WebhookReceiver
) -> None:
    subscription_id = start_subscription(client, server)["subscription"]
    resumes_at = client.v1.subscriptions.retrieve(subscription_id).current_period_end + 86400
    client.v1.subscriptions.update(
        subscription_id, params={"pause_collection": {"behavior": "void", "resumes_at": resumes_at}}
    )

    resumed = client.v1.subscriptions.update(subscription_id, params={"pause_collection": ""})

    assert resumed.pause_collection is None
    assert receiver.wait_for("customer.subscription.updated", count=2)[-1]["data"]["object"]["pause_collection"] is None
    assert control(server, f"subscriptions/{subscription_id}/advance")["invoice"]["status"] == "paid"


def test_a_pause_needs_a_known_behavior_and_a_future_end(client: stripe.StripeClient, server: StandinServer) -> None:
    subscription_id = start_subscription(client, server)["subscription"]

    for pause, param in (
        ({"behavior": "skip", "resumes_at": 4102444800}, "pause_collection[behavior]"),
        ({"resumes_at": 4102444800}, "pause_collection[behavior]"),
        ({"behavior": "void", "resumes_at": 946684800}, "pause_collection[resumes_at]"),
    ):
        try:
            client.v1.subscriptions.update(subscription_id, params={"pause_collection": pause})
        except stripe.InvalidRequestError as error:
            assert error.param == param
        else:
            raise AssertionError(f"{pause} was accepted")
    assert client.v1.subscriptions.retrieve(subscription_id).pause_collection is None


def _change_to_yearly(client: stripe.StripeClient, subscription_id: str, item: Any, **extra: Any) -> Any:
    return client.v1.subscriptions.update(
        subscription_id,
        params={
            "items": [
                {
                    "id": item.id,
                    "price_data": {
                        "currency": "eur",
                        "product": item.price.product,
                        "unit_amount": 12000,
                        "recurring": {"interval": "year"},
                    },
                }
            ],
            "proration_behavior": "none",
            **extra,
        },
    )


def test_changing_the_interval_starts_a_new_cycle_and_bills_it_at_once(
    client: stripe.StripeClient, server: StandinServer, receiver: WebhookReceiver
) -> None:
    subscription_id = start_subscription(client, server)["subscription"]
    subscription = client.v1.subscriptions.retrieve(subscription_id)
    receiver.wait_for("invoice.paid")

    updated = _change_to_yearly(client, subscription_id, subscription["items"].data[0])

    assert updated.latest_invoice != subscription.latest_invoice
    new_invoice = client.v1.invoices.retrieve(updated.latest_invoice)
    assert (new_invoice.amount_paid, new_invoice.billing_reason) == (12000, "subscription_update")
    assert 365 <= (updated.current_period_end - updated.current_period_start) / 86400 <= 366
    assert updated.billing_cycle_anchor == updated.current_period_start


def test_a_trial_until_the_paid_period_ends_bills_the_new_interval_from_the_next_period(
    client: stripe.StripeClient, server: StandinServer
) -> None:
    subscription_id = start_subscription(client, server)["subscription"]
    subscription = client.v1.subscriptions.retrieve(subscription_id)
    item = subscription["items"].data[0]
    month_end = item.current_period_end

    updated = _change_to_yearly(client, subscription_id, item, trial_end=month_end)

    # The month that was paid for runs out first; nothing is billed now.
    assert updated["items"].data[0].price.recurring.interval == "year"
    assert (updated.current_period_end, updated.trial_end, updated.status) == (month_end, month_end, "trialing")
    assert updated.latest_invoice == subscription.latest_invoice
    advanced = control(server, f"subscriptions/{subscription_id}/advance")
    assert advanced["invoice"]["amount_paid"] == 12000
    assert advanced["subscription"]["status"] == "active"
    assert 365 <= (advanced["subscription"]["current_period_end"] - month_end) / 86400 <= 366


def test_yearly_subscription_moves_a_year(client: stripe.StripeClient, server: StandinServer) -> None:
    subscription_id = start_subscription(client, server, interval="year")["subscription"]
    item = client.v1.subscriptions.retrieve(subscription_id)["items"].data[0]

    assert 365 <= (item.current_period_end - item.current_period_start) / 86400 <= 366


def test_sepa_subscription_is_incomplete_until_settled(
    client: stripe.StripeClient, server: StandinServer, receiver: WebhookReceiver
) -> None:
    session = start_subscription(client, server, payment_method="sepa_debit")
    assert session["payment_status"] == "unpaid"
    assert client.v1.subscriptions.retrieve(session["subscription"]).status == "incomplete"

    control(server, f"checkout/{session['id']}/settle", {"outcome": "succeeded"})

    receiver.wait_for("checkout.session.async_payment_succeeded")
    (paid,) = receiver.wait_for("invoice.paid")
    assert paid["data"]["object"]["billing_reason"] == "subscription_create"
    assert client.v1.subscriptions.retrieve(session["subscription"]).status == "active"


def test_customer_portal_lists_and_stops_donations(
    client: stripe.StripeClient, server: StandinServer, receiver: WebhookReceiver
) -> None:
    import urllib.request

    session = start_subscription(client, server)
    portal = client.v1.billing_portal.sessions.create(
        params={"customer": session["customer"], "return_url": "https://giving.example/account/"}
    )
    assert portal.object == "billing_portal.session"
    assert portal.id.startswith("bps_")

    with urllib.request.urlopen(portal.url, timeout=10) as response:
        page = response.read().decode()
    assert "€ 10,00 per maand" in page
    assert 'href="https://giving.example/account/"' in page

    cancel = urllib.request.Request(
        f"{portal.url}/subscriptions/{session['subscription']}/cancel", data=b"", method="POST"
    )
    with urllib.request.urlopen(cancel, timeout=10) as response:
        assert "Stopt op" in response.read().decode()
    assert client.v1.subscriptions.retrieve(session["subscription"]).cancel_at_period_end is True
    receiver.wait_for("customer.subscription.updated")


def test_ideal_first_payment_continues_as_sepa_debit(
    client: stripe.StripeClient, server: StandinServer, receiver: WebhookReceiver
) -> None:
    session = client.v1.checkout.sessions.create(
        params=subscription_session_params(payment_method_types=["ideal", "card", "sepa_debit"])
    )
    control(server, f"checkout/{session.id}/complete", {"payment_method": "ideal", "ideal_bank": "ing"})
    subscription_id = client.v1.checkout.sessions.retrieve(session.id).subscription

    control(server, f"subscriptions/{subscription_id}/advance")

    charges = [event["data"]["object"] for event in receiver.wait_for("charge.succeeded", count=2)]
    generated = charges[0]["payment_method_details"]["ideal"]["generated_sepa_debit"]
    assert generated.startswith("pm_")
    assert client.v1.subscriptions.retrieve(subscription_id).default_payment_method == generated
    assert charges[1]["payment_method_details"]["type"] == "sepa_debit"
