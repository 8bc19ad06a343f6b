"""Whole visits in a real browser, the way donors, foundations and editors make them.

Payments go through the in-process Stripe stand-in, whose webhooks reach the live server; Celery runs eagerly, so
the mails the site sends are in `mail.outbox`. A full-page screenshot of every step is written to `screenshot_dir`
as `journey-<who>-<step>.png`.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from playwright.sync_api import expect

from donations.models import Donation, RecurringDonation, RecurringStatus
from pages.models import StoryPage
from partners.models import PartnershipRequest
from tests.browser.test_accessibility import check_page
from tests.donations.conftest import stripe_standin  # noqa: F401
from tests.donations.helpers import delivered, mails_with, receipts

pytestmark = pytest.mark.browser

CAMPAIGN_PATH = "/campagnes/besturenprogramma/"
STORY_SLUG = "mariaschool-rotterdam-bordsessies-groep-3"
EDITOR_PASSWORD = "een-lang-wachtwoord-123"  # noqa: S105 - a throwaway account in the test database


def screenshot(page, screenshot_dir, name):
    page.screenshot(path=str(screenshot_dir / f"journey-{name}.png"), full_page=True)


def my_donations_path(email):
    """The path of the 'mijn donaties' link in the latest receipt sent to `email`."""
    body = [message for message in receipts() if message.to == [email]][-1].body
    return urlsplit(re.search(r"\S+/mijn-donaties/\S+/", body).group(0)).path


def choose(form, label):
    """Pick a radio button the way a visitor does: by its visible label (the input itself is hidden behind it)."""
    form.get_by_text(label, exact=True).click()
    expect(form.get_by_label(label, exact=True)).to_be_checked()


def pay_with_ideal(page):
    """On the stand-in's checkout page: pay with iDEAL and wait for the way back to the site's thank-you page."""
    page.get_by_label("iDEAL", exact=True).check()
    page.get_by_label("Je bank").select_option(label="ABN AMRO")
    page.get_by_role("button", name="Betalen", exact=True).click()
    page.wait_for_url("**/doneren/bedankt/?session_id=*")


def test_a_donor_starts_a_monthly_gift_and_stops_it_with_the_link_in_the_receipt(
    live_demo_site,
    stripe_standin,  # noqa: F811
    new_page,
    screenshot_dir,
):
    page = new_page(1280)
    page.goto(live_demo_site + CAMPAIGN_PATH)
    form = page.locator("form.donate-form")
    choose(form, "€ 25")
    choose(form, "Maandelijks")
    form.get_by_label("E-mailadres").fill("anna@example.org")
    form.get_by_label("Naam (niet verplicht)").fill("Anna de Vries")
    screenshot(page, screenshot_dir, "monthly-1-campaign-form")
    form.get_by_role("button", name=re.compile(r"^Doneer €\s25 per maand$")).click()

    page.wait_for_url(stripe_standin.base_url + "/**")
    expect(page.get_by_role("heading", level=1)).to_have_text("Terugkerend doneren")
    screenshot(page, screenshot_dir, "monthly-2-checkout")
    pay_with_ideal(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw gift!")
    screenshot(page, screenshot_dir, "monthly-3-thank-you")
    # The receipt goes out when the checkout.session.completed webhook has been handled.
    delivered(stripe_standin)
    assert Donation.objects.get().status == "paid"

    page.goto(live_demo_site + my_donations_path("anna@example.org"))
    gift = page.locator("article.recurring-gift")
    expect(gift.get_by_role("heading")).to_have_text("Besturenprogramma: € 25,00 maandelijks")
    screenshot(page, screenshot_dir, "monthly-4-my-donations")
    gift.get_by_role("link", name="Stop deze gift").click()
    expect(
        page.get_by_text("Weet u zeker dat u uw gift van € 25,00 per maand aan Besturenprogramma wilt stoppen?")
    ).to_be_visible()
    page.get_by_role("button", name="Ja, stop mijn gift").click()

    expect(page.get_by_role("status")).to_contain_text("Uw terugkerende gift is gestopt.")
    expect(gift).to_contain_text("Status: Gestopt")
    expect(page.get_by_role("link", name="Stop deze gift")).to_have_count(0)
    screenshot(page, screenshot_dir, "monthly-5-stopped")
    delivered(stripe_standin)
    assert RecurringDonation.objects.get().status == RecurringStatus.CANCELED
    assert [message.to for message in mails_with("is gestopt")] == [["anna@example.org"]]


def test_a_foundation_sends_a_partnership_request_and_gets_a_confirmation(live_demo_site, new_page, screenshot_dir):
    page = new_page(375)
    page.goto(live_demo_site + "/partner-worden/")
    page.get_by_label("Fonds of stichting").check()
    page.get_by_label("Naam van uw organisatie").fill("Stichting Egeria Fonds")
    page.get_by_label("Uw naam").fill("Peter Visser")
    page.get_by_label("E-mailadres").fill("peter@egeria.example")
    page.get_by_label("De leerKRACHT-Versneller").check()
    page.get_by_label("Uw bericht").fill("Wij willen graag meer scholen helpen de hele methode in te zetten.")
    page.get_by_label("mag contact met mij opnemen").check()
    screenshot(page, screenshot_dir, "partner-1-form")
    page.get_by_role("button", name="Verstuur aanvraag").click()

    page.wait_for_url("**/partner-worden/aanvraag/bedankt/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    problems = check_page(page, "journey-partner-2-thank-you", 375, screenshot_dir)
    assert not problems, "\n\n".join(problems)
    stored = PartnershipRequest.objects.get()
    assert (stored.kind, stored.organisation) == ("foundation", "Stichting Egeria Fonds")
    assert ["peter@egeria.example"] in [message.to for message in mail.outbox]


def test_an_editor_changes_a_story_summary_in_the_admin_and_the_public_page_shows_it(
    live_demo_site, new_page, screenshot_dir
):
    editor = User.objects.create_user("redacteur", "redactie@example.org", EDITOR_PASSWORD)
    editor.groups.add(Group.objects.get(name="Redactie"))
    story = StoryPage.objects.get(slug=STORY_SLUG)
    new_summary = "In groep 3 staat het bord centraal: elke ochtend tien minuten."

    page = new_page(1280)
    page.goto(live_demo_site + "/admin/login/")
    page.locator("input[name=username]").fill("redacteur")
    page.locator("input[name=password]").fill(EDITOR_PASSWORD)
    screenshot(page, screenshot_dir, "editor-1-login")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(live_demo_site + "/admin/")

    page.goto(f"{live_demo_site}/admin/pages/{story.pk}/edit/")
    page.locator("#id_summary").fill(new_summary)
    screenshot(page, screenshot_dir, "editor-2-edit")
    # Publishing sits in the dropdown beside "Save draft" in the editor's footer.
    page.locator("footer [data-w-dropdown-target='toggle']").click()
    page.locator("button[name='action-publish']").click()
    page.wait_for_url("**/admin/pages/*/")
    expect(page.locator(".messages .success")).to_be_visible()
    screenshot(page, screenshot_dir, "editor-3-published")

    page.goto(f"{live_demo_site}/verhalen/{STORY_SLUG}/")
    expect(page.get_by_text(new_summary)).to_be_visible()
    screenshot(page, screenshot_dir, "editor-4-public-story")


def test_the_donation_form_works_with_the_keyboard_alone(
    live_demo_site,
    stripe_standin,  # noqa: F811
    new_page,
    screenshot_dir,
):
    page = new_page(1280)
    page.goto(live_demo_site + CAMPAIGN_PATH)
    keyboard = page.keyboard
    active_id = "document.activeElement.id"

    # From the top of the page, Tab reaches the selected amount (the second suggestion is preselected).
    for _ in range(80):
        keyboard.press("Tab")
        if page.evaluate(active_id) == "id_amount_choice_1":
            break
    assert page.evaluate(active_id) == "id_amount_choice_1", "Tab never reached the amounts"
    keyboard.press("ArrowRight")  # radio groups move and select with the arrow keys: € 100
    assert page.evaluate(active_id) == "id_amount_choice_2"
    expect(page.locator("#id_amount_choice_2")).to_be_checked()
    screenshot(page, screenshot_dir, "keyboard-1-amount")

    for expected in ("id_other_amount", "id_frequency_0", "id_email"):
        keyboard.press("Tab")
        assert page.evaluate(active_id) == expected
    keyboard.type("kees@example.org")
    submit = page.locator("form.donate-form button[type=submit]")
    for _ in range(10):
        keyboard.press("Tab")
        if submit.evaluate("button => button === document.activeElement"):
            break
    expect(submit).to_be_focused()
    screenshot(page, screenshot_dir, "keyboard-2-submit-focused")
    keyboard.press("Space")
    # The offer to give monthly takes the focus; Tab reaches "Nee", which keeps the one-off gift.
    expect(page.get_by_role("dialog")).to_be_visible()
    keyboard.press("Tab")
    expect(page.get_by_role("dialog").get_by_role("button", name=re.compile("^Nee"))).to_be_focused()
    keyboard.press("Space")

    page.wait_for_url(stripe_standin.base_url + "/**")
    expect(page.get_by_role("heading", level=1)).to_have_text("Betalen")
    screenshot(page, screenshot_dir, "keyboard-3-checkout")
    donation = Donation.objects.get()
    assert (donation.amount_cents, donation.frequency, donation.donor.email) == (10_000, "once", "kees@example.org")
