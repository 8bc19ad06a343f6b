"""Erasing a donor reaches what Stripe holds and sent: the customer at Stripe, and the stored webhook events."""

import json
import threading
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_retry
from django.contrib.auth.models import Group
from django.urls import reverse
from kombu import pools as kombu_pools

from donations import stripe_gateway
from donations.models import Donor, StripeEvent
from leerkracht_site.celery import app as celery_app
from tests.donations.conftest import (  # noqa: F401 - the real Stripe path
    _quiet_standin,
    donor,
    live_demo_site,
    standin_without_webhooks,
    stripe_standin,
)
from tests.donations.helpers import delivered, only_donation, pay, stripe_client, wait_until

UNREACHABLE_STRIPE = "http://127.0.0.1:9"  # nothing listens here


def _log_in_as_finance(client, django_user_model):
    treasurer = django_user_model.objects.create_user(username="penningmeester", password="x", is_staff=True)
    treasurer.groups.add(Group.objects.get(name="Financiën"))
    client.force_login(treasurer)
    return client


def _stored_events_text():
    return json.dumps([event.payload for event in StripeEvent.objects.order_by("pk")])


def _point_the_site_at(settings, api_base):
    settings.STRIPE_API_BASE = api_base
    stripe_gateway.reset_client()


def test_erasure_takes_the_donor_out_of_the_stored_events_and_deletes_the_stripe_customer(
    client,
    django_user_model,
    donor,  # noqa: F811
    stripe_standin,  # noqa: F811
):
    session_id = donor.start_gift(email="anna@example.org")
    pay(stripe_standin, session_id, method="ideal", name="Anna de Vries", email="anna@example.org")
    session = stripe_standin.get_object(session_id)
    gift = only_donation()
    customer_id = gift.donor.stripe_customer_id
    assert customer_id == session["customer"]
    assert "anna@example.org" in _stored_events_text() and "Anna de Vries" in _stored_events_text()

    response = _log_in_as_finance(client, django_user_model).post(reverse("donor:erase", args=[gift.donor_id]))

    assert response.status_code == 302
    assert stripe_client(stripe_standin).v1.customers.retrieve(customer_id).to_dict() == {
        "id": customer_id,
        "object": "customer",
        "deleted": True,
    }
    delivered(stripe_standin)  # customer.deleted, with the customer as it was, comes in after the erasure
    assert StripeEvent.objects.filter(type="customer.deleted").exists()
    text = _stored_events_text()
    assert "anna@example.org" not in text.lower()
    assert "anna de vries" not in text.lower()
    # What the books need stays: amounts, ids, statuses, dates.
    completed = StripeEvent.objects.get(type="checkout.session.completed").payload
    paid_session = completed["data"]["object"]
    assert (paid_session["id"], paid_session["amount_total"], paid_session["payment_status"]) == (
        session["id"],
        5000,
        "paid",
    )
    assert (paid_session["customer"], paid_session["payment_intent"]) == (customer_id, gift.stripe_payment_intent_id)
    (sent,) = stripe_standin.events("checkout.session.completed")
    assert completed["created"] == sent["created"]
    assert paid_session["customer_details"]["email"] == "verwijderd"


def _event(event_id, event_type, data_object, **data):
    return {
        "id": event_id,
        "object": "event",
        "type": event_type,
        "created": 1767225600,
        "data": {"object": data_object, **data},
    }


def test_only_the_events_about_the_donor_lose_their_personal_data(staff_client, db):
    anna = Donor.objects.create(email="anna@example.org", name="Anna de Vries", stripe_customer_id="cus_1")
    charge = {
        "id": "ch_1",
        "object": "charge",
        "amount": 5000,
        "status": "succeeded",
        "customer": "cus_1",
        "billing_details": {
            "email": "Anna@Example.org",
            "name": "Anna de Vries",
            "phone": "0612345678",
            "address": {"city": "Utrecht", "line1": "Oudegracht 1"},
        },
        "receipt_email": "anna@example.org",
        "metadata": {"contact": "anna@example.org", "donation_id": "42"},
        "payment_method_details": {"type": "ideal", "ideal": {"bank": "ing", "verified_name": "A. de Vries"}},
    }
    StripeEvent.objects.create(
        stripe_id="evt_charge", type="charge.succeeded", payload=_event("evt_charge", "charge.succeeded", charge)
    )
    # Found by the e-mail alone: a session paid before Stripe made a customer.
    guest_session = {
        "id": "cs_1",
        "object": "checkout.session",
        "amount_total": 2500,
        "customer": None,
        "customer_email": "anna@example.org",
        "customer_details": {"email": "anna@example.org", "name": "Anna de Vries"},
    }
    StripeEvent.objects.create(
        stripe_id="evt_guest",
        type="checkout.session.completed",
        payload=_event("evt_guest", "checkout.session.completed", guest_session),
    )
    customer_updated = _event(
        "evt_customer",
        "customer.updated",
        {
            "id": "cus_1",
            "object": "customer",
            "email": "anna@example.org",
            "name": "Anna de Vries",
            "description": "Anna",
        },
        previous_attributes={"name": "Anna Jansen", "email": "anna.jansen@example.org"},
    )
    StripeEvent.objects.create(stripe_id="evt_customer", type="customer.updated", payload=customer_updated)
    # Someone else whose address ends in Anna's, and whose customer id starts with hers.
    joanna = _event(
        "evt_joanna",
        "charge.succeeded",
        dict(
            charge,
            id="ch_2",
            customer="cus_12",
            receipt_email="joanna@example.org",
            billing_details={"email": "joanna@example.org", "name": "Joanna Smit"},
            metadata={},
        ),
    )
    StripeEvent.objects.create(stripe_id="evt_joanna", type="charge.succeeded", payload=joanna)

    client = staff_client("Financiën")
    assert client.post(reverse("donor:erase", args=[anna.pk])).status_code == 302

    stored = {event.stripe_id: event.payload for event in StripeEvent.objects.all()}
    redacted_charge = stored["evt_charge"]["data"]["object"]
    assert redacted_charge["billing_details"] == {
        "email": "verwijderd",
        "name": "verwijderd",
        "phone": "verwijderd",
        "address": None,
    }
    assert (redacted_charge["receipt_email"], redacted_charge["metadata"]) == (
        "verwijderd",
        {"contact": "verwijderd", "donation_id": "42"},
    )
    assert redacted_charge["payment_method_details"] == {
        "type": "ideal",
        "ideal": {"bank": "ing", "verified_name": "verwijderd"},
    }
    assert (
        redacted_charge["id"],
        redacted_charge["amount"],
        redacted_charge["status"],
        redacted_charge["customer"],
    ) == ("ch_1", 5000, "succeeded", "cus_1")
    assert stored["evt_charge"]["created"] == 1767225600
    assert stored["evt_guest"]["data"]["object"]["customer_details"] == {"email": "verwijderd", "name": "verwijderd"}
    assert stored["evt_guest"]["data"]["object"]["amount_total"] == 2500
    customer = stored["evt_customer"]["data"]
    assert (customer["object"]["name"], customer["object"]["email"], customer["object"]["description"]) == (
        "verwijderd",
    ) * 3
    assert customer["previous_attributes"] == {"name": "verwijderd", "email": "verwijderd"}
    assert stored["evt_joanna"] == joanna


@pytest.fixture
def queueing_worker(settings):
    """Tasks really queued (an in-memory broker), and a Celery worker in a thread to start when the test says."""
    previous = {
        key: celery_app.conf[key]
        for key in ("task_always_eager", "broker_url", "broker_transport_options", "task_default_queue")
    }
    celery_app.conf.update(
        task_always_eager=False,
        broker_url="memory://",
        broker_transport_options={},
        task_default_queue=f"test-{uuid.uuid4().hex[:12]}",
    )
    _forget_broker_connections()
    settings.TASK_RETRY_BACKOFF_SECONDS = 0
    yield lambda: start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30)
    celery_app.conf.update(previous)
    _forget_broker_connections()


def _forget_broker_connections():
    # Pooled connections and the cached queue table remember the broker and queue they were made for.
    kombu_pools.reset()
    celery_app._pool = None
    celery_app.__dict__.pop("amqp", None)


def test_a_deletion_stripe_cannot_take_now_is_queued_and_retried_until_it_can(
    client,
    django_user_model,
    django_db_serialized_rollback,
    transactional_db,
    standin_without_webhooks,  # noqa: F811
    queueing_worker,
    settings,
):
    customer = stripe_client(standin_without_webhooks).v1.customers.create(params={"email": "anna@example.org"})
    anna = Donor.objects.create(email="anna@example.org", name="Anna de Vries", stripe_customer_id=customer.id)
    _point_the_site_at(settings, UNREACHABLE_STRIPE)

    response = _log_in_as_finance(client, django_user_model).post(reverse("donor:erase", args=[anna.pk]))

    # The erasure here does not wait for Stripe, and the erased row keeps no customer id.
    assert response.status_code == 302
    anna.refresh_from_db()
    assert (anna.email, anna.name, anna.stripe_customer_id) == (f"verwijderd-{anna.pk}@invalid", "", None)
    assert stripe_client(standin_without_webhooks).v1.customers.retrieve(customer.id).email == "anna@example.org"

    retried = threading.Event()

    def note_retry(**kwargs):
        retried.set()

    task_retry.connect(note_retry, weak=False)
    try:
        with queueing_worker():
            assert retried.wait(30), "the worker did not try (and fail) while Stripe was unreachable"
            _point_the_site_at(settings, standin_without_webhooks.base_url)
            assert wait_until(
                lambda: (
                    stripe_client(standin_without_webhooks).v1.customers.retrieve(customer.id).to_dict().get("deleted")
                ),
                timeout=30,
            )
    finally:
        task_retry.disconnect(note_retry)


def test_a_customer_already_deleted_at_stripe_counts_as_deleted(
    staff_client,
    db,
    standin_without_webhooks,  # noqa: F811
    django_capture_on_commit_callbacks,
    caplog,
):
    customer = stripe_client(standin_without_webhooks).v1.customers.create(params={"email": "anna@example.org"})
    stripe_client(standin_without_webhooks).v1.customers.delete(customer.id)  # by hand, in the Stripe dashboard
    anna = Donor.objects.create(email="anna@example.org", stripe_customer_id=customer.id)
    client = staff_client("Financiën")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("donor:erase", args=[anna.pk]))

    assert response.status_code == 302
    assert len(callbacks) == 1  # the deletion at Stripe
    anna.refresh_from_db()
    assert anna.email == f"verwijderd-{anna.pk}@invalid"
    # Nothing queued to try again, and no call to delete it by hand.
    assert [record for record in caplog.records if record.levelname in ("WARNING", "ERROR")] == []
