"""Builders for Stripe-shaped objects.

Field names and nesting follow Stripe's own example objects (the
``fixtures3.json`` that comes with stripe-mock) for the API version below.
Each builder returns a plain dict that is stored as is and sent as JSON.
"""

from __future__ import annotations

from typing import Any

# The API version the official client (stripe-python 16.1) pins; events carry it.
API_VERSION = "2026-10-28.endive"

_EMPTY_ADDRESS = {
    "city": None,
    "country": None,
    "line1": None,
    "line2": None,
    "postal_code": None,
    "state": None,
}


def empty_address() -> dict[str, Any]:
    return dict(_EMPTY_ADDRESS)


def list_object(data: list[dict[str, Any]], url: str, has_more: bool = False) -> dict[str, Any]:
    return {"object": "list", "data": data, "has_more": has_more, "url": url}


def customer(
    *,
    customer_id: str,
    created: int,
    email: str | None,
    name: str | None,
    metadata: dict[str, str],
    invoice_prefix: str,
    description: str | None = None,
    phone: str | None = None,
    preferred_locales: list[str] | None = None,
) -> dict[str, Any]:
    return {
        "id": customer_id,
        "object": "customer",
        "address": None,
        "balance": 0,
        "business_name": None,
        "created": created,
        "currency": None,
        "customer_account": None,
        "default_source": None,
        "delinquent": False,
        "description": description,
        "discount": None,
        "email": email,
        "individual_name": None,
        "invoice_prefix": invoice_prefix,
        "invoice_settings": {
            "custom_fields": None,
            "default_payment_method": None,
            "footer": None,
            "rendering_options": None,
        },
        "livemode": False,
        "metadata": metadata,
        "name": name,
        "next_invoice_sequence": 1,
        "phone": phone,
        "preferred_locales": preferred_locales or [],
        "shipping": None,
        "tax_exempt": "none",
        "test_clock": None,
    }


def product(
    *, product_id: str, created: int, name: str, description: str | None, metadata: dict[str, str]
) -> dict[str, Any]:
    return {
        "id": product_id,
        "object": "product",
        "active": True,
        "created": created,
        "default_price": None,
        "description": description,
        "images": [],
        "livemode": False,
        "marketing_features": [],
        "metadata": metadata,
        "name": name,
        "package_dimensions": None,
        "shippable": None,
        "statement_descriptor": None,
        "tax_code": None,
        "type": "service",
        "unit_label": None,
        "updated": created,
        "url": None,
    }


def price(
    *,
    price_id: str,
    created: int,
    product_id: str,
    currency: str,
    unit_amount: int,
    interval: str | None,
    interval_count: int = 1,
) -> dict[str, Any]:
    recurring = (
        {
            "interval": interval,
            "interval_count": interval_count,
            "meter": None,
            "trial_period_days": None,
            "usage_type": "licensed",
        }
        if interval
        else None
    )
    return {
        "id": price_id,
        "object": "price",
        "active": False,  # inline prices made from price_data are never listed as active
        "billing_scheme": "per_unit",
        "created": created,
        "currency": currency,
        "custom_unit_amount": None,
        "livemode": False,
        "lookup_key": None,
        "metadata": {},
        "nickname": None,
        "product": product_id,
        "recurring": recurring,
        "tax_behavior": "unspecified",
        "tiers_mode": None,
        "transform_quantity": None,
        "type": "recurring" if interval else "one_time",
        "unit_amount": unit_amount,
        "unit_amount_decimal": str(unit_amount),
    }


def plan_from_price(price_object: dict[str, Any]) -> dict[str, Any]:
    """The legacy ``plan`` hash Stripe still puts next to ``price`` on subscription items."""
    recurring = price_object["recurring"] or {}
    return {
        "id": price_object["id"],
        "object": "plan",
        "active": price_object["active"],
        "amount": price_object["unit_amount"],
        "amount_decimal": price_object["unit_amount_decimal"],
        "billing_scheme": "per_unit",
        "created": price_object["created"],
        "currency": price_object["currency"],
        "interval": recurring.get("interval"),
        "interval_count": recurring.get("interval_count"),
        "livemode": False,
        "metadata": {},
        "meter": None,
        "nickname": None,
        "product": price_object["product"],
        "tiers_mode": None,
        "transform_usage": None,
        "trial_period_days": None,
        "usage_type": "licensed",
    }


def checkout_line_item(
    *, item_id: str, description: str, price_object: dict[str, Any], quantity: int
) -> dict[str, Any]:
    amount = price_object["unit_amount"] * quantity
    return {
        "id": item_id,
        "object": "item",
        "adjustable_quantity": None,
        "amount_discount": 0,
        "amount_subtotal": amount,
        "amount_tax": 0,
        "amount_total": amount,
        "currency": price_object["currency"],
        "description": description,
        "metadata": {},
        "price": price_object,
        "quantity": quantity,
    }


def checkout_session(
    *,
    session_id: str,
    created: int,
    expires_at: int,
    url: str,
    mode: str,
    currency: str,
    amount_total: int,
    payment_method_types: list[str],
    allowed_payment_method_types: list[str] | None,
    excluded_payment_method_types: list[str] | None,
    success_url: str,
    cancel_url: str | None,
    customer_id: str | None,
    customer_email: str | None,
    customer_creation: str | None,
    client_reference_id: str | None,
    locale: str | None,
    metadata: dict[str, str],
    submit_type: str | None,
) -> dict[str, Any]:
    return {
        "id": session_id,
        "object": "checkout.session",
        "adaptive_pricing": {"enabled": False},
        "after_expiration": None,
        "allow_promotion_codes": None,
        "allowed_payment_method_types": allowed_payment_method_types,
        "amount_subtotal": amount_total,
        "amount_total": amount_total,
        "automatic_tax": {"enabled": False, "liability": None, "provider": None, "status": None},
        "billing_address_collection": None,
        "cancel_url": cancel_url,
        "client_reference_id": client_reference_id,
        "client_secret": None,
        "collected_information": None,
        "consent": None,
        "consent_collection": None,
        "created": created,
        "currency": currency,
        "currency_conversion": None,
        "custom_fields": [],
        "custom_text": {
            "after_submit": None,
            "shipping_address": None,
            "submit": None,
            "terms_of_service_acceptance": None,
        },
        "customer": customer_id,
        "customer_account": None,
        "customer_creation": customer_creation,
        "customer_details": None,
        "customer_email": customer_email,
        "discounts": [],
        "excluded_payment_method_types": excluded_payment_method_types,
        "expires_at": expires_at,
        "integration_identifier": None,
        "invoice": None,
        "invoice_creation": ({"enabled": False, "invoice_data": None} if mode == "payment" else None),
        "livemode": False,
        "locale": locale,
        "metadata": metadata,
        "mode": mode,
        "origin_context": None,
        "payment_intent": None,
        "payment_link": None,
        "payment_method_collection": "always" if mode == "subscription" else None,
        "payment_method_configuration_details": None,
        "payment_method_options": {},
        "payment_method_types": payment_method_types,
        "payment_status": "unpaid",
        "permissions": None,
        "phone_number_collection": {"enabled": False},
        "recovered_from": None,
        "saved_payment_method_options": None,
        "setup_intent": None,
        "shipping_address_collection": None,
        "shipping_cost": None,
        "shipping_options": [],
        "status": "open",
        "submit_type": submit_type,
        "subscription": None,
        "success_url": success_url,
        "total_details": {"amount_discount": 0, "amount_shipping": 0, "amount_tax": 0},
        "ui_mode": "hosted",
        "url": url,
        "wallet_options": None,
    }


def customer_details(email: str | None, name: str | None) -> dict[str, Any]:
    return {
        "address": None,
        "business_name": None,
        "email": email,
        "individual_name": None,
        "name": name,
        "phone": None,
        "tax_exempt": "none",
        "tax_ids": [],
    }


def payment_intent(
    *,
    payment_intent_id: str,
    created: int,
    amount: int,
    currency: str,
    customer_id: str | None,
    description: str | None,
    metadata: dict[str, str],
    payment_method_types: list[str],
    receipt_email: str | None,
) -> dict[str, Any]:
    return {
        "id": payment_intent_id,
        "object": "payment_intent",
        "amount": amount,
        "amount_capturable": 0,
        "amount_details": {"tip": {}},
        "amount_received": 0,
        "application": None,
        "application_fee_amount": None,
        "automatic_payment_methods": None,
        "canceled_at": None,
        "cancellation_reason": None,
        "capture_method": "automatic",
        "client_secret": f"{payment_intent_id}_secret_standin",
        "confirmation_method": "automatic",
        "created": created,
        "currency": currency,
        "customer": customer_id,
        "customer_account": None,
        "description": description,
        "excluded_payment_method_types": None,
        "last_payment_error": None,
        "latest_charge": None,
        "livemode": False,
        "metadata": metadata,
        "next_action": None,
        "on_behalf_of": None,
        "payment_method": None,
        "payment_method_configuration_details": None,
        "payment_method_options": {},
        "payment_method_types": payment_method_types,
        "processing": None,
        "receipt_email": receipt_email,
        "review": None,
        "setup_future_usage": None,
        "shipping": None,
        "source": None,
        "statement_descriptor": None,
        "statement_descriptor_suffix": None,
        "status": "requires_payment_method",
        "transfer_data": None,
        "transfer_group": None,
    }


def payment_error(*, code: str, message: str, charge_id: str | None, payment_method_type: str) -> dict:
    """The ``last_payment_error`` hash of a payment intent whose attempt failed."""
    return {
        "type": "card_error" if payment_method_type == "card" else "invalid_request_error",
        "charge": charge_id,
        "code": code,
        "decline_code": "generic_decline" if payment_method_type == "card" else None,
        "doc_url": None,
        "message": message,
        "param": None,
        "payment_method": None,
    }


def charge(
    *,
    charge_id: str,
    created: int,
    amount: int,
    currency: str,
    customer_id: str | None,
    payment_intent_id: str,
    payment_method_id: str,
    payment_method_details: dict[str, Any],
    billing_email: str | None,
    billing_name: str | None,
    description: str | None,
    metadata: dict[str, str],
    receipt_url: str | None,
    status: str,
) -> dict[str, Any]:
    paid = status == "succeeded"
    return {
        "id": charge_id,
        "object": "charge",
        "amount": amount,
        "amount_captured": amount if paid else 0,
        "amount_refunded": 0,
        "application": None,
        "application_fee": None,
        "application_fee_amount": None,
        "balance_transaction": None,
        "billing_details": {
            "address": empty_address(),
            "email": billing_email,
            "name": billing_name,
            "phone": None,
            "tax_id": None,
        },
        "calculated_statement_descriptor": None,
        "captured": paid,
        "created": created,
        "currency": currency,
        "customer": customer_id,
        "description": description,
        "disputed": False,
        "failure_balance_transaction": None,
        "failure_code": None,
        "failure_message": None,
        "fraud_details": {},
        "livemode": False,
        "metadata": metadata,
        "on_behalf_of": None,
        "outcome": None,
        "paid": paid,
        "payment_intent": payment_intent_id,
        "payment_method": payment_method_id,
        "payment_method_details": payment_method_details,
        "receipt_email": billing_email,
        "receipt_number": None,
        "receipt_url": receipt_url,
        "refunded": False,
        "refunds": list_object([], f"/v1/charges/{charge_id}/refunds"),
        "review": None,
        "shipping": None,
        "source_transfer": None,
        "statement_descriptor": None,
        "statement_descriptor_suffix": None,
        "status": status,
        "transfer_data": None,
        "transfer_group": None,
    }


def charge_outcome(succeeded: bool, payment_method_type: str) -> dict[str, Any]:
    if succeeded:
        return {
            "advice_code": None,
            "network_advice_code": None,
            "network_decline_code": None,
            "network_status": "approved_by_network",
            "reason": None,
            "risk_level": "normal",
            "seller_message": "Payment complete.",
            "type": "authorized",
        }
    return {
        "advice_code": None,
        "network_advice_code": None,
        "network_decline_code": None,
        "network_status": "declined_by_network",
        "reason": "generic_decline" if payment_method_type == "card" else None,
        "risk_level": "normal",
        "seller_message": "The bank did not return any further details with this decline.",
        "type": "issuer_declined",
    }


def refund(
    *,
    refund_id: str,
    created: int,
    amount: int,
    charge_object: dict[str, Any],
    metadata: dict[str, str],
    reason: str | None,
) -> dict[str, Any]:
    method_type = charge_object["payment_method_details"]["type"]
    return {
        "id": refund_id,
        "object": "refund",
        "amount": amount,
        "balance_transaction": None,
        "charge": charge_object["id"],
        "created": created,
        "currency": charge_object["currency"],
        "customer": charge_object["customer"],
        "customer_account": None,
        "destination_details": {"type": method_type, method_type: {}},
        "metadata": metadata,
        "payment_intent": charge_object["payment_intent"],
        "payment_method": charge_object["payment_method"],
        "reason": reason,
        "receipt_number": None,
        "source_transfer_reversal": None,
        "status": "succeeded",
        "transfer_reversal": None,
    }


def dispute(
    *, dispute_id: str, created: int, charge_object: dict[str, Any], amount: int, reason: str
) -> dict[str, Any]:
    method_type = charge_object["payment_method_details"]["type"]
    return {
        "id": dispute_id,
        "object": "dispute",
        "amount": amount,
        "balance_transactions": [],
        "charge": charge_object["id"],
        "created": created,
        "currency": charge_object["currency"],
        "enhanced_eligibility_types": [],
        "evidence": {
            "access_activity_log": None,
            "billing_address": None,
            "cancellation_policy": None,
            "cancellation_policy_disclosure": None,
            "cancellation_rebuttal": None,
            "customer_communication": None,
            "customer_email_address": charge_object["billing_details"]["email"],
            "customer_name": charge_object["billing_details"]["name"],
            "customer_purchase_ip": None,
            "customer_signature": None,
            "duplicate_charge_documentation": None,
            "duplicate_charge_explanation": None,
            "duplicate_charge_id": None,
            "enhanced_evidence": {},
            "product_description": None,
            "receipt": None,
            "refund_policy": None,
            "refund_policy_disclosure": None,
            "refund_refusal_explanation": None,
            "service_date": None,
            "service_documentation": None,
            "shipping_address": None,
            "shipping_carrier": None,
            "shipping_date": None,
            "shipping_documentation": None,
            "shipping_tracking_number": None,
            "uncategorized_file": None,
            "uncategorized_text": None,
        },
        "evidence_details": {
            "due_by": created + 14 * 24 * 3600,
            "enhanced_eligibility": {},
            "has_evidence": False,
            "past_due": False,
            "submission_count": 0,
        },
        "is_charge_refundable": False,
        "livemode": False,
        "metadata": {},
        "payment_intent": charge_object["payment_intent"],
        "payment_method_details": {"type": method_type, method_type: {}},
        "reason": reason,
        "status": "needs_response",
    }


def subscription_item(
    *,
    item_id: str,
    created: int,
    subscription_id: str,
    price_object: dict[str, Any],
    quantity: int,
    current_period_start: int,
    current_period_end: int,
) -> dict[str, Any]:
    return {
        "id": item_id,
        "object": "subscription_item",
        "billing_thresholds": None,
        "created": created,
        "current_period_end": current_period_end,
        "current_period_start": current_period_start,
        "discounts": [],
        "metadata": {},
        "plan": plan_from_price(price_object),
        "price": price_object,
        "quantity": quantity,
        "subscription": subscription_id,
        "tax_rates": [],
    }


def subscription(
    *,
    subscription_id: str,
    created: int,
    customer_id: str,
    currency: str,
    items: list[dict[str, Any]],
    metadata: dict[str, str],
    description: str | None,
    default_payment_method: str | None,
    status: str,
) -> dict[str, Any]:
    first_item = items[0]
    return {
        "id": subscription_id,
        "object": "subscription",
        "application": None,
        "application_fee_percent": None,
        "automatic_tax": {"disabled_reason": None, "enabled": False, "liability": None},
        "billing_cycle_anchor": first_item["current_period_start"],
        "billing_cycle_anchor_config": None,
        "billing_mode": {"type": "classic"},
        "billing_thresholds": None,
        "cancel_at": None,
        "cancel_at_period_end": False,
        "canceled_at": None,
        "cancellation_details": {"comment": None, "feedback": None, "reason": None},
        "collection_method": "charge_automatically",
        "created": created,
        "currency": currency,
        # Since API version 2025-03-31 the period lives on each item; kept here
        # too because older integrations read it from the subscription.
        "current_period_end": first_item["current_period_end"],
        "current_period_start": first_item["current_period_start"],
        "customer": customer_id,
        "customer_account": None,
        "days_until_due": None,
        "default_payment_method": default_payment_method,
        "default_source": None,
        "default_tax_rates": [],
        "description": description,
        "discounts": [],
        "ended_at": None,
        "invoice_settings": {"account_tax_ids": None, "issuer": {"type": "self"}},
        "items": list_object(items, f"/v1/subscription_items?subscription={subscription_id}"),
        "latest_invoice": None,
        "livemode": False,
        "metadata": metadata,
        "next_pending_invoice_item_invoice": None,
        "on_behalf_of": None,
        "pause_collection": None,
        "payment_settings": {
            "payment_method_options": None,
            "payment_method_types": None,
            "save_default_payment_method": "off",
        },
        "pending_invoice_item_interval": None,
        "pending_setup_intent": None,
        "pending_update": None,
        "schedule": None,
        "start_date": created,
        "status": status,
        "test_clock": None,
        "transfer_data": None,
        "trial_end": None,
        "trial_settings": {"end_behavior": {"missing_payment_method": "create_invoice"}},
        "trial_start": None,
    }


def invoice_line(
    *,
    line_id: str,
    invoice_id: str,
    subscription_id: str,
    item: dict[str, Any],
    description: str,
) -> dict[str, Any]:
    price_object = item["price"]
    amount = price_object["unit_amount"] * item["quantity"]
    return {
        "id": line_id,
        "object": "line_item",
        "amount": amount,
        "currency": price_object["currency"],
        "description": description,
        "discount_amounts": [],
        "discountable": True,
        "discounts": [],
        "invoice": invoice_id,
        "livemode": False,
        "metadata": {},
        "parent": {
            "invoice_item_details": None,
            "subscription_item_details": {
                "invoice_item": None,
                "proration": False,
                "proration_details": {"credited_items": None},
                "subscription": subscription_id,
                "subscription_item": item["id"],
            },
            "type": "subscription_item_details",
        },
        "period": {"end": item["current_period_end"], "start": item["current_period_start"]},
        "pretax_credit_amounts": [],
        "pricing": {
            "price_details": {"price": price_object["id"], "product": price_object["product"]},
            "type": "price_details",
            "unit_amount_decimal": price_object["unit_amount_decimal"],
        },
        "quantity": item["quantity"],
        "subscription": subscription_id,
        "subtotal": amount,
        "taxes": [],
    }


def invoice(
    *,
    invoice_id: str,
    created: int,
    number: str,
    customer_object: dict[str, Any],
    subscription_object: dict[str, Any],
    lines: list[dict[str, Any]],
    billing_reason: str,
    period_start: int,
    period_end: int,
    account_name: str,
) -> dict[str, Any]:
    total = sum(line["amount"] for line in lines)
    subscription_id = subscription_object["id"]
    return {
        "id": invoice_id,
        "object": "invoice",
        "account_country": "NL",
        "account_name": account_name,
        "account_tax_ids": None,
        "amount_due": total,
        "amount_overpaid": 0,
        "amount_paid": 0,
        "amount_remaining": total,
        "amount_shipping": 0,
        "application": None,
        "attempt_count": 0,
        "attempted": False,
        "auto_advance": True,
        "automatic_tax": {
            "disabled_reason": None,
            "enabled": False,
            "liability": None,
            "provider": None,
            "status": None,
        },
        "automatically_finalizes_at": None,
        "billing_reason": billing_reason,
        "collection_method": "charge_automatically",
        "confirmation_secret": None,
        "created": created,
        "currency": subscription_object["currency"],
        "custom_fields": None,
        "customer": customer_object["id"],
        "customer_account": None,
        "customer_address": None,
        "customer_email": customer_object["email"],
        "customer_name": customer_object["name"],
        "customer_phone": None,
        "customer_shipping": None,
        "customer_tax_exempt": "none",
        "customer_tax_ids": [],
        "default_payment_method": None,
        "default_source": None,
        "default_tax_rates": [],
        "description": None,
        "discounts": [],
        "due_date": None,
        "effective_at": created,
        "ending_balance": 0,
        "footer": None,
        "from_invoice": None,
        "hosted_invoice_url": None,
        "invoice_pdf": None,
        "issuer": {"type": "self"},
        "last_finalization_error": None,
        "latest_revision": None,
        "lines": list_object(lines, f"/v1/invoices/{invoice_id}/lines"),
        "livemode": False,
        "metadata": {},
        "next_payment_attempt": None,
        "number": number,
        "on_behalf_of": None,
        # Since API version 2025-03-31 an invoice reaches its subscription (and
        # that subscription's metadata) through parent.subscription_details.
        "parent": {
            "quote_details": None,
            "subscription_details": {
                "metadata": dict(subscription_object["metadata"]),
                "subscription": subscription_id,
            },
            "type": "subscription_details",
        },
        "payment_settings": {
            "default_mandate": None,
            "payment_method_options": None,
            "payment_method_types": None,
        },
        "payments": list_object([], f"/v1/invoice_payments?invoice={invoice_id}"),
        "period_end": period_end,
        "period_start": period_start,
        "post_payment_credit_notes_amount": 0,
        "pre_payment_credit_notes_amount": 0,
        "receipt_number": None,
        "rendering": None,
        "shipping_cost": None,
        "shipping_details": None,
        "starting_balance": 0,
        "statement_descriptor": None,
        "status": "open",
        "status_transitions": {
            "finalized_at": created,
            "marked_uncollectible_at": None,
            "paid_at": None,
            "voided_at": None,
        },
        # Removed from Stripe's API in 2025-03-31; kept so that code reading the
        # old field keeps working. Prefer parent.subscription_details.subscription.
        "subscription": subscription_id,
        "subtotal": total,
        "subtotal_excluding_tax": total,
        "test_clock": None,
        "total": total,
        "total_discount_amounts": [],
        "total_excluding_tax": total,
        "total_pretax_credit_amounts": [],
        "total_taxes": [],
        "webhooks_delivered_at": created,
    }


def invoice_payment(
    *,
    invoice_payment_id: str,
    created: int,
    invoice_id: str,
    payment_intent_id: str,
    amount: int,
    currency: str,
) -> dict[str, Any]:
    return {
        "id": invoice_payment_id,
        "object": "invoice_payment",
        "amount_paid": None,
        "amount_requested": amount,
        "created": created,
        "currency": currency,
        "invoice": invoice_id,
        "is_default": True,
        "livemode": False,
        "payment": {"payment_intent": payment_intent_id, "type": "payment_intent"},
        "status": "open",
        "status_transitions": {"canceled_at": None, "paid_at": None},
    }


def billing_portal_session(
    *, session_id: str, created: int, customer_id: str, return_url: str | None, url: str, locale: str | None
) -> dict[str, Any]:
    return {
        "id": session_id,
        "object": "billing_portal.session",
        "configuration": "bpc_standin_default",
        "created": created,
        "customer": customer_id,
        "customer_account": None,
        "flow": None,
        "livemode": False,
        "locale": locale,
        "on_behalf_of": None,
        "return_url": return_url,
        "url": url,
    }


def event(
    *,
    event_id: str,
    created: int,
    event_type: str,
    data_object: dict[str, Any],
    previous_attributes: dict[str, Any] | None,
    request_id: str | None,
    idempotency_key: str | None,
    pending_webhooks: int,
) -> dict[str, Any]:
    data: dict[str, Any] = {"object": data_object}
    if previous_attributes is not None:
        data["previous_attributes"] = previous_attributes
    return {
        "id": event_id,
        "object": "event",
        "api_version": API_VERSION,
        "created": created,
        "data": data,
        "livemode": False,
        "pending_webhooks": pending_webhooks,
        "request": {"id": request_id, "idempotency_key": idempotency_key},
        "type": event_type,
    }


def balance_transaction(
    *,
    transaction_id: str,
    created: int,
    available_on: int,
    amount: int,
    fee: int,
    fee_details: list[dict[str, Any]],
    currency: str,
    source: str,
    transaction_type: str,
    reporting_category: str,
    description: str | None,
) -> dict[str, Any]:
    return {
        "id": transaction_id,
        "object": "balance_transaction",
        "amount": amount,
        "available_on": available_on,
        "balance_type": "payments",
        "created": created,
        "currency": currency,
        "description": description,
        "exchange_rate": None,
        "fee": fee,
        "fee_details": fee_details,
        "net": amount - fee,
        "reporting_category": reporting_category,
        "source": source,
        "status": "available",
        "type": transaction_type,
    }


def payout(
    *, payout_id: str, created: int, arrival_date: int, amount: int, currency: str, balance_transaction_id: str
) -> dict[str, Any]:
    return {
        "id": payout_id,
        "object": "payout",
        "amount": amount,
        "application_fee": None,
        "application_fee_amount": None,
        "arrival_date": arrival_date,
        "automatic": True,
        "balance_transaction": balance_transaction_id,
        "created": created,
        "currency": currency,
        "description": "STRIPE PAYOUT",
        "destination": "ba_standinbankaccount000000",
        "failure_balance_transaction": None,
        "failure_code": None,
        "failure_message": None,
        "livemode": False,
        "metadata": {},
        "method": "standard",
        "original_payout": None,
        "payout_method": None,
        "reconciliation_status": "in_progress",
        "reversed_by": None,
        "source_type": "card",
        "statement_descriptor": None,
        "status": "in_transit",
        "trace_id": {"status": "pending", "value": None},
        "type": "bank_account",
    }
