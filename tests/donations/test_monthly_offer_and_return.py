"""A one-off donor gets one offer to give monthly, recorded on the gift; a broken-off checkout comes back filled in;
the campaign page shows the newest gifts with the first name the donor gave, or "Anoniem"."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from donations.models import Donation, DonationStatus, Donor, Frequency, MonthlyOffer
from donations.recent_gifts import refresh
from tests.conftest import browser_like_client

from .helpers import campaign, give_with, session_id_from

pytestmark = pytest.mark.usefixtures("module_demo_site", "db", "standin_without_webhooks")


def test_a_one_off_gift_is_offered_once_as_a_monthly_one_before_anything_is_made():
    response = give_with(browser_like_client(), monthly_offer="")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Maak er € 10 per maand van?" in html  # 20 % of € 50
    assert re.search(r'name="monthly_offer" value="accepted">Ja, geef € 10 per maand', html)
    assert re.search(r'name="monthly_offer" value="declined">Nee, geef eenmalig € 50', html)
    assert 'name="email" value="anna@example.org"' in html
    assert not Donation.objects.exists()


def test_accepting_the_offer_makes_a_monthly_gift_of_the_offered_amount():
    response = give_with(browser_like_client(), monthly_offer="accepted")
    assert response.status_code == 303
    donation = Donation.objects.get()
    assert (donation.frequency, donation.amount_cents, donation.monthly_offer) == (
        Frequency.MONTHLY,
        1000,
        MonthlyOffer.ACCEPTED,
    )


def test_declining_keeps_the_one_off_gift_and_records_the_answer():
    assert give_with(browser_like_client(), monthly_offer="declined").status_code == 303
    donation = Donation.objects.get()
    assert (donation.frequency, donation.amount_cents, donation.monthly_offer) == ("once", 5000, "declined")


def test_a_monthly_gift_gets_no_offer_and_a_forged_answer_is_not_counted_as_accepted_offer():
    assert give_with(browser_like_client(), frequency="monthly").status_code == 303
    assert Donation.objects.get().monthly_offer == ""


def test_a_campaign_without_the_offer_goes_straight_to_payment():
    page = campaign()
    page.monthly_offer_percent = 0
    page.save(update_fields=["monthly_offer_percent"])
    assert give_with(browser_like_client(), monthly_offer="").status_code == 303
    assert Donation.objects.get().monthly_offer == ""


def test_the_gift_shows_only_the_first_name_and_anonymous_gifts_none():
    client = browser_like_client()
    give_with(client, monthly_offer="declined")
    give_with(client, monthly_offer="declined", email="bo@example.org", name="Bo Jansen", anonymous="on")
    names = dict(Donation.objects.values_list("donor__email", "public_name"))
    assert names == {"anna@example.org": "Anna", "bo@example.org": ""}


def test_a_broken_off_checkout_returns_to_the_campaign_page_with_the_answers_filled_in(standin_without_webhooks):
    client = browser_like_client()
    response = give_with(client, monthly_offer="declined", amount_choice="other", other_amount="37,50", newsletter="on")
    session = standin_without_webhooks.get_object(session_id_from(response["Location"]))
    cancel = urlsplit(session["cancel_url"])
    assert cancel.path == campaign().url

    back = client.get(f"{cancel.path}?{cancel.query}")
    html = back.content.decode()
    assert "U heeft de betaling afgebroken" in html
    assert 'value="anna@example.org"' in html and 'value="Anna de Vries"' in html
    assert (
        'name="other_amount" id="id_other_amount" inputmode="decimal" autocomplete="off" maxlength="20" value="37,50"'
        in html
    )
    assert 'name="monthly_offer" value="declined"' in html  # the offer is not made again for this gift
    assert "no-cache" in back["Cache-Control"] or "no-store" in back["Cache-Control"]

    tampered = client.get(f"{cancel.path}?geannuleerd={parse_qs(cancel.query)['geannuleerd'][0]}x").content.decode()
    assert "anna@example.org" not in tampered and "U heeft de betaling afgebroken" not in tampered


def test_a_link_may_choose_monthly_and_an_amount_but_nothing_else():
    html = browser_like_client().get(campaign().url + "?frequentie=monthly&bedrag=1000").content.decode()
    assert re.search(r'name="frequency" value="monthly" id="id_frequency_1" checked', html)
    assert 'value="10"' in html
    odd = browser_like_client().get(campaign().url + "?frequentie=weekly&bedrag=99999999").content.decode()
    assert re.search(r'name="frequency" value="once" id="id_frequency_0" checked', odd)


def test_the_campaign_page_shows_the_newest_gifts_in_one_read_whatever_their_number():
    page = campaign()
    anna = Donor.objects.create(email="anna@example.org")
    paid = {"campaign": page, "donor": anna, "status": DonationStatus.PAID, "frequency": "once"}

    for number in range(8):
        Donation.objects.create(
            **paid,
            amount_cents=1000 + number * 100,
            public_name="Anna",
            paid_at=timezone.now(),
            stripe_checkout_session_id=f"cs_{number}",
        )
    Donation.objects.create(
        **paid, amount_cents=5000, public_name="", paid_at=timezone.now(), stripe_checkout_session_id="cs_anon"
    )
    refresh(page.translation_key)
    client = browser_like_client()
    client.get(page.url)  # fills the page cache
    with CaptureQueriesContext(connection) as queries:
        html = client.get(page.url).content.decode()
    assert len(queries) == 0  # a page-cache hit: the list comes from the cache
    assert "Anoniem gaf € 50 <span" in html
    assert html.count("gaf €") == 5
    assert "anna@example.org" not in html
