import io
import os
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

# Playwright's sync API keeps an event loop on the test thread, which trips Django's async-safety check on ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT_HEIGHT = 800


SITE_ORIGIN = "http://testserver"


def browser_like_client(**defaults):
    """A test client that posts forms the way a browser does: saying where from (`Origin`), CSRF checks on."""
    from django.test import Client

    return Client(enforce_csrf_checks=True, headers={"Origin": SITE_ORIGIN}, **defaults)


@pytest.fixture
def client():
    """pytest-django's client, with the `Origin` header every browser sends with a form post."""
    from django.test import Client

    return Client(headers={"Origin": SITE_ORIGIN})


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: page ids repeat between tests, cached totals must not."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def one_rate_limit_window():
    """Stop the clock, so a burst of requests falls in one rate-limit window instead of straddling two."""
    import time_machine

    with time_machine.travel(time.time(), tick=False):
        yield


@pytest.fixture(scope="module")
def module_demo_content(django_db_setup, django_db_blocker):
    """The demo site, both languages, built by the command once per module; each test runs in a savepoint inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_content", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo_site(db):
    """The whole demo tree, as `manage.py load_demo_content` builds it."""
    call_command("load_demo_content", stdout=io.StringIO())


@pytest.fixture
def home_page(demo_site):
    from pages.models import HomePage

    return HomePage.objects.get(locale__language_code="nl")


# Browser fixtures: one Playwright and one chromium per test session, shared by every folder's browser tests.


@pytest.fixture(scope="session")
def playwright_instance(django_db_setup):
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Once Playwright's loop is set on this thread, Django hands out new connection objects (asgiref keys them by
    # context instead of by thread): carry over the snapshot of migrated rows that serialized rollback restores.
    snapshots = {
        connection.alias: connection._test_serialized_contents
        for connection in connections.all(initialized_only=True)
        if hasattr(connection, "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        for alias, snapshot in snapshots.items():
            connections[alias]._test_serialized_contents = snapshot
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance):
    """A headless chromium shared by every browser test in the session."""
    if not Path(CHROMIUM_PATH).exists():
        message = f"chromium not found at {CHROMIUM_PATH} (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER", "").lower() in {"1", "true", "yes", "on"}:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def new_page(browser):
    """Factory: `new_page(width)` opens a page in a fresh context with that viewport width, Dutch locale.

    Contexts are closed when the test ends.
    """
    contexts = []

    def make(width, height=VIEWPORT_HEIGHT):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def live_demo_site(browser, transactional_db, django_db_serialized_rollback, live_server):
    """The demo content in a database the live server thread can see. Returns the live server's base URL.

    Transactional tests empty the tables afterwards; the serialized rollback puts back what the migrations
    created (root page, root collection, default site), which the loader builds on.
    """
    call_command("load_demo_content", stdout=io.StringIO())
    return live_server.url


@pytest.fixture(scope="session")
def screenshot_dir():
    path = Path(os.environ.get("SCREENSHOT_DIR") or Path(settings.BASE_DIR) / "artifacts" / "screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path
