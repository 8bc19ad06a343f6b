"""A NUL character in the path, the query string or a form field gets a plain 400, on every view, never a 500.

PostgreSQL text cannot hold NUL: run with DATABASE_URL set to a PostgreSQL database to see the 500s this prevents.
"""

import pytest

from donations.models import Donation
from partners.models import PartnershipRequest
from tests.conftest import browser_like_client
from tests.donations.conftest import module_demo_site  # noqa: F401
from tests.donations.helpers import campaign, donation_form_data

pytestmark = pytest.mark.usefixtures("module_demo_site", "db")

REFUSAL = "Ongeldig verzoek: het verzoek bevat een niet-toegestaan teken."


def assert_refused(response):
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == REFUSAL


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("/zoeken/?q=%00", id="search-query"),
        pytest.param("/zoeken/?q=onderwijs%00school", id="search-query-inside"),
        pytest.param("/zoeken/?q=onderwijs&pagina=%00", id="search-page-number"),
        pytest.param("/zoeken/?q%00=onderwijs", id="search-parameter-name"),
        pytest.param("/en/zoeken/?q=%00", id="english-search"),
        pytest.param("/verhalen/%00/", id="page-path"),
        pytest.param("/verhalen/?sector=%00", id="page-query"),
        pytest.param("/mijn-donaties/%00/", id="view-path"),
    ],
)
def test_a_nul_in_the_address_is_refused(client, url):
    assert_refused(client.get(url))


def test_the_same_addresses_without_a_nul_still_work(client):
    assert client.get("/zoeken/?q=onderwijs").status_code == 200
    assert client.get("/verhalen/?sector=po").status_code == 200


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"name": "Anna\x00 de Vries"}, id="value"),
        pytest.param({"campaign": "\x00"}, id="choice"),
        pytest.param({"extra\x00": "1"}, id="field-name"),
    ],
)
def test_a_nul_in_the_donation_form_is_refused_before_the_view(changes):
    browser = browser_like_client()
    browser.get(campaign().url)

    assert_refused(browser.post("/doneren/", donation_form_data(**changes)))  # multipart, as the client sends it
    assert not Donation.objects.exists()


def test_a_nul_in_an_url_encoded_donation_form_is_refused():
    browser = browser_like_client()
    browser.get(campaign().url)
    body = f"campaign={campaign().pk}&amount_choice=5000&frequency=once"
    body += "&email=anna%40example.org&name=Anna%00"

    assert_refused(browser.post("/doneren/", body, content_type="application/x-www-form-urlencoded"))
    assert not Donation.objects.exists()


def test_a_nul_in_the_partner_form_is_refused(client):
    html = client.get("/partner-worden/").content.decode()
    assert 'action="/partner-worden/aanvraag/"' in html
    form = {
        "kind": "foundation",
        "organisation": "Stichting Egeria\x00 Fonds",
        "contact_name": "Peter Visser",
        "email": "peter@egeria.example",
        "interest": "accelerator",
        "message": "Wij willen graag meer scholen helpen.",
        "consent_to_contact": "on",
        "website": "",
    }

    assert_refused(client.post("/partner-worden/aanvraag/", form))
    assert not PartnershipRequest.objects.exists()


def test_the_stripe_webhook_body_is_left_to_the_webhook_view(client):
    # A JSON body is not form data: the view reads and judges it (here: no signature), whatever bytes it holds.
    response = client.post("/stripe/webhook/", b'{"id": "evt_\x00"}', content_type="application/json")

    assert response.status_code == 400
    assert response.content.decode() == "missing Stripe-Signature header"


def test_a_cookie_with_a_nul_is_dropped_not_looked_up(client):
    # A forged session key would otherwise reach the session table, which PostgreSQL refuses with a 500.
    client.cookies["sessionid"] = "abcdefgh\x00ijklmnop"
    client.cookies["csrftoken"] = "\x00"

    assert client.get("/zoeken/?q=leraren").status_code == 200
    assert client.get("/admin/").status_code == 302  # to the login page: the session was looked up
