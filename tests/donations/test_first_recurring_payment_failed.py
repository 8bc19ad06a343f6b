"""A recurring gift whose first payment never succeeded has not started: it is never "past due" and counts no money,
and a later successful payment still starts it."""

import re
from urllib.parse import urlsplit

from django.core import mail

from donations.models import Donation, DonationStatus, RecurringDonation, RecurringStatus

from .helpers import (
    advance,
    control,
    delivered,
    mails_with,
    only_donation,
    pay_by_sepa,
    raised_cents,
    receipts,
    settle,
)


def _my_donations_page(donor):
    """'Mijn donaties' through the link in the failed-payment e-mail."""
    body = mails_with("betaling mislukt")[-1].body
    return donor.get(urlsplit(re.search(r"\S+/mijn-donaties/\S+/", body).group(0)).path).text


def _bounced_first_debit(donor, standin):
    session_id = donor.start_gift(frequency="monthly", amount="2500")
    pay_by_sepa(standin, session_id)
    assert RecurringDonation.objects.get().status == RecurringStatus.INCOMPLETE  # the debit is on its way
    settle(standin, session_id, "failed")
    return standin.get_object(standin.get_object(session_id)["subscription"])


def test_a_gift_whose_first_sepa_debit_bounced_shows_as_not_started(donor, stripe_standin):
    _bounced_first_debit(donor, stripe_standin)

    assert RecurringDonation.objects.get().status == RecurringStatus.FAILED
    (failed,) = stripe_standin.events("invoice.payment_failed")
    assert failed["data"]["object"]["billing_reason"] == "subscription_create"
    assert only_donation().status == DonationStatus.FAILED
    assert raised_cents() == 0
    page = _my_donations_page(donor)
    assert "Status: Niet gestart: eerste betaling mislukt" in page
    assert "achterstallig" not in page


def test_a_retry_that_collects_the_first_invoice_starts_the_gift_and_later_periods_count(donor, stripe_standin):
    subscription = _bounced_first_debit(donor, stripe_standin)

    control(stripe_standin, f"invoices/{subscription['latest_invoice']}/pay")
    delivered(stripe_standin)

    recurring = RecurringDonation.objects.get()
    assert recurring.status == RecurringStatus.ACTIVE
    donation = only_donation()
    assert (donation.status, donation.stripe_invoice_id) == (DonationStatus.PAID, subscription["latest_invoice"])
    assert raised_cents() == 2500
    assert len(receipts()) == 1

    advance(stripe_standin, subscription["id"])

    assert [d.status for d in Donation.objects.order_by("pk")] == [DonationStatus.PAID] * 2
    assert raised_cents() == 2 * 2500
    assert "Status: Actief" in _my_donations_page(donor)


def test_a_gift_that_never_started_lapses_without_a_stopped_mail_and_can_be_erased(donor, stripe_standin):
    from donations.privacy import erase_donor, is_erased

    subscription = _bounced_first_debit(donor, stripe_standin)
    mails_before = len(mail.outbox)

    control(stripe_standin, f"subscriptions/{subscription['id']}/expire")
    delivered(stripe_standin)

    recurring = RecurringDonation.objects.get()
    assert recurring.status == RecurringStatus.EXPIRED
    assert len(mail.outbox) == mails_before  # it never ran, so no "gift stopped" mail
    page = _my_donations_page(donor)
    assert "Status: Vervallen: eerste betaling niet gelukt" in page
    assert "/stoppen/" not in page and "/bedrag/" not in page  # nothing left to stop or change
    assert raised_cents() == 0

    # A late "deleted" for the same subscription changes nothing; an ended gift does not block erasure.
    stripe_standin.standin.emit("customer.subscription.deleted", stripe_standin.get_object(subscription["id"]))
    delivered(stripe_standin)
    assert RecurringDonation.objects.get().status == RecurringStatus.EXPIRED
    assert len(mail.outbox) == mails_before
    assert is_erased(erase_donor(recurring.donor))
