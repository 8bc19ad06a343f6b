"""Signing events and delivering them to the site's webhook endpoint.

Deliveries run on one background thread, one event at a time, so the site
receives events in the order they were created unless a test asks for
duplicates or a reversed batch. A delivery that fails (non-2xx answer or no
connection) is retried with a doubling pause, a bounded number of times.
"""

from __future__ import annotations

import fnmatch
import hashlib
import hmac
import json
import threading
import time
from collections import deque
from dataclasses import asdict, dataclass, field
from http.client import HTTPConnection, HTTPSConnection
from typing import Any
from urllib.parse import urlsplit

# A placeholder for local use; the site passes its own test secret.
DEFAULT_WEBHOOK_SECRET = "whsec_standin"  # noqa: S105


def signature_header(payload: str, secret: str, timestamp: int) -> str:
    """The ``Stripe-Signature`` header that ``stripe.Webhook.construct_event`` verifies."""
    signed = f"{timestamp}.{payload}".encode()
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


@dataclass
class DeliverySettings:
    webhook_url: str | None = None
    webhook_secret: str = DEFAULT_WEBHOOK_SECRET
    max_attempts: int = 5
    initial_backoff: float = 0.5  # seconds before the first retry; doubles after each
    timeout: float = 10.0
    duplicate_deliveries: bool = False  # send every event twice
    pause_delivery: bool = False  # hold events until flushed
    reverse_order: bool = False  # flush held events newest first
    enabled_events: list[str] = field(default_factory=lambda: ["*"])

    def wants(self, event_type: str) -> bool:
        return any(fnmatch.fnmatchcase(event_type, pattern) for pattern in self.enabled_events)


@dataclass
class DeliveryAttempt:
    attempt: int
    at: float
    status: int | None
    error: str | None
    response_body: str | None


@dataclass
class EventDelivery:
    event_id: str
    event_type: str
    # "pending", "held", "delivered", "failed", "not_subscribed" or "no_endpoint"
    state: str
    attempts: list[DeliveryAttempt] = field(default_factory=list)


def _post_json(url: str, body: bytes, headers: dict[str, str], timeout: float) -> tuple[int, str]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"Webhook URL must be http(s): {url}")
    connection_class = HTTPSConnection if parts.scheme == "https" else HTTPConnection
    connection = connection_class(parts.hostname, parts.port, timeout=timeout)
    target = parts.path or "/"
    if parts.query:
        target += f"?{parts.query}"
    try:
        connection.request("POST", target, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read(2000).decode("utf-8", errors="replace")
        return response.status, text
    finally:
        connection.close()


class WebhookDispatcher:
    """Queues events and posts them, signed, to the configured endpoint."""

    def __init__(self, settings: DeliverySettings) -> None:
        self.settings = settings
        self._condition = threading.Condition()
        self._queue: deque[str] = deque()
        self._held: list[str] = []
        self._events: dict[str, dict[str, Any]] = {}
        self._deliveries: dict[str, EventDelivery] = {}
        self._busy = False
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="stripe-standin-webhooks", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stopping.set()
        with self._condition:
            self._condition.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    # -- configuration -----------------------------------------------------------

    def configure(self, **changes: Any) -> dict[str, Any]:
        """Change delivery settings; un-pausing releases the held events."""
        with self._condition:
            was_paused = self.settings.pause_delivery
            for name, value in changes.items():
                if not hasattr(self.settings, name):
                    raise ValueError(f"Unknown delivery setting: {name}")
                setattr(self.settings, name, value)
            if was_paused and not self.settings.pause_delivery:
                self._release_held()
            self._condition.notify_all()
            return self.describe_settings()

    def describe_settings(self) -> dict[str, Any]:
        with self._condition:
            described = asdict(self.settings)
        described.pop("webhook_secret")
        return described

    # -- publishing --------------------------------------------------------------

    def will_deliver(self, event_type: str) -> bool:
        with self._condition:
            return bool(self.settings.webhook_url) and self.settings.wants(event_type)

    def publish(self, event: dict[str, Any]) -> None:
        """Record an event and queue (or hold) its delivery."""
        with self._condition:
            self._events[event["id"]] = event
            if not self.settings.webhook_url:
                state = "no_endpoint"
            elif not self.settings.wants(event["type"]):
                state = "not_subscribed"
            elif self.settings.pause_delivery:
                state = "held"
                self._held.append(event["id"])
            else:
                state = "pending"
                self._enqueue(event["id"])
            self._deliveries[event["id"]] = EventDelivery(event["id"], event["type"], state)
            self._condition.notify_all()

    def redeliver(self, event_id: str) -> bool:
        """Send an event again now, whatever happened to it before."""
        with self._condition:
            if event_id not in self._events:
                return False
            self._deliveries[event_id].state = "pending"
            self._queue.append(event_id)
            self._condition.notify_all()
            return True

    def flush(self) -> int:
        """Queue the held events (newest first if ``reverse_order``); returns how many."""
        with self._condition:
            count = self._release_held()
            self._condition.notify_all()
            return count

    def _release_held(self) -> int:
        held = list(reversed(self._held)) if self.settings.reverse_order else list(self._held)
        self._held.clear()
        for event_id in held:
            self._deliveries[event_id].state = "pending"
            self._enqueue(event_id)
        return len(held)

    def _enqueue(self, event_id: str) -> None:
        copies = 2 if self.settings.duplicate_deliveries else 1
        self._queue.extend([event_id] * copies)

    # -- inspection --------------------------------------------------------------

    def is_idle(self) -> bool:
        with self._condition:
            return not self._queue and not self._busy

    def wait_until_idle(self, timeout: float = 10.0) -> bool:
        """Block until nothing is queued or being sent; held events do not count."""
        with self._condition:
            return self._condition.wait_for(lambda: not self._queue and not self._busy, timeout)

    def counts(self) -> dict[str, int]:
        with self._condition:
            return {"queued": len(self._queue), "held": len(self._held), "sending": int(self._busy)}

    def deliveries(self) -> list[dict[str, Any]]:
        with self._condition:
            return [asdict(delivery) for delivery in self._deliveries.values()]

    def delivery_of(self, event_id: str) -> dict[str, Any] | None:
        with self._condition:
            delivery = self._deliveries.get(event_id)
            return asdict(delivery) if delivery else None

    def reset(self) -> None:
        """Forget all events; a delivery already under way still finishes."""
        with self._condition:
            self._queue.clear()
            self._held.clear()
            self._events.clear()
            self._deliveries.clear()
            self._condition.notify_all()

    # -- the worker --------------------------------------------------------------

    def _run(self) -> None:
        while not self._stopping.is_set():
            with self._condition:
                self._condition.wait_for(lambda: self._queue or self._stopping.is_set())
                if self._stopping.is_set():
                    return
                event_id = self._queue.popleft()
                event = self._events.get(event_id)
                delivery = self._deliveries.get(event_id)
                settings = DeliverySettings(**asdict(self.settings))
                self._busy = True
            try:
                if event is not None and delivery is not None:
                    self._deliver(event, delivery, settings)
            finally:
                with self._condition:
                    self._busy = False
                    self._condition.notify_all()

    def _deliver(self, event: dict[str, Any], delivery: EventDelivery, settings: DeliverySettings) -> None:
        if not settings.webhook_url:
            delivery.state = "no_endpoint"
            return
        payload = json.dumps(event, indent=2)
        backoff = settings.initial_backoff
        for attempt_number in range(1, settings.max_attempts + 1):
            timestamp = int(time.time())  # each attempt is signed afresh, as Stripe does
            headers = {
                "Content-Type": "application/json; charset=utf-8",
                "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
                "Stripe-Signature": signature_header(payload, settings.webhook_secret, timestamp),
            }
            status: int | None = None
            error: str | None = None
            response_body: str | None = None
            try:
                status, response_body = _post_json(settings.webhook_url, payload.encode(), headers, settings.timeout)
            except (OSError, ValueError) as exc:
                error = f"{type(exc).__name__}: {exc}"
            with self._condition:
                delivery.attempts.append(DeliveryAttempt(attempt_number, time.time(), status, error, response_body))
            if status is not None and 200 <= status < 300:
                delivery.state = "delivered"
                return
            if attempt_number < settings.max_attempts:
                if self._stopping.wait(backoff):
                    break
                backoff *= 2
        delivery.state = "failed"
