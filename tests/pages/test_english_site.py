"""English under /en/: every page type in English, Dutch unchanged, switcher, alternates, cache, sitemap, queries."""

import io
import re

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page

from pages.models import HomePage, StandardPage, StoryPage
from tests.pages.test_query_counts import add_stories, query_count

# English address → Dutch address of the same page, one of every page type.
PAIRS = {
    "/en/": "/",
    "/en/mission/": "/missie/",
    "/en/method/": "/methode/",
    "/en/our-impact/": "/impact/",
    "/en/stories/": "/verhalen/",
    "/en/stories/diamant-college-pupil-engagement/": "/verhalen/diamant-college-leerlingbetrokkenheid/",
    "/en/stories/stedelijk-gymnasium-arnhem-improvement-from-pupils/": (
        "/verhalen/stedelijk-gymnasium-arnhem-verbetering-vanuit-leerlingen/"
    ),
    "/en/stories/mariaschool-rotterdam-board-sessions-groep-3/": "/verhalen/mariaschool-rotterdam-bordsessies-groep-3/",
    "/en/donate/": "/campagnes/",
    "/en/donate/besturenprogramma-school-boards/": "/campagnes/besturenprogramma/",
    "/en/donate/leerkracht-versneller-accelerator/": "/campagnes/leerkracht-versneller/",
    "/en/donate/towards-the-tipping-point/": "/campagnes/naar-het-kantelpunt/",
    "/en/become-a-partner/": "/partner-worden/",
    "/en/anbi-information/": "/anbi/",
    "/en/privacy-statement/": "/privacy/",
    "/en/accessibility/": "/toegankelijkheid/",
    "/en/contact-us/": "/contact/",
}

# A line of English text each English page shows, from its content.
ENGLISH_TEXT = {
    "/en/": "We tackle unequal opportunities in education by building a culture of improvement in schools.",
    "/en/mission/": "Why it is needed",
    "/en/method/": "Lesson visits with feedback",
    "/en/our-impact/": "Structural, lasting and large-scale",
    "/en/stories/": "What does real pupil engagement look like?",
    "/en/donate/besturenprogramma-school-boards/": "e.g. €50 can let a board member observe a board session",
    "/en/become-a-partner/": "How can you become a partner?",
    "/en/anbi-information/": "public benefit organisation (ANBI)",
    "/en/privacy-statement/": "How long we keep data",
    "/en/accessibility/": "Found something that does not work?",
    "/en/contact-us/": "Questions about donating, partnerships or the method?",
}


@pytest.fixture(autouse=True)
def _in_a_savepoint(module_demo_content, db):
    """Every test sees the module's demo site; what a test changes is rolled back after it."""


def _switcher(html):
    nav = re.search(r'<nav class="language-switch".*?</nav>', html, re.S)
    assert nav, "no language switcher in the header"
    return re.findall(r'<a [^>]*href="([^"]*)" hreflang="([^"]*)" lang="([^"]*)">([^<]*)</a>', nav.group(0))


def _alternates(html):
    return {
        language: href
        for language, href in re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)
    }


def test_every_dutch_demo_page_has_a_live_english_translation(module_demo_content):
    english = Locale.objects.get(language_code="en")
    dutch_pages = Page.objects.filter(depth__gte=2, locale__language_code="nl")
    assert dutch_pages.count() == len(PAIRS)
    for page in dutch_pages:
        translation = page.get_translation_or_none(english)
        assert translation is not None and translation.live, f"{page.url_path} has no live English translation"


def test_loading_the_demo_content_again_adds_nothing(module_demo_content):
    counts = (Page.objects.count(), HomePage.objects.count(), Locale.objects.count())
    call_command("load_demo_content", stdout=io.StringIO())
    assert (Page.objects.count(), HomePage.objects.count(), Locale.objects.count()) == counts


@pytest.mark.parametrize("url", list(PAIRS))
def test_english_pages_answer_in_english(client, module_demo_content, url):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in html
    assert "Skip to content" in html and "Naar de inhoud" not in html
    assert "Search the site" in html and "Hoofdmenu" not in html
    if url in ENGLISH_TEXT:
        assert ENGLISH_TEXT[url] in html


@pytest.mark.parametrize("url", list(PAIRS.values()))
def test_dutch_pages_stay_at_their_addresses_in_dutch(client, module_demo_content, url):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Language"] == "nl"
    assert '<html lang="nl">' in html
    assert "Naar de inhoud" in html and "Skip to content" not in html


def test_a_browser_asking_for_english_still_gets_dutch_at_a_dutch_address(client, module_demo_content):
    response = client.get("/missie/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert '<html lang="nl">' in response.content.decode()
    # The address alone decides, so shared caches need not keep a copy per Accept-Language.
    for url in ("/missie/", "/en/mission/"):
        assert "accept-language" not in client.get(url).get("Vary", "").lower()


@pytest.mark.parametrize(("english", "dutch"), list(PAIRS.items()))
def test_the_switcher_links_a_page_and_its_translation_both_ways(client, module_demo_content, english, dutch):
    assert _switcher(client.get(english).content.decode()) == [(dutch, "nl", "nl", "Nederlands")]
    assert _switcher(client.get(dutch).content.decode()) == [(english, "en", "en", "English")]


@pytest.mark.parametrize(("english", "dutch"), list(PAIRS.items()))
def test_the_head_lists_both_languages_as_alternates(client, module_demo_content, english, dutch):
    for url in (english, dutch):
        alternates = _alternates(client.get(url).content.decode())
        assert alternates == {"nl": f"http://testserver{dutch}", "en": f"http://testserver{english}"}


def test_without_a_translation_the_switcher_goes_to_the_other_home_page_and_no_alternate_is_claimed(
    client, module_demo_content
):
    StandardPage.objects.get(slug="contact-us").unpublish()
    html = client.get("/contact/").content.decode()
    assert _switcher(html) == [("/en/", "en", "en", "English")]
    assert _alternates(html) == {"nl": "http://testserver/contact/"}


def test_views_that_are_not_pages_switch_to_the_same_view(client, module_demo_content):
    assert _switcher(client.get("/en/doneren/").content.decode()) == [("/doneren/", "nl", "nl", "Nederlands")]
    assert _switcher(client.get("/zoeken/?q=bord").content.decode()) == [("/en/zoeken/?q=bord", "en", "en", "English")]
    not_found = client.get("/en/bestaat-niet/")
    assert not_found.status_code == 404
    assert '<html lang="en">' in not_found.content.decode()
    assert _switcher(not_found.content.decode()) == [("/", "nl", "nl", "Nederlands")]


def test_menus_footer_and_home_page_link_to_pages_in_the_current_language(client, module_demo_content):
    html = client.get("/en/").content.decode()
    header = re.search(r'<nav class="site-nav site-nav--wide".*?</nav>', html, re.S).group(0)
    footer = re.search(r"<footer.*?</footer>", html, re.S).group(0)
    main = re.search(r"<main.*?</main>", html, re.S).group(0)
    for part in (header, footer, main):
        links = [href for href in re.findall(r'href="(/[^"]*)"', part) if not href.startswith("/static/")]
        assert links and all(href.startswith("/en/") for href in links), links
    assert ">Donate</a>" in header and ">Our mission</a>" in header
    assert "tackles unequal opportunities in education" in footer
    assert 'href="/en/"' in html  # the logo goes to the English home page


def test_search_finds_pages_in_the_language_of_the_search_page(client, module_demo_content):
    english = client.get("/en/zoeken/?q=Mariaschool").content.decode()
    dutch = client.get("/zoeken/?q=Mariaschool").content.decode()
    assert "/en/stories/mariaschool-rotterdam-board-sessions-groep-3/" in english
    assert "/verhalen/mariaschool-rotterdam-bordsessies-groep-3/" not in english
    assert "/verhalen/mariaschool-rotterdam-bordsessies-groep-3/" in dutch
    assert "/en/stories/mariaschool-rotterdam-board-sessions-groep-3/" not in dutch


def test_the_page_cache_keeps_the_languages_apart(client, module_demo_content):
    for english, dutch in (("/en/stories/", "/verhalen/"), ("/en/", "/")):
        assert client.get(english)["X-Page-Cache"] == "miss"
        assert client.get(dutch)["X-Page-Cache"] == "miss"
        english_hit, dutch_hit = client.get(english), client.get(dutch)
        assert english_hit["X-Page-Cache"] == dutch_hit["X-Page-Cache"] == "hit"
        assert '<html lang="en">' in english_hit.content.decode()
        assert '<html lang="nl">' in dutch_hit.content.decode()
        assert english_hit["Content-Language"] == "en" and dutch_hit["Content-Language"] == "nl"


def test_publishing_in_one_language_purges_the_cached_pages_of_both(client, module_demo_content):
    for url in ("/en/stories/", "/verhalen/"):
        client.get(url)
    story = StoryPage.objects.get(slug="mariaschool-rotterdam-board-sessions-groep-3")
    story.summary = "A new summary about the board in groep 3."
    story.save_revision().publish()
    english, dutch = client.get("/en/stories/"), client.get("/verhalen/")
    assert english["X-Page-Cache"] == dutch["X-Page-Cache"] == "miss"
    assert "A new summary about the board in groep 3." in english.content.decode()


def test_robots_txt_keeps_crawlers_out_of_the_english_search_too(client, module_demo_content):
    assert "Disallow: /en/zoeken/" in client.get("/robots.txt").content.decode()


def test_the_sitemap_lists_the_pages_of_both_languages(client, module_demo_content):
    xml = client.get("/sitemap.xml").content.decode()
    locations = set(re.findall(r"<loc>https?://[^/<]+(/[^<]*)</loc>", xml))
    assert set(PAIRS) | set(PAIRS.values()) <= locations


@pytest.mark.parametrize(
    ("english", "dutch"),
    [
        ("/en/", "/"),
        ("/en/stories/", "/verhalen/"),
        ("/en/donate/besturenprogramma-school-boards/", "/campagnes/besturenprogramma/"),
    ],
)
def test_english_pages_run_as_few_queries_as_the_dutch_ones_and_do_not_grow(
    client, module_demo_content, english, dutch
):
    dutch_count = query_count(client, dutch)
    english_count = query_count(client, english)
    # Two more at most: Wagtail's routing looks up the English home page (the site's root page is Dutch), and the
    # menus' pages are looked up in English, all in one query.
    assert english_count <= dutch_count + 2, f"{english}: {english_count} queries, {dutch}: {dutch_count}"
    add_stories(27, language="en")
    assert query_count(client, english) == english_count
