"""Payment intents, charges, refunds and disputes.

A payment attempt ends one of three ways: it succeeds at once, it fails, or
(for SEPA Direct Debit) it is ``processing`` until it is settled later.
"""

from __future__ import annotations

import copy
from typing import Any, Literal

from stripe_standin import balance, clock, objects
from stripe_standin.core import Standin, changed_attributes
from stripe_standin.errors import StripeError, invalid_param
from stripe_standin.formatting import format_amount
from stripe_standin.ids import new_id
from stripe_standin.params import (
    as_int,
    as_metadata,
    as_str,
    reject_unknown,
    require_one_of,
)
from stripe_standin.payment_methods import PaymentDetails

AttemptOutcome = Literal["succeeded", "failed", "processing"]

REFUND_PARAMS = (
    "amount charge currency customer expand instructions_email metadata origin payment_intent reason "
    "refund_application_fee reverse_transfer"
).split()
REFUND_REASONS = ("duplicate", "fraudulent", "requested_by_customer")
DISPUTE_REASONS = (
    "bank_cannot_process check_returned credit_not_processed customer_initiated debit_not_authorized "
    "duplicate fraudulent general incorrect_account_details insufficient_funds product_not_received "
    "product_unacceptable subscription_canceled unrecognized"
).split()

_FAILURES = {
    "card": ("card_declined", "Your card was declined."),
    "sepa_debit": (
        "insufficient_funds",
        "The customer's account has insufficient funds to cover this payment.",
    ),
}
_DEFAULT_FAILURE = ("payment_intent_payment_attempt_failed", "The payment failed.")


def create_payment_intent(
    standin: Standin,
    *,
    amount: int,
    currency: str,
    customer_id: str | None,
    description: str | None,
    metadata: dict[str, str],
    payment_method_types: list[str],
    receipt_email: str | None = None,
    created: int | None = None,
) -> dict[str, Any]:
    payment_intent = objects.payment_intent(
        payment_intent_id=new_id("pi"),
        created=created or clock.now(),
        amount=amount,
        currency=currency,
        customer_id=customer_id,
        description=description,
        metadata=metadata,
        payment_method_types=payment_method_types,
        receipt_email=receipt_email,
    )
    with standin.lock:
        standin.store.add(payment_intent)
        standin.emit("payment_intent.created", payment_intent)
    return payment_intent


def attempt_payment(
    standin: Standin,
    payment_intent: dict[str, Any],
    details: PaymentDetails,
    outcome: AttemptOutcome,
    at: int | None = None,
) -> dict[str, Any]:
    """Charge ``payment_intent`` with the donor's payment method; returns the charge."""
    at = at or clock.now()
    with standin.lock:
        charge_id = new_id("ch")
        mandate_id = new_id("mandate") if details.method == "sepa_debit" else None
        charge = objects.charge(
            charge_id=charge_id,
            created=at,
            amount=payment_intent["amount"],
            currency=payment_intent["currency"],
            customer_id=payment_intent["customer"],
            payment_intent_id=payment_intent["id"],
            payment_method_id=new_id("pm"),
            payment_method_details=details.charge_details(mandate_id),
            billing_email=details.email,
            billing_name=details.name,
            description=payment_intent["description"],
            # Charges made by a payment intent start with its metadata.
            metadata=dict(payment_intent["metadata"]),
            receipt_url=None,
            status="pending" if outcome == "processing" else outcome,
        )
        standin.store.add(charge)
        payment_intent["latest_charge"] = charge_id
        payment_intent["payment_method"] = charge["payment_method"]
        payment_intent["payment_method_types"] = [details.method]
        if outcome == "processing":
            payment_intent["status"] = "processing"
            payment_intent["processing"] = {"type": details.method}
            standin.emit("charge.pending", charge)
            standin.emit("payment_intent.processing", payment_intent)
        elif outcome == "succeeded":
            _mark_succeeded(standin, payment_intent, charge)
        else:
            _mark_failed(standin, payment_intent, charge)
        return charge


def settle_charge(standin: Standin, charge: dict[str, Any], succeeded: bool) -> None:
    """Finish a ``pending`` (SEPA) charge and its payment intent."""
    with standin.lock:
        if charge["status"] != "pending":
            raise StripeError(f"Charge {charge['id']} is not pending; its status is {charge['status']}.")
        payment_intent = standin.store.require(charge["payment_intent"], "payment_intent", "payment_intent")
        payment_intent["processing"] = None
        if succeeded:
            _mark_succeeded(standin, payment_intent, charge)
        else:
            _mark_failed(standin, payment_intent, charge)


def _mark_succeeded(standin: Standin, payment_intent: dict[str, Any], charge: dict[str, Any]) -> None:
    charge.update(
        status="succeeded",
        paid=True,
        captured=True,
        amount_captured=charge["amount"],
        balance_transaction=balance.record_charge(standin, charge),
        outcome=objects.charge_outcome(True, charge["payment_method_details"]["type"]),
    )
    payment_intent.update(status="succeeded", amount_received=payment_intent["amount"])
    standin.emit("charge.succeeded", charge)
    standin.emit("payment_intent.succeeded", payment_intent)


def _mark_failed(standin: Standin, payment_intent: dict[str, Any], charge: dict[str, Any]) -> None:
    method_type = charge["payment_method_details"]["type"]
    code, message = _FAILURES.get(method_type, _DEFAULT_FAILURE)
    charge.update(
        status="failed",
        paid=False,
        captured=False,
        failure_code=code,
        failure_message=message,
        outcome=objects.charge_outcome(False, method_type),
    )
    payment_intent.update(
        status="requires_payment_method",
        payment_method=None,
        last_payment_error=objects.payment_error(
            code=code, message=message, charge_id=charge["id"], payment_method_type=method_type
        ),
    )
    standin.emit("charge.failed", charge)
    standin.emit("payment_intent.payment_failed", payment_intent)


def failure_text(payment_method_type: str) -> str:
    """The message a failed payment with this payment method shows."""
    return _FAILURES.get(payment_method_type, _DEFAULT_FAILURE)[1]


def create_refund(standin: Standin, params: dict[str, Any]) -> dict[str, Any]:
    reject_unknown(params, REFUND_PARAMS)
    require_one_of(params, ["charge", "payment_intent"])
    amount = as_int(params.get("amount"), "amount", minimum=1)
    reason = as_str(params.get("reason"), "reason", choices=REFUND_REASONS)
    metadata = as_metadata(params.get("metadata")) or {}
    with standin.lock:
        charge = _refundable_charge(standin, params)
        remaining = charge["amount"] - charge["amount_refunded"]
        if charge["refunded"] or remaining <= 0:
            raise StripeError(f"Charge {charge['id']} has already been refunded.", code="charge_already_refunded")
        if amount is None:
            amount = remaining
        if amount > remaining:
            raise invalid_param(
                "amount",
                f"Refund amount ({format_amount(amount, charge['currency'])}) is greater than unrefunded "
                f"amount on charge ({format_amount(remaining, charge['currency'])})",
                code="amount_too_large",
            )
        refund = objects.refund(
            refund_id=new_id("re"),
            created=clock.now(),
            amount=amount,
            charge_object=charge,
            metadata={key: value for key, value in metadata.items() if value},
            reason=reason,
        )
        refund["balance_transaction"] = balance.record_refund(standin, refund)
        standin.store.add(refund)
        before = copy.deepcopy(charge)
        charge["amount_refunded"] += amount
        charge["refunded"] = charge["amount_refunded"] >= charge["amount"]
        charge["refunds"]["data"].insert(0, refund)
        standin.emit("refund.created", refund)
        standin.emit("charge.refunded", charge, changed_attributes(before, charge))
        return refund


def _refundable_charge(standin: Standin, params: dict[str, Any]) -> dict[str, Any]:
    if params.get("charge"):
        charge = standin.store.require(params["charge"], "charge", "charge", param="charge")
    else:
        payment_intent = standin.store.require(
            params["payment_intent"], "payment_intent", "payment_intent", param="payment_intent"
        )
        if payment_intent["status"] != "succeeded" or not payment_intent["latest_charge"]:
            raise StripeError(
                f"This PaymentIntent ({payment_intent['id']}) does not have a successful charge to refund.",
                param="payment_intent",
                code="charge_not_refundable",
            )
        charge = standin.store.require(payment_intent["latest_charge"], "charge", "charge")
    if charge["disputed"]:
        raise StripeError(
            f"Charge {charge['id']} has been charged back; cannot issue a refund.", code="charge_disputed"
        )
    if charge["status"] != "succeeded":
        raise StripeError(
            f"Charge {charge['id']} cannot be refunded because its status is {charge['status']}.",
            code="charge_not_refundable",
        )
    return charge


def open_dispute(
    standin: Standin, charge_id: str, *, reason: str = "fraudulent", amount: int | None = None
) -> dict[str, Any]:
    if reason not in DISPUTE_REASONS:
        raise invalid_param("reason", f"Invalid reason: must be one of {', '.join(DISPUTE_REASONS)}")
    with standin.lock:
        charge = standin.store.require(charge_id, "charge", "charge")
        if charge["status"] != "succeeded":
            raise StripeError(f"Only a succeeded charge can be disputed; {charge_id} is {charge['status']}.")
        if charge["disputed"]:
            raise StripeError(f"Charge {charge_id} is already disputed.")
        dispute = objects.dispute(
            dispute_id=new_id("dp"),
            created=clock.now(),
            charge_object=charge,
            amount=amount or charge["amount"] - charge["amount_refunded"],
            reason=reason,
        )
        dispute["balance_transactions"].append(balance.record_dispute(standin, dispute))
        standin.store.add(dispute)
        before = copy.deepcopy(charge)
        charge["disputed"] = True
        standin.emit("charge.dispute.created", dispute)
        standin.emit("charge.updated", charge, changed_attributes(before, charge))
        return dispute


def close_dispute(standin: Standin, dispute_id: str, status: str) -> dict[str, Any]:
    if status not in ("won", "lost"):
        raise invalid_param("status", "Invalid status: must be one of won or lost")
    with standin.lock:
        dispute = standin.store.require(dispute_id, "dispute", "dispute")
        if dispute["status"] in ("won", "lost"):
            raise StripeError(f"Dispute {dispute_id} is already closed ({dispute['status']}).")
        before = copy.deepcopy(dispute)
        dispute["status"] = status
        standin.emit("charge.dispute.closed", dispute, changed_attributes(before, dispute))
        return dispute
