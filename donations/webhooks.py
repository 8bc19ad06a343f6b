"""Stripe's webhook endpoint: verify on the raw body, store the event once, dispatch to its handler."""

import json
import logging

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
        stripe_gateway.verify_webhook_signature(payload, signature)
    except stripe_gateway.SignatureVerificationError:
        return HttpResponseBadRequest("invalid signature or timestamp")
    except ValueError:  # a body that is not UTF-8
        return HttpResponseBadRequest("malformed event")
    event = _parse_event(payload)
    if event is None:
        return HttpResponseBadRequest("malformed event")

    try:
        outcome = _handle_once(event)
    except Exception as error:  # noqa: BLE001 - any failure: record it and let Stripe retry
        logger.exception("Stripe event %s (%s) failed", event["id"], event["type"])
        _record_failure(event, error)
        return JsonResponse({"status": "error"}, status=500)
    return JsonResponse({"status": outcome})


def _parse_event(payload):
    """The event as a dict with an id, a type and a data object; None for anything else."""
    try:
        event = json.loads(payload)
    except ValueError:
        return None
    if not isinstance(event, dict) or not isinstance(event.get("data"), dict):
        return None
    if not isinstance(event.get("id"), str) or not isinstance(event.get("type"), str):
        return None
    if not isinstance(event["data"].get("object"), dict):
        return None
    return event


def _handle_once(event):
    """Store the event and run its handler in one transaction (one commit per event).

    The stored event's row stays locked until the commit, so a concurrent delivery of the same event waits, then
    finds it handled.
    """
    with transaction.atomic():
        stored = _locked_event(event)
        if stored.processed_at is not None:
            return "duplicate"
        handler = HANDLERS.get(stored.type)
        if handler is None:
            stored.outcome = StripeEvent.Outcome.IGNORED
        else:
            handler(event["data"]["object"])
            stored.outcome = StripeEvent.Outcome.PROCESSED
        stored.processed_at = timezone.now()
        stored.error = ""
        stored.save(update_fields=["outcome", "processed_at", "error"])
        return stored.outcome


def _locked_event(event):
    """The event's row, created on its first delivery and counted on every later one; locked either way."""
    try:
        with transaction.atomic():
            return StripeEvent.objects.create(stripe_id=event["id"], **_event_fields(event))
    except IntegrityError:
        StripeEvent.objects.filter(stripe_id=event["id"]).update(delivery_count=F("delivery_count") + 1)
        return StripeEvent.objects.select_for_update().get(stripe_id=event["id"])


def _record_failure(event, error):
    """Keep a delivery whose handling failed (and was rolled back), so it shows as failed until a retry succeeds."""
    stored, created = StripeEvent.objects.get_or_create(stripe_id=event["id"], defaults=_event_fields(event))
    StripeEvent.objects.filter(pk=stored.pk).update(
        outcome=StripeEvent.Outcome.FAILED,
        error=repr(error)[:2000],
        delivery_count=F("delivery_count") + (0 if created else 1),
    )


def _event_fields(event):
    return {"type": event["type"], "livemode": bool(event.get("livemode")), "payload": event}
