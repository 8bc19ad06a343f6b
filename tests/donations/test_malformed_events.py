"""Correctly signed events of an odd shape are stored as failed with their reason and answered 400, never 500:
a 500 would have Stripe retry them for days, and nothing in them may change the ledger."""

import json

import pytest

from donations.models import Donation, StripeEvent

from .helpers import event_body, signature_header

pytestmark = pytest.mark.usefixtures("module_demo_site", "db")


def _deliver(client, body):
    return client.post(
        "/stripe/webhook/", data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature_header(body)
    )


def _session(**fields):
    return {"id": "cs_test_odd", "object": "checkout.session", "payment_status": "paid", "mode": "payment", **fields}


@pytest.mark.parametrize(
    ("event_type", "data_object", "reason"),
    [
        ("checkout.session.completed", {}, "data.object"),
        ("checkout.session.completed", _session(metadata="donation_id=1"), "metadata"),
        ("charge.refunded", {"id": "ch_odd", "object": "charge", "amount_refunded": "all"}, "amount_refunded"),
        ("invoice.paid", {"id": ["in_odd"], "object": "invoice"}, "malformed"),
        ("charge.dispute.closed", {"id": "dp_odd", "object": "dispute", "status": None}, "closing status"),
    ],
)
def test_an_odd_shape_is_stored_as_failed_with_its_reason(client, event_type, data_object, reason):
    body = event_body("evt_odd_shape", event_type, data_object)

    first, again = _deliver(client, body), _deliver(client, body)

    assert (first.status_code, again.status_code) == (400, 400)
    stored = StripeEvent.objects.get(stripe_id="evt_odd_shape")
    assert stored.outcome == StripeEvent.Outcome.FAILED
    assert reason in stored.error and stored.error.startswith("malformed")
    assert stored.delivery_count == 2
    assert not Donation.objects.exists()


def test_a_donation_id_that_is_no_id_of_ours_is_ignored_with_the_reason(client):
    body = event_body("evt_foreign", "checkout.session.completed", _session(metadata={"donation_id": "42; DROP"}))

    response = _deliver(client, body)

    assert response.status_code == 200
    stored = StripeEvent.objects.get(stripe_id="evt_foreign")
    assert (stored.outcome, stored.error) == (
        StripeEvent.Outcome.IGNORED,
        "not ours: checkout session cs_test_odd belongs to no donation here",
    )


def test_json_nested_deeper_than_any_event_is_refused(client):
    body = '{"id": "evt_deep", "type": "charge.refunded", "data": {"object": ' + "[" * 100_000 + "]" * 100_000 + "}}"

    response = _deliver(client, body)

    assert response.status_code == 400
    assert not StripeEvent.objects.exists()


def test_a_nul_character_in_an_event_is_stored_without_it(client):
    session = _session(metadata={"note": "a\u0000b"}, customer_details={"name": "Anna\u0000"})
    body = json.dumps(
        {"id": "evt_nul", "object": "event", "type": "checkout.session.expired", "data": {"object": session}}
    )

    response = _deliver(client, body)

    assert response.status_code == 200
    stored = StripeEvent.objects.get(stripe_id="evt_nul")
    assert stored.payload["data"]["object"]["customer_details"]["name"] == "Anna"


def test_an_event_whose_object_is_not_an_object_is_stored_as_failed(client):
    body = json.dumps({"id": "evt_list", "type": "charge.refunded", "data": {"object": ["ch_1"]}})

    assert _deliver(client, body).status_code == 400
    assert StripeEvent.objects.get(stripe_id="evt_list").outcome == StripeEvent.Outcome.FAILED
