"""Many gifts' events delivered at once from several threads, each event several times, in random order, to the
live site on PostgreSQL: what production sees on a busy day. Every gift ends as its scenario says."""

import os
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.core.cache import cache
from django.db import connection

from donations.models import Donation, RecurringDonation, StripeEvent

from .event_scenarios import SCENARIOS, Gift, random_generator, shuffled_with_repeats, signed_delivery
from .helpers import WEBHOOK_PATH, campaign, raised_cents, receipts

THREADS = 8
STRIPE_RETRIES = 5


@pytest.fixture
def on_postgresql(live_demo_site):
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent transactions are PostgreSQL's; SQLite runs one writer at a time")


def _post(base_url, event):
    """One delivery, retried like Stripe retries an answer that is not 2xx; returns the answers."""
    answers = []
    for _ in range(STRIPE_RETRIES):
        body, signature = signed_delivery(event)
        response = requests.post(
            base_url + WEBHOOK_PATH,
            data=body.encode(),
            headers={"Content-Type": "application/json", "Stripe-Signature": signature},
            timeout=60,
        )
        answers.append(response.status_code)
        if response.status_code < 300:
            break
    return answers


def test_every_gift_ends_right_when_its_events_race_each_other(
    on_postgresql, donor, standin_without_webhooks, settings
):
    settings.DONATION_RATE_LIMIT = "10000/m"
    the_campaign = campaign()

    def post_form(data):
        return donor.post_form(the_campaign.url, "/doneren/", {"campaign": the_campaign.pk, **data})

    emails = {}
    for name, (play, _expected) in SCENARIOS.items():
        emails[name] = f"{name.replace(' ', '-').lower()}@example.org"
        play(Gift(standin_without_webhooks, post_form, email=emails[name]))
    events = standin_without_webhooks.events()
    seed = int(os.environ.get("EVENT_ORDER_SEED", "20261201"))
    deliveries = shuffled_with_repeats(events, random_generator(seed))

    with ThreadPoolExecutor(THREADS) as pool:
        answers = [code for codes in pool.map(lambda event: _post(donor.base_url, event), deliveries) for code in codes]

    assert [code for code in answers if code >= 500] == []
    assert StripeEvent.objects.count() == len(events)
    assert not StripeEvent.objects.exclude(outcome__in=["processed", "ignored"]).exists()
    for name, (_play, expected) in SCENARIOS.items():
        gifts = Donation.objects.filter(donor__email=emails[name])
        assert sorted(gifts.values_list("status", flat=True)) == sorted(expected["statuses"]), name
        if "recurring" in expected:
            recurring = RecurringDonation.objects.get(donor__email=emails[name])
            assert recurring.status == expected["recurring"], name
    cache.clear()
    assert raised_cents() == sum(expected["raised"] for _play, expected in SCENARIOS.values())
    # A receipt goes out when a gift is paid; one that was refunded later keeps the one it got, and none gets two.
    paid = Donation.objects.filter(status="paid")
    assert not paid.filter(receipt_sent_at__isnull=True).exists()
    numbers = list(Donation.objects.exclude(receipt_number=None).values_list("receipt_number", flat=True))
    assert len(numbers) == len(set(numbers))
    receipt_recipients = [message.to[0] for message in receipts()]
    assert len(receipt_recipients) == Donation.objects.filter(receipt_sent_at__isnull=False).count()
