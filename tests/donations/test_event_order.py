"""Stripe promises neither order nor single delivery: whatever order a gift's events arrive in, each delivered once
or many times, the ledger ends the same as after Stripe's own order. Receipts go out once the events are in.

Each scenario's events are the real ones the stand-in made for it; Hypothesis draws the orders and repeats.
"""

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import transaction
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from donations.models import CampaignTotal, Donation, RecurringDonation, StripeEvent
from donations.tasks import sweep_unsent_receipts
from donations.totals import ledger_figures, totals_for

from .event_scenarios import SCENARIOS, Gift, signed_delivery
from .helpers import campaign, receipts

pytestmark = pytest.mark.usefixtures("module_demo_site")

EXAMPLES_PER_SCENARIO = 25


@pytest.fixture
def recorded(db, client, standin_without_webhooks, settings):
    """Factory: play a scenario on the stand-in; returns its events in Stripe's order."""
    settings.DONATION_RATE_LIMIT = "10000/m"
    settings.RECEIPT_SWEEP_AFTER_SECONDS = 0
    the_campaign = campaign()

    def post_form(data):
        return client.post("/doneren/", {"campaign": the_campaign.pk, **data})

    def record(name):
        play, _expected = SCENARIOS[name]
        play(Gift(standin_without_webhooks, post_form, email=f"{name.replace(' ', '-')}@example.org"))
        return standin_without_webhooks.events()

    return record


def deliver(client, deliveries):
    for event in deliveries:
        body, signature = signed_delivery(event)
        response = client.post(
            "/stripe/webhook/", data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature
        )
        assert response.status_code == 200, (event["type"], response.content)


def ledger():
    """What the books and the public pages say: every gift, every recurring gift, the total, the receipts."""
    cache.clear()
    totals = totals_for(campaign())
    # The running totals the pages read are the ledger's own sum, whatever order the events came in.
    counters = {
        str(key): (raised, donors)
        for key, raised, donors in CampaignTotal.objects.values_list("translation_key", "raised_cents", "donor_count")
        if (raised, donors) != (0, 0)
    }
    assert counters == ledger_figures()
    donations = sorted(
        (d.stripe_invoice_id or str(d.public_id), d.status, d.amount_cents, d.refunded_cents, d.dispute_status)
        for d in Donation.objects.all()
    )
    recurring = sorted(RecurringDonation.objects.values_list("stripe_subscription_id", "status", "amount_cents"))
    sent = sorted(Donation.objects.filter(receipt_sent_at__isnull=False).values_list("receipt_number", flat=True))
    return {
        "donations": donations,
        "recurring": recurring,
        "raised": totals.raised_cents,
        "donors": totals.donor_count,
        "receipts sent": sent,
        "receipt mails": len(receipts()),
        "waiting events": StripeEvent.objects.filter(outcome=StripeEvent.Outcome.WAITING).count(),
    }


def ledger_after(client, deliveries):
    """Deliver, let the receipt sweep run (twice: a second run sends nothing), read the ledger, undo it all."""
    with transaction.atomic():
        mail.outbox.clear()
        deliver(client, deliveries)
        sweep_unsent_receipts()
        sweep_unsent_receipts()
        result = ledger()
        transaction.set_rollback(True)
    return result


def check_expected(result, expected):
    statuses = [status for _key, status, *_rest in result["donations"]]
    assert sorted(statuses) == sorted(expected["statuses"])
    assert result["raised"] == expected["raised"]
    assert result["donors"] == (1 if expected["raised"] else 0)
    assert result["receipt mails"] == expected.get("receipts", statuses.count("paid"))
    assert len(set(result["receipts sent"])) == len(result["receipts sent"]) == result["receipt mails"]
    assert result["waiting events"] == 0
    if "recurring" in expected:
        assert [status for _id, status, _amount in result["recurring"]] == [expected["recurring"]]


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_any_order_with_repeats_ends_in_the_same_ledger(name, recorded, client):
    events = recorded(name)
    in_stripes_order = ledger_after(client, events)
    check_expected(in_stripes_order, SCENARIOS[name][1])

    @hypothesis_settings(
        max_examples=EXAMPLES_PER_SCENARIO,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.data())
    def any_order(data):
        repeats = data.draw(st.lists(st.sampled_from(events), max_size=len(events)), label="repeated")
        deliveries = data.draw(st.permutations(events + repeats), label="deliveries")
        assert ledger_after(client, deliveries) == in_stripes_order

    any_order()


def test_a_refund_that_arrives_first_keeps_the_gift_out_of_the_total_and_unreceipted(recorded, client):
    events = recorded("full refund")
    refund_first = sorted(events, key=lambda event: event["type"] != "charge.refunded")

    result = ledger_after(client, refund_first)

    assert [status for _key, status, *_rest in result["donations"]] == ["refunded"]
    assert (result["raised"], result["receipt mails"]) == (0, 0)


def test_a_refund_of_a_subscription_payment_waits_for_its_invoice(recorded, client):
    events = recorded("monthly first payment refunded")
    refund = next(event for event in events if event["type"] == "charge.refunded")
    with transaction.atomic():
        deliver(client, [refund])
        waiting = StripeEvent.objects.get(stripe_id=refund["id"])
        assert (waiting.outcome, waiting.waiting_for) == (
            StripeEvent.Outcome.WAITING,
            refund["data"]["object"]["payment_intent"],
        )
        assert waiting.processed_at is None

        deliver(client, [event for event in events if event is not refund])

        waiting.refresh_from_db()
        assert waiting.outcome == StripeEvent.Outcome.PROCESSED
        assert list(Donation.objects.values_list("status", "refunded_cents")) == [("refunded", 2500)]
        transaction.set_rollback(True)
