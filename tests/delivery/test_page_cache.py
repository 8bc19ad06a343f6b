"""Anonymous visitors get cached pages; publishing or a donation purges them; staff never see cached pages.

Campaign pages, whose form needs each visitor's own CSRF token: test_campaign_page_cache.py.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages.models import StoryPage


def test_the_second_anonymous_visit_is_served_from_the_cache(client, demo_site):
    assert client.get("/verhalen/")["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/verhalen/")
    assert response["X-Page-Cache"] == "hit"
    assert "Mariaschool" in response.content.decode()
    # Only Wagtail's routing (site, page by path, view restrictions) runs; no stories, images or settings.
    tables = " ".join(query["sql"] for query in queries)
    assert "pages_storypage" not in tables and "wagtailimages" not in tables and "pages_anbisettings" not in tables


def test_publishing_a_story_purges_the_cached_pages_that_show_it(client, demo_site):
    client.get("/verhalen/")
    client.get("/")
    story = StoryPage.objects.get(slug="mariaschool-rotterdam-bordsessies-groep-3")
    story.summary = "Een nieuwe samenvatting over het bord in groep 3."
    story.save_revision().publish()
    for url in ("/verhalen/", "/"):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss"
        assert "Een nieuwe samenvatting over het bord in groep 3." in response.content.decode()


def test_logged_in_staff_never_see_cached_pages(client, demo_site, admin_user):
    client.get("/verhalen/")
    client.force_login(admin_user)
    client.get("/verhalen/")
    assert "X-Page-Cache" not in client.get("/verhalen/")


def test_story_filters_and_pages_are_cached_but_made_up_query_strings_are_not(client, demo_site):
    client.get("/verhalen/?sector=po")
    filtered = client.get("/verhalen/?sector=po")
    assert filtered["X-Page-Cache"] == "hit"
    assert "Mariaschool" in filtered.content.decode()
    assert "Stedelijk Gymnasium" not in filtered.content.decode()

    for attempt in range(3):
        response = client.get(f"/verhalen/?utm_source=nieuwsbrief&random={attempt}")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response  # rendered afresh, nothing stored
