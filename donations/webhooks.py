"""Stripe's webhook endpoint: verify on the raw body, store the event once, dispatch to its handler."""

import json
import logging

import stripe
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpResponseBadRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import stripe_gateway
from .handlers import HANDLERS
from .models import StripeEvent

logger = logging.getLogger(__name__)


@csrf_exempt  # Stripe cannot send a CSRF token; the signature proves the sender instead.
@require_POST
def stripe_webhook(request):
    payload = request.body
    signature = request.headers.get("Stripe-Signature")
    if not signature:
        return HttpResponseBadRequest("missing Stripe-Signature header")
    try:
        stripe_gateway.construct_event(payload, signature)
        event = json.loads(payload)
        event_id, event_type = event["id"], event["type"]
        data_object = event["data"]["object"]
    except stripe.SignatureVerificationError:
        return HttpResponseBadRequest("invalid signature or timestamp")
    except (ValueError, KeyError, TypeError):
        return HttpResponseBadRequest("malformed event")
    if not isinstance(data_object, dict):
        return HttpResponseBadRequest("malformed event")

    stored = _store(event_id, event_type, event)
    try:
        outcome = _process(stored.pk)
    except Exception as error:  # noqa: BLE001 - any failure: record it and let Stripe retry
        logger.exception("Stripe event %s (%s) failed", event_id, event_type)
        StripeEvent.objects.filter(pk=stored.pk).update(outcome=StripeEvent.Outcome.FAILED, error=repr(error)[:2000])
        return JsonResponse({"status": "error"}, status=500)
    return JsonResponse({"status": outcome})


def _store(event_id, event_type, event):
    """Store the delivery once per event id; a second delivery only bumps its counter."""
    try:
        with transaction.atomic():
            return StripeEvent.objects.create(
                stripe_id=event_id, type=event_type, livemode=bool(event.get("livemode")), payload=event
            )
    except IntegrityError:
        StripeEvent.objects.filter(stripe_id=event_id).update(delivery_count=F("delivery_count") + 1)
        return StripeEvent.objects.get(stripe_id=event_id)


def _process(event_pk):
    """Handle the event exactly once: the row lock makes a concurrent delivery wait, then see it done."""
    with transaction.atomic():
        event = StripeEvent.objects.select_for_update().get(pk=event_pk)
        if event.processed_at is not None:
            return "duplicate"
        handler = HANDLERS.get(event.type)
        if handler is None:
            event.outcome = StripeEvent.Outcome.IGNORED
        else:
            handler(event.payload["data"]["object"])
            event.outcome = StripeEvent.Outcome.PROCESSED
        event.processed_at = timezone.now()
        event.error = ""
        event.save(update_fields=["outcome", "processed_at", "error"])
        return event.outcome
