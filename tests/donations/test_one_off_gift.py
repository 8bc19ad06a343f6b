"""A one-off gift through the real HTTP path, the official client and the stand-in's signed webhooks."""

from donations.models import Donation, DonationStatus, Donor, StripeEvent

from .helpers import campaign, only_donation, paid_gift, pay, raised_cents, receipts, session_id_from, wait_until


def test_ideal_gift_is_paid_by_the_webhook_and_counts_on_the_campaign_page(donor, stripe_standin):
    response = donor.give(campaign(), amount="5000", cover_fees="on")
    assert response.status_code == 303
    assert response.headers["Location"].startswith(stripe_standin.base_url)
    donation = only_donation()
    assert (donation.status, donation.amount_cents, donation.fee_cents) == (DonationStatus.PENDING, 5000, 100)

    session = stripe_standin.get_object(session_id_from(response.headers["Location"]))
    assert session["amount_total"] == 5100
    assert session["metadata"]["donation_id"] == str(donation.public_id)
    assert session["payment_method_types"][0] == "ideal"
    assert session["locale"] == "nl"

    result = pay(stripe_standin, session["id"])
    assert wait_until(lambda: only_donation().status == DonationStatus.PAID)
    thank_you = donor.http.get(result["redirect_url"])
    assert "Bedankt voor uw gift!" in thank_you.text
    assert "€ 51,00" in thank_you.text

    page = donor.get(campaign().url).text
    assert "<strong>€ 50</strong> opgehaald van € 150.000" in page
    assert "1 donateur" in page
    assert StripeEvent.objects.get(type="checkout.session.completed").outcome == "processed"
    assert len(receipts()) == 1
    assert "Besturenprogramma" in receipts()[0].subject


def test_failed_card_payment_leaves_the_gift_pending_and_uncounted(donor, stripe_standin):
    session_id = donor.start_gift(amount="2500")
    pay(stripe_standin, session_id, method="card", outcome="failed")
    assert only_donation().status == DonationStatus.PENDING
    assert "<strong>€ 0</strong> opgehaald" in donor.get(campaign().url).text


def test_a_returning_donor_gives_again_as_the_same_stripe_customer(donor, stripe_standin):
    first = paid_gift(donor, stripe_standin, amount="2500")
    second = paid_gift(donor, stripe_standin, amount="5000")

    assert second["customer"] == first["customer"] == Donor.objects.get().stripe_customer_id
    assert [d.status for d in Donation.objects.all()] == [DonationStatus.PAID] * 2
    assert raised_cents() == 7500
    assert len(receipts()) == 2
