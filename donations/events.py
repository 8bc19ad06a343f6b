"""Stripe events into the ledger: each stored once, applied once, and never marked done before its effect is in.

An event arrives as a verified delivery (`receive`). Its row is created on the first delivery and locked while its
handler runs, so a concurrent delivery of the same event waits and then finds it done. The outcome is one of:
- processed: the handler applied it;
- ignored: a type we do not handle, or an object this site never made (the reason is kept);
- waiting: it is about a payment, subscription or charge that no row refers to yet (Stripe promises no order);
  it is applied as soon as an event that brings that object in is processed, and by the periodic sweep;
- failed: the handler raised; a malformed event keeps its reason, anything else is retried by Stripe.
"""

import datetime
import json
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .handlers import HANDLERS, MalformedEvent, NotInLedgerYet, NotOurs
from .models import StripeEvent

logger = logging.getLogger(__name__)

Outcome = StripeEvent.Outcome
DUPLICATE = "duplicate"
MALFORMED = "malformed"
# Shapes no Stripe event of that type has surface as these inside a handler; they fail the same way each time.
SHAPE_ERRORS = (MalformedEvent, KeyError, TypeError, AttributeError, IndexError, ValueError)
# Prefixes of the Stripe ids that a waiting event can wait for.
REFERENCE_PREFIXES = ("pi_", "ch_", "sub_", "in_", "py_")
MAX_REFERENCE_DEPTH = 6


def receive(event):
    """Store and apply one verified delivery; returns its outcome (or "duplicate")."""
    outcome = _apply(event, delivery=True)
    if outcome == Outcome.WAITING and _apply(event, delivery=False) == Outcome.PROCESSED:
        # What it waited for was committed by a concurrent delivery between our look and our commit.
        outcome = Outcome.PROCESSED
    if outcome == Outcome.PROCESSED:
        apply_waiting_for(references_in(event))
    return outcome


def apply_waiting_for(references, rounds=10):
    """Apply the waiting events about any of `references`, and those that the applied ones unblock in turn."""
    references = set(references)
    for _ in range(rounds):
        waiting = list(
            StripeEvent.objects.filter(outcome=Outcome.WAITING, waiting_for__in=references)
            .order_by("stripe_created", "received_at")
            .values_list("payload", flat=True)
        )
        applied = [event for event in waiting if _apply(event, delivery=False) == Outcome.PROCESSED]
        if not applied:
            return
        for event in applied:
            references |= references_in(event)


def sweep_waiting_events(limit=500):
    """Try every waiting event again, oldest first; warn about those waiting longer than the set time."""
    events = list(
        StripeEvent.objects.filter(outcome=Outcome.WAITING)
        .order_by("stripe_created", "received_at")
        .values_list("payload", flat=True)[:limit]
    )
    applied = sum(_apply(event, delivery=False) == Outcome.PROCESSED for event in events)
    for stored in waiting_too_long():
        logger.warning(
            "Stripe event %s (%s) has been waiting since %s for %s, which is not in the ledger",
            stored.stripe_id,
            stored.type,
            stored.waiting_since.isoformat(),
            stored.waiting_for,
        )
    return applied


def waiting_too_long():
    cutoff = timezone.now() - datetime.timedelta(seconds=settings.STRIPE_EVENT_WAIT_WARNING_SECONDS)
    return StripeEvent.objects.filter(outcome=Outcome.WAITING, waiting_since__lte=cutoff).order_by("waiting_since")


def references_in(event):
    """The Stripe ids an event's object mentions (its own id, payment intent, charge, subscription, invoice...)."""
    found = set()

    def walk(value, depth):
        if depth > MAX_REFERENCE_DEPTH:
            return
        if isinstance(value, str):
            if value.startswith(REFERENCE_PREFIXES):
                found.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item, depth + 1)
        elif isinstance(value, list):
            for item in value[:20]:
                walk(item, depth + 1)

    walk(event.get("data", {}).get("object"), 0)
    return found


def record_failure(event, error):
    """Keep a delivery whose handling failed (and was rolled back), so it shows as failed until a retry succeeds."""
    stored, created = StripeEvent.objects.get_or_create(stripe_id=event["id"], defaults=_event_fields(event))
    StripeEvent.objects.filter(pk=stored.pk).update(
        outcome=Outcome.FAILED,
        error=repr(error)[:2000],
        delivery_count=F("delivery_count") + (0 if created else 1),
    )


def _apply(event, *, delivery):
    """Run the event's handler in one transaction with its stored row; returns the outcome."""
    with transaction.atomic():
        stored = _locked_event(event, delivery)
        if stored is None or stored.processed_at is not None:
            return DUPLICATE
        data_object = event["data"].get("object") if isinstance(event["data"], dict) else None
        handler = HANDLERS.get(stored.type)
        fields = {"outcome": Outcome.PROCESSED, "error": "", "waiting_for": ""}
        if handler is None:
            fields["outcome"] = Outcome.IGNORED
        elif not isinstance(data_object, dict) or not data_object:
            fields.update(outcome=Outcome.FAILED, error="malformed: data.object is not a Stripe object")
        else:
            fields.update(_run(handler, data_object, stored))
        if fields["outcome"] in (Outcome.PROCESSED, Outcome.IGNORED):
            fields["processed_at"] = timezone.now()
        for name, value in fields.items():
            setattr(stored, name, value)
        stored.save(update_fields=[*fields, "waiting_since"])
    if stored.outcome == Outcome.FAILED:
        logger.error("Stripe event %s (%s) is malformed: %s", stored.stripe_id, stored.type, stored.error)
        return MALFORMED
    return stored.outcome


def _run(handler, data_object, stored):
    """The handler's result as the fields to store; its changes are undone when it cannot finish."""
    try:
        with transaction.atomic():
            handler(data_object)
    except NotInLedgerYet as waiting:
        stored.waiting_since = stored.waiting_since or timezone.now()
        return {"outcome": Outcome.WAITING, "waiting_for": waiting.waiting_for[:255]}
    except NotOurs as reason:
        return {"outcome": Outcome.IGNORED, "error": f"not ours: {reason}"[:2000]}
    except SHAPE_ERRORS as error:
        logger.exception("Stripe event %s (%s) could not be read", stored.stripe_id, stored.type)
        return {"outcome": Outcome.FAILED, "error": f"malformed: {error!r}"[:2000]}
    stored.waiting_since = None
    return {}


def _locked_event(event, delivery):
    """The event's row, locked. A delivery creates it (or counts itself on it); a retry only finds it."""
    if not delivery:
        return StripeEvent.objects.select_for_update().filter(stripe_id=event["id"]).first()
    try:
        with transaction.atomic():
            return StripeEvent.objects.create(stripe_id=event["id"], **_event_fields(event))
    except IntegrityError:
        StripeEvent.objects.filter(stripe_id=event["id"]).update(delivery_count=F("delivery_count") + 1)
        return StripeEvent.objects.select_for_update().get(stripe_id=event["id"])


def _event_fields(event):
    created = event.get("created")
    return {
        "type": event["type"][:100],
        "livemode": bool(event.get("livemode")),
        "payload": _storable(event),
        "stripe_created": created if isinstance(created, int) and 0 <= created < 2**62 else None,
    }


def _storable(event):
    """The event as JSON that every database stores: PostgreSQL's jsonb refuses the NUL character."""
    if "\\u0000" not in json.dumps(event):
        return event
    return _without_nul(event)


def _without_nul(value):
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {_without_nul(key): _without_nul(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_nul(item) for item in value]
    return value
