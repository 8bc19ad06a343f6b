"""Monthly and yearly gifts: one Stripe subscription, one paid Donation per paid invoice, one receipt for each."""

import pytest

from donations.models import Donation, DonationStatus, RecurringDonation, RecurringStatus

from .helpers import (
    advance,
    event_body,
    mails_with,
    only_donation,
    paid_gift,
    pay_by_sepa,
    post_webhook,
    raised_cents,
    receipts,
    settle,
)

INTERVALS = {"monthly": "month", "yearly": "year"}


@pytest.mark.parametrize("frequency", ["monthly", "yearly"])
def test_two_paid_periods_are_two_donations_of_one_recurring_gift(donor, stripe_standin, frequency):
    session = paid_gift(donor, stripe_standin, frequency=frequency, amount="2500")
    assert session["mode"] == "subscription"
    subscription = stripe_standin.get_object(session["subscription"])
    assert subscription["items"]["data"][0]["price"]["recurring"]["interval"] == INTERVALS[frequency]

    advance(stripe_standin, session["subscription"])

    recurring = RecurringDonation.objects.get()
    assert (recurring.frequency, recurring.amount_cents, recurring.status) == (frequency, 2500, RecurringStatus.ACTIVE)
    assert recurring.stripe_subscription_id == session["subscription"]
    donations = list(Donation.objects.order_by("pk"))
    assert [(d.recurring_id, d.status, d.amount_cents) for d in donations] == [
        (recurring.pk, DonationStatus.PAID, 2500),
        (recurring.pk, DonationStatus.PAID, 2500),
    ]
    assert len({d.stripe_invoice_id for d in donations}) == 2
    assert raised_cents() == 2 * 2500
    assert len(receipts()) == 2
    assert all(d.receipt_sent_at for d in donations)


def test_covered_fees_of_a_recurring_gift_are_paid_each_period_but_not_counted_as_gift(donor, stripe_standin):
    session = paid_gift(donor, stripe_standin, frequency="monthly", amount="2500", cover_fees="on")
    advance(stripe_standin, session["subscription"])

    fee = 25 + 38  # € 0,25 plus 1,5% of € 25, rounded up
    assert [(d.amount_cents, d.fee_cents) for d in Donation.objects.order_by("pk")] == [(2500, fee), (2500, fee)]
    assert RecurringDonation.objects.get().amount_cents == 2500
    assert raised_cents() == 2 * 2500


def test_sepa_recurring_gift_that_bounces_ends_failed_and_is_never_counted(donor, stripe_standin):
    session_id = donor.start_gift(frequency="monthly", amount="2500")
    pay_by_sepa(stripe_standin, session_id)
    assert only_donation().status == DonationStatus.PENDING

    settle(stripe_standin, session_id, "failed")

    assert only_donation().status == DonationStatus.FAILED
    assert raised_cents() == 0
    assert receipts() == []
    assert len(mails_with("betaling mislukt")) == 1


def test_a_late_failure_never_overrides_a_paid_gift(donor, stripe_standin, live_server):
    session_id = donor.start_gift(frequency="monthly", amount="2500")
    pay_by_sepa(stripe_standin, session_id)
    settle(stripe_standin, session_id, "succeeded")
    assert only_donation().status == DonationStatus.PAID

    # A failure notice for the same session arriving after the success (a delayed or misrouted delivery).
    succeeded = stripe_standin.events("checkout.session.async_payment_succeeded")[0]
    late_failure = event_body("evt_late_failure", "checkout.session.async_payment_failed", succeeded["data"]["object"])
    assert post_webhook(live_server.url, late_failure).status_code == 200
    # And the next month's debit bounces: the first month stays paid.
    advance(stripe_standin, stripe_standin.get_object(session_id)["subscription"], outcome="failed")

    assert [d.status for d in Donation.objects.all()] == [DonationStatus.PAID]
    assert RecurringDonation.objects.get().status == RecurringStatus.PAST_DUE
    assert raised_cents() == 2500
    assert len(receipts()) == 1
