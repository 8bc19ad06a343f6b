"""Accessibility and layout checks of the main public pages in a real browser.

For each page and viewport width: axe-core (WCAG 2.0/2.1 A and AA rules) reports no violations, there is
exactly one h1, the document is marked with its language (Dutch, English under /en/), and on a phone-sized viewport
nothing scrolls sideways.
A full-page screenshot of each is written to $SCREENSHOT_DIR (default: artifacts/screenshots/).
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/",
    "campagne": "/campagnes/besturenprogramma/",
    "verhalen": "/verhalen/",
    "verhaal": "/verhalen/mariaschool-rotterdam-bordsessies-groep-3/",
    "home-en": "/en/",
    "campaign-en": "/en/donate/besturenprogramma-school-boards/",
}
WIDTHS = (375, 1280)
MOBILE_WIDTH = 375
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

_axe = Axe()

# Make lazy images load and wait for them, so the screenshot shows the whole page as a visitor scrolling would see it.
LOAD_ALL_IMAGES = """async () => {
    const images = Array.from(document.images);
    images.forEach((img) => { img.loading = "eager"; });
    await Promise.all(images.map((img) => img.decode().catch(() => null)));
}"""

# Elements sticking out past the right edge of the viewport, to say what causes a horizontal scrollbar.
OVERFLOWING_ELEMENTS = """() => {
    const limit = window.innerWidth;
    const found = [];
    for (const el of document.body.querySelectorAll("*")) {
        const box = el.getBoundingClientRect();
        if (box.width && box.right > limit + 0.5) {
            const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
                + (el.classList.length ? "." + Array.from(el.classList).join(".") : "");
            found.push(`${name} (right edge ${Math.round(box.right)}px)`);
        }
    }
    return found.slice(0, 15);
}"""


def format_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    {target}")
            if node.get("failureSummary"):
                lines.extend(f"      {line}" for line in node["failureSummary"].splitlines())
    return "\n".join(lines)


def check_page(page, name, width, screenshot_dir, expected_lang="nl"):
    """Run every check on the loaded page; return a list of problems (empty when all is well)."""
    problems = []
    page.evaluate(LOAD_ALL_IMAGES)
    page.screenshot(path=str(screenshot_dir / f"{name}-{width}.png"), full_page=True)

    results = _axe.run(page, options=AXE_OPTIONS)
    violations = results.response["violations"]
    if violations:
        problems.append(f"axe found {len(violations)} WCAG A/AA violation(s):\n{format_violations(violations)}")

    h1_count = page.locator("h1").count()
    if h1_count != 1:
        problems.append(f"expected exactly one h1, found {h1_count}")

    lang = page.evaluate("document.documentElement.lang")
    if lang != expected_lang:
        problems.append(f"expected <html lang='{expected_lang}'>, found lang={lang!r}")

    if width == MOBILE_WIDTH:
        scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if scroll_width > inner_width:
            culprits = "\n".join(f"    {item}" for item in page.evaluate(OVERFLOWING_ELEMENTS))
            problems.append(
                f"horizontal overflow: scrollWidth {scroll_width}px > innerWidth {inner_width}px; wide elements:\n"
                f"{culprits}"
            )
    return problems


@pytest.mark.parametrize("name", PAGES)
def test_page_accessible_at_phone_and_desktop_width(name, live_demo_site, new_page, screenshot_dir):
    failures = []
    for width in WIDTHS:
        page = new_page(width)
        response = page.goto(live_demo_site + PAGES[name], wait_until="load")
        assert response is not None and response.status == 200, f"{PAGES[name]} answered {response and response.status}"
        lang = "en" if PAGES[name].startswith("/en/") else "nl"
        problems = check_page(page, name, width, screenshot_dir, expected_lang=lang)
        failures.extend(f"[{name} @ {width}px] {problem}" for problem in problems)
    assert not failures, "\n\n".join(failures)


def test_skip_link_is_first_tab_stop_and_moves_focus_to_main(live_demo_site, new_page):
    page = new_page(1280)
    page.goto(live_demo_site + "/", wait_until="load")

    page.keyboard.press("Tab")
    focused = page.evaluate(
        "({tag: document.activeElement.tagName, text: document.activeElement.textContent.trim(),"
        " href: document.activeElement.getAttribute('href')})"
    )
    assert focused == {"tag": "A", "text": "Naar de inhoud", "href": "#main"}, f"first Tab focused {focused}"
    box = page.locator(".skip-link").bounding_box()
    assert box and box["y"] >= 0 and box["x"] >= 0 and box["width"] > 1, f"skip link not visible when focused: {box}"

    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'main'")
    assert page.evaluate("document.activeElement.tagName") == "MAIN"


def test_the_language_switcher_works_with_the_keyboard_alone(live_demo_site, new_page):
    page = new_page(1280)
    page.goto(live_demo_site + "/en/mission/", wait_until="load")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('hreflang')") == "nl":
            break
    else:
        raise AssertionError("Tab never reached the link to the Dutch page")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Nederlands"
    assert page.evaluate("document.activeElement.getAttribute('lang')") == "nl"

    page.keyboard.press("Enter")
    page.wait_for_url(live_demo_site + "/missie/")
    assert page.evaluate("document.documentElement.lang") == "nl"
