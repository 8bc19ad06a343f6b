"""The pages a donor sees: the hosted checkout page and the customer portal.

Plain HTML forms that work without JavaScript. Each control has a stable
``name`` so browser tests can drive it: ``payment_method`` radios,
``ideal_bank``, ``iban``, ``account_holder_name``, ``card_number``,
``email`` and the ``outcome`` submit buttons (succeeded, failed, canceled).
"""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for

from stripe_standin import checkout, subscriptions
from stripe_standin.core import Standin
from stripe_standin.errors import StripeError
from stripe_standin.formatting import format_amount, format_date, format_recurring
from stripe_standin.payment_methods import (
    ASYNC_PAYMENT_METHODS,
    IDEAL_BANKS,
    IDEAL_BANKS_BY_CODE,
    PAYMENT_METHOD_LABELS,
    TEST_CARD_DECLINED,
    TEST_CARD_SUCCEEDS,
    PaymentDetails,
    is_valid_iban,
    normalise_card_number,
)

pages = Blueprint("pages", __name__)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

# What the page says when a payment fails (the API reports Stripe's English messages).
DECLINE_MESSAGES_NL = {
    "card": "Je kaart is geweigerd.",
    "ideal": "Je bank heeft de betaling niet uitgevoerd.",
    "bancontact": "Je bank heeft de betaling niet uitgevoerd.",
    "other": "De betaling kon niet worden afgerond.",
}

SUBSCRIPTION_STATUS_NL = {
    "active": "Actief",
    "past_due": "Betaling achterstallig",
    "incomplete": "Eerste betaling wordt verwerkt",
    "incomplete_expired": "Niet gestart",
    "canceled": "Gestopt",
    "unpaid": "Onbetaald",
    "trialing": "Proefperiode",
    "paused": "Gepauzeerd",
}


def standin() -> Standin:
    return current_app.extensions["stripe_standin"]


@pages.get("/")
def index() -> str:
    return render_template("index.html", business_name=standin().settings.business_name)


# -- checkout ----------------------------------------------------------------------------------


@pages.get("/c/pay/<session_id>")
def checkout_page(session_id: str) -> Response | str | tuple[str, int]:
    session = _session_or_none(session_id)
    if session is None:
        return _not_found()
    return _render_checkout(session, values={"payment_method": session["payment_method_types"][0]})


@pages.post("/c/pay/<session_id>")
def submit_checkout(session_id: str) -> Response | str | tuple[str, int]:
    session = _session_or_none(session_id)
    if session is None:
        return _not_found()
    form = request.form
    values = {name: form.get(name, "").strip() for name in _FORM_FIELDS}
    outcome = form.get("outcome", "succeeded")
    if session["status"] != "open":
        return _render_checkout(session, values=values)
    if outcome == "canceled":
        # Cancelling leaves the session open, as on Stripe; the site decides what next.
        return redirect(session["cancel_url"] or url_for("pages.checkout_page", session_id=session_id), 303)

    method = values["payment_method"]
    errors: dict[str, str] = {}
    if method not in session["payment_method_types"]:
        errors["payment_method"] = "Kies een betaalmethode."
    elif outcome == "succeeded" or method in ASYNC_PAYMENT_METHODS:
        errors = _field_errors(session, values)
    if errors:
        return _render_checkout(session, values=values, errors=errors)

    details = PaymentDetails(
        method=method,
        email=values["email"] or None,
        name=values["account_holder_name"] or None,
        ideal_bank=values["ideal_bank"] or None,
        iban=values["iban"] or None,
        card_number=values["card_number"] or None,
    )
    if method == "card" and normalise_card_number(values["card_number"]) == TEST_CARD_DECLINED:
        outcome = "failed"
    try:
        result = checkout.complete_session(
            standin(), session_id, details, "failed" if outcome == "failed" else "succeeded"
        )
    except StripeError:
        # E.g. the session expired while the page was open; the page then shows its new state.
        return _render_checkout(session, values=values, payment_error=DECLINE_MESSAGES_NL["other"])
    if result.succeeded and result.redirect_url:
        return redirect(result.redirect_url, 303)
    return _render_checkout(
        session, values=values, payment_error=DECLINE_MESSAGES_NL.get(method, DECLINE_MESSAGES_NL["other"])
    )


_FORM_FIELDS = (
    "payment_method",
    "email",
    "ideal_bank",
    "iban",
    "account_holder_name",
    "card_number",
    "card_expiry",
    "card_cvc",
)


def _field_errors(session: dict[str, Any], values: dict[str, str]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if _needs_email(session) and not _EMAIL.match(values["email"]):
        errors["email"] = "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."
    method = values["payment_method"]
    if method == "ideal" and values["ideal_bank"] not in IDEAL_BANKS_BY_CODE:
        errors["ideal_bank"] = "Kies je bank."
    if method == "sepa_debit":
        if not values["account_holder_name"]:
            errors["account_holder_name"] = "Vul de naam van de rekeninghouder in."
        if not is_valid_iban(values["iban"]):
            errors["iban"] = "Vul een geldig IBAN in, bijvoorbeeld NL39 RABO 0300 0652 64."
    if method == "card":
        if not re.fullmatch(r"\d{12,19}", normalise_card_number(values["card_number"])):
            errors["card_number"] = "Vul een geldig kaartnummer in."
        if not re.fullmatch(r"\d{2}\s*/\s*\d{2}", values["card_expiry"]):
            errors["card_expiry"] = "Vul de vervaldatum in als MM/JJ."
        if not re.fullmatch(r"\d{3,4}", values["card_cvc"]):
            errors["card_cvc"] = "Vul de 3 of 4 cijfers van de beveiligingscode in."
    return errors


def _needs_email(session: dict[str, Any]) -> bool:
    return not session["customer"] and not session["customer_email"]


def _session_or_none(session_id: str) -> dict[str, Any] | None:
    try:
        return checkout.get_session(standin(), session_id)
    except StripeError:
        return None


def _render_checkout(
    session: dict[str, Any],
    *,
    values: dict[str, str],
    errors: dict[str, str] | None = None,
    payment_error: str | None = None,
) -> str:
    line_items = checkout.line_items_of(standin(), session)
    recurring = line_items[0]["price"]["recurring"] if line_items else None
    form_values = {
        "card_number": _spaced(TEST_CARD_SUCCEEDS),
        "card_expiry": "12/34",
        "card_cvc": "123",
        **{name: value for name, value in values.items() if value},
    }
    return render_template(
        "checkout.html",
        business_name=standin().settings.business_name,
        session=session,
        state=_checkout_state(session),
        items=[
            {
                "description": item["description"],
                "quantity": item["quantity"],
                "amount": format_recurring(
                    item["amount_total"],
                    item["currency"],
                    (item["price"]["recurring"] or {}).get("interval"),
                    (item["price"]["recurring"] or {}).get("interval_count", 1),
                ),
            }
            for item in line_items
        ],
        total=format_amount(session["amount_total"], session["currency"]),
        total_with_interval=format_recurring(
            session["amount_total"],
            session["currency"],
            recurring["interval"] if recurring else None,
            recurring["interval_count"] if recurring else 1,
        ),
        methods=[(code, PAYMENT_METHOD_LABELS[code]) for code in session["payment_method_types"]],
        banks=IDEAL_BANKS,
        values=form_values,
        errors=errors or {},
        error_targets={**_ERROR_TARGETS, "payment_method": f"pm-{session['payment_method_types'][0]}"},
        payment_error=payment_error,
        needs_email=_needs_email(session),
        success_link=session["success_url"].replace("{CHECKOUT_SESSION_ID}", session["id"]),
        declined_card=_spaced(TEST_CARD_DECLINED),
        succeeding_card=_spaced(TEST_CARD_SUCCEEDS),
    )


# Which control each error message points to in the error summary.
_ERROR_TARGETS = {
    "email": "email",
    "ideal_bank": "ideal-bank",
    "account_holder_name": "account-holder-name",
    "iban": "iban",
    "card_number": "card-number",
    "card_expiry": "card-expiry",
    "card_cvc": "card-cvc",
}


def _checkout_state(session: dict[str, Any]) -> str:
    if session["status"] == "complete":
        return "paid" if session["payment_status"] == "paid" else "processing"
    return session["status"]  # "open" or "expired"


def _spaced(number: str) -> str:
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4))


def _not_found() -> tuple[str, int]:
    return render_template("not_found.html", business_name=standin().settings.business_name), 404


# -- customer portal ------------------------------------------------------------------------------


@pages.get("/p/session/<portal_session_id>")
def portal_page(portal_session_id: str) -> str | tuple[str, int]:
    portal_session = standin().store.get(portal_session_id, "billing_portal.session")
    if portal_session is None:
        return _not_found()
    return _render_portal(portal_session)


@pages.post("/p/session/<portal_session_id>/subscriptions/<subscription_id>/cancel")
def portal_cancel(portal_session_id: str, subscription_id: str) -> Response | tuple[str, int]:
    """Stop a donation at the end of its period, as Stripe's portal does by default."""
    portal_session = standin().store.get(portal_session_id, "billing_portal.session")
    subscription = standin().store.get(subscription_id, "subscription")
    if portal_session is None or subscription is None or subscription["customer"] != portal_session["customer"]:
        return _not_found()
    if subscription["status"] not in ("canceled", "incomplete_expired") and not subscription["cancel_at_period_end"]:
        subscriptions.update_subscription(standin(), subscription_id, {"cancel_at_period_end": "true"})
    return redirect(url_for("pages.portal_page", portal_session_id=portal_session_id), 303)


def _render_portal(portal_session: dict[str, Any]) -> str:
    listed = []
    for subscription in subscriptions.subscriptions_of(standin(), portal_session["customer"]):
        item = subscription["items"]["data"][0]
        recurring = item["price"]["recurring"]
        amount = sum(i["price"]["unit_amount"] * i["quantity"] for i in subscription["items"]["data"])
        status = SUBSCRIPTION_STATUS_NL.get(subscription["status"], subscription["status"])
        if subscription["cancel_at_period_end"] and subscription["status"] != "canceled":
            status = f"Stopt op {format_date(subscription['current_period_end'])}"
        listed.append(
            {
                "id": subscription["id"],
                "description": subscription["description"] or _product_names(subscription),
                "amount": format_recurring(
                    amount, subscription["currency"], recurring["interval"], recurring["interval_count"]
                ),
                "status": status,
                "next_payment": (
                    format_date(subscription["current_period_end"])
                    if subscription["status"] in ("active", "past_due") and not subscription["cancel_at_period_end"]
                    else None
                ),
                "can_cancel": subscription["status"] in ("active", "past_due")
                and not subscription["cancel_at_period_end"],
            }
        )
    customer = standin().store.get(portal_session["customer"], "customer") or {}
    return render_template(
        "portal.html",
        business_name=standin().settings.business_name,
        portal_session=portal_session,
        customer_email=customer.get("email"),
        subscriptions=listed,
    )


def _product_names(subscription: dict[str, Any]) -> str:
    names = []
    for item in subscription["items"]["data"]:
        product_object = standin().store.get(item["price"]["product"], "product")
        names.append(product_object["name"] if product_object else "Donatie")
    return ", ".join(names)
