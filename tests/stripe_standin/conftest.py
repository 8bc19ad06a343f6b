"""Fixtures for the Stripe stand-in's tests: a server, the official client and a webhook receiver.

Nothing here needs Django: the stand-in runs in-process on a free port and
a tiny HTTP server plays the site's webhook endpoint, checking every
signature with ``stripe.Webhook.construct_event``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import stripe

from stripe_standin.server import StandinServer
from tests.stripe_standin.helpers import TEST_KEY, WEBHOOK_SECRET, WebhookReceiver


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    webhook_receiver = WebhookReceiver(WEBHOOK_SECRET)
    webhook_receiver.start()
    yield webhook_receiver
    webhook_receiver.stop()


@pytest.fixture
def server(receiver: WebhookReceiver) -> Iterator[StandinServer]:
    standin_server = StandinServer(
        webhook_url=receiver.url, webhook_secret=WEBHOOK_SECRET, port=0, initial_backoff=0.05
    )
    standin_server.start()
    yield standin_server
    standin_server.stop()


@pytest.fixture
def client(server: StandinServer) -> stripe.StripeClient:
    return stripe.StripeClient(api_key=TEST_KEY, base_addresses={"api": server.base_url})
