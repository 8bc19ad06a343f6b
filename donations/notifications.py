"""Queue the e-mails a ledger change calls for, only once the change is committed.

Queueing never breaks the change itself (core.queueing): if the broker is down the error is logged and the periodic
outbox sweep sends the receipt later (it is paid, and neither sent nor failed).
"""

from django.utils import timezone

from core.queueing import queue_on_commit

from .models import Donation


def queue_receipt(donation):
    from .tasks import send_receipt

    Donation.objects.filter(pk=donation.pk, receipt_queued_at__isnull=True).update(receipt_queued_at=timezone.now())
    queue_on_commit(send_receipt, donation.pk)


def queue_payment_failed(recurring, invoice_id):
    from .tasks import send_payment_failed

    queue_on_commit(send_payment_failed, recurring.pk, invoice_id)


def queue_recurring_stopped(recurring):
    from .tasks import send_recurring_stopped

    queue_on_commit(send_recurring_stopped, recurring.pk)
