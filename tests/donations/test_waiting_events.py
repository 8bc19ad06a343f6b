"""Events about a payment the ledger does not know yet wait: the periodic sweep applies them once it is known, and
one that waits too long is shown to staff in the Stripe-events listing and logged as a warning."""

import datetime
import logging

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from donations.models import Donation, StripeEvent
from donations.tasks import apply_waiting_stripe_events

from .event_scenarios import SCENARIOS, Gift
from .helpers import campaign, event_body, signature_header

pytestmark = pytest.mark.usefixtures("module_demo_site", "db")


@pytest.fixture
def monthly_gift_refunded(client, standin_without_webhooks, settings):
    """The real events of a monthly gift whose first payment was refunded: (the refund, all the others)."""
    settings.DONATION_RATE_LIMIT = "10000/m"
    the_campaign = campaign()
    play, _expected = SCENARIOS["monthly first payment refunded"]
    play(
        Gift(
            standin_without_webhooks,
            lambda data: client.post("/doneren/", {"campaign": the_campaign.pk, **data}),
            email="maand@example.org",
        )
    )
    events = standin_without_webhooks.events()
    refund = next(event for event in events if event["type"] == "charge.refunded")
    return refund, [event for event in events if event is not refund]


def _deliver(client, event):
    body = event_body(event["id"], event["type"], event["data"]["object"])
    response = client.post(
        "/stripe/webhook/", data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature_header(body)
    )
    assert response.status_code == 200, response.content
    return response.json()["status"]


def _fundraiser(client, django_user_model):
    user = django_user_model.objects.create_user(username="fondsen", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Fondsenwerving"))
    client.force_login(user)
    return client


def test_the_sweep_applies_a_waiting_event_once_its_payment_is_known(client, monthly_gift_refunded):
    refund, others = monthly_gift_refunded
    # The refund waited, and what it waited for came in a transaction that committed after it looked: only the
    # periodic sweep can still see it together.
    assert _deliver(client, refund) == "waiting"
    for event in others:
        _deliver(client, event)
    StripeEvent.objects.filter(stripe_id=refund["id"]).update(outcome="waiting", processed_at=None)
    Donation.objects.update(status="paid", refunded_cents=0)

    assert apply_waiting_stripe_events() == 1

    stored = StripeEvent.objects.get(stripe_id=refund["id"])
    assert (stored.outcome, stored.waiting_since) == (StripeEvent.Outcome.PROCESSED, None)
    assert list(Donation.objects.values_list("status", "refunded_cents")) == [("refunded", 2500)]
    assert apply_waiting_stripe_events() == 0


def test_an_event_waiting_too_long_is_logged_and_shown_to_staff(
    client, monthly_gift_refunded, django_user_model, caplog, settings
):
    settings.STRIPE_EVENT_WAIT_WARNING_SECONDS = 3600
    refund, _others = monthly_gift_refunded
    assert _deliver(client, refund) == "waiting"
    staff = _fundraiser(client, django_user_model)

    listing = staff.get(reverse("stripeevent:index"))
    assert listing.status_code == 200
    assert "wacht al langer dan" not in listing.content.decode()

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=61)):
        with caplog.at_level(logging.WARNING, logger="donations.events"):
            assert apply_waiting_stripe_events() == 0
        listing = staff.get(reverse("stripeevent:index") + "?outcome=waiting")

    warnings = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
    assert any(refund["id"] in message and "waiting since" in message for message in warnings), warnings
    page = listing.content.decode()
    assert "1 Stripe-gebeurtenis wacht al langer dan 60 minuten" in page
    assert refund["id"] in page and "Wacht op de gift" in page
    assert refund["data"]["object"]["payment_intent"] in page


def test_a_redelivered_waiting_event_stays_waiting_and_is_counted(client, monthly_gift_refunded):
    refund, _others = monthly_gift_refunded
    with transaction.atomic():
        assert _deliver(client, refund) == "waiting"
        assert _deliver(client, refund) == "waiting"
    stored = StripeEvent.objects.get(stripe_id=refund["id"])
    assert (stored.outcome, stored.delivery_count, stored.processed_at) == ("waiting", 2, None)
