"""Giving on an English campaign page: English form and errors, English checkout, English thank-you page, one total."""

import pytest

from campaigns.models import CampaignPage
from donations.models import Donation, DonationStatus
from tests.conftest import browser_like_client

from .helpers import only_donation, session_id_from

ENGLISH_SLUG = "besturenprogramma-school-boards"


def english_campaign():
    return CampaignPage.objects.get(slug=ENGLISH_SLUG)


def _form(page, **changes):
    return {
        "campaign": page.pk,
        "amount_choice": "5000",
        "other_amount": "",
        "frequency": "once",
        "email": "emma@example.org",
        "name": "Emma Jones",
        "monthly_offer": "declined",
        **changes,
    }


@pytest.mark.usefixtures("module_demo_site", "db")
class TestTheEnglishForm:
    @pytest.fixture
    def browser_client(self):
        return browser_like_client()

    def _give(self, client, **changes):
        page = english_campaign()
        html = client.get(page.url).content.decode()
        assert page.url == f"/en/donate/{ENGLISH_SLUG}/"
        assert 'action="/en/doneren/"' in html
        return client.post("/en/doneren/", _form(page, **changes))

    def test_the_campaign_page_shows_the_form_in_english(self, browser_client):
        html = browser_client.get(english_campaign().url).content.decode()
        for text in (
            "Give to Besturenprogramma",
            "Other amount (in euros)",
            "How often?",
            "One-off",
            "Monthly",
            "Yearly",
            "E-mail address",
            "Name (optional)",
            "Give anonymously: do not show my name anywhere with my gift",
            "I will pay the transaction costs, so that my whole gift arrives",
            "Donate",
            "e.g. €25 can let a school leader attend an introductory meeting.",
        ):
            assert text in html, text
        assert "Verder naar betalen" not in html

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"amount_choice": "other", "other_amount": "0"}, "The smallest amount is €1."),
            ({"amount_choice": "other", "other_amount": "abc"}, "Enter an amount in euros, for example 25 or 25.50."),
            ({"amount_choice": "other", "other_amount": ""}, "Enter an amount."),
            ({"amount_choice": "1"}, "Choose one of the amounts or enter another amount."),
            ({"email": "emma@"}, "Enter a valid e-mail address."),
            ({"email": ""}, "Enter your e-mail address."),
            ({"frequency": "weekly"}, "Choose one-off, monthly or yearly."),
            ({"campaign": "999999"}, "This campaign does not exist or is closed."),
        ],
    )
    def test_bad_input_is_refused_in_english(self, browser_client, standin_without_webhooks, changes, message):
        response = self._give(browser_client, **changes)
        html = response.content.decode()
        assert response.status_code == 400
        assert message in html
        assert "Please check the form" in html and '<html lang="en">' in html
        assert not Donation.objects.exists()

    def test_a_good_gift_goes_to_an_english_checkout_that_returns_to_the_english_thank_you_page(
        self, browser_client, standin_without_webhooks
    ):
        response = self._give(browser_client)
        assert response.status_code == 303
        assert response["Location"].startswith(standin_without_webhooks.base_url)
        session = standin_without_webhooks.get_object(session_id_from(response["Location"]))
        assert session["locale"] == "en"
        assert "/en/doneren/bedankt/?session_id=" in session["success_url"]
        assert session["cancel_url"].split("?geannuleerd=")[0].endswith(f"/en/donate/{ENGLISH_SLUG}/")
        donation = only_donation()
        assert (donation.campaign_id, donation.amount_cents, donation.status) == (
            english_campaign().pk,
            5000,
            DonationStatus.PENDING,
        )
