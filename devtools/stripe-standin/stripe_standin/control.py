"""The control API (``/_standin/...``) that tests and developers use to steer the stand-in.

It does what a donor, a bank or time would do: pay a checkout, settle a
SEPA debit, renew a subscription, open a dispute. It also shows the events
and their deliveries and changes how webhooks are delivered. Requests take
JSON or form fields and need no API key.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, current_app, request

from stripe_standin import balance, checkout, payments, subscriptions
from stripe_standin.core import Standin
from stripe_standin.errors import StripeError, invalid_param
from stripe_standin.payment_methods import SUPPORTED_PAYMENT_METHODS, PaymentDetails

control = Blueprint("control", __name__, url_prefix="/_standin")

_BOOLEAN_SETTINGS = ("duplicate_deliveries", "pause_delivery", "reverse_order")
_NUMBER_SETTINGS = ("initial_backoff", "timeout")


def standin() -> Standin:
    return current_app.extensions["stripe_standin"]


def _json(body: Any) -> Response:
    with standin().lock:  # other threads may be changing these objects
        text = json.dumps(body, indent=2)
    return Response(text, mimetype="application/json")


def _payload() -> dict[str, Any]:
    data = request.get_json(silent=True)
    if isinstance(data, dict):
        return data
    return request.form.to_dict() | request.args.to_dict()


def _choice(payload: dict[str, Any], name: str, choices: tuple[str, ...], default: str | None) -> str | None:
    value = payload.get(name) or default
    if value is not None and value not in choices:
        raise invalid_param(name, f"Invalid {name}: must be one of {', '.join(choices)}")
    return value


@control.get("/health")
def health() -> Response:
    return _json({"ok": True})


@control.post("/checkout/<session_id>/complete")
def complete_checkout(session_id: str) -> Response:
    """Pay (or fail to pay) a checkout session as if the donor used the page."""
    payload = _payload()
    session = checkout.get_session(standin(), session_id)
    method = _choice(payload, "payment_method", SUPPORTED_PAYMENT_METHODS, session["payment_method_types"][0])
    outcome = _choice(payload, "outcome", ("succeeded", "failed"), "succeeded")
    details = PaymentDetails(
        method=method or "card",
        email=payload.get("email") or None,
        name=payload.get("name") or None,
        ideal_bank=payload.get("ideal_bank") or None,
        iban=payload.get("iban") or None,
        card_number=payload.get("card_number") or None,
    )
    if details.email is None and not session["customer"] and not session["customer_email"]:
        details.email = "donateur@example.com"
    result = checkout.complete_session(standin(), session_id, details, outcome or "succeeded")
    return _json(
        {
            "succeeded": result.succeeded,
            "error": result.error_message,
            "redirect_url": result.redirect_url,
            "session": result.session,
        }
    )


@control.post("/checkout/<session_id>/settle")
def settle_checkout(session_id: str) -> Response:
    """Settle the processing SEPA payment of a completed session."""
    outcome = _choice(_payload(), "outcome", ("succeeded", "failed"), None)
    return _json({"session": checkout.settle_session(standin(), session_id, outcome)})


@control.post("/subscriptions/<subscription_id>/advance")
def advance_subscription(subscription_id: str) -> Response:
    """Move a subscription to its next period and bill it, like a Stripe test clock."""
    outcome = _choice(_payload(), "outcome", ("paid", "failed"), "paid")
    return _json(subscriptions.advance_subscription(standin(), subscription_id, outcome or "paid"))


@control.post("/subscriptions/<subscription_id>/expire")
def expire_subscription(subscription_id: str) -> Response:
    """End an incomplete subscription whose first payment never succeeded, as Stripe does after 23 hours."""
    return _json(subscriptions.expire_subscription(standin(), subscription_id))


@control.post("/invoices/<invoice_id>/pay")
def pay_invoice(invoice_id: str) -> Response:
    """Retry the payment of an open invoice."""
    outcome = _choice(_payload(), "outcome", ("paid", "failed"), "paid")
    return _json({"invoice": subscriptions.pay_invoice(standin(), invoice_id, outcome or "paid")})


@control.post("/charges/<charge_id>/dispute")
def dispute_charge(charge_id: str) -> Response:
    payload = _payload()
    amount = payload.get("amount")
    if amount is not None and not str(amount).isdigit():
        raise invalid_param("amount", "amount must be a positive integer in cents")
    dispute = payments.open_dispute(
        standin(),
        charge_id,
        reason=payload.get("reason") or "fraudulent",
        amount=int(amount) if amount else None,
    )
    return _json({"dispute": dispute})


@control.post("/disputes/<dispute_id>/close")
def close_dispute(dispute_id: str) -> Response:
    status = _choice(_payload(), "status", ("won", "lost"), "lost")
    return _json({"dispute": payments.close_dispute(standin(), dispute_id, status or "lost")})


@control.post("/payouts/run")
def run_payout() -> Response:
    """Stripe's daily automatic payout: every available balance transaction not yet paid out, to the bank.

    `unlisted` (a list of balance transaction ids, or one id) counts them in the amount but leaves them out of
    the payout's listing, so the site meets a payout it cannot account for in full.
    """
    unlisted = _payload().get("unlisted") or []
    if isinstance(unlisted, str):
        unlisted = [unlisted]
    return _json({"payout": balance.run_payout(standin(), unlisted=[str(txn) for txn in unlisted])})


# -- events and their deliveries --------------------------------------------------------------


@control.get("/events")
def list_events() -> Response:
    """All events, oldest first, each with its delivery state and attempts."""
    wanted_type = request.args.get("type")
    dispatcher = standin().dispatcher
    listed = []
    for event in standin().store.events():
        if wanted_type and event["type"] != wanted_type:
            continue
        listed.append({"event": event, "delivery": dispatcher.delivery_of(event["id"])})
    return _json({"data": listed})


@control.post("/events/<event_id>/redeliver")
def redeliver_event(event_id: str) -> Response:
    if not standin().dispatcher.redeliver(event_id):
        raise StripeError(f"No such event: '{event_id}'", status=404, code="resource_missing")
    return _json({"queued": event_id})


@control.post("/flush")
def flush_held_events() -> Response:
    """Deliver the events held while ``pause_delivery`` was on."""
    return _json({"flushed": standin().dispatcher.flush()})


@control.get("/deliveries/idle")
def deliveries_idle() -> Response:
    """Whether nothing waits to be sent; ``?wait=5`` waits up to 5 seconds for that."""
    dispatcher = standin().dispatcher
    wait = request.args.get("wait", type=float)
    idle = dispatcher.wait_until_idle(wait) if wait else dispatcher.is_idle()
    return _json({"idle": idle, **dispatcher.counts()})


@control.route("/config", methods=["GET", "POST"])
def configure() -> Response:
    """Show or change webhook delivery settings (and the SEPA settle delay)."""
    current = standin()
    if request.method == "GET":
        return _json(_describe_config(current))
    payload = _payload()
    changes: dict[str, Any] = {}
    for name, value in payload.items():
        if name in _BOOLEAN_SETTINGS:
            changes[name] = _as_bool(name, value)
        elif name in _NUMBER_SETTINGS:
            changes[name] = _as_number(name, value)
        elif name == "max_attempts":
            changes[name] = max(1, int(_as_number(name, value)))
        elif name == "webhook_url":
            changes[name] = value or None
        elif name == "webhook_secret":
            changes[name] = str(value)
        elif name == "enabled_events":
            changes[name] = value if isinstance(value, list) else [part for part in str(value).split(",") if part]
        elif name == "async_settle_delay":
            current.settings.async_settle_delay = None if value in (None, "") else _as_number(name, value)
        else:
            raise invalid_param(name, f"Unknown setting: {name}")
    current.dispatcher.configure(**changes)
    return _json(_describe_config(current))


def _describe_config(current: Standin) -> dict[str, Any]:
    return {
        **current.dispatcher.describe_settings(),
        "async_settle_delay": current.settings.async_settle_delay,
    }


def _as_bool(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if str(value).lower() in ("true", "1", "on", "yes"):
        return True
    if str(value).lower() in ("false", "0", "off", "no", ""):
        return False
    raise invalid_param(name, f"{name} must be true or false")


def _as_number(name: str, value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        raise invalid_param(name, f"{name} must be a number") from None


@control.get("/objects/<object_id>")
def show_object(object_id: str) -> Response:
    """Any stored object by id, without an API key (handy while debugging)."""
    with standin().lock:
        obj = standin().store.objects.get(object_id)
    if obj is None:
        raise StripeError(f"No such object: '{object_id}'", status=404, code="resource_missing")
    return _json(obj)


@control.post("/reset")
def reset() -> Response:
    """Forget every object and event (delivery settings stay)."""
    standin().reset()
    return _json({"reset": True})
