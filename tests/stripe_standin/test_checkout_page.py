"""The hosted checkout page: its HTML and its plain form posts (no JavaScript, no browser)."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser

import pytest
import stripe

from stripe_standin.server import StandinServer
from tests.stripe_standin.helpers import (
    WebhookReceiver,
    payment_session_params,
    subscription_session_params,
)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def get_page(url: str) -> tuple[int, str]:
    with _opener.open(url, timeout=10) as response:
        return response.status, response.read().decode()


def post_form(url: str, fields: dict[str, str]) -> tuple[int, str, str | None]:
    """POST the form; returns (status, body, Location) without following redirects."""
    data = urllib.parse.urlencode(fields).encode()
    try:
        with _opener.open(urllib.request.Request(url, data=data, method="POST"), timeout=10) as response:
            return response.status, response.read().decode(), response.headers.get("Location")
    except urllib.error.HTTPError as error:  # 3xx arrive here once redirects are not followed
        return error.code, error.read().decode(), error.headers.get("Location")


class PageStructure(HTMLParser):
    """Collects what the accessibility checks below look at."""

    def __init__(self) -> None:
        super().__init__()
        self.html_lang: str | None = None
        self.h1_count = 0
        self.label_targets: set[str] = set()
        self.controls: list[dict[str, str | None]] = []
        self.buttons: list[dict[str, str | None]] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.append(str(attributes["id"]))
        if tag == "html":
            self.html_lang = attributes.get("lang")
        elif tag == "h1":
            self.h1_count += 1
        elif tag == "label" and attributes.get("for"):
            self.label_targets.add(str(attributes["for"]))
        elif tag in ("input", "select", "textarea") and attributes.get("type") != "hidden":
            self.controls.append(attributes)
        elif tag == "button":
            self.buttons.append(attributes)


def parse(html: str) -> PageStructure:
    structure = PageStructure()
    structure.feed(html)
    return structure


def test_checkout_page_is_dutch_labelled_and_shows_the_amount(client: stripe.StripeClient) -> None:
    session = client.v1.checkout.sessions.create(params=payment_session_params())

    status, html = get_page(session.url)

    assert status == 200
    page = parse(html)
    assert page.html_lang == "nl"
    assert page.h1_count == 1
    assert "€ 25,00" in html
    assert "Donatie aan Stichting leerKRACHT" in html
    assert len(page.ids) == len(set(page.ids)), "ids must be unique"
    unlabelled = [control for control in page.controls if control.get("id") not in page.label_targets]
    assert unlabelled == []
    methods = [c["value"] for c in page.controls if c.get("name") == "payment_method"]
    assert methods == ["ideal", "card", "bancontact", "sepa_debit"]
    assert {(b.get("name"), b.get("value")) for b in page.buttons} == {
        ("outcome", "succeeded"),
        ("outcome", "failed"),
        ("outcome", "canceled"),
    }
    for bank in ("ABN AMRO", "ING", "Rabobank", "ASN Bank", "bunq"):
        assert f">{bank}</option>" in html
    assert "8 weken" in html  # the SEPA refund right in the mandate text
    assert ":focus-visible" in html
    assert "<script" not in html
    assert "http" not in html.split("<body>")[0].replace('content="width=device-width', "")  # no external assets


def test_paying_with_ideal_on_the_page_redirects_to_the_success_url(
    client: stripe.StripeClient, receiver: WebhookReceiver
) -> None:
    session = client.v1.checkout.sessions.create(params=payment_session_params())

    status, _body, location = post_form(
        session.url, {"payment_method": "ideal", "ideal_bank": "ing", "outcome": "succeeded"}
    )

    assert status == 303
    assert location == f"https://giving.example/bedankt/?session_id={session.id}"
    (completed,) = receiver.wait_for("checkout.session.completed")
    assert completed["data"]["object"]["payment_status"] == "paid"

    status, html = get_page(session.url)
    assert status == 200
    assert "is ontvangen" in html


def test_failing_on_the_page_shows_the_failure_and_keeps_the_session_open(
    client: stripe.StripeClient,
) -> None:
    session = client.v1.checkout.sessions.create(params=payment_session_params())

    status, html, location = post_form(session.url, {"payment_method": "bancontact", "outcome": "failed"})

    assert status == 200
    assert location is None
    assert 'role="alert"' in html
    assert "De betaling is mislukt" in html
    assert client.v1.checkout.sessions.retrieve(session.id).status == "open"


def test_declined_test_card_fails(client: stripe.StripeClient) -> None:
    session = client.v1.checkout.sessions.create(params=payment_session_params())

    _status, html, location = post_form(
        session.url,
        {
            "payment_method": "card",
            "card_number": "4000 0000 0000 0002",
            "card_expiry": "12/34",
            "card_cvc": "123",
            "outcome": "succeeded",
        },
    )

    assert location is None
    assert "Je kaart is geweigerd." in html


def test_cancel_goes_back_to_the_cancel_url(client: stripe.StripeClient) -> None:
    session = client.v1.checkout.sessions.create(params=payment_session_params())

    status, _body, location = post_form(session.url, {"outcome": "canceled"})

    assert status == 303
    assert location == "https://giving.example/doneren/"
    assert client.v1.checkout.sessions.retrieve(session.id).status == "open"


def test_sepa_on_the_page_needs_a_valid_iban_and_name(client: stripe.StripeClient) -> None:
    session = client.v1.checkout.sessions.create(params=payment_session_params())

    _status, html, location = post_form(
        session.url, {"payment_method": "sepa_debit", "iban": "NL00 BANK 1234", "outcome": "succeeded"}
    )

    assert location is None
    assert "Vul een geldig IBAN in" in html
    assert "Vul de naam van de rekeninghouder in." in html
    assert 'aria-invalid="true"' in html

    status, _body, location = post_form(
        session.url,
        {
            "payment_method": "sepa_debit",
            "iban": "NL39 RABO 0300 0652 64",
            "account_holder_name": "J. de Vries",
            "outcome": "succeeded",
        },
    )
    assert status == 303
    assert client.v1.checkout.sessions.retrieve(session.id).payment_status == "unpaid"


def test_page_asks_for_email_when_the_site_did_not_give_one(client: stripe.StripeClient) -> None:
    session = client.v1.checkout.sessions.create(params=payment_session_params(customer_email=None))

    _status, html = get_page(session.url)
    assert 'name="email"' in html

    _status, html, location = post_form(session.url, {"payment_method": "ideal", "ideal_bank": "ing"})
    assert location is None
    assert "Vul een geldig e-mailadres in" in html

    status, _body, location = post_form(
        session.url, {"payment_method": "ideal", "ideal_bank": "ing", "email": "piet@example.com"}
    )
    assert status == 303
    assert client.v1.checkout.sessions.retrieve(session.id).customer_details.email == "piet@example.com"


def test_subscription_page_shows_the_interval_and_mandate(client: stripe.StripeClient) -> None:
    session = client.v1.checkout.sessions.create(params=subscription_session_params())

    _status, html = get_page(session.url)

    assert "€ 10,00 per maand" in html
    assert "volgende afschrijvingen" in html


def test_expired_and_unknown_sessions(client: stripe.StripeClient, server: StandinServer) -> None:
    session = client.v1.checkout.sessions.create(params=payment_session_params())
    client.v1.checkout.sessions.expire(session.id)

    _status, html = get_page(f"{server.base_url}/c/pay/{session.id}")
    assert "verlopen" in html
    assert parse(html).h1_count == 1

    with pytest.raises(urllib.error.HTTPError) as raised:
        get_page(f"{server.base_url}/c/pay/cs_test_unknown")
    assert raised.value.code == 404
