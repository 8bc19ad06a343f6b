"""Subscriptions and their invoices.

Checkout starts a subscription; the control API moves it to its next period
the way a Stripe test clock would, billing a new invoice each time.
"""

from __future__ import annotations

import copy
from typing import Any

from stripe_standin import clock, objects, payments
from stripe_standin.core import Standin, changed_attributes
from stripe_standin.customers import next_invoice_number
from stripe_standin.errors import StripeError, invalid_param, missing_param, resource_missing
from stripe_standin.formatting import format_amount
from stripe_standin.ids import new_id
from stripe_standin.params import (
    as_bool,
    as_dict,
    as_int,
    as_list,
    as_metadata,
    as_str,
    merge_metadata,
    reject_unknown,
)
from stripe_standin.payment_methods import PaymentDetails

UPDATE_PARAMS = (
    "add_invoice_items application_fee_percent automatic_tax billing_cycle_anchor billing_schedules "
    "billing_thresholds cancel_at cancel_at_period_end cancellation_details collection_method days_until_due "
    "default_payment_method default_source default_tax_rates description discounts expand invoice_settings "
    "items metadata off_session on_behalf_of pause_collection payment_behavior payment_settings "
    "pending_invoice_item_interval proration_behavior proration_date transfer_data trial_end "
    "trial_from_plan trial_settings"
).split()
UPDATE_ITEM_PARAMS = (
    "billing_thresholds clear_usage current_trial deleted discounts id metadata plan price price_data "
    "quantity tax_rates"
).split()
UPDATE_PRICE_DATA_PARAMS = (
    "currency",
    "product",
    "recurring",
    "tax_behavior",
    "unit_amount",
    "unit_amount_decimal",
)
CANCEL_PARAMS = ("cancellation_details", "expand", "invoice_now", "prorate")
PRORATION_BEHAVIORS = ("always_invoice", "create_prorations", "none")
CANCELLATION_FEEDBACK = (
    "customer_service low_quality missing_features other switched_service too_complex too_expensive unused"
).split()
ENDED_STATUSES = ("canceled", "incomplete_expired")
# What happens to the invoice of a period that starts while collection is paused, per `pause_collection[behavior]`.
PAUSED_INVOICE_STATUSES = {"void": "void", "mark_uncollectible": "uncollectible", "keep_as_draft": "draft"}
PAUSED_INVOICE_EVENTS = {"void": "invoice.voided", "mark_uncollectible": "invoice.marked_uncollectible"}
RETRY_DELAY = 3 * 24 * 3600  # when Stripe would try a failed renewal again


# -- starting ------------------------------------------------------------------------


def start_subscription(
    standin: Standin,
    *,
    customer: dict[str, Any],
    line_items: list[dict[str, Any]],
    metadata: dict[str, str],
    description: str | None,
    details: PaymentDetails,
    attempt_outcome: str,
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Create the subscription and bill its first invoice.

    The invoice's own events (invoice.paid, ...) are left to
    :func:`announce_invoice`, so that Checkout can send
    ``checkout.session.completed`` first, as a donor's browser would see it.
    """
    with standin.lock:
        started = clock.now()
        subscription_id = new_id("sub")
        items = []
        for line_item in line_items:
            recurring = line_item["price"]["recurring"]
            items.append(
                objects.subscription_item(
                    item_id=new_id("si", 14),
                    created=started,
                    subscription_id=subscription_id,
                    price_object=line_item["price"],
                    quantity=line_item["quantity"],
                    current_period_start=started,
                    current_period_end=clock.add_interval(started, recurring["interval"], recurring["interval_count"]),
                )
            )
        subscription = objects.subscription(
            subscription_id=subscription_id,
            created=started,
            customer_id=customer["id"],
            currency=line_items[0]["currency"],
            items=items,
            metadata=metadata,
            description=description,
            default_payment_method=None,
            status="incomplete",
        )
        details.reusable = True
        standin.store.add(subscription, payment_details=details.renewal_details())
        invoice, charge = _bill(
            standin,
            subscription,
            billing_reason="subscription_create",
            details=details,
            attempt_outcome=attempt_outcome,
            at=started,
            period=(started, started),
        )
        if charge["status"] == "succeeded":
            subscription["status"] = "active"
            subscription["default_payment_method"] = _renewal_payment_method(charge)
        standin.emit("customer.subscription.created", subscription)
        return subscription, invoice, charge


def _renewal_payment_method(charge: dict[str, Any]) -> str:
    """The payment method later invoices use: the SEPA debit an iDEAL/Bancontact payment set up."""
    method_details = charge["payment_method_details"]
    generated = method_details.get(method_details["type"], {}).get("generated_sepa_debit")
    return generated or charge["payment_method"]


def settle_first_invoice(standin: Standin, invoice_id: str, charge: dict[str, Any], succeeded: bool) -> None:
    """Finish the processing (SEPA) payment of a subscription's first invoice."""
    with standin.lock:
        invoice = standin.store.require(invoice_id, "invoice", "invoice")
        subscription = standin.store.require(invoice["subscription"], "subscription", "subscription")
        payments.settle_charge(standin, charge, succeeded)
        if succeeded:
            _mark_invoice_paid(invoice, clock.now())
        announce_invoice(standin, invoice)
        if succeeded and subscription["status"] == "incomplete":
            before = copy.deepcopy(subscription)
            subscription["status"] = "active"
            subscription["default_payment_method"] = _renewal_payment_method(charge)
            standin.emit("customer.subscription.updated", subscription, changed_attributes(before, subscription))


# -- invoices -------------------------------------------------------------------------


def _bill(
    standin: Standin,
    subscription: dict[str, Any],
    *,
    billing_reason: str,
    details: PaymentDetails,
    attempt_outcome: str,
    at: int,
    period: tuple[int, int],
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Create, finalise and try to pay an invoice for the subscription's current period."""
    invoice = _new_invoice(standin, subscription, billing_reason=billing_reason, at=at, period=period)
    standin.emit("invoice.finalized", invoice)
    payment_intent = payments.create_payment_intent(
        standin,
        amount=invoice["amount_due"],
        currency=invoice["currency"],
        customer_id=invoice["customer"],
        description="Subscription creation" if billing_reason == "subscription_create" else "Subscription update",
        metadata={},
        payment_method_types=[details.method],
        created=at,
    )
    invoice["payments"]["data"].append(
        objects.invoice_payment(
            invoice_payment_id=new_id("inpay"),
            created=at,
            invoice_id=invoice["id"],
            payment_intent_id=payment_intent["id"],
            amount=invoice["amount_due"],
            currency=invoice["currency"],
        )
    )
    charge = _attempt(standin, invoice, payment_intent, details, attempt_outcome, at)
    return invoice, charge


def _bill_paused(standin: Standin, subscription: dict[str, Any], *, at: int, period: tuple[int, int]) -> dict[str, Any]:
    """The invoice of a period while collection is paused: made, never paid (voided, uncollectible or a draft)."""
    invoice = _new_invoice(standin, subscription, billing_reason="subscription_cycle", at=at, period=period)
    behavior = subscription["pause_collection"]["behavior"]
    invoice.update(status=PAUSED_INVOICE_STATUSES[behavior], auto_advance=False, next_payment_attempt=None)
    if behavior == "void":
        invoice["amount_remaining"] = 0
        invoice["status_transitions"]["voided_at"] = at
    if behavior in PAUSED_INVOICE_EVENTS:
        standin.emit("invoice.finalized", invoice)
        standin.emit(PAUSED_INVOICE_EVENTS[behavior], invoice)
    return invoice


def _new_invoice(
    standin: Standin, subscription: dict[str, Any], *, billing_reason: str, at: int, period: tuple[int, int]
) -> dict[str, Any]:
    """An invoice of the subscription's items as they are now, stored and announced as created."""
    customer = standin.store.require(subscription["customer"], "customer", "customer")
    invoice_id = new_id("in")
    lines = [
        objects.invoice_line(
            line_id=new_id("il"),
            invoice_id=invoice_id,
            subscription_id=subscription["id"],
            item=item,
            description=_line_description(standin, item),
        )
        for item in subscription["items"]["data"]
    ]
    invoice = objects.invoice(
        invoice_id=invoice_id,
        created=at,
        number=next_invoice_number(customer),
        customer_object=customer,
        subscription_object=subscription,
        lines=lines,
        billing_reason=billing_reason,
        period_start=period[0],
        period_end=period[1],
        account_name=standin.settings.business_name,
    )
    standin.store.add(invoice)
    subscription["latest_invoice"] = invoice_id
    standin.emit("invoice.created", invoice)
    return invoice


def _attempt(
    standin: Standin,
    invoice: dict[str, Any],
    payment_intent: dict[str, Any],
    details: PaymentDetails,
    attempt_outcome: str,
    at: int,
) -> dict[str, Any]:
    charge = payments.attempt_payment(standin, payment_intent, details, attempt_outcome, at)
    invoice["attempt_count"] += 1
    invoice["attempted"] = True
    if charge["status"] == "succeeded":
        _mark_invoice_paid(invoice, at)
    elif charge["status"] == "failed":
        invoice["next_payment_attempt"] = at + RETRY_DELAY
    standin.store.private_of(invoice["id"])["charge"] = charge["id"]
    return charge


def _line_description(standin: Standin, item: dict[str, Any]) -> str:
    price_object = item["price"]
    product_object = standin.store.get(price_object["product"], "product")
    name = product_object["name"] if product_object else price_object["product"]
    amount = format_amount(price_object["unit_amount"], price_object["currency"])
    return f"{item['quantity']} × {name} (at {amount} / {price_object['recurring']['interval']})"


def _mark_invoice_paid(invoice: dict[str, Any], at: int) -> None:
    invoice.update(status="paid", amount_paid=invoice["amount_due"], amount_remaining=0, next_payment_attempt=None)
    invoice["status_transitions"]["paid_at"] = at
    for invoice_payment in invoice["payments"]["data"]:
        invoice_payment.update(status="paid", amount_paid=invoice_payment["amount_requested"])
        invoice_payment["status_transitions"]["paid_at"] = at


def announce_invoice(standin: Standin, invoice: dict[str, Any]) -> None:
    """Send the events that tell how the invoice's latest payment attempt went."""
    with standin.lock:
        if invoice["status"] == "paid":
            standin.emit("invoice.paid", invoice)
            standin.emit("invoice.payment_succeeded", invoice)
            return
        charge_id = standin.store.private_of(invoice["id"]).get("charge")
        charge = standin.store.get(charge_id, "charge") if charge_id else None
        if charge is not None and charge["status"] == "failed":
            standin.emit("invoice.payment_failed", invoice)


# -- the next period (like a Stripe test clock) ---------------------------------------------


def advance_subscription(standin: Standin, subscription_id: str, outcome: str = "paid") -> dict[str, Any]:
    """Move to the next billing period and bill it; returns the subscription and any new invoice.

    ``outcome`` "paid" or "failed" decides the renewal payment (a SEPA
    renewal settles at once here). A subscription set to cancel at the end
    of its period ends instead. While collection is paused the period's
    invoice is made but not collected (voided, for ``behavior`` "void"); the
    pause ends with the first period that starts after ``resumes_at``.
    """
    if outcome not in ("paid", "failed"):
        raise invalid_param("outcome", "Invalid outcome: must be one of paid or failed")
    with standin.lock:
        subscription = standin.store.require(subscription_id, "subscription", "subscription")
        if subscription["status"] in (*ENDED_STATUSES, "incomplete"):
            raise StripeError(f"A subscription with status {subscription['status']} cannot move to a next period.")
        period_end = subscription["current_period_end"]
        if subscription["cancel_at_period_end"]:
            _end(standin, subscription, at=period_end, reason="cancellation_requested")
            return {"subscription": subscription, "invoice": None}

        before = copy.deepcopy(subscription)
        if subscription["status"] == "trialing":
            subscription["status"] = "active"  # the trial ends with its period: billing starts here
        old_period = (subscription["current_period_start"], period_end)
        for item in subscription["items"]["data"]:
            recurring = item["price"]["recurring"]
            item["current_period_start"] = item["current_period_end"]
            item["current_period_end"] = clock.add_interval(
                item["current_period_start"], recurring["interval"], recurring["interval_count"]
            )
        _sync_period(subscription)
        pause = subscription["pause_collection"]
        if pause and pause["resumes_at"] is not None and period_end > pause["resumes_at"]:
            subscription["pause_collection"] = None  # Stripe collects again after resumes_at
        standin.emit("customer.subscription.updated", subscription, changed_attributes(before, subscription))

        if subscription["pause_collection"]:
            invoice = _bill_paused(standin, subscription, at=period_end, period=old_period)
            return {"subscription": subscription, "invoice": invoice}
        details = standin.store.private_of(subscription_id).get("payment_details") or PaymentDetails("card")
        invoice, _charge = _bill(
            standin,
            subscription,
            billing_reason="subscription_cycle",
            details=details,
            attempt_outcome="succeeded" if outcome == "paid" else "failed",
            at=period_end,
            period=old_period,
        )
        announce_invoice(standin, invoice)
        _status_after_payment(standin, subscription, invoice)
        return {"subscription": subscription, "invoice": invoice}


def pay_invoice(standin: Standin, invoice_id: str, outcome: str = "paid") -> dict[str, Any]:
    """Try an open invoice's payment again (like Stripe's Smart Retries)."""
    if outcome not in ("paid", "failed"):
        raise invalid_param("outcome", "Invalid outcome: must be one of paid or failed")
    with standin.lock:
        invoice = standin.store.require(invoice_id, "invoice", "invoice")
        if invoice["status"] != "open":
            raise StripeError(f"Invoice {invoice_id} is {invoice['status']}; only open invoices can be paid.")
        subscription = standin.store.require(invoice["subscription"], "subscription", "subscription")
        payment_intent_id = invoice["payments"]["data"][0]["payment"]["payment_intent"]
        payment_intent = standin.store.require(payment_intent_id, "payment_intent", "payment_intent")
        if payment_intent["status"] != "requires_payment_method":
            raise StripeError(f"The payment of invoice {invoice_id} is {payment_intent['status']}.")
        details = standin.store.private_of(subscription["id"]).get("payment_details") or PaymentDetails("card")
        _attempt(
            standin,
            invoice,
            payment_intent,
            details,
            "succeeded" if outcome == "paid" else "failed",
            clock.now(),
        )
        announce_invoice(standin, invoice)
        _status_after_payment(standin, subscription, invoice)
        return invoice


def _status_after_payment(standin: Standin, subscription: dict[str, Any], invoice: dict[str, Any]) -> None:
    before = copy.deepcopy(subscription)
    if invoice["status"] == "paid" and subscription["status"] in ("past_due", "incomplete"):
        subscription["status"] = "active"
    elif invoice["status"] == "open" and subscription["status"] == "active":
        subscription["status"] = "past_due"
    if subscription["status"] != before["status"]:
        standin.emit("customer.subscription.updated", subscription, changed_attributes(before, subscription))


def _sync_period(subscription: dict[str, Any]) -> None:
    first_item = subscription["items"]["data"][0]
    subscription["current_period_start"] = first_item["current_period_start"]
    subscription["current_period_end"] = first_item["current_period_end"]


# -- updating and cancelling -------------------------------------------------------------------


def update_subscription(standin: Standin, subscription_id: str, params: dict[str, Any]) -> dict[str, Any]:
    reject_unknown(params, UPDATE_PARAMS)
    as_str(params.get("proration_behavior"), "proration_behavior", choices=PRORATION_BEHAVIORS)
    with standin.lock:
        subscription = standin.store.require(subscription_id, "subscription", "subscription")
        if subscription["status"] in ENDED_STATUSES:
            disallowed = set(params) - {"metadata", "cancellation_details", "expand"}
            if disallowed:
                raise StripeError(
                    "A canceled subscription can only update its cancellation_details and metadata.",
                    param=sorted(disallowed)[0],
                )
        before = copy.deepcopy(subscription)
        if "items" in params:
            _update_items(standin, subscription, as_list(params["items"], "items"))
        if "metadata" in params:
            subscription["metadata"] = merge_metadata(subscription["metadata"], as_metadata(params["metadata"]))
        if "description" in params:
            subscription["description"] = as_str(params["description"], "description")
        if "default_payment_method" in params:
            subscription["default_payment_method"] = as_str(params["default_payment_method"], "default_payment_method")
        if "cancel_at_period_end" in params:
            cancel_at_period_end = bool(as_bool(params["cancel_at_period_end"], "cancel_at_period_end"))
            subscription["cancel_at_period_end"] = cancel_at_period_end
            subscription["cancel_at"] = subscription["current_period_end"] if cancel_at_period_end else None
            subscription["canceled_at"] = clock.now() if cancel_at_period_end else None
        if "cancellation_details" in params:
            _set_cancellation_details(subscription, params["cancellation_details"])
        if "pause_collection" in params:
            subscription["pause_collection"] = _pause_collection(params["pause_collection"])
        if "trial_end" in params:
            _set_trial_end(subscription, params["trial_end"])
        new_cycle = _interval_of(before) != _interval_of(subscription) and "trial_end" not in params
        if new_cycle:
            _restart_cycle(subscription, at=clock.now())
        changed = changed_attributes(before, subscription)
        if changed:
            standin.emit("customer.subscription.updated", subscription, changed)
        if new_cycle:
            # Stripe bills a new interval at once, from now: the cycle anchor moves to the moment of the change.
            details = standin.store.private_of(subscription_id).get("payment_details") or PaymentDetails("card")
            invoice, _charge = _bill(
                standin,
                subscription,
                billing_reason="subscription_update",
                details=details,
                attempt_outcome="succeeded",
                at=subscription["current_period_start"],
                period=(subscription["current_period_start"], subscription["current_period_end"]),
            )
            announce_invoice(standin, invoice)
            _status_after_payment(standin, subscription, invoice)
        return subscription


def _interval_of(subscription: dict[str, Any]) -> tuple[str, int] | None:
    items = subscription["items"]["data"]
    if not items:
        return None
    recurring = items[0]["price"]["recurring"]
    return recurring["interval"], recurring["interval_count"]


def _restart_cycle(subscription: dict[str, Any], *, at: int) -> None:
    for item in subscription["items"]["data"]:
        recurring = item["price"]["recurring"]
        item["current_period_start"] = at
        item["current_period_end"] = clock.add_interval(at, recurring["interval"], recurring["interval_count"])
    subscription["billing_cycle_anchor"] = at
    _sync_period(subscription)


def _set_trial_end(subscription: dict[str, Any], raw: Any) -> None:
    """A trial until ``trial_end``: nothing is billed before it, and the next period starts there (as Stripe does)."""
    trial_end = clock.now() if raw == "now" else as_int(raw, "trial_end", minimum=1)
    if trial_end < clock.now() - 60:
        raise invalid_param("trial_end", "Invalid timestamp: must be an integer Unix timestamp in the future.")
    subscription["trial_end"] = trial_end
    for item in subscription["items"]["data"]:
        item["current_period_end"] = trial_end
    _sync_period(subscription)
    if subscription["status"] == "active" and trial_end > clock.now():
        subscription["status"] = "trialing"


def _update_items(standin: Standin, subscription: dict[str, Any], updates: list[Any]) -> None:
    items = subscription["items"]["data"]
    for index, raw in enumerate(updates):
        param = f"items[{index}]"
        update = as_dict(raw, param)
        reject_unknown(update, UPDATE_ITEM_PARAMS, param)
        item_id = as_str(update.get("id"), f"{param}[id]")
        item = next((candidate for candidate in items if candidate["id"] == item_id), None)
        if item_id and item is None:
            raise resource_missing("subscription item", item_id, f"{param}[id]")
        if as_bool(update.get("deleted"), f"{param}[deleted]"):
            if item is None:
                raise missing_param(f"{param}[id]")
            items.remove(item)
            continue
        new_price = _price_for_update(standin, subscription, update, param)
        quantity = as_int(update.get("quantity"), f"{param}[quantity]", minimum=1)
        if item is None:
            if new_price is None:
                raise missing_param(f"{param}[price_data]")
            first = items[0] if items else None
            start = first["current_period_start"] if first else clock.now()
            recurring = new_price["recurring"]
            end = first["current_period_end"] if first else clock.add_interval(start, recurring["interval"])
            items.append(
                objects.subscription_item(
                    item_id=new_id("si", 14),
                    created=clock.now(),
                    subscription_id=subscription["id"],
                    price_object=new_price,
                    quantity=quantity or 1,
                    current_period_start=start,
                    current_period_end=end,
                )
            )
            continue
        if new_price is not None:
            item["price"] = new_price
            item["plan"] = objects.plan_from_price(new_price)
        if quantity is not None:
            item["quantity"] = quantity
        if "metadata" in update:
            item["metadata"] = merge_metadata(item["metadata"], as_metadata(update["metadata"], f"{param}[metadata]"))
    if not items:
        raise invalid_param("items", "A subscription must have at least one active plan.")
    intervals = {
        (item["price"]["recurring"]["interval"], item["price"]["recurring"]["interval_count"]) for item in items
    }
    if len(intervals) > 1:
        raise invalid_param("items", "Currency and interval fields must match across all plans on this subscription.")
    _sync_period(subscription)


def _price_for_update(
    standin: Standin, subscription: dict[str, Any], update: dict[str, Any], param: str
) -> dict[str, Any] | None:
    if update.get("price"):
        found = standin.store.require(update["price"], "price", "price", param=f"{param}[price]")
        if not found["recurring"]:
            raise invalid_param(
                f"{param}[price]",
                "The price specified is set to `type=one_time` but this field only accepts prices "
                "with `type=recurring`.",
            )
        return found
    if update.get("price_data") in (None, ""):
        return None
    data = as_dict(update["price_data"], f"{param}[price_data]")
    data_param = f"{param}[price_data]"
    reject_unknown(data, UPDATE_PRICE_DATA_PARAMS, data_param)
    currency = as_str(data.get("currency"), f"{data_param}[currency]", required=True).lower()
    if currency != subscription["currency"]:
        raise invalid_param(
            f"{data_param}[currency]",
            "Currency and interval fields must match across all plans on this subscription.",
        )
    product_id = as_str(data.get("product"), f"{data_param}[product]", required=True)
    standin.store.require(product_id, "product", "product", param=f"{data_param}[product]")
    recurring = as_dict(data.get("recurring"), f"{data_param}[recurring]")
    if not recurring:
        raise missing_param(f"{data_param}[recurring]")
    interval = as_str(
        recurring.get("interval"),
        f"{data_param}[recurring][interval]",
        required=True,
        choices=("day", "week", "month", "year"),
    )
    interval_count = as_int(recurring.get("interval_count"), f"{data_param}[recurring][interval_count]", minimum=1)
    unit_amount = as_int(data.get("unit_amount"), f"{data_param}[unit_amount]", required=True, minimum=1)
    price_object = objects.price(
        price_id=new_id("price"),
        created=clock.now(),
        product_id=product_id,
        currency=currency,
        unit_amount=unit_amount,
        interval=interval,
        interval_count=interval_count or 1,
    )
    standin.store.add(price_object)
    return price_object


def _pause_collection(value: Any) -> dict[str, Any] | None:
    """`pause_collection` as Stripe stores it; an empty value (`pause_collection=""`) ends a pause."""
    pause = as_dict(value, "pause_collection")
    if not pause:
        return None
    reject_unknown(pause, ("behavior", "resumes_at"), "pause_collection")
    behavior = as_str(
        pause.get("behavior"), "pause_collection[behavior]", required=True, choices=tuple(PAUSED_INVOICE_STATUSES)
    )
    resumes_at = as_int(pause.get("resumes_at"), "pause_collection[resumes_at]")
    if resumes_at is not None and resumes_at <= clock.now():
        raise invalid_param("pause_collection[resumes_at]", "resumes_at must be in the future.")
    return {"behavior": behavior, "resumes_at": resumes_at}


def _set_cancellation_details(subscription: dict[str, Any], value: Any) -> None:
    details = as_dict(value, "cancellation_details")
    reject_unknown(details, ("comment", "feedback"), "cancellation_details")
    if "comment" in details:
        subscription["cancellation_details"]["comment"] = as_str(
            details["comment"], "cancellation_details[comment]", max_length=5000
        )
    if "feedback" in details:
        subscription["cancellation_details"]["feedback"] = as_str(
            details["feedback"], "cancellation_details[feedback]", choices=CANCELLATION_FEEDBACK
        )


def cancel_subscription(standin: Standin, subscription_id: str, params: dict[str, Any]) -> dict[str, Any]:
    reject_unknown(params, CANCEL_PARAMS)
    as_bool(params.get("invoice_now"), "invoice_now")
    as_bool(params.get("prorate"), "prorate")
    with standin.lock:
        subscription = standin.store.require(subscription_id, "subscription", "subscription")
        if subscription["status"] in ENDED_STATUSES:
            raise StripeError(f"This subscription has already been canceled ({subscription_id}).")
        if "cancellation_details" in params:
            _set_cancellation_details(subscription, params["cancellation_details"])
        _end(standin, subscription, at=clock.now(), reason="cancellation_requested")
        return subscription


def _end(standin: Standin, subscription: dict[str, Any], *, at: int, reason: str) -> None:
    subscription.update(
        status="canceled",
        canceled_at=subscription["canceled_at"] or at,
        ended_at=at,
        cancel_at_period_end=False,
    )
    subscription["cancellation_details"]["reason"] = reason
    standin.emit("customer.subscription.deleted", subscription)


def expire_subscription(standin: Standin, subscription_id: str) -> dict[str, Any]:
    """What Stripe does 23 hours after a first payment that never succeeded: the subscription ends, unbilled."""
    with standin.lock:
        subscription = standin.store.require(subscription_id, "subscription", "subscription")
        if subscription["status"] != "incomplete":
            raise StripeError(f"Only an incomplete subscription can expire ({subscription_id}).")
        previous = {"status": subscription["status"]}
        subscription.update(status="incomplete_expired", ended_at=clock.now())
        invoice_id = subscription.get("latest_invoice")
        invoice = standin.store.get(invoice_id, "invoice") if invoice_id else None
        if invoice and invoice["status"] == "open":
            invoice["status"] = "void"
        standin.emit("customer.subscription.updated", subscription, previous)
        return subscription


def subscriptions_of(standin: Standin, customer_id: str) -> list[dict[str, Any]]:
    with standin.lock:
        return [
            subscription
            for subscription in standin.store.all_of("subscription")
            if subscription["customer"] == customer_id
        ]
