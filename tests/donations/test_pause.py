"""Pausing a recurring gift in 'mijn donaties' for 1, 2 or 3 months, and restarting it early."""

import datetime
import re

from django.utils import timezone
from django.utils.formats import date_format

from donations.models import Donation, DonationStatus, RecurringDonation, RecurringStatus
from donations.recurring_changes import months_later

from .helpers import advance, delivered, paid_gift, stripe_client
from .test_my_donations import _overview_path, _subscription


def _pause(donor, overview, recurring, months):
    return donor.post_form(overview, f"{overview}{recurring.pk}/pauzeren/", {"months": months})


def _paid_periods(recurring):
    return Donation.objects.filter(recurring=recurring, status=DonationStatus.PAID).count()


def test_a_paused_gift_skips_its_payments_until_the_pause_is_over(donor, stripe_standin):
    paid_gift(donor, stripe_standin, frequency="monthly", amount="2500")
    overview = _overview_path()
    recurring = RecurringDonation.objects.get()
    page = donor.get(overview).text
    assert "<legend>Pauzeer 1, 2 of 3 maanden</legend>" in page
    assert re.search(
        r'<label class="pause-form__choice"><input type="radio" name="months" value="2" required> 2 maanden', page
    )

    before = timezone.now()
    response = _pause(donor, overview, recurring, "2")
    delivered(stripe_standin)

    assert (response.status_code, response.headers["Location"]) == (302, overview)
    pause = _subscription(stripe_standin)["pause_collection"]
    assert pause["behavior"] == "void"
    expected = months_later(before, 2)
    assert int(expected.timestamp()) <= pause["resumes_at"] <= expected.timestamp() + 60
    recurring.refresh_from_db()
    assert recurring.paused_until == datetime.datetime.fromtimestamp(pause["resumes_at"], datetime.UTC)
    assert recurring.status == RecurringStatus.ACTIVE
    shown = date_format(timezone.localtime(recurring.paused_until), "j F Y")
    page = donor.get(overview).text
    assert f"Gepauzeerd tot {shown}" in page
    assert f"Uw gift is gepauzeerd tot {shown}." in page
    assert "Hervat nu" in page and "Pauzeer 1, 2 of 3 maanden" not in page

    # The two months' invoices are voided: nothing is collected, no gift is booked.
    for _month in range(2):
        result = advance(stripe_standin, recurring.stripe_subscription_id)
        assert result["invoice"]["status"] == "void"
        assert result["invoice"]["amount_paid"] == 0
    assert _paid_periods(recurring) == 1
    recurring.refresh_from_db()
    assert recurring.paused_until is not None

    # The next period starts after the pause: Stripe ends it (customer.subscription.updated) and collects again.
    result = advance(stripe_standin, recurring.stripe_subscription_id)
    assert result["invoice"]["status"] == "paid"
    assert _subscription(stripe_standin)["pause_collection"] is None
    recurring.refresh_from_db()
    assert recurring.paused_until is None
    assert _paid_periods(recurring) == 2


def test_hervat_nu_ends_the_pause_and_the_next_period_is_paid(donor, stripe_standin):
    paid_gift(donor, stripe_standin, frequency="monthly", amount="2500")
    overview = _overview_path()
    recurring = RecurringDonation.objects.get()
    _pause(donor, overview, recurring, "3")

    response = donor.post_form(overview, f"{overview}{recurring.pk}/hervatten/", {})
    delivered(stripe_standin)

    assert response.status_code == 302
    assert _subscription(stripe_standin)["pause_collection"] is None
    recurring.refresh_from_db()
    assert recurring.paused_until is None
    page = donor.get(overview).text
    assert "Uw gift loopt weer: de volgende termijn wordt weer afgeschreven." in page
    assert "Gepauzeerd tot" not in page and "Pauzeer 1, 2 of 3 maanden" in page
    assert advance(stripe_standin, recurring.stripe_subscription_id)["invoice"]["status"] == "paid"
    assert _paid_periods(recurring) == 2


def test_a_pause_of_another_length_is_refused_and_changes_nothing(donor, stripe_standin):
    paid_gift(donor, stripe_standin, frequency="monthly", amount="2500")
    overview = _overview_path()
    recurring = RecurringDonation.objects.get()

    for months in ("4", "0", "", "twee"):
        response = _pause(donor, overview, recurring, months)
        assert response.status_code == 302
        assert "Kies hoe lang u wilt pauzeren: 1, 2 of 3 maanden." in donor.get(overview).text
    delivered(stripe_standin)

    assert _subscription(stripe_standin)["pause_collection"] is None
    recurring.refresh_from_db()
    assert recurring.paused_until is None


def test_a_pause_made_at_stripe_shows_through_the_webhook(donor, stripe_standin):
    paid_gift(donor, stripe_standin, frequency="monthly", amount="2500")
    recurring = RecurringDonation.objects.get()
    resumes_at = int((timezone.now() + datetime.timedelta(days=40)).timestamp())

    # As the customer portal or the dashboard would pause it.
    stripe_client(stripe_standin).v1.subscriptions.update(
        recurring.stripe_subscription_id, params={"pause_collection": {"behavior": "void", "resumes_at": resumes_at}}
    )
    delivered(stripe_standin)

    recurring.refresh_from_db()
    assert recurring.paused_until == datetime.datetime.fromtimestamp(resumes_at, datetime.UTC)
    assert "Gepauzeerd tot" in donor.get(_overview_path()).text


def test_a_pause_without_an_end_date_made_at_stripe_shows_and_the_donor_can_end_it(donor, stripe_standin):
    paid_gift(donor, stripe_standin, frequency="monthly", amount="2500")
    overview = _overview_path()
    recurring = RecurringDonation.objects.get()

    # As the Stripe dashboard can pause it: no date on which it collects again.
    stripe_client(stripe_standin).v1.subscriptions.update(
        recurring.stripe_subscription_id, params={"pause_collection": {"behavior": "void"}}
    )
    delivered(stripe_standin)

    recurring.refresh_from_db()
    assert (recurring.is_paused, recurring.paused_without_end, recurring.paused_until) == (True, True, None)
    page = donor.get(overview).text
    assert "Gepauzeerd: er wordt niets afgeschreven tot u de gift hervat." in page
    assert "Hervat nu" in page and "Pauzeer 1, 2 of 3 maanden" not in page
    assert advance(stripe_standin, recurring.stripe_subscription_id)["invoice"]["status"] == "void"
    assert _paid_periods(recurring) == 1

    donor.post_form(overview, f"{overview}{recurring.pk}/hervatten/", {})
    delivered(stripe_standin)

    recurring.refresh_from_db()
    assert (recurring.is_paused, recurring.paused_without_end) == (False, False)
    assert "Gepauzeerd" not in donor.get(overview).text
    assert advance(stripe_standin, recurring.stripe_subscription_id)["invoice"]["status"] == "paid"
    assert _paid_periods(recurring) == 2


def test_a_stopped_gift_cannot_be_paused_nor_someone_elses(donor, stripe_standin, live_demo_site):
    from .helpers import Donor as DonorBrowser

    paid_gift(donor, stripe_standin, frequency="monthly", amount="2500")
    overview = _overview_path()
    annas_gift = RecurringDonation.objects.get()
    bram = DonorBrowser(live_demo_site.url)
    paid_gift(bram, stripe_standin, amount="10000", email="bram@example.org")
    brams_overview = _overview_path("bram@example.org")

    assert _pause(bram, brams_overview, annas_gift, "1").status_code == 404
    assert bram.post_form(brams_overview, f"{brams_overview}{annas_gift.pk}/hervatten/", {}).status_code == 404

    donor.post_form(overview, f"{overview}{annas_gift.pk}/stoppen/", {})
    delivered(stripe_standin)
    _pause(donor, overview, annas_gift, "1")
    assert "Deze gift kan nu niet worden gepauzeerd." in donor.get(overview).text
    assert _subscription(stripe_standin)["pause_collection"] is None


def test_months_later_counts_calendar_months_in_utc():
    start = datetime.datetime(2027, 1, 31, 10, 0, tzinfo=datetime.UTC)
    assert months_later(start, 1) == datetime.datetime(2027, 2, 28, 10, 0, tzinfo=datetime.UTC)
    assert months_later(start, 3) == datetime.datetime(2027, 4, 30, 10, 0, tzinfo=datetime.UTC)
    assert months_later(datetime.datetime(2026, 12, 3, tzinfo=datetime.UTC), 3).date() == datetime.date(2027, 3, 3)
