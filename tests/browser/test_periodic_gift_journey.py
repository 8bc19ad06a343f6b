"""A periodieke gift in a real browser: from the donate page to the request form, the donor's agreement page (download,
upload of the signed copy), Financiën's countersign, and the first payment with iDEAL on the stand-in's page.

Also the form's error state (a BSN-like number is refused and never shown again), axe-core on every page at phone
width, and no field wider than its form. Screenshots go to `screenshot_dir` as `periodic-<page>-<phone|desktop>.png`.
"""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from periodic_gifts.models import AgreementStatus, PeriodicGiftAgreement
from tests.browser.test_accessibility import AXE_OPTIONS, OVERFLOWING_ELEMENTS, format_violations
from tests.browser.test_journeys import pay_with_ideal
from tests.donations.conftest import stripe_standin  # noqa: F401 - the fixture, shared with the donation tests
from tests.donations.helpers import delivered, receipts
from tests.periodic_gifts.helpers import (
    agreement_form,
    finance_client,
    link_path,
    link_target,
    only_agreement,
    pdf_text,
    request_mail,
    signed_scan,
)

pytestmark = pytest.mark.browser

DONATE_PATH = "/doneren/"
PHONE, DESKTOP = 390, 1280
WIDTH_NAMES = {PHONE: "phone", DESKTOP: "desktop"}
BSN_LIKE_NUMBER = "111222333"
AGREEMENT_URL = "**/periodiek-schenken/*/"  # a token after the request page's own path

# The fields a donor types into, in the order Tab reaches them; the rest keep what the form starts with (5 jaar, this
# year, yearly direct debit, the first campaign, Nederland, no partner).
TYPED_IN_ORDER = (
    "yearly_amount",
    "first_names",
    "last_name",
    "birth_date",
    "birth_place",
    "street_and_number",
    "postcode",
    "city",
    "email",
)

# Form controls whose box sticks out of the content box (inside the padding) of the form or step around them.
CONTROLS_OUTSIDE_THEIR_BOX = """() => {
    const found = [];
    const controls = document.querySelectorAll("main input:not([type=hidden]), main select, main button, main .button");
    for (const control of controls) {
        if (control.closest("[aria-hidden=true]")) continue;  // the honeypot, off screen on purpose
        const box = control.getBoundingClientRect();
        const frame = control.closest(".periodic-form, .agreement-step, form, .container");
        if (!box.width || !frame) continue;
        const outer = frame.getBoundingClientRect();
        const style = getComputedStyle(frame);
        const left = outer.left + parseFloat(style.paddingLeft) + parseFloat(style.borderLeftWidth);
        const right = outer.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
        if (box.left < left - 0.5 || box.right > right + 0.5) {
            const name = control.tagName.toLowerCase() + (control.id ? "#" + control.id : "")
                + (control.type ? `[type=${control.type}]` : "");
            found.push(`${name}: ${Math.round(box.left)}-${Math.round(box.right)}px, its box ${Math.round(left)}-`
                + `${Math.round(right)}px`);
        }
    }
    return found;
}"""

# How many lines the text `number` takes in the page's h1.
LINES_OF_TEXT_IN_HEADING = """(number) => {
    const walker = document.createTreeWalker(document.querySelector("h1"), NodeFilter.SHOW_TEXT);
    let node = walker.nextNode();
    while (!node.data.includes(number)) node = walker.nextNode();
    const range = document.createRange();
    const start = node.data.indexOf(number);
    range.setStart(node, start);
    range.setEnd(node, start + number.length);
    return new Set(Array.from(range.getClientRects(), (rect) => Math.round(rect.top))).size;
}"""

_axe = Axe()


def _screenshot(page, screenshot_dir, name):
    page.screenshot(path=str(screenshot_dir / f"periodic-{name}.png"), full_page=True)


def _problems(page, name):
    """axe-core's WCAG A/AA violations, sideways scrolling, and form controls wider than their box."""
    problems = []
    violations = _axe.run(page, options=AXE_OPTIONS).response["violations"]
    if violations:
        problems.append(f"axe found {len(violations)} violation(s):\n{format_violations(violations)}")
    scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    if scroll_width > inner_width:
        culprits = "\n".join(f"    {item}" for item in page.evaluate(OVERFLOWING_ELEMENTS))
        problems.append(f"the page scrolls sideways ({scroll_width}px > {inner_width}px):\n{culprits}")
    problems += [f"wider than its box: {item}" for item in page.evaluate(CONTROLS_OUTSIDE_THEIR_BOX)]
    return [f"[{name}] {problem}" for problem in problems]


def _assert_no_problems(page, name):
    problems = _problems(page, name)
    assert not problems, "\n\n".join(problems)


def _tab_to(page, target, most=8):
    """Press Tab until `target` (a locator) has the focus, as a keyboard user walks through the form."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{most} presses of Tab did not reach {target}")


def _open_request_page(page, base_url):
    """The donate page's own link to periodiek schenken, as a donor finds it."""
    page.goto(base_url + DONATE_PATH)
    page.get_by_role("link", name="Periodiek schenken", exact=True).click()
    page.wait_for_url("**/periodiek-schenken/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Periodiek schenken")


def _status(page):
    return page.locator("main p", has_text="Status:")


@pytest.mark.parametrize("width", [PHONE, DESKTOP], ids=WIDTH_NAMES.values())
def test_a_donor_requests_signs_and_starts_a_periodic_gift(
    width,
    live_demo_site,
    stripe_standin,  # noqa: F811
    new_page,
    screenshot_dir,
    client,
    django_user_model,
):
    size = WIDTH_NAMES[width]
    page = new_page(width)
    _open_request_page(page, live_demo_site)
    _screenshot(page, screenshot_dir, f"request-{size}")
    if width == PHONE:
        _assert_no_problems(page, "request page, empty")

    # Phones show the keyboard that fits: digits for the amount and the birth date.
    expect(page.get_by_label("Bedrag per jaar (in euro)")).to_have_attribute("inputmode", "decimal")
    expect(page.get_by_label("Geboortedatum", exact=True)).to_have_attribute("inputmode", "numeric")

    # The form with the keyboard: from the top of the page, Tab to each field and type.
    values = agreement_form()
    for position, name in enumerate(TYPED_IN_ORDER):
        _tab_to(page, page.locator(f"#id_{name}"), most=80 if position == 0 else 8)
        page.keyboard.type(values[name])
    expect(page.get_by_label("5 jaar", exact=True)).to_be_checked()
    expect(page.get_by_label("Jaarlijkse automatische incasso (eerste betaling met iDEAL)")).to_be_checked()
    submit = page.get_by_role("button", name="Overeenkomst aanvragen")
    _tab_to(page, submit, most=20)  # past the ending causes and the partner
    page.keyboard.press("Enter")

    # The agreement page, the same address as the link in the mail.
    page.wait_for_url(AGREEMENT_URL)
    agreement = only_agreement()
    assert link_target(page.url) == link_target(link_path(request_mail())) == ("/periodiek-schenken/", agreement.pk)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Uw periodieke gift {agreement.transaction_number}")
    expect(page.locator(".messages")).to_contain_text("Uw aanvraag is ontvangen")
    expect(_status(page)).to_have_text("Status: Aangevraagd")
    expect(page.locator("main .lead")).to_contain_text("€ 240,00 per jaar")
    expect(page.locator("main .lead")).to_contain_text("5 jaar")
    download_link = page.get_by_role("link", name="Overeenkomst downloaden (PDF)")
    expect(download_link).to_have_attribute("download", "")
    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename == f"overeenkomst-periodieke-gift-{agreement.transaction_number}.pdf"
    downloaded = pdf_text(Path(download.path()).read_bytes())
    assert "Maria Johanna" in downloaded and agreement.transaction_number in downloaded
    assert page.evaluate(LINES_OF_TEXT_IN_HEADING, agreement.transaction_number) == 1, "the number is split"
    if width == PHONE:
        _screenshot(page, screenshot_dir, "agreement-phone")
        _assert_no_problems(page, "agreement page, before the upload")
        # Sent without a file: the page says so, with the focus on what is wrong.
        page.get_by_role("button", name="Getekende overeenkomst versturen").click()
        expect(page.locator("#error-summary")).to_be_focused()
        expect(page.locator("#error-summary")).to_contain_text("Kies het PDF-bestand van uw getekende overeenkomst.")
        expect(_status(page)).to_have_text("Status: Aangevraagd")

    # The signed copy, through the file input.
    page.get_by_label("Uw getekende overeenkomst (PDF)").set_input_files(
        files=[{"name": "getekend.pdf", "mimeType": "application/pdf", "buffer": signed_scan()}]
    )
    page.get_by_role("button", name="Getekende overeenkomst versturen").click()
    expect(page.locator(".messages")).to_contain_text("Dank u wel: we hebben uw getekende overeenkomst ontvangen.")
    expect(_status(page)).to_have_text("Status: Getekend door donateur")
    expect(page.get_by_role("link", name="Uw getekende exemplaar bekijken")).to_be_visible()
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SIGNED_BY_DONOR

    # Financiën countersigns in the admin; the donor's page then offers the first payment.
    staff = finance_client(client, django_user_model)
    assert staff.post(reverse("periodicgiftagreement:countersign", args=[agreement.pk])).status_code == 302
    page.reload()
    expect(_status(page)).to_have_text("Status: Ondertekend")
    expect(page.get_by_role("link", name="Ondertekende overeenkomst downloaden (PDF)")).to_be_visible()
    expect(page.get_by_label("Uw getekende overeenkomst (PDF)")).to_have_count(0)
    start = page.get_by_role("button", name="Eerste betaling starten")
    expect(start).to_be_visible()
    if width == DESKTOP:
        _screenshot(page, screenshot_dir, "agreement-signed-desktop")
    else:
        _assert_no_problems(page, "agreement page, countersigned")

    # The first payment: iDEAL on the stand-in's page, back to the site's thank-you page.
    start.click()
    page.wait_for_url(stripe_standin.base_url + "/**")
    expect(page.get_by_role("heading", level=1)).to_have_text("Terugkerend doneren")
    expect(page.locator("#amount-total")).to_contain_text("240,00")
    pay_with_ideal(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw gift!")
    expect(page.locator("main")).to_contain_text("€ 240,00")

    delivered(stripe_standin)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.RUNNING
    assert [message.to for message in receipts()] == [["maria@example.org"]]
    page.goto(live_demo_site + link_path(request_mail()))
    expect(_status(page)).to_have_text("Status: Lopend")
    expect(page.get_by_role("button", name="Eerste betaling starten")).to_have_count(0)


def test_a_bsn_like_number_and_a_short_term_are_refused_and_the_number_is_not_shown_again(
    live_demo_site, new_page, screenshot_dir
):
    page = new_page(PHONE)
    _open_request_page(page, live_demo_site)
    form = page.locator("form.periodic-form")
    values = agreement_form(birth_place=BSN_LIKE_NUMBER)
    for name in TYPED_IN_ORDER:
        page.locator(f"#id_{name}").fill(values[name])
    form.get_by_text("Langer, namelijk:", exact=True).click()
    expect(form.get_by_label("Langer, namelijk:", exact=True)).to_be_checked()
    form.get_by_label("Aantal jaren").fill("4")
    form.get_by_role("button", name="Overeenkomst aanvragen").click()

    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_have_attribute("role", "alert")
    expect(summary).to_be_focused()  # and so scrolled into view, below the explanation
    expect(summary).to_be_in_viewport()
    _screenshot(page, screenshot_dir, "errors-phone")
    _assert_no_problems(page, "request page, with errors")

    # Each error links to its field, which says what is wrong next to it.
    links = summary.get_by_role("link")
    expect(links).to_have_count(2)
    expected = {
        "#id_duration_years": "Een periodieke gift loopt minstens 5 jaar.",
        "#id_birth_place": "Vul hier geen burgerservicenummer (BSN) of ander lang nummer in.",
    }
    assert sorted(links.evaluate_all("links => links.map(link => link.getAttribute('href'))")) == sorted(expected)
    for href, message in expected.items():
        link = summary.locator(f'a[href="{href}"]')
        expect(link).to_contain_text(message)
        field = page.locator(href)
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(page.locator(f"{href}-error")).to_contain_text(message)
        link.click()
        expect(field).to_be_focused()
        expect(field).to_be_in_viewport()

    # The number itself is gone: not in the field, nowhere in the page; the rest of the answers stay.
    expect(form.get_by_label("Geboorteplaats", exact=True)).to_have_value("")
    assert BSN_LIKE_NUMBER not in page.content()
    expect(form.get_by_label("Achternaam", exact=True)).to_have_value("Jansen")
    expect(form.get_by_label("Aantal jaren")).to_have_value("4")
    assert not PeriodicGiftAgreement.objects.exists()
    assert mail.outbox == []
