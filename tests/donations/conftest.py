"""Donation tests run the real path: site over HTTP → official stripe client → stand-in → signed webhooks back."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from donations import stripe_gateway
from stripe_standin.server import StandinServer

from .helpers import Donor


@pytest.fixture
def stripe_standin(live_server, settings):
    """A stand-in Stripe whose webhooks reach the live test server, with the site's client pointed at it."""
    server = StandinServer(
        webhook_url=f"{live_server.url}/stripe/webhook/",
        webhook_secret=settings.STRIPE_WEBHOOK_SECRET,
        port=0,
        initial_backoff=0.05,
    )
    server.start()
    settings.STRIPE_API_BASE = server.base_url
    stripe_gateway.reset_client()
    yield server
    server.stop()
    stripe_gateway.reset_client()


_demo_content_snapshot = {}


def _load_demo_content():
    """The demo site, built once per run and restored from a snapshot afterwards: building it takes seconds."""
    if "json" not in _demo_content_snapshot:
        call_command("load_demo_content", stdout=io.StringIO())
        _demo_content_snapshot["json"] = connection.creation.serialize_db_to_string()
        return
    # The test starts from what the migrations created, which the demo loader partly replaces: start empty instead.
    # Sequences keep counting, past the ids in the snapshot, so new rows do not collide with restored ones.
    call_command("flush", interactive=False, inhibit_post_migrate=True, reset_sequences=False, verbosity=0)
    _remember_content_types(_demo_content_snapshot["json"])
    connection.creation.deserialize_db_from_string(_demo_content_snapshot["json"])


def _remember_content_types(snapshot):
    """Put the snapshot's content types in Django's cache before restoring it.

    Wagtail builds each page with `ContentType.objects.get_for_model`; when an earlier test's flush cleared that cache,
    the lookup would create the row ahead of the snapshot's own copy of it, which then no longer fits.
    """
    from django.contrib.contenttypes.models import ContentType

    for record in json.loads(snapshot):
        if record["model"] == "contenttypes.contenttype":
            content_type = ContentType(pk=record["pk"], **record["fields"])
            ContentType.objects._add_to_cache(connection.alias, content_type)


@pytest.fixture
def live_demo_site(django_db_serialized_rollback, transactional_db, live_server):
    _load_demo_content()
    return live_server


@pytest.fixture
def donor(live_demo_site):
    return Donor(live_demo_site.url)


@pytest.fixture(scope="module")
def module_demo_site(django_db_setup, django_db_blocker):
    """The demo site in a transaction that lasts the module; with `db` each test runs in a savepoint inside it.

    For tests that need no live server: the test client sees the rows, the live server's thread would not.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        _load_demo_content()
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def _quiet_standin():
    with StandinServer(port=0) as server:
        yield server


@pytest.fixture
def standin_without_webhooks(_quiet_standin, settings):
    """A stand-in Stripe that sends no webhooks, emptied for each test, with the site's client pointed at it."""
    _quiet_standin.reset()
    settings.STRIPE_API_BASE = _quiet_standin.base_url
    stripe_gateway.reset_client()
    yield _quiet_standin
    stripe_gateway.reset_client()
