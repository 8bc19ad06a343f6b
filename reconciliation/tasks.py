"""Listing what each payout holds from Stripe, outside the webhook, and the sweep that catches what never got queued.

A payout of a busy day holds thousands of transactions, tens of pages at Stripe: listing them while the webhook waits
could outlast Stripe's delivery timeout, and every retry would do the same. The webhook stores the payout and queues
this task; the task is safe to run twice.
"""

import datetime
import logging

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from core.queueing import queue_on_commit
from donations import stripe_gateway

from . import payouts
from .models import LISTABLE_PAYOUTS, Payout

logger = logging.getLogger(__name__)

LISTING_RETRIES = 10
# A payout Stripe can list but that is still unlisted this long after it was stored is queued again by the sweep.
LISTING_SWEEP_AFTER = datetime.timedelta(minutes=10)


@shared_task(bind=True, max_retries=LISTING_RETRIES, time_limit=900, soft_time_limit=840)
def list_payout_transactions(self, payout_pk):
    """Store every balance transaction the payout holds; retried with backoff while Stripe does not answer."""
    try:
        payout = payouts.list_transactions(payout_pk)
    except stripe_gateway.StripeError as error:
        # Run in-process (eager), a retry would come at once: the sweep tries again later instead.
        if self.request.retries >= self.max_retries or self.request.is_eager:
            logger.warning("Stripe did not list the transactions of payout %s: %s", payout_pk, error)
            raise
        countdown = min(settings.TASK_RETRY_BACKOFF_SECONDS * 2**self.request.retries, 3600)
        raise self.retry(exc=error, countdown=countdown) from error
    return "listed" if payout is not None else "not listable"


def queue_listing(payout):
    """Queue the listing of what `payout` holds once the current transaction commits, if Stripe can list it and it
    was not listed before (what a payout holds no longer changes once Stripe can list it)."""
    if payout.awaiting_listing:
        queue_on_commit(list_payout_transactions, payout.pk)


def unlisted_payouts(now=None):
    """Payouts Stripe can list whose transactions are still not stored, a while after they were."""
    before = (now or timezone.now()) - LISTING_SWEEP_AFTER
    return Payout.objects.filter(LISTABLE_PAYOUTS, transactions_listed_at__isnull=True, received_at__lte=before)


@shared_task
def sweep_unlisted_payouts():
    """Queue the listing of every payout whose task never reached the broker or gave up on Stripe."""
    pks = list(unlisted_payouts().values_list("pk", flat=True))
    for pk in pks:
        try:
            list_payout_transactions.delay(pk)
        except Exception:  # noqa: BLE001 - broker down: the next sweep tries again
            logger.exception("Could not queue the listing of payout %s", pk)
            return len(pks)
    return len(pks)
