"""Customers: POST/GET/DELETE /v1/customers and the ones Checkout creates."""

from __future__ import annotations

import copy
import secrets
from typing import Any

from stripe_standin import clock, objects
from stripe_standin.core import Standin, changed_attributes
from stripe_standin.errors import resource_missing
from stripe_standin.ids import new_id
from stripe_standin.params import as_dict, as_list, as_metadata, as_str, merge_metadata, reject_unknown

CREATE_PARAMS = (
    "address balance business_name cash_balance description email expand individual_name invoice_prefix "
    "invoice_settings metadata name next_invoice_sequence payment_method phone preferred_locales shipping "
    "source tax tax_exempt tax_id_data test_clock validate"
).split()
UPDATE_PARAMS = (
    "address balance business_name cash_balance default_source description email expand individual_name "
    "invoice_prefix invoice_settings metadata name next_invoice_sequence phone preferred_locales shipping "
    "source tax tax_exempt validate"
).split()


def new_customer(
    standin: Standin,
    *,
    email: str | None,
    name: str | None,
    metadata: dict[str, str] | None = None,
    description: str | None = None,
    phone: str | None = None,
    preferred_locales: list[str] | None = None,
) -> dict[str, Any]:
    customer = objects.customer(
        customer_id=new_id("cus", 14),
        created=clock.now(),
        email=email,
        name=name,
        metadata=metadata or {},
        invoice_prefix=secrets.token_hex(4).upper(),
        description=description,
        phone=phone,
        preferred_locales=preferred_locales,
    )
    with standin.lock:
        standin.store.add(customer)
        standin.emit("customer.created", customer)
    return customer


def create_customer(standin: Standin, params: dict[str, Any]) -> dict[str, Any]:
    reject_unknown(params, CREATE_PARAMS)
    metadata = as_metadata(params.get("metadata")) or {}
    return new_customer(
        standin,
        email=as_str(params.get("email"), "email", max_length=512),
        name=as_str(params.get("name"), "name", max_length=256),
        metadata={key: value for key, value in metadata.items() if value},
        description=as_str(params.get("description"), "description"),
        phone=as_str(params.get("phone"), "phone"),
        preferred_locales=[str(v) for v in as_list(params.get("preferred_locales"), "preferred_locales")],
    )


def update_customer(standin: Standin, customer_id: str, params: dict[str, Any]) -> dict[str, Any]:
    reject_unknown(params, UPDATE_PARAMS)
    with standin.lock:
        customer = standin.store.require(customer_id, "customer", "customer")
        before = copy.deepcopy(customer)
        for field in ("email", "name", "description", "phone"):
            if field in params:
                customer[field] = as_str(params[field], field)
        if "preferred_locales" in params:
            customer["preferred_locales"] = as_list(params["preferred_locales"], "preferred_locales")
        if "metadata" in params:
            customer["metadata"] = merge_metadata(customer["metadata"], as_metadata(params["metadata"]))
        if "invoice_settings" in params:
            settings = as_dict(params["invoice_settings"], "invoice_settings")
            if "default_payment_method" in settings:
                customer["invoice_settings"]["default_payment_method"] = settings["default_payment_method"]
        changed = changed_attributes(before, customer)
        if changed:
            standin.emit("customer.updated", customer, changed)
        return customer


def get_customer(standin: Standin, customer_id: str) -> dict[str, Any]:
    """The customer, or for a deleted one what Stripe still answers: its id and ``deleted: true``."""
    with standin.lock:
        customer = standin.store.get(customer_id, "customer")
        if customer is None and standin.store.private.get(customer_id, {}).get("deleted"):
            return deleted_customer(customer_id)
    if customer is None:
        raise resource_missing("customer", customer_id)
    return customer


def delete_customer(standin: Standin, customer_id: str, params: dict[str, Any]) -> dict[str, Any]:
    """Like Stripe: the customer is gone for good (updating it, paying as it or deleting it again is ``No such
    customer``), its running subscriptions end at once, and ``customer.deleted`` carries it as it was."""
    from stripe_standin import subscriptions  # subscriptions number their invoices through this module

    reject_unknown(params, ())
    with standin.lock:
        customer = standin.store.require(customer_id, "customer", "customer")
        for subscription in standin.store.all_of("subscription"):
            if subscription["customer"] == customer_id and subscription["status"] not in subscriptions.ENDED_STATUSES:
                subscriptions.cancel_subscription(standin, subscription["id"], {})
        del standin.store.objects[customer_id]
        standin.store.private_of(customer_id)["deleted"] = True
        standin.emit("customer.deleted", customer)
    return deleted_customer(customer_id)


def deleted_customer(customer_id: str) -> dict[str, Any]:
    return {"id": customer_id, "object": "customer", "deleted": True}


def next_invoice_number(customer: dict[str, Any]) -> str:
    """Stripe numbers invoices per customer: ``<invoice_prefix>-0001``, ``-0002``, ..."""
    sequence = customer["next_invoice_sequence"]
    customer["next_invoice_sequence"] = sequence + 1
    return f"{customer['invoice_prefix']}-{sequence:04d}"
