"""The webhook endpoint: only Stripe-signed events count, and each counts once, in whatever order they arrive."""

import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from donations import stripe_gateway
from donations.handlers import HANDLERS
from donations.models import Donation, DonationStatus, RecurringDonation, RecurringStatus, StripeEvent

from .helpers import (
    advance,
    control,
    delivered,
    event_body,
    only_donation,
    paid_gift,
    pay,
    post_webhook,
    raised_cents,
    receipts,
    signature_header,
)


def _held_event(standin, event_type):
    """The body of an event the stand-in holds back (delivery paused), as Stripe would post it."""
    return json.dumps(standin.events(event_type)[-1])


def _answers_to_deliveries(standin, event_id):
    """The HTTP status the site answered to each delivery attempt of an event."""
    (delivery,) = [delivery for delivery in standin.deliveries() if delivery["event_id"] == event_id]
    return [attempt["status"] for attempt in delivery["attempts"]]


def test_a_duplicate_delivery_pays_once_and_sends_one_receipt(donor, stripe_standin):
    stripe_standin.configure(duplicate_deliveries=True)

    paid_gift(donor, stripe_standin)

    assert only_donation().status == DonationStatus.PAID
    assert len(receipts()) == 1
    completed = StripeEvent.objects.get(type="checkout.session.completed")
    assert (completed.delivery_count, completed.outcome) == (2, StripeEvent.Outcome.PROCESSED)


@pytest.mark.parametrize("reverse_order", [False, True], ids=["in-order", "reversed"])
def test_a_subscriptions_events_give_the_same_end_state_in_any_order(donor, stripe_standin, reverse_order):
    stripe_standin.configure(pause_delivery=True, reverse_order=reverse_order)
    subscription_id = paid_gift(donor, stripe_standin, frequency="monthly", amount="2500")["subscription"]
    # The second month's debit fails and a retry pays it; then the donor changes the amount twice.
    advance(stripe_standin, subscription_id, outcome="failed")
    control(stripe_standin, f"invoices/{stripe_standin.get_object(subscription_id)['latest_invoice']}/pay")
    stripe_gateway.change_subscription_amount(subscription_id, 4000)
    stripe_gateway.change_subscription_amount(subscription_id, 6000)
    assert not StripeEvent.objects.exists()

    stripe_standin.flush()
    delivered(stripe_standin)

    recurring = RecurringDonation.objects.get()
    assert (recurring.status, recurring.amount_cents) == (RecurringStatus.ACTIVE, 6000)
    assert sorted((d.recurring_id, d.status, d.amount_cents) for d in Donation.objects.all()) == [
        (recurring.pk, DonationStatus.PAID, 2500),
        (recurring.pk, DonationStatus.PAID, 2500),
    ]
    assert raised_cents() == 5000
    assert len(receipts()) == 2
    assert not StripeEvent.objects.filter(outcome=StripeEvent.Outcome.FAILED).exists()


def test_unsigned_forged_stale_or_malformed_deliveries_are_refused_and_change_nothing(
    donor, stripe_standin, live_server
):
    stripe_standin.configure(pause_delivery=True)
    pay(stripe_standin, donor.start_gift())
    genuine = _held_event(stripe_standin, "checkout.session.completed")
    refused = {
        "forged signature": (genuine, {"Stripe-Signature": signature_header(genuine, secret="whsec_someone_else")}),
        "no signature header": (genuine, {}),
        "signed ten minutes ago": (genuine, {"Stripe-Signature": signature_header(genuine, age_seconds=600)}),
        "body changed after signing": (
            genuine.replace('"payment_status": "paid"', '"payment_status": "paid", "x": 1'),
            {"Stripe-Signature": signature_header(genuine)},
        ),
        "malformed JSON, signed": ('{"id": "evt_broken", "type": ', None),
        "JSON that is no event, signed": ('["checkout.session.completed"]', None),
    }

    for case, (body, headers) in refused.items():
        assert post_webhook(live_server.url, body, headers).status_code == 400, case

    assert not StripeEvent.objects.exists()
    assert only_donation().status == DonationStatus.PENDING
    stripe_standin.flush()
    delivered(stripe_standin)
    assert only_donation().status == DonationStatus.PAID  # the genuine delivery still counts


def test_an_unknown_event_type_is_acknowledged_and_stored_as_ignored(live_demo_site):
    body = event_body("evt_unknown_type", "customer.tax_id.created", {"id": "txi_1", "object": "tax_id"})

    response = post_webhook(live_demo_site.url, body)

    assert response.status_code == 200
    assert StripeEvent.objects.get(stripe_id="evt_unknown_type").outcome == StripeEvent.Outcome.IGNORED


def test_a_failing_handler_answers_500_records_the_failure_and_a_redelivery_succeeds(
    donor, stripe_standin, monkeypatch
):
    def fail(session):
        raise RuntimeError("database connection lost")

    stripe_standin.configure(max_attempts=1)
    monkeypatch.setitem(HANDLERS, "checkout.session.completed", fail)
    pay(stripe_standin, donor.start_gift())

    event = StripeEvent.objects.get(type="checkout.session.completed")
    assert event.outcome == StripeEvent.Outcome.FAILED
    assert "database connection lost" in event.error
    assert _answers_to_deliveries(stripe_standin, event.stripe_id) == [500]
    assert only_donation().status == DonationStatus.PENDING

    monkeypatch.undo()
    control(stripe_standin, f"events/{event.stripe_id}/redeliver")
    delivered(stripe_standin)

    assert _answers_to_deliveries(stripe_standin, event.stripe_id) == [500, 200]
    event.refresh_from_db()
    assert (event.outcome, event.delivery_count, event.error) == (StripeEvent.Outcome.PROCESSED, 2, "")
    assert only_donation().status == DonationStatus.PAID
    assert len(receipts()) == 1


def test_two_simultaneous_deliveries_of_one_event_pay_once_and_send_one_receipt(donor, stripe_standin, live_server):
    stripe_standin.configure(pause_delivery=True)
    pay(stripe_standin, donor.start_gift())
    body = _held_event(stripe_standin, "checkout.session.completed")
    headers = {"Stripe-Signature": signature_header(body)}
    both_ready = threading.Barrier(2)

    def deliver(_):
        both_ready.wait()
        return post_webhook(live_server.url, body, headers)

    with ThreadPoolExecutor(max_workers=2) as pool:
        responses = list(pool.map(deliver, range(2)))

    assert [response.status_code for response in responses] == [200, 200]
    assert sorted(response.json()["status"] for response in responses) == ["duplicate", "processed"]
    assert only_donation().status == DonationStatus.PAID
    assert len(receipts()) == 1
    assert StripeEvent.objects.get().delivery_count == 2
