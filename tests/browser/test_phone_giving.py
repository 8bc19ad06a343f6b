"""Giving on a 375 × 667 phone: the title, total and amounts in the first screen, a menu button, a form that says
what each choice costs and does, the one offer to give monthly, and a broken-off checkout that comes back filled in.
axe checks each new state (menu open, offer open, checkout broken off, thank-you page)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import AXE_OPTIONS, _axe, format_violations
from tests.browser.test_journeys import pay_with_ideal
from tests.donations.conftest import stripe_standin  # noqa: F401

pytestmark = pytest.mark.browser

CAMPAIGN_PATH = "/campagnes/besturenprogramma/"


def _no_axe_violations(page, state):
    violations = _axe.run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, f"{state}:\n{format_violations(violations)}"


def test_a_donor_gives_on_a_phone(live_demo_site, stripe_standin, new_page, screenshot_dir):  # noqa: F811
    page = new_page(375, 667)
    page.goto(live_demo_site + CAMPAIGN_PATH)
    page.screenshot(path=str(screenshot_dir / "phone-1-first-screen.png"))

    # The first screen holds the campaign's title, its raised total and the amount choice.
    for element in (page.locator("h1"), page.locator(".progress__figures"), page.locator(".amount-option").first):
        box = element.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 667, element
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    # The menu is behind a button that says whether it is open; Escape closes it and gives the focus back.
    menu_button = page.locator(".site-menu > summary")
    expect(page.locator(".site-menu__panel").get_by_role("link", name="Onze missie")).to_be_hidden()
    menu_button.click()
    expect(page.locator(".site-menu__panel").get_by_role("link", name="Onze missie")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "phone-2-menu-open.png"))
    _no_axe_violations(page, "menu open")
    page.keyboard.press("Escape")
    expect(page.locator(".site-menu__panel")).to_be_hidden()
    expect(menu_button).to_be_focused()

    # The impact line, the fee and the button follow the amount and how often.
    form = page.locator("form.donate-form")
    form.get_by_text("€ 100", exact=True).click()
    expect(form.locator("[data-impact-lines] li:visible")).to_have_count(1)
    fee_line = re.compile(r"^\+ €\s1,75 zodat leerKRACHT €\s100 ontvangt$")
    expect(form.locator("[data-fee-line-text]")).to_have_text(fee_line)
    submit = form.locator("button[type=submit]")
    expect(submit).to_have_text(re.compile(r"^Doneer €\s100$"))
    form.get_by_text("Maandelijks", exact=True).click()
    expect(submit).to_have_text(re.compile(r"^Doneer €\s100 per maand$"))
    form.get_by_text("Eenmalig", exact=True).click()
    form.get_by_label("Ik betaal de transactiekosten").check()
    expect(submit).to_have_text(re.compile(r"^Doneer €\s101,75$"))
    form.get_by_label("Ik betaal de transactiekosten").uncheck()
    form.get_by_label("E-mailadres").fill("anna@example.org")
    form.get_by_label("Naam (niet verplicht)").fill("Anna de Vries")

    # One offer to give monthly, never chosen for the donor.
    submit.click()
    offer = page.get_by_role("dialog")
    expect(offer.get_by_role("heading")).to_have_text(re.compile(r"^Maak er €\s20 per maand van\?$"))
    page.screenshot(path=str(screenshot_dir / "phone-3-monthly-offer.png"))
    _no_axe_violations(page, "monthly offer")
    offer.get_by_role("button", name=re.compile(r"^Nee, geef eenmalig €\s100$")).click()

    # The donor breaks off the checkout and is back on the campaign page with the form filled in.
    page.wait_for_url(stripe_standin.base_url + "/**")
    expect(page.get_by_role("heading", level=1)).to_have_text("Betalen")
    page.get_by_role("button", name="Annuleren").click()
    page.wait_for_url(re.compile(re.escape(live_demo_site + CAMPAIGN_PATH) + r"\?geannuleerd="))
    expect(page.get_by_role("status").filter(has_text="U heeft de betaling afgebroken")).to_be_visible()
    expect(form.get_by_label("E-mailadres")).to_have_value("anna@example.org")
    expect(form.get_by_label("€ 100", exact=True)).to_be_checked()
    expect(submit).to_have_text(re.compile(r"^Doneer €\s100$"))
    page.screenshot(path=str(screenshot_dir / "phone-4-checkout-broken-off.png"), full_page=True)
    _no_axe_violations(page, "checkout broken off")

    # The offer was answered for this gift: giving again goes straight to payment.
    submit.click()
    page.wait_for_url(stripe_standin.base_url + "/**")
    pay_with_ideal(page)

    # The thank-you page says what the gift does, offers monthly once more and leads on to sharing.
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw gift!")
    expect(page.locator(".thank-you__impact")).to_contain_text("€ 100")
    expect(page.get_by_role("link", name=re.compile(r"^Geef €\s20 per maand$"))).to_be_visible()
    expect(page.locator(".share-links").get_by_role("link")).to_have_count(5)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path=str(screenshot_dir / "phone-5-thank-you.png"), full_page=True)
    _no_axe_violations(page, "thank-you page")
