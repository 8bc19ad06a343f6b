"""In-memory storage of every object the stand-in has made.

One re-entrant lock guards everything: API requests, page posts, control
calls and timers all run in their own threads.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from stripe_standin.errors import resource_missing


@dataclass
class IdempotencyRecord:
    """The first request made with an idempotency key, and its response once done."""

    method: str
    path: str
    params: list[tuple[str, str]]
    status: int | None = None
    body: bytes | None = None


@dataclass
class Store:
    lock: threading.RLock = field(default_factory=threading.RLock)
    # Stripe objects by id, exactly as they are sent to clients.
    objects: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Stand-in bookkeeping per object id that Stripe does not expose.
    private: dict[str, dict[str, Any]] = field(default_factory=dict)
    event_ids: list[str] = field(default_factory=list)
    idempotency: dict[tuple[str, str], IdempotencyRecord] = field(default_factory=dict)

    def add(self, obj: dict[str, Any], **private: Any) -> dict[str, Any]:
        with self.lock:
            self.objects[obj["id"]] = obj
            if private:
                self.private.setdefault(obj["id"], {}).update(private)
            if obj["object"] == "event":
                self.event_ids.append(obj["id"])
        return obj

    def get(self, object_id: str, object_type: str) -> dict[str, Any] | None:
        with self.lock:
            obj = self.objects.get(object_id)
        if obj is None or obj["object"] != object_type:
            return None
        return obj

    def require(self, object_id: str, object_type: str, noun: str, param: str = "id") -> dict[str, Any]:
        """Return the object or raise Stripe's ``resource_missing`` error."""
        obj = self.get(object_id, object_type)
        if obj is None:
            raise resource_missing(noun, object_id, param)
        return obj

    def private_of(self, object_id: str) -> dict[str, Any]:
        with self.lock:
            return self.private.setdefault(object_id, {})

    def all_of(self, object_type: str) -> list[dict[str, Any]]:
        with self.lock:
            return [obj for obj in self.objects.values() if obj["object"] == object_type]

    def events(self) -> list[dict[str, Any]]:
        with self.lock:
            return [self.objects[event_id] for event_id in self.event_ids]

    def reset(self) -> None:
        with self.lock:
            self.objects.clear()
            self.private.clear()
            self.event_ids.clear()
            self.idempotency.clear()
