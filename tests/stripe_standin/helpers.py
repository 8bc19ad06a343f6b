"""Helpers for the Stripe stand-in's tests: a webhook receiver, the control API, session params."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import stripe

from stripe_standin.server import StandinServer

WEBHOOK_SECRET = "whsec_standin_tests"
TEST_KEY = "sk_test_standin_tests"


class WebhookReceiver:
    """Plays the site's webhook endpoint and keeps what it was sent."""

    def __init__(self, secret: str) -> None:
        self.secret = secret
        self.events: list[dict[str, Any]] = []  # verified events it answered 2xx to, in arrival order
        self.attempts: list[tuple[str | None, int]] = []  # (event id, status answered)
        self.bad_signatures = 0
        self.answers: deque[int] = deque()  # status codes to answer next, then 200
        self._condition = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                receiver.receive(self, body)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - signature of the base class
                return None

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}/stripe/webhook/"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def receive(self, handler: BaseHTTPRequestHandler, body: bytes) -> None:
        try:
            event = stripe.Webhook.construct_event(body, handler.headers.get("Stripe-Signature"), self.secret)
        except (stripe.SignatureVerificationError, ValueError):
            with self._condition:
                self.bad_signatures += 1
            handler.send_response(400)
            handler.end_headers()
            return
        with self._condition:
            status = self.answers.popleft() if self.answers else 200
            self.attempts.append((event.id, status))
            if 200 <= status < 300:
                self.events.append(json.loads(body))
            self._condition.notify_all()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.end_headers()
        handler.wfile.write(b'{"received": true}')

    def of_type(self, event_type: str) -> list[dict[str, Any]]:
        with self._condition:
            return [event for event in self.events if event["type"] == event_type]

    def types(self) -> list[str]:
        with self._condition:
            return [event["type"] for event in self.events]

    def wait_for(self, event_type: str, count: int = 1, timeout: float = 10.0) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        with self._condition:
            while len([e for e in self.events if e["type"] == event_type]) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = [e["type"] for e in self.events]
                    raise AssertionError(f"expected {count} × {event_type}, received {seen}")
                self._condition.wait(remaining)
            return [e for e in self.events if e["type"] == event_type]


def control(server: StandinServer, path: str, payload: dict[str, Any] | None = None) -> dict[str, Any]:
    """POST to the stand-in's control API and return its JSON answer."""
    request = urllib.request.Request(
        f"{server.base_url}/_standin/{path.lstrip('/')}",
        data=json.dumps(payload or {}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as error:
        raise AssertionError(f"{path} answered {error.code}: {error.read().decode()}") from None


def payment_session_params(**overrides: Any) -> dict[str, Any]:
    params: dict[str, Any] = {
        "mode": "payment",
        "line_items": [
            {
                "price_data": {
                    "currency": "eur",
                    "unit_amount": 2500,
                    "product_data": {"name": "Donatie aan Stichting leerKRACHT"},
                },
                "quantity": 1,
            }
        ],
        "payment_method_types": ["ideal", "card", "bancontact", "sepa_debit"],
        "customer_email": "donor@example.com",
        "locale": "nl",
        "metadata": {"donation_id": "42"},
        "payment_intent_data": {"metadata": {"donation_id": "42"}},
        "client_reference_id": "donation-42",
        "success_url": "https://giving.example/bedankt/?session_id={CHECKOUT_SESSION_ID}",
        "cancel_url": "https://giving.example/doneren/",
    }
    params.update(overrides)
    return params


def subscription_session_params(interval: str = "month", **overrides: Any) -> dict[str, Any]:
    params = payment_session_params(
        mode="subscription",
        line_items=[
            {
                "price_data": {
                    "currency": "eur",
                    "unit_amount": 1000,
                    "product_data": {"name": "Maandelijkse donatie"},
                    "recurring": {"interval": interval},
                },
                "quantity": 1,
            }
        ],
        payment_method_types=["card", "sepa_debit"],
        subscription_data={"metadata": {"donation_id": "77"}},
        metadata={"donation_id": "77"},
    )
    del params["payment_intent_data"]
    params.update(overrides)
    return params
