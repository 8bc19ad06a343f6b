"""'Mijn donaties': the signed link in the receipt shows a donor's gifts and lets them change or stop recurring ones."""

import datetime
import re
from urllib.parse import urlsplit

import time_machine
from django.utils import timezone

from donations.emails import manage_link
from donations.models import Donation, Donor, RecurringDonation, RecurringStatus

from .helpers import Donor as DonorBrowser
from .helpers import advance, delivered, mails_with, paid_gift, receipts


def _overview_path(email="anna@example.org"):
    """The 'mijn donaties' address in the latest receipt sent to `email`."""
    body = [message for message in receipts() if message.to == [email]][-1].body
    return urlsplit(re.search(r"\S+/mijn-donaties/\S+/", body).group(0)).path


def _subscription(standin):
    return standin.get_object(RecurringDonation.objects.get().stripe_subscription_id)


def test_the_link_in_the_receipt_lists_the_donors_own_gifts(donor, stripe_standin, live_demo_site):
    paid_gift(donor, stripe_standin, amount="5000")
    paid_gift(donor, stripe_standin, frequency="monthly", amount="2500")
    paid_gift(DonorBrowser(live_demo_site.url), stripe_standin, amount="10000", email="bram@example.org")

    page = donor.get(_overview_path())

    assert page.status_code == 200
    assert "<h1>Mijn donaties</h1>" in page.text
    assert "Besturenprogramma: € 25,00 maandelijks" in page.text
    assert page.text.count('data-label="Status">Betaald</td>') == 2
    assert "€ 50,00" in page.text
    assert "€ 100,00" not in page.text  # another donor's gift


def test_an_expired_or_tampered_link_is_refused(donor):
    anna = Donor.objects.create(email="anna@example.org")
    with time_machine.travel(timezone.now() - datetime.timedelta(days=15), tick=False):
        expired = urlsplit(manage_link(anna)).path
    valid = urlsplit(manage_link(anna)).path
    tampered = valid.replace("/mijn-donaties/", "/mijn-donaties/x", 1)

    for path in (expired, tampered):
        response = donor.get(path)
        assert response.status_code == 403, path
        assert "Deze link is verlopen of ongeldig" in response.text
    assert donor.get(valid).status_code == 200


def test_stopping_a_monthly_gift_cancels_the_subscription_and_confirms_by_email(donor, stripe_standin):
    paid_gift(donor, stripe_standin, frequency="monthly", amount="2500")
    overview = _overview_path()
    recurring = RecurringDonation.objects.get()

    response = donor.post_form(overview, f"{overview}{recurring.pk}/stoppen/", {})
    delivered(stripe_standin)

    assert (response.status_code, response.headers["Location"]) == (302, overview)
    assert _subscription(stripe_standin)["status"] == "canceled"
    recurring.refresh_from_db()
    assert recurring.status == RecurringStatus.CANCELED
    assert recurring.canceled_at is not None
    assert len(mails_with("is gestopt")) == 1
    page = donor.get(overview).text
    assert "Uw terugkerende gift is gestopt." in page
    assert "Stop deze gift" not in page


def test_stop_deze_gift_asks_first_and_changes_nothing_until_confirmed(donor, stripe_standin):
    paid_gift(donor, stripe_standin, frequency="monthly", amount="2500")
    overview = _overview_path()
    recurring = RecurringDonation.objects.get()
    stop_path = f"{overview}{recurring.pk}/stoppen/"
    assert f'href="{stop_path}"' in donor.get(overview).text

    confirmation = donor.get(stop_path)

    assert confirmation.status_code == 200
    assert "no-store" in confirmation.headers["Cache-Control"]
    assert "Weet u zeker dat u uw gift van € 25,00 per maand aan Besturenprogramma wilt stoppen?" in confirmation.text
    assert re.search(rf'<form method="post" action="{stop_path}"[^>]*>.*Ja, stop mijn gift', confirmation.text, re.S)
    assert f'<a class="button button--ghost" href="{overview}">Nee, terug</a>' in confirmation.text
    delivered(stripe_standin)
    assert _subscription(stripe_standin)["status"] == "active"
    recurring.refresh_from_db()
    assert recurring.status == RecurringStatus.ACTIVE

    donor.post_form(stop_path, stop_path, {})
    delivered(stripe_standin)
    assert _subscription(stripe_standin)["status"] == "canceled"
    # Once stopped there is nothing to confirm: the page goes back to the overview.
    again = donor.http.get(donor.base_url + stop_path, allow_redirects=False, timeout=30)
    assert (again.status_code, again.headers["Location"]) == (302, overview)


def test_a_yearly_gift_is_asked_about_per_year(donor, stripe_standin):
    paid_gift(donor, stripe_standin, frequency="yearly", amount="10000")
    overview = _overview_path()
    recurring = RecurringDonation.objects.get()

    confirmation = donor.get(f"{overview}{recurring.pk}/stoppen/")

    assert "Weet u zeker dat u uw gift van € 100,00 per jaar aan Besturenprogramma wilt stoppen?" in confirmation.text


def test_changing_the_amount_changes_the_subscription_and_the_next_periods(donor, stripe_standin):
    paid_gift(donor, stripe_standin, frequency="monthly", amount="2500", cover_fees="on")
    overview = _overview_path()
    recurring = RecurringDonation.objects.get()

    refused = donor.post_form(overview, f"{overview}{recurring.pk}/bedrag/", {"amount": "0,50"})
    assert "Kies een bedrag tussen € 1 en € 25.000." in donor.get(overview).text
    changed = donor.post_form(overview, f"{overview}{recurring.pk}/bedrag/", {"amount": "40"})
    delivered(stripe_standin)

    assert refused.status_code == changed.status_code == 302
    gift_item, fee_item = _subscription(stripe_standin)["items"]["data"]
    assert (gift_item["price"]["unit_amount"], fee_item["price"]["unit_amount"]) == (4000, 25 + 60)
    recurring.refresh_from_db()
    assert recurring.amount_cents == 4000
    assert "Uw nieuwe bedrag geldt vanaf de volgende termijn." in donor.get(overview).text

    advance(stripe_standin, recurring.stripe_subscription_id)
    next_period = Donation.objects.latest("pk")
    assert (next_period.amount_cents, next_period.fee_cents) == (4000, 85)


def test_the_portal_button_sends_the_donor_to_stripes_customer_portal(donor, stripe_standin):
    paid_gift(donor, stripe_standin, frequency="monthly", amount="2500")
    overview = _overview_path()

    response = donor.post_form(overview, f"{overview}portaal/", {})

    assert response.status_code == 303
    assert response.headers["Location"].startswith(f"{stripe_standin.base_url}/p/session/")
    assert "anna@example.org" in donor.http.get(response.headers["Location"]).text


def test_a_donor_can_never_act_on_someone_elses_gift(donor, stripe_standin, live_demo_site):
    paid_gift(donor, stripe_standin, frequency="monthly", amount="2500")
    annas_gift = RecurringDonation.objects.get()
    bram = DonorBrowser(live_demo_site.url)
    paid_gift(bram, stripe_standin, amount="10000", email="bram@example.org")
    brams_overview = _overview_path("bram@example.org")

    ask = bram.get(f"{brams_overview}{annas_gift.pk}/stoppen/")
    stop = bram.post_form(brams_overview, f"{brams_overview}{annas_gift.pk}/stoppen/", {})
    change = bram.post_form(brams_overview, f"{brams_overview}{annas_gift.pk}/bedrag/", {"amount": "1"})
    delivered(stripe_standin)

    assert ask.status_code == stop.status_code == change.status_code == 404
    assert (
        _subscription(stripe_standin)["status"],
        _subscription(stripe_standin)["items"]["data"][0]["price"]["unit_amount"],
    ) == (
        "active",
        2500,
    )
    annas_gift.refresh_from_db()
    assert (annas_gift.status, annas_gift.amount_cents) == (RecurringStatus.ACTIVE, 2500)
    assert "Besturenprogramma: € 25,00 maandelijks" not in bram.get(brams_overview).text
