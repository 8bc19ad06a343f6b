"""The stand-in's shared state: the store, the webhook dispatcher and settings.

Operations (checkout, payments, subscriptions, ...) are plain functions in
their own modules that take a :class:`Standin` and change its store while
holding its lock, emitting events as Stripe would.
"""

from __future__ import annotations

import copy
import threading
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from stripe_standin import clock, objects
from stripe_standin.ids import new_id
from stripe_standin.store import Store
from stripe_standin.webhooks import DeliverySettings, WebhookDispatcher


@dataclass(frozen=True)
class ApiRequest:
    """The API request being served, named in the events it causes."""

    request_id: str
    idempotency_key: str | None


current_api_request: ContextVar[ApiRequest | None] = ContextVar("current_api_request", default=None)


@dataclass
class StandinSettings:
    base_url: str = "http://127.0.0.1:12111"
    business_name: str = "Stichting leerKRACHT"
    # Seconds after which a SEPA payment settles by itself; None waits for the control API.
    async_settle_delay: float | None = None


class Standin:
    def __init__(self, settings: StandinSettings, delivery: DeliverySettings) -> None:
        self.settings = settings
        self.store = Store()
        self.dispatcher = WebhookDispatcher(delivery)
        self._timers: list[threading.Timer] = []

    @property
    def lock(self) -> threading.RLock:
        return self.store.lock

    def emit(
        self,
        event_type: str,
        data_object: dict[str, Any],
        previous_attributes: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Record an event about ``data_object`` as it is now and queue its delivery."""
        request = current_api_request.get()
        with self.lock:
            event = objects.event(
                event_id=new_id("evt"),
                created=clock.now(),
                event_type=event_type,
                data_object=copy.deepcopy(data_object),
                previous_attributes=copy.deepcopy(previous_attributes),
                request_id=request.request_id if request else None,
                idempotency_key=request.idempotency_key if request else None,
                pending_webhooks=1 if self.dispatcher.will_deliver(event_type) else 0,
            )
            self.store.add(event)
            self.dispatcher.publish(event)
        return event

    def later(self, delay: float, action: Any, *args: Any) -> None:
        """Run ``action(*args)`` after ``delay`` seconds on a timer thread."""
        timer = threading.Timer(delay, action, args)
        timer.daemon = True
        with self.lock:
            self._timers = [t for t in self._timers if t.is_alive()]
            self._timers.append(timer)
        timer.start()

    def cancel_timers(self) -> None:
        with self.lock:
            timers, self._timers = self._timers, []
        for timer in timers:
            timer.cancel()

    def reset(self) -> None:
        self.cancel_timers()
        with self.lock:
            self.store.reset()
            self.dispatcher.reset()


def changed_attributes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Top-level fields of ``before`` that differ in ``after``: an event's previous_attributes."""
    return {key: copy.deepcopy(value) for key, value in before.items() if after.get(key) != value}
