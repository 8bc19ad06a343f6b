"""axe-core (WCAG 2.0/2.1 A and AA) and the layout checks of `check_page`, plus a side margin on phones, on the pages
test_accessibility.py leaves out: the remaining public page types, and every step of giving, from the campaign form
to 'mijn donaties'. The partner form and its errors are checked in tests/partners/test_form_in_browser.py.

Screenshots are named after the page and width, e.g. `donatie-3-betaalpagina-375.png`.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import MOBILE_WIDTH, WIDTHS, check_page
from tests.browser.test_journeys import CAMPAIGN_PATH, choose, my_donations_path, pay_with_ideal
from tests.donations.conftest import stripe_standin  # noqa: F401
from tests.donations.helpers import delivered

pytestmark = pytest.mark.browser

# One page of each type not covered elsewhere: its path, the status it should answer, and an element that shows the
# page has its content (the search page without results would leave the result list unchecked).
PUBLIC_PAGES = {
    "impact": ("/impact/", 200, "main h1"),
    "missie": ("/missie/", 200, "main h1"),
    "anbi": ("/anbi/", 200, "main h1"),
    "campagnes": ("/campagnes/", 200, "main h1"),
    "zoekresultaten": ("/zoeken/?q=bordsessie", 200, ".search-results li"),
    "niet-gevonden": ("/bestaat-niet/", 404, "main h1"),
    "link-verlopen": ("/mijn-donaties/ongeldig/", 403, "main h1"),  # a tampered or expired 'mijn donaties' link
    "nieuwe-link": ("/mijn-donaties/", 200, "main h1"),  # asking for a new 'mijn donaties' link
}

# Text closer than this to the screen edge of a phone is hard to read (and looks cut off).
MIN_SIDE_MARGIN = 16


def check_page_and_margin(page, name, width, screenshot_dir):
    """`check_page`, plus on a phone: the h1 does not touch the left edge of the screen."""
    problems = check_page(page, name, width, screenshot_dir)
    if width == MOBILE_WIDTH:
        left = page.locator("h1").first.bounding_box()["x"]
        if left < MIN_SIDE_MARGIN:
            problems.append(f"h1 starts {left:.0f}px from the left edge, expected at least {MIN_SIDE_MARGIN}px")
    return [f"[{name} @ {width}px] {problem}" for problem in problems]


def test_remaining_public_page_types_pass_at_phone_and_desktop_width(live_demo_site, new_page, screenshot_dir):
    failures = []
    for width in WIDTHS:
        page = new_page(width)
        for name, (path, status, content) in PUBLIC_PAGES.items():
            response = page.goto(live_demo_site + path)
            assert response.status == status, f"{path} answered {response.status}"
            expect(page.locator(content).first).to_be_visible()
            failures += check_page_and_margin(page, name, width, screenshot_dir)
    assert not failures, "\n\n".join(failures)


def test_every_step_of_a_monthly_gift_passes_at_phone_and_desktop_width(
    live_demo_site,
    stripe_standin,  # noqa: F811
    new_page,
    screenshot_dir,
):
    failures = []
    for width in WIDTHS:
        email = f"donor-{width}@example.org"
        page = new_page(width)

        def check(name):
            failures.extend(check_page_and_margin(page, name, width, screenshot_dir))  # noqa: B023

        page.goto(live_demo_site + CAMPAIGN_PATH)
        check("donatie-1-campagneformulier")

        # A made-up amount and no e-mail address: the form comes back with its error summary.
        form = page.locator("form.donate-form")
        choose(form, "Ander bedrag")
        form.get_by_label("Ander bedrag (in euro)").fill("veel")
        choose(form, "Maandelijks")
        form.get_by_role("button", name="Doneer", exact=True).click()
        expect(page.locator("#error-summary")).to_be_visible()
        check("donatie-2-formulier-met-fouten")

        form.get_by_label("Ander bedrag (in euro)").fill("15")
        form.get_by_label("E-mailadres").fill(email)
        form.get_by_role("button", name=re.compile(r"^Doneer €\s15 per maand$")).click()
        page.wait_for_url(stripe_standin.base_url + "/**")
        expect(page.get_by_role("heading", level=1)).to_have_text("Terugkerend doneren")
        check("donatie-3-betaalpagina")

        pay_with_ideal(page)
        expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw gift!")
        expect(page.get_by_text("De volgende afschrijving is rond")).to_be_visible()
        expect(page.get_by_role("link", name=re.compile("^Mijn donaties"))).to_be_visible()
        check("donatie-4-bedankt")

        delivered(stripe_standin)
        page.goto(live_demo_site + my_donations_path(email))
        expect(page.locator("article.recurring-gift")).to_have_count(1)
        check("donatie-5-mijn-donaties")
        # Every line of a gift, the amount and the receipt too, is within the screen: nothing to scroll sideways to.
        gift = page.locator("table.table--stacked tbody tr").first
        expect(gift.get_by_role("link", name="Ontvangstbewijs (pdf)")).to_be_visible()
        cells = [cell.bounding_box() for cell in gift.locator("td").all() if cell.is_visible()]
        assert len(cells) == 6 and all(box["x"] + box["width"] <= width for box in cells), (width, cells)

        page.locator("article.recurring-gift").get_by_role("link", name="Stop deze gift").click()
        expect(page.get_by_role("button", name="Ja, stop mijn gift")).to_be_visible()
        check("donatie-6-stoppen-bevestigen")

        # Asking for a new link with a mistyped address: the field says what is wrong.
        page.goto(live_demo_site + "/mijn-donaties/")
        page.get_by_label("Uw e-mailadres").fill("donor@")
        page.get_by_role("button", name="Stuur mij een nieuwe link").click()
        expect(page.locator(".field__error")).to_be_visible()
        check("donatie-7-nieuwe-link-met-fout")
    assert not failures, "\n\n".join(failures)
