"""A one-off gift in a real browser: campaign page → the stand-in's checkout page → iDEAL → the thank-you page.

Screenshots of every step go to `screenshot_dir` (SCREENSHOT_DIR, default artifacts/screenshots) as
`donation-journey-<step>.png`.
"""

import re

import pytest
from playwright.sync_api import expect

from donations.models import Donation, DonationStatus
from tests.donations.conftest import stripe_standin  # noqa: F401 - the fixture, shared with the donation tests
from tests.donations.helpers import delivered, receipts

pytestmark = pytest.mark.browser

CAMPAIGN_PATH = "/campagnes/besturenprogramma/"


def _screenshot(page, screenshot_dir, step):
    page.screenshot(path=str(screenshot_dir / f"donation-journey-{step}.png"), full_page=True)


def test_a_donor_gives_50_euro_with_ideal_and_is_thanked(
    live_demo_site,
    stripe_standin,  # noqa: F811
    new_page,
    screenshot_dir,
):
    # Webhooks wait until the donor is back: the thank-you page must tell "paid" from the session alone.
    stripe_standin.configure(pause_delivery=True)
    page = new_page(1280)
    page.goto(live_demo_site + CAMPAIGN_PATH)
    form = page.locator("form.donate-form")
    form.get_by_text("€ 50", exact=True).click()
    expect(form.get_by_label("€ 50", exact=True)).to_be_checked()
    expect(form.get_by_label("Eenmalig", exact=True)).to_be_checked()
    form.get_by_label("E-mailadres").fill("anna@example.org")
    _screenshot(page, screenshot_dir, "1-campaign-form")
    # The button says what will happen; a one-off gift gets one offer to give monthly, which Anna declines.
    form.get_by_role("button", name=re.compile(r"^Doneer\s€\s50$")).click()
    offer = page.get_by_role("dialog")
    expect(offer.get_by_role("heading")).to_have_text(re.compile(r"^Maak er €\s10 per maand van\?$"))
    _screenshot(page, screenshot_dir, "1b-monthly-offer")
    offer.get_by_role("button", name=re.compile(r"^Nee, geef eenmalig €\s50$")).click()

    page.wait_for_url(stripe_standin.base_url + "/c/pay/*")
    expect(page.get_by_role("heading", level=1)).to_have_text("Betalen")
    expect(page.locator("#amount-total")).to_contain_text("50,00")
    _screenshot(page, screenshot_dir, "2-checkout")
    page.get_by_label("iDEAL", exact=True).check()
    page.get_by_label("Je bank").select_option(label="ING")
    _screenshot(page, screenshot_dir, "3-ideal-bank-chosen")
    page.get_by_role("button", name="Betalen", exact=True).click()

    page.wait_for_url(live_demo_site + "/doneren/bedankt/?session_id=*")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw gift!")
    expect(page.locator("main")).to_contain_text("€ 50,00")
    _screenshot(page, screenshot_dir, "4-thank-you")

    assert Donation.objects.get().status == DonationStatus.PENDING  # the return page never marks a gift paid
    stripe_standin.flush()
    delivered(stripe_standin)
    assert Donation.objects.get().status == DonationStatus.PAID
    assert [message.to for message in receipts()] == [["anna@example.org"]]
