"""Queue the e-mails a ledger change calls for, only once the change is committed.

Queueing never breaks the change itself: if the broker is down the error is logged and the periodic outbox
sweep sends the receipt later (receipt_queued_at is set, receipt_sent_at is not).
"""

import logging

from django.db import transaction
from django.utils import timezone

from .models import Donation

logger = logging.getLogger(__name__)


def _enqueue_on_commit(task, *args):
    def enqueue():
        try:
            task.delay(*args)
        except Exception:  # noqa: BLE001 - broker down: the sweep retries later
            logger.exception("Could not queue %s%r", task.name, args)

    transaction.on_commit(enqueue)


def queue_receipt(donation):
    from .tasks import send_receipt

    Donation.objects.filter(pk=donation.pk, receipt_queued_at__isnull=True).update(receipt_queued_at=timezone.now())
    _enqueue_on_commit(send_receipt, donation.pk)


def queue_payment_failed(recurring, invoice_id):
    from .tasks import send_payment_failed

    _enqueue_on_commit(send_payment_failed, recurring.pk, invoice_id)


def queue_recurring_stopped(recurring):
    from .tasks import send_recurring_stopped

    _enqueue_on_commit(send_recurring_stopped, recurring.pk)
