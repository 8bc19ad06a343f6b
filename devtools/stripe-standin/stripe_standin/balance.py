"""Balance transactions and payouts: what each charge, refund and dispute does to the balance, and the daily payout.

Stripe's fees differ per contract; the stand-in charges a fixed, simple table (cents) so tests can check sums:

| payment method | fee |
| --- | --- |
| iDEAL | 29 |
| Bancontact | 35 |
| SEPA Direct Debit | 35 |
| card | 1.5 % of the amount (rounded half up) + 25 |
| dispute | 1500 (its own fee on the dispute's adjustment) |

Funds are available at once (``available_on`` = ``created``): a payout run takes every balance transaction
that no payout holds yet, as Stripe's automatic daily payout does.
"""

from __future__ import annotations

from typing import Any

from stripe_standin import clock, objects
from stripe_standin.core import Standin
from stripe_standin.errors import StripeError
from stripe_standin.ids import new_id

FIXED_FEES = {"ideal": 29, "bancontact": 35, "sepa_debit": 35}
CARD_PERCENT_TENTHS = 15  # 1.5 %
CARD_FIXED_FEE = 25
DISPUTE_FEE = 1500


def charge_fee(amount: int, payment_method_type: str) -> int:
    if payment_method_type in FIXED_FEES:
        return FIXED_FEES[payment_method_type]
    return (amount * CARD_PERCENT_TENTHS + 500) // 1000 + CARD_FIXED_FEE


def _stripe_fee(amount: int, description: str) -> list[dict[str, Any]]:
    if not amount:
        return []
    return [
        {"amount": amount, "application": None, "currency": "eur", "description": description, "type": "stripe_fee"}
    ]


def _add_transaction(
    standin: Standin,
    *,
    amount: int,
    fee: int,
    fee_description: str,
    currency: str,
    source: str,
    transaction_type: str,
    reporting_category: str,
    description: str | None,
) -> dict[str, Any]:
    created = clock.now()
    transaction = objects.balance_transaction(
        transaction_id=new_id("txn"),
        created=created,
        available_on=created,
        amount=amount,
        fee=fee,
        fee_details=_stripe_fee(fee, fee_description),
        currency=currency,
        source=source,
        transaction_type=transaction_type,
        reporting_category=reporting_category,
        description=description,
    )
    # Which payout took it, if any: Stripe does not show that on the object, only through `?payout=`.
    standin.store.add(transaction, payout=None)
    return transaction


def record_charge(standin: Standin, charge: dict[str, Any]) -> str:
    """The balance transaction of a succeeded charge; returns its id."""
    with standin.lock:
        method = charge["payment_method_details"]["type"]
        return _add_transaction(
            standin,
            amount=charge["amount"],
            fee=charge_fee(charge["amount"], method),
            fee_description="Stripe processing fees",
            currency=charge["currency"],
            source=charge["id"],
            transaction_type="charge",
            reporting_category="charge",
            description=charge["description"],
        )["id"]


def record_refund(standin: Standin, refund: dict[str, Any]) -> str:
    """A refund takes its amount off the balance; Stripe keeps the charge's fee."""
    with standin.lock:
        return _add_transaction(
            standin,
            amount=-refund["amount"],
            fee=0,
            fee_description="",
            currency=refund["currency"],
            source=refund["id"],
            transaction_type="refund",
            reporting_category="refund",
            description="REFUND FOR CHARGE",
        )["id"]


def record_dispute(standin: Standin, dispute: dict[str, Any]) -> dict[str, Any]:
    """A dispute withdraws the disputed amount plus the dispute fee, as one adjustment."""
    with standin.lock:
        return _add_transaction(
            standin,
            amount=-dispute["amount"],
            fee=DISPUTE_FEE,
            fee_description="Dispute fee",
            currency=dispute["currency"],
            source=dispute["id"],
            transaction_type="adjustment",
            reporting_category="dispute",
            description=f"Chargeback withdrawal for {dispute['charge']}",
        )


def transactions_of_payout(standin: Standin, payout_id: str) -> list[dict[str, Any]]:
    """What ``GET /v1/balance_transactions?payout=`` lists, the payout's own transaction included, as Stripe does."""
    with standin.lock:
        return [
            transaction
            for transaction in standin.store.all_of("balance_transaction")
            if standin.store.private_of(transaction["id"]).get("payout") == payout_id
            and transaction["id"] not in standin.store.private_of(payout_id).get("unlisted", ())
        ]


def run_payout(standin: Standin, *, unlisted: list[str] | None = None) -> dict[str, Any]:
    """Pay every available, not yet paid-out balance transaction to the bank as one payout, as Stripe does daily.

    ``unlisted`` names transactions that count in the payout's amount but that its listing leaves out: a payout
    the site cannot account for in full, as when Stripe pays out something the site never heard of.
    """
    with standin.lock:
        now = clock.now()
        store = standin.store
        pending = [
            transaction
            for transaction in store.all_of("balance_transaction")
            if transaction["type"] != "payout"
            and transaction["available_on"] <= now
            and store.private_of(transaction["id"]).get("payout") is None
        ]
        if not pending:
            raise StripeError("There is nothing to pay out: no available balance transaction is left.")
        amount = sum(transaction["net"] for transaction in pending)
        if amount <= 0:
            raise StripeError(
                f"The available balance ({amount} cents) is too low for a payout.", code="balance_insufficient"
            )
        payout_id = new_id("po")
        payout_transaction = _add_transaction(
            standin,
            amount=-amount,
            fee=0,
            fee_description="",
            currency=pending[0]["currency"],
            source=payout_id,
            transaction_type="payout",
            reporting_category="payout",
            description="STRIPE PAYOUT",
        )
        payout = objects.payout(
            payout_id=payout_id,
            created=now,
            arrival_date=now,
            amount=amount,
            currency=pending[0]["currency"],
            balance_transaction_id=payout_transaction["id"],
        )
        store.add(payout, unlisted=list(unlisted or []))
        for transaction in [*pending, payout_transaction]:
            store.private_of(transaction["id"])["payout"] = payout_id
        # As at Stripe, the payout is paid before its transactions can be listed: reconciliation completes after.
        standin.emit("payout.created", payout)
        payout["status"] = "paid"
        standin.emit("payout.paid", payout, {"status": "in_transit"})
        payout["reconciliation_status"] = "completed"
        standin.emit("payout.reconciliation_completed", payout, {"reconciliation_status": "in_progress"})
        return payout
