"""Running the stand-in: in a background thread for tests, or in the foreground from the CLI."""

from __future__ import annotations

import copy
import threading
from typing import Any

from werkzeug.serving import WSGIRequestHandler, make_server

from stripe_standin.app import create_app
from stripe_standin.core import Standin, StandinSettings
from stripe_standin.webhooks import DEFAULT_WEBHOOK_SECRET, DeliverySettings


class _QuietRequestHandler(WSGIRequestHandler):
    """Leaves out the access log line per request (tests make hundreds)."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        return None


class StandinServer:
    """The stand-in on its own threaded HTTP server.

    >>> server = StandinServer(webhook_url="http://127.0.0.1:8000/stripe/webhook/",
    ...                        webhook_secret="whsec_test", port=0)
    >>> server.start()
    >>> server.base_url   # e.g. "http://127.0.0.1:53127": give it to StripeClient(base_addresses=...)
    >>> server.stop()
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        webhook_url: str | None = None,
        webhook_secret: str = DEFAULT_WEBHOOK_SECRET,
        public_url: str | None = None,
        business_name: str = "Stichting leerKRACHT",
        async_settle_delay: float | None = None,
        max_attempts: int = 5,
        initial_backoff: float = 0.5,
        delivery_timeout: float = 10.0,
        quiet: bool = True,
    ) -> None:
        delivery = DeliverySettings(
            webhook_url=webhook_url,
            webhook_secret=webhook_secret,
            max_attempts=max_attempts,
            initial_backoff=initial_backoff,
            timeout=delivery_timeout,
        )
        self.standin = Standin(
            StandinSettings(business_name=business_name, async_settle_delay=async_settle_delay), delivery
        )
        self.app = create_app(self.standin)
        handler = _QuietRequestHandler if quiet else WSGIRequestHandler
        self._http = make_server(host, port, self.app, threaded=True, request_handler=handler)
        self.host = host
        self.port: int = self._http.server_port
        shown_host = "127.0.0.1" if host in ("0.0.0.0", "") else host  # noqa: S104 - only compared
        self.base_url = (public_url or f"http://{shown_host}:{self.port}").rstrip("/")
        self.standin.settings.base_url = self.base_url
        self._thread: threading.Thread | None = None

    # -- running -------------------------------------------------------------------------

    def start(self) -> StandinServer:
        """Serve in a background thread; returns self."""
        self.standin.dispatcher.start()
        self._thread = threading.Thread(
            target=self._http.serve_forever,
            kwargs={"poll_interval": 0.05},  # stop() waits for one poll; keep it short for tests
            name="stripe-standin-http",
            daemon=True,
        )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in this thread until interrupted (used by ``python -m stripe_standin``)."""
        self.standin.dispatcher.start()
        try:
            self._http.serve_forever()
        finally:
            self._shutdown_rest()

    def stop(self) -> None:
        self._http.shutdown()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None
        self._shutdown_rest()

    def _shutdown_rest(self) -> None:
        self._http.server_close()
        self.standin.cancel_timers()
        self.standin.dispatcher.stop()

    def __enter__(self) -> StandinServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- for tests ---------------------------------------------------------------------------

    @property
    def webhook_secret(self) -> str:
        return self.standin.dispatcher.settings.webhook_secret

    def wait_for_deliveries(self, timeout: float = 10.0) -> bool:
        """Wait until no event is queued or being delivered; False if ``timeout`` passed first."""
        return self.standin.dispatcher.wait_until_idle(timeout)

    def configure(self, **changes: Any) -> dict[str, Any]:
        """Change delivery settings, e.g. ``configure(pause_delivery=True, reverse_order=True)``."""
        return self.standin.dispatcher.configure(**changes)

    def flush(self) -> int:
        """Deliver events held while delivery was paused; returns how many."""
        return self.standin.dispatcher.flush()

    def events(self, event_type: str | None = None) -> list[dict[str, Any]]:
        """Events so far, oldest first."""
        events = self.standin.store.events()
        return [event for event in events if event_type in (None, event["type"])]

    def deliveries(self) -> list[dict[str, Any]]:
        return self.standin.dispatcher.deliveries()

    def get_object(self, object_id: str) -> dict[str, Any] | None:
        """A copy of any stored object (session, subscription, invoice, ...) by id."""
        with self.standin.lock:
            obj = self.standin.store.objects.get(object_id)
            return copy.deepcopy(obj) if obj is not None else None

    def reset(self) -> None:
        """Forget all objects and events; delivery settings stay."""
        self.standin.reset()
