"""Changing a recurring gift from monthly to yearly and back in 'mijn donaties'."""

import re

from donations.models import Donation, RecurringDonation

from .helpers import advance, delivered, paid_gift, stripe_client
from .test_my_donations import _overview_path, _subscription


def _change(donor, overview, recurring, frequency):
    return donor.post_form(overview, f"{overview}{recurring.pk}/frequentie/", {"frequency": frequency})


def _intervals(standin):
    return [item["price"]["recurring"]["interval"] for item in _subscription(standin)["items"]["data"]]


def test_a_monthly_gift_becomes_yearly_from_the_next_period_with_its_covered_costs(donor, stripe_standin):
    paid_gift(donor, stripe_standin, frequency="monthly", amount="2500", cover_fees="on")
    overview = _overview_path()
    recurring = RecurringDonation.objects.get()
    page = donor.get(overview).text
    assert "<legend>Hoe vaak</legend>" in page
    assert re.search(r'<input type="radio" name="frequency" value="monthly" required checked> Maandelijks', page)

    paid_until = _subscription(stripe_standin)["items"]["data"][0]["current_period_end"]

    response = _change(donor, overview, recurring, "yearly")
    delivered(stripe_standin)

    assert response.status_code == 302
    assert _intervals(stripe_standin) == ["year", "year"]
    # Nothing is billed now: the yearly amount is first due where the next monthly one was.
    assert Donation.objects.count() == 1
    assert _subscription(stripe_standin)["trial_end"] == paid_until
    assert _subscription(stripe_standin)["items"]["data"][0]["current_period_end"] == paid_until
    gift_item, fee_item = _subscription(stripe_standin)["items"]["data"]
    assert (gift_item["price"]["unit_amount"], fee_item["price"]["unit_amount"]) == (2500, 25 + 38)
    recurring.refresh_from_db()
    assert (recurring.frequency, recurring.amount_cents) == ("yearly", 2500)
    page = donor.get(overview).text
    assert "Uw gift is nu jaarlijks: € 25,00 per jaar, vanaf de volgende termijn." in page
    assert "Besturenprogramma: € 25,00 jaarlijks" in page

    advance(stripe_standin, recurring.stripe_subscription_id)
    next_period = Donation.objects.latest("pk")
    assert (next_period.frequency, next_period.amount_cents, next_period.fee_cents) == ("yearly", 2500, 63)
    subscription = _subscription(stripe_standin)
    assert 365 <= (subscription["current_period_end"] - subscription["current_period_start"]) / 86400 <= 366


def test_a_yearly_gift_becomes_monthly(donor, stripe_standin):
    paid_gift(donor, stripe_standin, frequency="yearly", amount="10000")
    overview = _overview_path()
    recurring = RecurringDonation.objects.get()

    _change(donor, overview, recurring, "monthly")
    delivered(stripe_standin)

    assert _intervals(stripe_standin) == ["month"]
    recurring.refresh_from_db()
    assert recurring.frequency == "monthly"
    assert "Uw gift is nu maandelijks: € 100,00 per maand, vanaf de volgende termijn." in donor.get(overview).text


def test_bad_or_unchanged_frequencies_change_nothing(donor, stripe_standin):
    paid_gift(donor, stripe_standin, frequency="monthly", amount="2500")
    overview = _overview_path()
    recurring = RecurringDonation.objects.get()

    for frequency, message in (
        ("once", "Kies maandelijks of jaarlijks."),
        ("", "Kies maandelijks of jaarlijks."),
        ("monthly", "Uw gift is al maandelijks."),
    ):
        assert _change(donor, overview, recurring, frequency).status_code == 302
        assert message in donor.get(overview).text
    delivered(stripe_standin)

    assert _intervals(stripe_standin) == ["month"]
    recurring.refresh_from_db()
    assert recurring.frequency == "monthly"


def test_a_frequency_changed_at_stripe_follows_through_the_webhook(donor, stripe_standin):
    paid_gift(donor, stripe_standin, frequency="monthly", amount="2500")
    recurring = RecurringDonation.objects.get()
    item = _subscription(stripe_standin)["items"]["data"][0]

    stripe_client(stripe_standin).v1.subscriptions.update(
        recurring.stripe_subscription_id,
        params={
            "items": [
                {
                    "id": item["id"],
                    "price_data": {
                        "currency": "eur",
                        "product": item["price"]["product"],
                        "unit_amount": 2500,
                        "recurring": {"interval": "year"},
                    },
                }
            ],
            "proration_behavior": "none",
        },
    )
    delivered(stripe_standin)

    recurring.refresh_from_db()
    assert recurring.frequency == "yearly"


def test_someone_elses_gift_is_not_found(donor, stripe_standin, live_demo_site):
    from .helpers import Donor as DonorBrowser

    paid_gift(donor, stripe_standin, frequency="monthly", amount="2500")
    annas_gift = RecurringDonation.objects.get()
    bram = DonorBrowser(live_demo_site.url)
    paid_gift(bram, stripe_standin, amount="10000", email="bram@example.org")

    assert _change(bram, _overview_path("bram@example.org"), annas_gift, "yearly").status_code == 404
    assert _intervals(stripe_standin) == ["month"]
