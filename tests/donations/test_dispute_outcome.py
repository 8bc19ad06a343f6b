"""A dispute's outcome: won gives the gift back to the campaign total, once; lost keeps it out."""

import json

from donations.models import DonationStatus

from .helpers import (
    control,
    delivered,
    dispute,
    event_body,
    only_donation,
    paid_gift,
    post_webhook,
    raised_cents,
    receipts,
)


def _close(standin, dispute_id, status):
    result = control(standin, f"disputes/{dispute_id}/close", status=status)
    delivered(standin)
    return result


def _replay_as_new_event(live_server, event, new_id):
    """The same object in an event with another id, as a replay from a log or a second endpoint would send it."""
    body = event_body(new_id, event["type"], event["data"]["object"])
    assert post_webhook(live_server.url, body).status_code == 200


def _redeliver(standin, event):
    control(standin, f"events/{event['id']}/redeliver")
    delivered(standin)


def test_a_won_dispute_makes_the_gift_paid_and_counted_again_once(donor, stripe_standin, live_server):
    paid_gift(donor, stripe_standin, amount="10000")
    opened = dispute(stripe_standin, only_donation().stripe_payment_intent_id)["dispute"]
    assert (only_donation().status, raised_cents()) == (DonationStatus.DISPUTED, 0)

    _close(stripe_standin, opened["id"], "won")

    donation = only_donation()
    assert (donation.status, donation.dispute_status) == (DonationStatus.PAID, "won")
    assert raised_cents() == 10000
    assert "<strong>€ 100</strong> opgehaald" in donor.get(donation.campaign.url).text

    # Stripe's redelivery, a replay under another event id and a late copy of the opening change nothing.
    (closed,) = stripe_standin.events("charge.dispute.closed")
    (created,) = stripe_standin.events("charge.dispute.created")
    _redeliver(stripe_standin, closed)
    _replay_as_new_event(live_server, closed, "evt_replayed_close")
    _replay_as_new_event(live_server, created, "evt_late_dispute_opening")
    (completed,) = stripe_standin.events("checkout.session.completed")
    _replay_as_new_event(live_server, completed, "evt_replayed_completion")

    assert only_donation().status == DonationStatus.PAID
    assert raised_cents() == 10000
    assert len(receipts()) == 1


def test_a_lost_dispute_keeps_the_gift_out_of_the_total(donor, stripe_standin, live_server):
    paid_gift(donor, stripe_standin, amount="10000")
    opened = dispute(stripe_standin, only_donation().stripe_payment_intent_id)["dispute"]

    _close(stripe_standin, opened["id"], "lost")
    (closed,) = stripe_standin.events("charge.dispute.closed")
    _replay_as_new_event(live_server, closed, "evt_replayed_lost_close")
    won = json.loads(json.dumps(closed))
    won["data"]["object"]["status"] = "won"  # a forged-looking second outcome of a closed dispute
    _replay_as_new_event(live_server, won, "evt_second_outcome")

    donation = only_donation()
    assert (donation.status, donation.dispute_status) == (DonationStatus.DISPUTED, "lost")
    assert raised_cents() == 0


def test_a_won_dispute_whose_opening_arrives_last_leaves_the_gift_counted(donor, stripe_standin):
    paid_gift(donor, stripe_standin, amount="10000")
    stripe_standin.configure(pause_delivery=True, reverse_order=True)
    opened = dispute(stripe_standin, only_donation().stripe_payment_intent_id)["dispute"]
    control(stripe_standin, f"disputes/{opened['id']}/close", status="won")

    stripe_standin.flush()
    delivered(stripe_standin)

    assert only_donation().status == DonationStatus.PAID
    assert raised_cents() == 10000
