"""What an anonymous visitor gets from the demo tree."""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from campaigns.models import CampaignPage
from pages.models import HomePage, StandardPage, StoryIndexPage, StoryPage

PUBLIC_URLS = {
    "home": "/",
    "standard": "/missie/",
    "impact": "/impact/",
    "story index": "/verhalen/",
    "story": "/verhalen/mariaschool-rotterdam-bordsessies-groep-3/",
    "campaign index": "/campagnes/",
    "campaign": "/campagnes/besturenprogramma/",
    "partner": "/partner-worden/",
    "anbi": "/anbi/",
}


@pytest.mark.parametrize("name", PUBLIC_URLS)
def test_every_page_type_renders_for_an_anonymous_visitor(client, demo_site, name):
    response = client.get(PUBLIC_URLS[name])
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert html.count("<h1") == 1
    assert 'href="#main"' in html


def test_home_page_shows_mission_tipping_point_campaigns_and_stories(client, demo_site):
    html = client.get("/").content.decode()
    assert "kansenongelijkheid" in html
    assert "1200</strong> scholen werken met leerKRACHT" in html
    assert "het kantelpunt is 2000 scholen" in html
    for campaign in ("Besturenprogramma", "leerKRACHT-Versneller", "Naar het kantelpunt"):
        assert campaign in html
    for school in ("Diamant College", "Stedelijk Gymnasium Arnhem", "Mariaschool"):
        assert school in html


def test_campaign_page_shows_goal_progress_and_suggested_amounts(client, demo_site):
    html = client.get("/campagnes/besturenprogramma/").content.decode()
    assert "opgehaald van € 150.000" in html
    assert '<progress class="progress__bar" max="100" value="0"' in html
    assert "bijv. € 50 kan" in html


def test_anbi_page_and_footer_show_the_rsin_from_the_setting(client, demo_site):
    from wagtail.models import Site

    from pages.models import AnbiSettings

    settings = AnbiSettings.for_site(Site.objects.get(is_default_site=True))
    settings.rsin = "812345678"
    settings.save()
    anbi_html = client.get("/anbi/").content.decode()
    assert "812345678" in anbi_html
    assert "Stichting leerKRACHT" in anbi_html
    assert "Beleidsplan" in anbi_html
    assert "RSIN 812345678" in client.get("/missie/").content.decode()


def test_unpublished_and_draft_pages_are_404_for_visitors(client, demo_site):
    mission = StandardPage.objects.get(slug="missie")
    mission.unpublish()
    assert client.get("/missie/").status_code == 404

    index = StoryIndexPage.objects.get(locale__language_code="nl")
    draft = StoryPage(
        title="Nog niet klaar",
        slug="concept",
        date="2025-01-01",
        school="School",
        place="Utrecht",
        sector="po",
        person_name="Naam",
        person_role="Rol",
        pull_quote="Citaat",
        summary="Samenvatting",
        body=[],
        live=False,
    )
    index.add_child(instance=draft)
    draft.save_revision()
    assert client.get("/verhalen/concept/").status_code == 404


def test_unknown_url_gets_the_friendly_404(client, demo_site):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()


def test_demo_loader_is_idempotent(demo_site):
    counts = {model: model.objects.count() for model in (Page, CampaignPage, StoryPage)}
    revisions = sum(page.revisions.count() for page in Page.objects.all())
    output = __import__("io").StringIO()
    call_command("load_demo_content", stdout=output)
    assert "0 nieuwe objecten" in output.getvalue()
    assert {model: model.objects.count() for model in counts} == counts
    assert sum(page.revisions.count() for page in Page.objects.all()) == revisions
    # One home page per language: the Dutch one and its English translation.
    assert sorted(HomePage.objects.values_list("locale__language_code", flat=True)) == ["en", "nl"]


@pytest.mark.parametrize(
    ("sector", "expected", "absent"),
    [
        ("po", ["Mariaschool"], ["Diamant College", "Stedelijk Gymnasium"]),
        ("vo", ["Diamant College", "Stedelijk Gymnasium"], ["Mariaschool"]),
        ("mbo", [], ["Mariaschool", "Diamant College"]),
    ],
)
def test_story_index_filters_by_sector(client, demo_site, sector, expected, absent):
    html = client.get(f"/verhalen/?sector={sector}").content.decode()
    cards = html.split('<div class="card-grid">', 1)[-1]
    for school in expected:
        assert school in cards
    for school in absent:
        assert school not in cards


def test_story_index_ignores_an_unknown_sector_and_lists_newest_first(client, demo_site):
    html = client.get("/verhalen/?sector=xyz").content.decode()
    assert html.index("Diamant College") < html.index("Stedelijk Gymnasium") < html.index("Mariaschool")


def test_search_finds_a_story_by_a_word_from_its_body(client, demo_site):
    response = client.get("/zoeken/", {"q": "medeontwerpers"})
    assert response.status_code == 200
    assert "Hoe ziet échte leerlingbetrokkenheid eruit?" in response.content.decode()


def test_sitemap_lists_published_pages_only(client, demo_site):
    StandardPage.objects.get(slug="contact").unpublish()
    xml = client.get("/sitemap.xml").content.decode()
    assert "/verhalen/mariaschool-rotterdam-bordsessies-groep-3/" in xml
    assert "/campagnes/besturenprogramma/" in xml
    assert "/contact/" not in xml


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_admin(client, demo_site, settings):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert f"Sitemap: {settings.SITE_BASE_URL}/sitemap.xml" in body  # the site's address, not the request's
