"""The stand-in's donor pages in a real browser: axe-core finds nothing, and Playwright can pay.

Marked ``browser`` (run with ``-m browser``); skipped when Debian's chromium is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import stripe

from stripe_standin.server import StandinServer
from tests.stripe_standin.helpers import (
    WebhookReceiver,
    payment_session_params,
    subscription_session_params,
)

pytestmark = pytest.mark.browser

CHROMIUM_PATH = "/usr/bin/chromium"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="nl-NL", viewport={"width": 375, "height": 800})
    browser_page = context.new_page()
    browser_page.set_default_timeout(10_000)
    yield browser_page
    context.close()


def axe_violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    return [
        f"{violation['id']}: {violation['help']} at {[node['target'] for node in violation['nodes']]}"
        for violation in results.response["violations"]
    ]


def local_urls(server: StandinServer) -> dict[str, str]:
    # Browsers in tests cannot leave the machine: send them back to the stand-in's own index page.
    return {
        "success_url": f"{server.base_url}/?paid={{CHECKOUT_SESSION_ID}}",
        "cancel_url": f"{server.base_url}/?canceled=1",
    }


def test_checkout_page_states_have_no_axe_violations(
    page: Any, client: stripe.StripeClient, server: StandinServer
) -> None:
    payment = client.v1.checkout.sessions.create(params=payment_session_params(**local_urls(server)))
    page.goto(payment.url)
    assert axe_violations(page) == []

    # With validation errors and with a failed payment.
    page.get_by_label("SEPA-incasso", exact=True).check()
    page.get_by_role("button", name="Betalen", exact=True).click()
    assert page.get_by_role("alert").count() == 1
    assert axe_violations(page) == []
    page.get_by_role("button", name="Betaling laten mislukken").click()
    assert axe_violations(page) == []

    subscription = client.v1.checkout.sessions.create(
        params=subscription_session_params(customer_email=None, **local_urls(server))
    )
    page.goto(subscription.url)
    assert axe_violations(page) == []

    client.v1.checkout.sessions.expire(subscription.id)
    page.goto(subscription.url)
    assert axe_violations(page) == []


def test_paying_with_ideal_in_the_browser(
    page: Any, client: stripe.StripeClient, server: StandinServer, receiver: WebhookReceiver
) -> None:
    session = client.v1.checkout.sessions.create(params=payment_session_params(**local_urls(server)))
    page.goto(session.url)

    page.get_by_label("iDEAL").check()
    page.get_by_label("Je bank").select_option(label="ABN AMRO")
    page.get_by_role("button", name="Betalen", exact=True).click()

    page.wait_for_url(f"{server.base_url}/?paid={session.id}")
    (completed,) = receiver.wait_for("checkout.session.completed")
    assert completed["data"]["object"]["payment_status"] == "paid"
    # The page after paying is accessible too.
    page.goto(session.url)
    assert axe_violations(page) == []


def test_keyboard_focus_is_visible(page: Any, client: stripe.StripeClient, server: StandinServer) -> None:
    session = client.v1.checkout.sessions.create(params=payment_session_params(**local_urls(server)))
    page.goto(session.url)

    page.get_by_role("button", name="Betalen", exact=True).focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")

    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


def test_portal_page_has_no_axe_violations(page: Any, client: stripe.StripeClient, server: StandinServer) -> None:
    from tests.stripe_standin.helpers import control

    session = client.v1.checkout.sessions.create(params=subscription_session_params(**local_urls(server)))
    completed = control(server, f"checkout/{session.id}/complete", {"payment_method": "card"})["session"]
    portal = client.v1.billing_portal.sessions.create(
        params={"customer": completed["customer"], "return_url": f"{server.base_url}/"}
    )

    page.goto(portal.url)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Donatie stopzetten").click()
    assert page.get_by_text("Stopt op").count() == 1
    assert axe_violations(page) == []
