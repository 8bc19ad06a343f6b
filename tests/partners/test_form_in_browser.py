"""The partner form in a real browser without JavaScript: axe-core finds nothing on the empty form or the form with
errors, and a visitor who only uses the keyboard can send a request."""

import pytest
from django.core import mail

from partners.models import PartnershipRequest
from tests.browser.test_accessibility import WIDTHS, check_page

pytestmark = pytest.mark.browser


def _open_partner_page(open_page, base_url, width):
    page = open_page(width)
    response = page.goto(base_url + "/partner-worden/", wait_until="load")
    assert response.status == 200
    return page


def test_the_form_and_its_error_state_pass_axe(live_demo_site, new_page, screenshot_dir):  # noqa: F811
    failures = []
    for width in WIDTHS:
        page = _open_partner_page(new_page, live_demo_site, width)
        failures += [f"[form @ {width}px] {problem}" for problem in check_page(page, "partner", width, screenshot_dir)]
        page.get_by_role("button", name="Verstuur aanvraag").click()
        page.wait_for_load_state("load")
        assert page.locator("#error-summary").is_visible()
        failures += [
            f"[errors @ {width}px] {problem}" for problem in check_page(page, "partner-errors", width, screenshot_dir)
        ]
    assert not failures, "\n\n".join(failures)


def test_a_request_can_be_sent_with_the_keyboard_alone(live_demo_site, new_page):  # noqa: F811
    page = new_page(1280)
    page.goto(live_demo_site + "/partner-worden/", wait_until="load")
    keyboard = page.keyboard

    page.locator("#id_kind_0").focus()
    keyboard.press("ArrowDown")  # radio groups move with the arrow keys: Vermogend particulier
    keyboard.press("ArrowDown")  # Bedrijf
    for text in ("Bakkerij Verbeter BV", "Sanne de Boer", "sanne@verbeter.example", "06 12345678"):
        keyboard.press("Tab")
        keyboard.type(text)
    keyboard.press("Tab")
    keyboard.press("Space")  # the first interest: Het besturenprogramma
    keyboard.press("Tab")  # budget: leave it open
    keyboard.press("Tab")
    keyboard.type("Wij ontvangen graag een groep leraren.")
    keyboard.press("Tab")
    keyboard.press("Space")  # consent
    keyboard.press("Tab")  # the honeypot is skipped (tabindex -1): straight to the button
    with page.expect_navigation():
        keyboard.press("Enter")

    assert page.url.endswith("/partner-worden/aanvraag/bedankt/")
    assert "We nemen binnen drie werkdagen contact met u op" in page.content()
    stored = PartnershipRequest.objects.get()
    assert (stored.kind, stored.organisation, stored.interest) == (
        "company",
        "Bakkerij Verbeter BV",
        "board_programme",
    )
    assert len(mail.outbox) == 2
