"""Checkout Sessions: creating them, paying them, settling and expiring them."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from stripe_standin import clock, objects, payments, subscriptions
from stripe_standin.core import Standin, changed_attributes
from stripe_standin.customers import new_customer
from stripe_standin.errors import StripeError, invalid_param, missing_param
from stripe_standin.formatting import MINIMUM_CHARGE, format_amount
from stripe_standin.ids import new_checkout_session_id, new_id
from stripe_standin.params import (
    as_dict,
    as_int,
    as_list,
    as_metadata,
    as_str,
    reject_unknown,
)
from stripe_standin.payment_methods import (
    ASYNC_PAYMENT_METHODS,
    SUPPORTED_PAYMENT_METHODS,
    PaymentDetails,
)

CREATE_PARAMS = (
    "adaptive_pricing after_expiration allow_promotion_codes allowed_payment_method_types automatic_tax "
    "billing_address_collection branding_settings cancel_url client_reference_id consent_collection currency "
    "custom_fields custom_text customer customer_account customer_creation customer_email customer_update "
    "discounts excluded_payment_method_types expand expires_at integration_identifier invoice_creation "
    "line_items locale managed_payments metadata mode name_collection optional_items origin_context "
    "payment_intent_data payment_method_collection payment_method_configuration payment_method_data "
    "payment_method_types "
    "payment_method_options permissions phone_number_collection redirect_on_completion return_url "
    "saved_payment_method_options setup_intent_data shipping_address_collection shipping_options "
    "submit_type subscription_data success_url tax_id_collection ui_mode wallet_options"
).split()
LINE_ITEM_PARAMS = (
    "adjustable_quantity",
    "dynamic_tax_rates",
    "metadata",
    "price",
    "price_data",
    "quantity",
    "tax_rates",
)
PRICE_DATA_PARAMS = (
    "currency",
    "product",
    "product_data",
    "recurring",
    "tax_behavior",
    "unit_amount",
    "unit_amount_decimal",
)
PRODUCT_DATA_PARAMS = ("description", "images", "metadata", "name", "tax_code", "unit_label")
RECURRING_PARAMS = ("interval", "interval_count")
PAYMENT_INTENT_DATA_PARAMS = (
    "application_fee_amount capture_method description metadata on_behalf_of receipt_email "
    "setup_future_usage shipping statement_descriptor statement_descriptor_suffix transfer_data "
    "transfer_group"
).split()
SUBSCRIPTION_DATA_PARAMS = (
    "application_fee_percent billing_cycle_anchor billing_mode default_tax_rates description "
    "invoice_settings metadata on_behalf_of pending_invoice_item_interval proration_behavior "
    "transfer_data trial_end trial_period_days trial_settings"
).split()

MODES = ("payment", "subscription")
SUBSCRIPTION_INTERVALS = ("day", "week", "month", "year")
DEFAULT_LIFETIME = 24 * 3600
MIN_LIFETIME = 30 * 60
LOCALES = (
    "auto bg cs da de el en en-GB es es-419 et fi fil fr fr-CA hr hu id it ja ko lt lv ms mt nb nl pl pt "
    "pt-BR ro ru sk sl sv th tr vi zh zh-HK zh-TW"
).split()


@dataclass
class CheckoutResult:
    """What happened when the donor pressed a button on the checkout page."""

    session: dict[str, Any]
    succeeded: bool
    error_message: str | None = None

    @property
    def redirect_url(self) -> str | None:
        if not self.succeeded:
            return None
        return self.session["success_url"].replace("{CHECKOUT_SESSION_ID}", self.session["id"])


def create_session(standin: Standin, params: dict[str, Any]) -> dict[str, Any]:
    reject_unknown(params, CREATE_PARAMS)
    mode = as_str(params.get("mode"), "mode", required=True)
    if mode == "setup":
        raise invalid_param("mode", "The offline Stripe stand-in does not support mode=setup.")
    as_str(mode, "mode", choices=MODES)
    if params.get("ui_mode") not in (None, "", "hosted"):
        raise invalid_param("ui_mode", "The offline Stripe stand-in only supports ui_mode=hosted.")
    success_url = _url(params.get("success_url"), "success_url", required=True)
    cancel_url = _url(params.get("cancel_url"), "cancel_url", required=False)

    customer_id = as_str(params.get("customer"), "customer")
    customer_email = as_str(params.get("customer_email"), "customer_email", max_length=800)
    if customer_id and customer_email:
        raise StripeError(
            "You may only specify one of these parameters: customer, customer_email.",
            param="customer_email",
        )
    if customer_id:
        standin.store.require(customer_id, "customer", "customer", param="customer")
    customer_creation = as_str(params.get("customer_creation"), "customer_creation", choices=("always", "if_required"))
    if customer_creation and mode != "payment":
        raise invalid_param("customer_creation", "`customer_creation` can only be used in `payment` mode.")
    if customer_creation and customer_id:
        raise invalid_param(
            "customer_creation",
            "You may only specify one of these parameters: customer, customer_creation.",
        )

    payment_method_types, allowed, excluded = _payment_method_types(params, mode)
    # Products and prices made from price_data are stored only once the whole request is valid.
    new_objects: list[dict[str, Any]] = []
    line_items = _line_items(standin, params.get("line_items"), mode, new_objects)
    currency = line_items[0]["currency"]
    amount_total = sum(item["amount_total"] for item in line_items)
    minimum = MINIMUM_CHARGE.get(currency, 50)
    if 0 < amount_total < minimum or amount_total == 0 and mode == "payment":
        raise StripeError(
            f"The Checkout Session's total amount due must add up to at least {format_amount(minimum, currency)}",
            param="line_items",
            code="amount_too_small",
        )
    if "sepa_debit" in payment_method_types and currency != "eur":
        raise invalid_param("payment_method_types", "SEPA Direct Debit only accepts payments in eur.")

    payment_intent_data = _section(params, "payment_intent_data", PAYMENT_INTENT_DATA_PARAMS, mode, "payment")
    subscription_data = _section(params, "subscription_data", SUBSCRIPTION_DATA_PARAMS, mode, "subscription")

    created = clock.now()
    expires_at = _expires_at(params.get("expires_at"), created)
    session_id = new_checkout_session_id()
    session = objects.checkout_session(
        session_id=session_id,
        created=created,
        expires_at=expires_at,
        url=f"{standin.settings.base_url}/c/pay/{session_id}",
        mode=mode,
        currency=currency,
        amount_total=amount_total,
        payment_method_types=payment_method_types,
        allowed_payment_method_types=allowed,
        excluded_payment_method_types=excluded,
        success_url=success_url,
        cancel_url=cancel_url,
        customer_id=customer_id,
        customer_email=customer_email,
        customer_creation=_customer_creation(customer_creation, mode, customer_id),
        client_reference_id=as_str(params.get("client_reference_id"), "client_reference_id", max_length=200),
        locale=as_str(params.get("locale"), "locale", choices=LOCALES),
        metadata=_clean_metadata(params.get("metadata"), "metadata"),
        submit_type=as_str(
            params.get("submit_type"), "submit_type", choices=("auto", "book", "donate", "pay", "subscribe")
        ),
    )
    intent_settings = {
        "description": as_str(payment_intent_data.get("description"), "payment_intent_data[description]"),
        "metadata": _clean_metadata(payment_intent_data.get("metadata"), "payment_intent_data[metadata]"),
        "receipt_email": as_str(payment_intent_data.get("receipt_email"), "payment_intent_data[receipt_email]"),
    }
    subscription_settings = {
        "description": as_str(subscription_data.get("description"), "subscription_data[description]"),
        "metadata": _clean_metadata(subscription_data.get("metadata"), "subscription_data[metadata]"),
    }
    with standin.lock:
        for obj in new_objects:
            standin.store.add(obj)
        standin.store.add(
            session,
            line_items=line_items,
            payment_intent_data=intent_settings,
            subscription_data=subscription_settings,
        )
    return session


def _customer_creation(requested: str | None, mode: str, customer_id: str | None) -> str | None:
    if mode != "payment" or customer_id:
        return None
    return requested or "if_required"


def _url(value: Any, param: str, *, required: bool) -> str | None:
    url = as_str(value, param, required=required, max_length=5000)
    if url is not None and not url.startswith(("http://", "https://")):
        raise invalid_param(param, "Not a valid URL", code="url_invalid")
    return url


def _payment_method_types(params: dict[str, Any], mode: str) -> tuple[list[str], list[str] | None, list[str] | None]:
    """The methods the page offers, plus the allowed/excluded lists as given.

    stripe-python 16 (API 2026-10-28) types this as ``allowed_payment_method_types``
    (a filter on the account's methods); older integrations send the
    explicit list ``payment_method_types``. Both work here.
    """
    if params.get("payment_method_types") and params.get("allowed_payment_method_types"):
        raise StripeError(
            "You may only specify one of these parameters: allowed_payment_method_types, payment_method_types.",
            param="payment_method_types",
        )
    name = "payment_method_types" if params.get("payment_method_types") else "allowed_payment_method_types"
    listed = _method_list(params.get(name), name)
    excluded = _method_list(params.get("excluded_payment_method_types"), "excluded_payment_method_types")
    # Without a list Stripe offers what the account has switched on; here: all four.
    offered = [method for method in listed or SUPPORTED_PAYMENT_METHODS if method not in excluded]
    if not offered:
        raise invalid_param(name, "No payment method is left to offer after excluded_payment_method_types.")
    if mode == "subscription" and offered == ["bancontact"]:
        raise invalid_param(name, "Bancontact needs sepa_debit or card alongside it in subscription mode.")
    allowed = listed if name == "allowed_payment_method_types" and listed else None
    return offered, allowed, excluded or None


def _method_list(value: Any, param: str) -> list[str]:
    methods = [str(item) for item in as_list(value, param)]
    for index, method in enumerate(methods):
        if method not in SUPPORTED_PAYMENT_METHODS:
            raise invalid_param(
                f"{param}[{index}]",
                f"The payment method type {method!r} is not supported by the offline Stripe stand-in; "
                f"use one of {', '.join(SUPPORTED_PAYMENT_METHODS)}.",
                code="payment_method_unactivated",
            )
    return list(dict.fromkeys(methods))


def _line_items(standin: Standin, value: Any, mode: str, new_objects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    raw_items = as_list(value, "line_items")
    if not raw_items:
        raise missing_param("line_items")
    items = []
    currencies = set()
    for index, raw in enumerate(raw_items):
        param = f"line_items[{index}]"
        raw = as_dict(raw, param)
        reject_unknown(raw, LINE_ITEM_PARAMS, param)
        if raw.get("price"):
            raise StripeError(
                f"No such price: '{raw['price']}'",
                status=404,
                param=f"{param}[price]",
                code="resource_missing",
            )
        if not raw.get("price_data"):
            raise missing_param(f"{param}[price_data]")
        price_object, description = _inline_price(
            standin, new_objects, as_dict(raw["price_data"], f"{param}[price_data]"), f"{param}[price_data]"
        )
        if mode == "payment" and price_object["recurring"]:
            raise invalid_param(
                param,
                "You specified `payment` mode but passed a recurring price. Either switch to `subscription` "
                "mode or use only one-time prices.",
            )
        if mode == "subscription" and not price_object["recurring"]:
            raise invalid_param(
                param,
                "You must provide at least one recurring price in `subscription` mode when using prices.",
            )
        quantity = as_int(raw.get("quantity"), f"{param}[quantity]", required=True, minimum=1)
        currencies.add(price_object["currency"])
        items.append(
            objects.checkout_line_item(
                item_id=new_id("li"), description=description, price_object=price_object, quantity=quantity
            )
        )
    if len(currencies) > 1:
        raise invalid_param("line_items", "All line items must use the same currency.")
    if mode == "subscription":
        intervals = {(i["price"]["recurring"]["interval"], i["price"]["recurring"]["interval_count"]) for i in items}
        if len(intervals) > 1:
            raise invalid_param("line_items", "All recurring prices must use the same billing interval.")
    return items


def _inline_price(
    standin: Standin, new_objects: list[dict[str, Any]], data: dict[str, Any], param: str
) -> tuple[dict[str, Any], str]:
    """Create the product and price that a ``price_data`` hash describes."""
    reject_unknown(data, PRICE_DATA_PARAMS, param)
    currency = as_str(data.get("currency"), f"{param}[currency]", required=True)
    if len(currency) != 3 or not currency.isalpha():
        raise invalid_param(f"{param}[currency]", f"Invalid currency: {currency}", code="parameter_invalid_string")
    currency = currency.lower()
    if data.get("unit_amount_decimal") not in (None, ""):
        raise invalid_param(f"{param}[unit_amount_decimal]", "Use unit_amount (integer cents) with the stand-in.")
    unit_amount = as_int(data.get("unit_amount"), f"{param}[unit_amount]", required=True, minimum=1)
    product_object = _product_for(standin, new_objects, data, param)
    interval = None
    interval_count = 1
    if data.get("recurring") not in (None, ""):
        recurring = as_dict(data["recurring"], f"{param}[recurring]")
        reject_unknown(recurring, RECURRING_PARAMS, f"{param}[recurring]")
        interval = as_str(
            recurring.get("interval"),
            f"{param}[recurring][interval]",
            required=True,
            choices=SUBSCRIPTION_INTERVALS,
        )
        interval_count = as_int(recurring.get("interval_count"), f"{param}[recurring][interval_count]", minimum=1) or 1
    price_object = objects.price(
        price_id=new_id("price"),
        created=clock.now(),
        product_id=product_object["id"],
        currency=currency,
        unit_amount=unit_amount,
        interval=interval,
        interval_count=interval_count,
    )
    new_objects.append(price_object)
    return price_object, product_object["name"]


def _product_for(
    standin: Standin, new_objects: list[dict[str, Any]], data: dict[str, Any], param: str
) -> dict[str, Any]:
    if data.get("product"):
        return standin.store.require(data["product"], "product", "product", param=f"{param}[product]")
    product_data = data.get("product_data")
    if product_data in (None, ""):
        raise StripeError(
            f"You must specify either `product` or `product_data` when creating a price ({param}).",
            param=f"{param}[product_data]",
            code="parameter_missing",
        )
    product_data = as_dict(product_data, f"{param}[product_data]")
    reject_unknown(product_data, PRODUCT_DATA_PARAMS, f"{param}[product_data]")
    created = clock.now()
    product_object = objects.product(
        product_id=new_id("prod", 14),
        created=created,
        name=as_str(product_data.get("name"), f"{param}[product_data][name]", required=True, max_length=250),
        description=as_str(product_data.get("description"), f"{param}[product_data][description]"),
        metadata=_clean_metadata(product_data.get("metadata"), f"{param}[product_data][metadata]"),
    )
    new_objects.append(product_object)
    return product_object


def _section(params: dict[str, Any], name: str, allowed: Any, mode: str, needed_mode: str) -> dict[str, Any]:
    section = as_dict(params.get(name), name)
    if section and mode != needed_mode:
        raise invalid_param(name, f"You can not pass `{name}` in `{mode}` mode.")
    reject_unknown(section, allowed, name)
    return section


def _clean_metadata(value: Any, param: str) -> dict[str, str]:
    metadata = as_metadata(value, param) or {}
    return {key: item for key, item in metadata.items() if item != ""}


def _expires_at(value: Any, created: int) -> int:
    expires_at = as_int(value, "expires_at")
    if expires_at is None:
        return created + DEFAULT_LIFETIME
    # A little slack for clock differences between the site and the stand-in.
    if expires_at < created + MIN_LIFETIME - 60:
        raise invalid_param(
            "expires_at",
            "The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.",
        )
    if expires_at > created + DEFAULT_LIFETIME + 60:
        raise invalid_param(
            "expires_at",
            "The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.",
        )
    return expires_at


# -- looking sessions up ---------------------------------------------------------


def get_session(standin: Standin, session_id: str) -> dict[str, Any]:
    """Return the session, expiring it first if its ``expires_at`` has passed."""
    with standin.lock:
        session = standin.store.require(session_id, "checkout.session", "checkout.session", param="session")
        if session["status"] == "open" and clock.now() >= session["expires_at"]:
            _expire(standin, session)
        return session


def line_items_of(standin: Standin, session: dict[str, Any]) -> list[dict[str, Any]]:
    return standin.store.private_of(session["id"]).get("line_items", [])


# -- paying ------------------------------------------------------------------------


def complete_session(standin: Standin, session_id: str, details: PaymentDetails, outcome: str) -> CheckoutResult:
    """Do what the donor's click on "Betalen" or "Betaling laten mislukken" does.

    ``outcome`` is "succeeded" or "failed". For SEPA Direct Debit both
    complete the session with the payment still processing; "failed" makes
    the later settlement fail.
    """
    if outcome not in ("succeeded", "failed"):
        raise invalid_param("outcome", "Invalid outcome: must be one of succeeded or failed")
    with standin.lock:
        session = get_session(standin, session_id)
        if session["status"] != "open":
            raise StripeError(
                f"This Checkout Session is no longer open; its status is {session['status']}.",
                code="checkout_session_not_open",
            )
        if details.method not in session["payment_method_types"]:
            raise invalid_param(
                "payment_method",
                f"Payment method {details.method!r} is not offered by this Checkout Session "
                f"(offered: {', '.join(session['payment_method_types'])}).",
            )
        private = standin.store.private_of(session_id)
        customer = _customer_for(standin, session, details)
        details.email = details.email or (customer or {}).get("email") or session["customer_email"]
        is_async = details.method in ASYNC_PAYMENT_METHODS
        attempt_outcome = "processing" if is_async else outcome
        if session["mode"] == "payment":
            charge = _pay_once(standin, session, private, customer, details, attempt_outcome)
        else:
            if attempt_outcome == "failed":
                # Checkout starts the subscription only once the first payment goes through.
                return CheckoutResult(session, False, payments.failure_text(details.method))
            charge = _start_subscription(standin, session, private, customer, details, attempt_outcome)
        if charge["status"] == "failed":
            return CheckoutResult(session, False, charge["failure_message"])

        session["status"] = "complete"
        session["payment_status"] = "paid" if charge["status"] == "succeeded" else "unpaid"
        session["customer"] = customer["id"] if customer else None
        session["customer_details"] = objects.customer_details(details.email, details.name)
        private["payment_details"] = details
        if is_async:
            private["async_charge"] = charge["id"]
            private["planned_settlement"] = outcome
        standin.emit("checkout.session.completed", session)
        if session["mode"] == "subscription":
            invoice = standin.store.require(private["first_invoice"], "invoice", "invoice")
            subscriptions.announce_invoice(standin, invoice)
        if is_async and standin.settings.async_settle_delay is not None:
            standin.later(standin.settings.async_settle_delay, _settle_quietly, standin, session_id)
        return CheckoutResult(session, True)


def _customer_for(standin: Standin, session: dict[str, Any], details: PaymentDetails) -> dict[str, Any] | None:
    if session["customer"]:
        return standin.store.require(session["customer"], "customer", "customer")
    email = session["customer_email"] or details.email
    # In payment mode Stripe only creates a customer when asked to (customer_creation=always).
    if session["mode"] == "subscription" or session["customer_creation"] == "always":
        return new_customer(standin, email=email, name=details.name)
    return None


def _pay_once(
    standin: Standin,
    session: dict[str, Any],
    private: dict[str, Any],
    customer: dict[str, Any] | None,
    details: PaymentDetails,
    attempt_outcome: str,
) -> dict[str, Any]:
    if session["payment_intent"]:
        # A retry after a failed attempt reuses the session's payment intent.
        payment_intent = standin.store.require(session["payment_intent"], "payment_intent", "payment_intent")
        payment_intent["customer"] = customer["id"] if customer else None
    else:
        intent_data = private["payment_intent_data"]
        payment_intent = payments.create_payment_intent(
            standin,
            amount=session["amount_total"],
            currency=session["currency"],
            customer_id=customer["id"] if customer else None,
            description=intent_data["description"],
            metadata=dict(intent_data["metadata"]),
            payment_method_types=list(session["payment_method_types"]),
            receipt_email=intent_data["receipt_email"],
        )
        session["payment_intent"] = payment_intent["id"]
    return payments.attempt_payment(standin, payment_intent, details, attempt_outcome)


def _start_subscription(
    standin: Standin,
    session: dict[str, Any],
    private: dict[str, Any],
    customer: dict[str, Any],
    details: PaymentDetails,
    attempt_outcome: str,
) -> dict[str, Any]:
    subscription_data = private["subscription_data"]
    subscription, invoice, charge = subscriptions.start_subscription(
        standin,
        customer=customer,
        line_items=line_items_of(standin, session),
        metadata=dict(subscription_data["metadata"]),
        description=subscription_data["description"],
        details=details,
        attempt_outcome=attempt_outcome,
    )
    session["subscription"] = subscription["id"]
    session["invoice"] = invoice["id"]
    private["first_invoice"] = invoice["id"]
    return charge


# -- settling SEPA payments ----------------------------------------------------------


def settle_session(standin: Standin, session_id: str, outcome: str | None = None) -> dict[str, Any]:
    """Finish the processing SEPA payment of a completed session.

    Without ``outcome`` the settlement goes the way the donor chose on the page.
    """
    with standin.lock:
        session = get_session(standin, session_id)
        private = standin.store.private_of(session_id)
        charge_id = private.get("async_charge")
        if session["status"] != "complete" or not charge_id:
            raise StripeError("This Checkout Session has no processing payment to settle.")
        charge = standin.store.require(charge_id, "charge", "charge")
        if charge["status"] != "pending":
            raise StripeError(f"The payment of this Checkout Session was already settled ({charge['status']}).")
        outcome = outcome or private.get("planned_settlement", "succeeded")
        if outcome not in ("succeeded", "failed"):
            raise invalid_param("outcome", "Invalid outcome: must be one of succeeded or failed")
        succeeded = outcome == "succeeded"
        if session["mode"] == "subscription":
            subscriptions.settle_first_invoice(standin, private["first_invoice"], charge, succeeded)
        else:
            payments.settle_charge(standin, charge, succeeded)
        before = copy.deepcopy(session)
        if succeeded:
            session["payment_status"] = "paid"
            standin.emit("checkout.session.async_payment_succeeded", session, changed_attributes(before, session))
        else:
            standin.emit("checkout.session.async_payment_failed", session)
        return session


def _settle_quietly(standin: Standin, session_id: str) -> None:
    # Timer threads have nobody to report to: a session settled by hand meanwhile is fine.
    try:
        settle_session(standin, session_id)
    except StripeError:
        pass


# -- expiring ----------------------------------------------------------------------------


def expire_session(standin: Standin, session_id: str) -> dict[str, Any]:
    with standin.lock:
        session = get_session(standin, session_id)
        if session["status"] != "open":
            raise StripeError(
                f'Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has '
                f'a status of "{session["status"]}".',
                code="checkout_session_not_open",
            )
        _expire(standin, session)
        return session


def _expire(standin: Standin, session: dict[str, Any]) -> None:
    session["status"] = "expired"
    session["url"] = None
    if session["payment_intent"]:
        payment_intent = standin.store.require(session["payment_intent"], "payment_intent", "payment_intent")
        if payment_intent["status"] == "requires_payment_method":
            payment_intent.update(status="canceled", canceled_at=clock.now(), cancellation_reason="abandoned")
            standin.emit("payment_intent.canceled", payment_intent)
    standin.emit("checkout.session.expired", session)
