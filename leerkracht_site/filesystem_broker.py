"""The development broker, kombu's filesystem transport, with a worker that stops in time.

Celery's worker on a transport like this one waits for messages two seconds at a time, and once told to stop (SIGTERM,
Ctrl-C) it finishes the wait under way and one more before it closes: up to five seconds in all, after which honcho
(`make run`) kills it. Here an idle worker waits at most half a second at a time, so it stops within two. Sending is
unchanged. `filesystem://` URLs get this transport in every process that loads the Celery app
(leerkracht_site/celery.py); production's Redis broker is not touched.
"""

from kombu.transport import TRANSPORT_ALIASES, filesystem

WAIT_SECONDS = 0.5


class Transport(filesystem.Transport):
    def drain_events(self, connection, timeout=None):
        if timeout is not None:
            timeout = min(timeout, WAIT_SECONDS)
        return super().drain_events(connection, timeout=timeout)


TRANSPORT_ALIASES["filesystem"] = f"{__name__}:Transport"
