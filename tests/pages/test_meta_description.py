"""Every public page has one meta description: the editor's, else the page's own summary, else the site's."""

import html
import re

import pytest
from wagtail.models import Page

from campaigns.models import CampaignPage
from pages.models import StandardPage, StoryPage
from pages.templatetags.site_tags import shorten

DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)">')
OG_DESCRIPTION = re.compile(r'<meta property="og:description" content="([^"]*)">')
SITE_NL = "Stichting leerKRACHT pakt kansenongelijkheid in het onderwijs aan met een verbetercultuur op school."
SITE_EN = "Stichting leerKRACHT tackles unequal opportunities in education by building a culture of improvement"

# One of every page type in both languages.
PAGE_URLS = {
    "home": "/",
    "campaign index": "/campagnes/",
    "campaign": "/campagnes/besturenprogramma/",
    "story index": "/verhalen/",
    "story": "/verhalen/mariaschool-rotterdam-bordsessies-groep-3/",
    "standard": "/missie/",
    "impact": "/impact/",
    "partner page": "/partner-worden/",
    "anbi": "/anbi/",
    "home en": "/en/",
    "campaign index en": "/en/donate/",
    "campaign en": "/en/donate/besturenprogramma-school-boards/",
    "story index en": "/en/stories/",
    "story en": "/en/stories/diamant-college-pupil-engagement/",
    "standard en": "/en/contact-us/",
}
# The views that are no Wagtail page (they have no Open Graph tags).
VIEW_URLS = {
    "donate": "/doneren/",
    "donate en": "/en/doneren/",
    "partner form": "/partner-worden/aanvraag/",
    "partner form en": "/en/partner-worden/aanvraag/",
    "search": "/zoeken/?q=school",
    "search en": "/en/zoeken/",
}


@pytest.fixture(autouse=True)
def _in_a_savepoint(module_demo_content, db):
    pass


def description_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    page_html = response.content.decode()
    descriptions = DESCRIPTION.findall(page_html)
    assert len(descriptions) == 1, f"{url}: {len(descriptions)} meta descriptions"
    description = html.unescape(descriptions[0])
    assert description.strip() and len(description) <= 160, f"{url}: {description!r}"
    return description, [html.unescape(og) for og in OG_DESCRIPTION.findall(page_html)]


@pytest.mark.parametrize("url", PAGE_URLS.values(), ids=PAGE_URLS.keys())
def test_every_page_type_has_one_short_description_also_for_sharing(client, url):
    description, og_descriptions = description_of(client, url)
    assert "<" not in description
    assert og_descriptions == [description]


@pytest.mark.parametrize("url", VIEW_URLS.values(), ids=VIEW_URLS.keys())
def test_the_donate_partner_and_search_views_have_one_short_description(client, url):
    description, _ = description_of(client, url)
    assert "<" not in description


def test_every_live_page_of_the_demo_has_one(client):
    pages = Page.objects.live().filter(depth__gt=1).specific()
    assert pages.count() > 30
    descriptions = {page.url: description_of(client, page.url)[0] for page in pages}
    assert len(set(descriptions.values())) == len(descriptions), "two pages share a description"


def test_the_search_description_comes_first_then_the_summary(client):
    assert description_of(client, "/")[0] == (
        "Wij pakken kansenongelijkheid in het onderwijs aan met een verbetercultuur op school."
    )
    story = StoryPage.objects.get(slug="mariaschool-rotterdam-bordsessies-groep-3")
    assert description_of(client, story.url)[0] == (
        "De Mariaschool in Rotterdam werkt volgens de leerKRACHT-aanpak. In alle groepen wordt gewerkt met het bord in "
        "de klas."
    )
    campaign = CampaignPage.objects.get(slug="besturenprogramma")
    assert description_of(client, campaign.url)[0] == campaign.intro
    campaign.search_description = "Schoolbesturen beginnen samen."
    campaign.save_revision().publish()
    assert description_of(client, campaign.url)[0] == "Schoolbesturen beginnen samen."


def test_the_home_page_intro_is_rich_text_made_plain(client):
    home = Page.objects.get(url_path="/home/").specific
    home.search_description = ""
    home.save_revision().publish()
    description = description_of(client, "/")[0]
    assert description.startswith("In geen enkel ontwikkeld land is de kansenongelijkheid")


def test_a_page_without_a_text_of_its_own_gets_the_sites_in_its_language(client):
    for page in StandardPage.objects.filter(slug__in=["contact", "contact-us"]):
        page.intro = ""
        page.save_revision().publish()
    assert description_of(client, "/contact/")[0].startswith(SITE_NL)
    assert description_of(client, "/en/contact-us/")[0].startswith(SITE_EN)
    assert description_of(client, "/zoeken/")[0].startswith(SITE_NL)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Kort  en\nbondig. ", "Kort en bondig."),
        ("<p>Met <b>vet</b> &amp; een <a href='/x/'>link</a>.</p>", "Met vet & een link."),
        ("woord " * 40, ("woord " * 25).strip() + "…"),
        (
            "Eerste zin die lang genoeg is om te blijven staan, met wat woorden erbij en nog wat meer. " * 3,
            "Eerste zin die lang genoeg is om te blijven staan, met wat woorden erbij en nog wat meer.",
        ),
        ("x" * 200, "x" * 154 + "…"),
        ("", ""),
    ],
)
def test_shorten(text, expected):
    assert shorten(text) == expected
    assert len(shorten(text)) <= 155
