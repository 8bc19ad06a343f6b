"""The donation form refuses what it cannot take, in Dutch, before anything reaches Stripe or the ledger."""

import datetime
import socket

import pytest
from django.test import Client
from django.utils import timezone

from donations import stripe_gateway
from donations.models import Donation, DonationStatus
from tests.conftest import browser_like_client

from .helpers import campaign, donation_form_data, give_with, stripe_client

pytestmark = pytest.mark.usefixtures("module_demo_site", "db")

SMALLEST = "Het kleinste bedrag is € 1."
NOT_AN_AMOUNT = "Vul een bedrag in euro in, bijvoorbeeld 25 of 25,50."


def _checkout_sessions(standin):
    return stripe_client(standin).v1.checkout.sessions.list().data


@pytest.fixture
def browser_client():
    return browser_like_client()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param({"amount_choice": "other", "other_amount": "0"}, SMALLEST, id="zero"),
        pytest.param({"amount_choice": "other", "other_amount": "0,50"}, SMALLEST, id="fifty-cents"),
        pytest.param({"amount_choice": "other", "other_amount": "-5"}, NOT_AN_AMOUNT, id="negative"),
        pytest.param({"amount_choice": "other", "other_amount": "1e9"}, NOT_AN_AMOUNT, id="exponent"),
        pytest.param({"amount_choice": "other", "other_amount": "abc"}, NOT_AN_AMOUNT, id="letters"),
        pytest.param({"amount_choice": "other", "other_amount": ""}, "Vul een bedrag in.", id="empty-other-amount"),
        pytest.param(
            {"amount_choice": "other", "other_amount": "25.000,01"},
            "Online kunt u tot € 25.000 geven. Voor een grotere gift gaan we graag met u in gesprek",
            id="above-25000",
        ),
        pytest.param(
            {"amount_choice": "1"}, "Kies een van de bedragen of vul een ander bedrag in.", id="made-up-suggestion"
        ),
        pytest.param({"email": "anna@"}, "Vul een geldig e-mailadres in.", id="malformed-email"),
        pytest.param({"email": ""}, "Vul uw e-mailadres in.", id="missing-email"),
        pytest.param({"campaign": "999999"}, "Deze campagne bestaat niet of is gesloten.", id="unknown-campaign"),
        pytest.param({"frequency": "weekly"}, "Kies eenmalig, maandelijks of jaarlijks.", id="unknown-frequency"),
        pytest.param(
            {"website": "https://spam.example"},
            "Uw gift is niet verwerkt omdat een verborgen veld is ingevuld",
            id="honeypot",
        ),
    ],
)
def test_bad_input_is_refused_with_a_dutch_message_and_reaches_neither_stripe_nor_the_ledger(
    browser_client, standin_without_webhooks, changes, message
):
    response = give_with(browser_client, **changes)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Donation.objects.exists()
    assert _checkout_sessions(standin_without_webhooks) == []


def test_a_campaign_that_closed_while_its_page_was_open_takes_no_more_gifts(browser_client, standin_without_webhooks):
    page = campaign()
    browser_client.get(page.url)
    page.end_date = timezone.localdate() - datetime.timedelta(days=1)
    page.save_revision().publish()

    response = browser_client.post("/doneren/", donation_form_data())

    assert response.status_code == 400
    assert "Deze campagne is gesloten. Kies een andere campagne." in response.content.decode()
    assert not Donation.objects.exists()
    assert _checkout_sessions(standin_without_webhooks) == []


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://elders.example"},  # a page of another site posts the form
        {"Origin": "null"},  # a sandboxed page or a file
        {"Origin": "http://testserver", "Sec-Fetch-Site": "cross-site"},
        {"Referer": "https://elders.example/doneer-hier/"},  # an old browser: no Origin, the Referer says where from
        {},  # a post that says nothing of where it comes from
    ],
)
def test_a_post_that_does_not_come_from_this_site_is_refused_and_changes_nothing(headers, standin_without_webhooks):
    response = Client(enforce_csrf_checks=True).post("/doneren/", donation_form_data(), headers=headers)

    assert response.status_code == 403
    assert "Dit formulier is niet verstuurd" in response.content.decode()
    assert not Donation.objects.exists()
    assert _checkout_sessions(standin_without_webhooks) == []


def test_a_post_from_this_site_needs_no_csrf_token(standin_without_webhooks):
    # No CSRF cookie or token: the page that holds the form is the same for every visitor (and cached).
    old_browser = Client(enforce_csrf_checks=True, headers={"Referer": "http://testserver/campagnes/"})
    assert old_browser.post("/doneren/", donation_form_data()).status_code == 303
    assert browser_like_client().post("/doneren/", donation_form_data()).status_code == 303
    assert Donation.objects.count() == 2


def test_too_many_attempts_from_one_address_are_refused(
    browser_client, standin_without_webhooks, settings, one_rate_limit_window
):
    settings.DONATION_RATE_LIMIT = "3/h"
    assert [give_with(browser_client).status_code for _ in range(3)] == [303] * 3

    refused = give_with(browser_client)

    assert refused.status_code == 429
    assert "U heeft in korte tijd te vaak geprobeerd te doneren." in refused.content.decode()
    assert Donation.objects.count() == 3
    assert len(_checkout_sessions(standin_without_webhooks)) == 3
    assert give_with(browser_like_client(REMOTE_ADDR="192.0.2.7")).status_code == 303


def _closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_when_stripe_is_unreachable_the_donor_is_told_and_the_attempt_is_kept(browser_client, settings):
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{_closed_port()}"
    stripe_gateway.reset_client()

    response = give_with(browser_client, email="bram@example.org")

    stripe_gateway.reset_client()
    page = response.content.decode()
    assert response.status_code == 503
    assert "De betaalpagina is even niet bereikbaar. Uw gift is niet verwerkt; probeer het zo opnieuw." in page
    assert 'value="bram@example.org"' in page  # the donor need not type it all again
    donation = Donation.objects.get()
    assert (donation.status, donation.donor.email, donation.amount_cents) == (
        DonationStatus.FAILED,
        "bram@example.org",
        5000,
    )
