"""A CDN may keep anonymous pages without a form; every change purges it through Wagtail's frontend cache."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from campaigns.models import CampaignPage
from delivery import page_cache
from pages.models import StoryPage
from tests.conftest import browser_like_client

STORY_URL = "/verhalen/mariaschool-rotterdam-bordsessies-groep-3/"
CAMPAIGN_URL = "/campagnes/besturenprogramma/"


@pytest.fixture
def cdn_purges(settings):
    """A cache server that takes HTTP PURGE requests (like Varnish or Fastly); yields the paths purged."""
    purged = []

    class PurgeHandler(BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802 - the HTTP method's name
            purged.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield purged
    server.shutdown()
    server.server_close()


def test_anonymous_pages_may_be_kept_by_the_cdn_those_with_a_form_too(client, demo_site, settings):
    settings.CDN_CACHE_SECONDS = 300
    for address in (STORY_URL, CAMPAIGN_URL, "/doneren/", "/partner-worden/"):
        for visit in ("miss", "hit"):
            response = client.get(address)
            assert response["X-Page-Cache"] == visit
            cache_control = response["Cache-Control"]
            assert "public" in cache_control and "s-maxage=300" in cache_control and "max-age=0" in cache_control


def test_staff_pages_and_form_errors_are_never_kept_by_the_cdn(client, demo_site, settings, admin_user):
    settings.CDN_CACHE_SECONDS = 300
    assert "public" not in client.post("/doneren/", {"amount_choice": "nonsense"})["Cache-Control"]
    client.force_login(admin_user)
    assert "public" not in client.get(STORY_URL).get("Cache-Control", "")


def test_without_a_cdn_nothing_is_marked_public(client, demo_site, settings):
    settings.CDN_CACHE_SECONDS = 0
    client.get(STORY_URL)
    assert "public" not in client.get(STORY_URL).get("Cache-Control", "")


def test_publishing_purges_every_live_page_and_the_story_filters_from_the_cdn(
    demo_site, cdn_purges, django_capture_on_commit_callbacks
):
    story = StoryPage.objects.get(url_path__endswith="/mariaschool-rotterdam-bordsessies-groep-3/")
    story.summary = "Elke ochtend tien minuten aan het bord."
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()

    assert {"/", "/verhalen/", STORY_URL, "/verhalen/?sector=po", CAMPAIGN_URL, "/partner-worden/"} <= set(cdn_purges)
    assert {"/en/", "/en/mission/"} <= set(cdn_purges)  # the English pages show the Dutch ones' totals and stories
    assert not [path for path in cdn_purges if path.startswith("/nl/")]  # Dutch has no prefix: nothing made up


def test_a_burst_of_changes_queues_one_cdn_purge(demo_site, cdn_purges, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        for _change in range(5):
            page_cache.purge()
    assert len(callbacks) == 1


def test_a_gift_that_is_only_starting_leaves_the_cached_pages_alone(demo_site, standin_without_webhooks):
    visitor = browser_like_client()
    visitor.get("/")
    assert visitor.get("/")["X-Page-Cache"] == "hit"
    visitor.get(CAMPAIGN_URL)
    response = visitor.post(
        "/doneren/",
        {
            "campaign": CampaignPage.objects.get(slug="besturenprogramma").pk,
            "amount_choice": "5000",
            "frequency": "once",
            "email": "anna@example.org",
            "monthly_offer": "declined",
        },
    )
    assert response.status_code == 303
    assert visitor.get("/")["X-Page-Cache"] == "hit"  # a pending gift changes no total
