"""Queueing a Celery task for a change, once the change is committed.

Queueing never breaks the change itself: when the broker is down the error is logged and the change stays; each app's
periodic sweep queues again what never reached the broker.
"""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def queue_on_commit(task, *args, on_queued=None):
    """Queue `task` with `args` once the current transaction commits (at once outside a transaction).

    `on_queued()`, if given, runs after the broker took the task, to record that it did; not when queueing failed.
    """

    def enqueue():
        try:
            task.delay(*args)
        except Exception:  # noqa: BLE001 - broker down: the sweep queues it again later
            logger.exception("Could not queue %s%r", task.name, args)
            return
        if on_queued is not None:
            on_queued()

    transaction.on_commit(enqueue)
