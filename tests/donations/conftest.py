"""Donation tests run the real path: site over HTTP → official stripe client → stand-in → signed webhooks back."""

import re
import time

import pytest
import requests

from donations import stripe_gateway
from stripe_standin.server import StandinServer


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


@pytest.fixture
def live_demo_site(django_db_serialized_rollback, transactional_db, live_server):
    import io

    from django.core.management import call_command

    call_command("load_demo_content", stdout=io.StringIO())
    return live_server


class Donor:
    """A browser-less donor: GETs the form for its CSRF cookie and token, POSTs it like a browser does."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.http = requests.Session()

    def form_token(self, path):
        html = self.http.get(self.base_url + path).text
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def give(self, campaign, *, amount="5000", other_amount="", frequency="once", email="anna@example.org", **extra):
        token = self.form_token(campaign.url)
        data = {
            "csrfmiddlewaretoken": token,
            "campaign": campaign.pk,
            "amount_choice": amount,
            "other_amount": other_amount,
            "frequency": frequency,
            "email": email,
            "name": "Anna de Vries",
            **extra,
        }
        return self.http.post(
            self.base_url + "/doneren/", data=data, allow_redirects=False, headers={"Referer": self.base_url + "/"}
        )


@pytest.fixture
def donor(live_demo_site):
    return Donor(live_demo_site.url)


def session_id_from(checkout_url):
    return checkout_url.rstrip("/").rsplit("/", 1)[-1]


def wait_until(predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()
