"""Deleting an erased donor's customer at Stripe, now or, when Stripe does not answer, from a task that keeps trying.

The customer id travels in the task's argument only: the erased donor row no longer holds it.
"""

import logging

from celery import shared_task
from django.conf import settings

from . import stripe_gateway

logger = logging.getLogger(__name__)

# Doubling pauses up to an hour: about a day of trying before a person has to delete the customer by hand.
MAX_RETRIES = 30
MAX_BACKOFF_SECONDS = 3600


def delete_customer_at_stripe(customer_id):
    """Delete the customer; one Stripe no longer knows (deleted before, by a retry or by hand) counts as done."""
    try:
        stripe_gateway.delete_customer(customer_id)
    except stripe_gateway.StripeError as error:
        if error.code == "resource_missing":
            return "already deleted"
        raise
    return "deleted"


def delete_customer_soon(customer_id):
    """Delete the customer now if Stripe answers; otherwise queue the task, which retries with backoff."""
    try:
        return delete_customer_at_stripe(customer_id)
    except stripe_gateway.StripeError as error:
        logger.warning("Stripe did not delete customer %s now (%s); the deletion is queued", customer_id, error)
    try:
        delete_stripe_customer.delay(customer_id)
    except Exception:  # noqa: BLE001 - the broker is down too: the log is all that is left to act on
        logger.exception("Could not queue the deletion of Stripe customer %s; delete it at Stripe by hand", customer_id)
        return "failed"
    return "queued"


@shared_task(bind=True, max_retries=MAX_RETRIES)
def delete_stripe_customer(self, customer_id):
    try:
        return delete_customer_at_stripe(customer_id)
    except stripe_gateway.StripeError as error:
        # Run in-process (eager), a retry comes at once, without the pause: it would only hold up the caller.
        if self.request.retries >= self.max_retries or self.request.is_eager:
            logger.error("Stripe customer %s is still not deleted; delete it at Stripe by hand", customer_id)
            raise
        # Read at run time, so the pause follows the settings of the worker that runs the task.
        countdown = min(settings.TASK_RETRY_BACKOFF_SECONDS * 2**self.request.retries, MAX_BACKOFF_SECONDS)
        raise self.retry(exc=error, countdown=countdown) from error
