"""Where Stripe sends the donor back: it tells how the payment went, and never marks a gift paid itself."""

from donations.models import DonationStatus

from .helpers import delivered, only_donation, pay, pay_by_sepa


def test_a_paid_gift_is_thanked_for_before_the_webhook_arrives(donor, stripe_standin):
    stripe_standin.configure(pause_delivery=True)
    result = pay(stripe_standin, donor.start_gift(amount="5000"))

    page = donor.http.get(result["redirect_url"])

    assert "Bedankt voor uw gift!" in page.text
    assert only_donation().status == DonationStatus.PENDING
    stripe_standin.flush()
    delivered(stripe_standin)
    assert only_donation().status == DonationStatus.PAID


def test_a_sepa_debit_still_on_its_way_is_shown_as_processing(donor, stripe_standin):
    result = pay_by_sepa(stripe_standin, donor.start_gift(frequency="monthly", amount="2500"))

    page = donor.http.get(result["redirect_url"])

    assert "We wachten nog op de bevestiging van uw bank" in page.text
    assert "Bedankt voor uw gift!" not in page.text


def test_an_unknown_checkout_session_is_not_found(donor):
    assert donor.get("/doneren/bedankt/?session_id=cs_test_unknown").status_code == 404
    assert donor.get("/doneren/bedankt/").status_code == 404
