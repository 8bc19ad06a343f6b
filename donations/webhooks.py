"""Stripe's webhook endpoint: verify on the raw body, then store and apply the event once (`events.py`)."""

import json
import logging

from django.http import HttpResponseBadRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import events, stripe_gateway

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
        outcome = events.receive(event)
    except Exception as error:  # noqa: BLE001 - any failure: record it and let Stripe retry
        logger.exception("Stripe event %s (%s) failed", event["id"], event["type"])
        events.record_failure(event, error)
        return JsonResponse({"status": "error"}, status=500)
    if outcome == events.MALFORMED:
        # Stored as failed with its reason; a retry by Stripe meets the same answer.
        return JsonResponse({"status": "malformed"}, status=400)
    return JsonResponse({"status": outcome})


def _parse_event(payload):
    """The event as a dict with an id, a type and a data object; None for anything else."""
    try:
        event = json.loads(payload)
    except (ValueError, RecursionError):  # RecursionError: JSON nested deeper than any Stripe event
        return None
    if not isinstance(event, dict) or not isinstance(event.get("data"), dict):
        return None
    if (
        not isinstance(event.get("id"), str)
        or not isinstance(event.get("type"), str)
        or not 0 < len(event["id"]) <= 255
    ):
        return None
    return event
