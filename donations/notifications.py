"""Queue the e-mails a ledger change calls for, only once the change is committed.

Queueing never breaks the change itself (core.queueing): if the broker is down the error is logged and the periodic
outbox sweep sends the receipt later (it is paid, and neither sent nor failed).
"""

from django.db import transaction
from django.utils import timezone

from core.queueing import queue_on_commit

from .models import Donation, DonationStatus


def queue_receipt(donation):
    from .tasks import send_receipt

    Donation.objects.filter(pk=donation.pk, receipt_queued_at__isnull=True).update(receipt_queued_at=timezone.now())
    queue_on_commit(send_receipt, donation.pk)


def resend_receipt(donation):
    """Send a paid gift's receipt again, on staff's request: the same number, a new Message-ID (mail programs would
    hide a second copy of a message they hold). False, and nothing queued, when the gift is not paid."""
    from .tasks import send_receipt

    with transaction.atomic():
        resent = Donation.objects.filter(pk=donation.pk, status=DonationStatus.PAID).update(
            receipt_sent_at=None, receipt_failed_at=None, receipt_message_id=""
        )
        if resent:
            queue_on_commit(send_receipt, donation.pk)
    return bool(resent)


def queue_payment_failed(recurring, invoice_id):
    from .tasks import send_payment_failed

    queue_on_commit(send_payment_failed, recurring.pk, invoice_id)


def queue_recurring_stopped(recurring):
    from .tasks import send_recurring_stopped

    queue_on_commit(send_recurring_stopped, recurring.pk)


def queue_refund_notice(donation):
    """Tell the donor about money that went back. The task mails only what the last notice did not cover."""
    from .tasks import send_refund_notice

    queue_on_commit(send_refund_notice, donation.pk)


def queue_new_manage_link(donor):
    from .tasks import send_new_manage_link

    queue_on_commit(send_new_manage_link, donor.pk)
