"""Storing Stripe's payouts and their balance transactions, each once, and tracing each transaction to its gift."""

import datetime
import uuid

from django.db import transaction
from django.utils import timezone

from donations import stripe_gateway
from donations.models import Donation

from .models import (
    FINAL_PAYOUT_STATUSES,
    RECONCILIATION_IN_PROGRESS,
    BalanceTransaction,
    Payout,
    PayoutStatus,
    TransactionKind,
)

# Stripe's reporting categories (and, for older objects, types) by what they mean for the ledger.
KIND_BY_CATEGORY = {
    "charge": TransactionKind.CHARGE,
    "refund": TransactionKind.REFUND,
    "refund_failure": TransactionKind.REFUND,
    "dispute": TransactionKind.DISPUTE,
    "dispute_reversal": TransactionKind.DISPUTE,
    "payout": TransactionKind.PAYOUT,
}
KIND_BY_TYPE = {
    "charge": TransactionKind.CHARGE,
    "payment": TransactionKind.CHARGE,
    "refund": TransactionKind.REFUND,
    "payment_refund": TransactionKind.REFUND,
    "payout": TransactionKind.PAYOUT,
}


def _moment(timestamp):
    return datetime.datetime.fromtimestamp(int(timestamp), tz=datetime.UTC)


def store_payout(payout_object):
    """The payout's row, created or brought up to date; a failed or canceled payout stays so."""
    fields = {
        "amount_cents": int(payout_object["amount"]),
        "currency": payout_object.get("currency") or "eur",
        "status": payout_object["status"],
        "reconciliation_status": payout_object.get("reconciliation_status") or "",
        "automatic": payout_object.get("automatic") is not False,
        "arrival_date": _moment(payout_object["arrival_date"]),
        "created": _moment(payout_object["created"]),
    }
    if fields["status"] not in PayoutStatus.values:
        raise ValueError(f"unknown payout status {fields['status']!r}")
    payout, created = Payout.objects.get_or_create(stripe_id=payout_object["id"], defaults=fields)
    if created:
        return payout
    payout = Payout.objects.select_for_update().get(pk=payout.pk)
    if payout.status in FINAL_PAYOUT_STATUSES:
        fields.pop("status")
    if payout.reconciliation_status and fields["reconciliation_status"] == RECONCILIATION_IN_PROGRESS:
        fields.pop("reconciliation_status")  # a late copy of an earlier state: reconciliation does not go back
    changed = [name for name, value in fields.items() if getattr(payout, name) != value]
    for name in changed:
        setattr(payout, name, fields[name])
    if changed:
        payout.save(update_fields=changed)
    return payout


def list_transactions(payout_pk):
    """Ask Stripe for every balance transaction the payout holds and store each once; the payout, or None when
    Stripe cannot list them (yet).

    The pages are fetched before the transaction that stores them: no row stays locked while Stripe answers.
    """
    payout = Payout.objects.filter(pk=payout_pk).first()
    if payout is None or not payout.transactions_listable:
        return None
    listed = list(stripe_gateway.payout_balance_transactions(payout.stripe_id))
    with transaction.atomic():
        payout = Payout.objects.select_for_update().get(pk=payout_pk)
        if not payout.transactions_listable:
            return None  # it failed while Stripe was listing
        store_transactions(payout, listed)
        payout.transactions_listed_at = timezone.now()
        payout.save(update_fields=["transactions_listed_at"])
    return payout


def store_transactions(payout, transactions):
    """Each balance transaction of `payout`, stored once; one stored before (a replay) only gains what it lacked.

    Charges first: Stripe lists newest first, and a refund or dispute is traced through its charge's row when the
    ledger does not know the payment yet.
    """
    for transaction_object in sorted(transactions, key=lambda found: _kind(found) != TransactionKind.CHARGE):
        store_transaction(transaction_object, payout)


def store_transaction(transaction_object, payout):
    fields = _transaction_fields(transaction_object)
    with transaction.atomic():
        # get_or_create with the unique stripe_id: a racing delivery that inserted first is found, not duplicated.
        row, created = BalanceTransaction.objects.get_or_create(
            stripe_id=transaction_object["id"],
            defaults={**fields, "payout": payout, "donation": _donation_for(fields, transaction_object)},
        )
        if created:
            return row
        row = BalanceTransaction.objects.select_for_update(of=("self",)).select_related("payout").get(pk=row.pk)
        changed = []
        # A failed payout's money went back to the balance and is paid out again by a later payout.
        if row.payout_id is None or (row.payout_id != payout.pk and row.payout.status in FINAL_PAYOUT_STATUSES):
            row.payout = payout
            changed.append("payout")
        if row.donation_id is None:
            row.donation = _donation_for(fields, transaction_object)
            if row.donation is not None:
                changed.append("donation")
        if changed:
            row.save(update_fields=changed)
        return row


def _kind(transaction_object):
    category = transaction_object.get("reporting_category") or ""
    if category in KIND_BY_CATEGORY:
        return KIND_BY_CATEGORY[category]
    stripe_type = transaction_object.get("type") or ""
    if stripe_type == "adjustment" and str(_source_id(transaction_object)).startswith("dp_"):
        return TransactionKind.DISPUTE
    return KIND_BY_TYPE.get(stripe_type, TransactionKind.OTHER)


def _source_id(transaction_object):
    source = transaction_object.get("source")
    if isinstance(source, dict):
        return source.get("id") or ""
    return source or ""


def _transaction_fields(transaction_object):
    kind = _kind(transaction_object)
    source = transaction_object.get("source")
    source = source if isinstance(source, dict) else {}
    source_id = _source_id(transaction_object)
    if kind == TransactionKind.CHARGE:
        charge_id = source_id
    elif kind in (TransactionKind.REFUND, TransactionKind.DISPUTE):
        charge_id = source.get("charge") or ""
        if isinstance(charge_id, dict):
            charge_id = charge_id.get("id") or ""
    else:
        charge_id = ""
    payment_intent_id = source.get("payment_intent") or ""
    if isinstance(payment_intent_id, dict):
        payment_intent_id = payment_intent_id.get("id") or ""
    amount = int(transaction_object["amount"])
    fee = int(transaction_object.get("fee") or 0)
    return {
        "kind": kind,
        "stripe_type": transaction_object.get("type") or "",
        "reporting_category": transaction_object.get("reporting_category") or "",
        "amount_cents": amount,
        "fee_cents": fee,
        "net_cents": int(transaction_object.get("net", amount - fee)),
        "source_id": source_id,
        "charge_id": charge_id,
        "payment_intent_id": payment_intent_id,
        "created": _moment(transaction_object["created"]),
        "available_on": _moment(transaction_object.get("available_on") or transaction_object["created"]),
    }


def _donation_for(fields, transaction_object):
    """The gift a transaction is about: by its charge, its payment intent, or the gift id its charge carries."""
    if fields["kind"] not in (TransactionKind.CHARGE, TransactionKind.REFUND, TransactionKind.DISPUTE):
        return None
    if fields["charge_id"]:
        donation = Donation.objects.filter(stripe_charge_id=fields["charge_id"]).first()
        if donation is not None:
            return donation
    if fields["payment_intent_id"]:
        donation = Donation.objects.filter(stripe_payment_intent_id=fields["payment_intent_id"]).first()
        if donation is not None:
            return donation
    if fields["kind"] != TransactionKind.CHARGE and fields["charge_id"]:
        charge_row = (
            BalanceTransaction.objects.filter(kind=TransactionKind.CHARGE, charge_id=fields["charge_id"])
            .exclude(donation=None)
            .select_related("donation")
            .first()
        )
        if charge_row is not None:
            return charge_row.donation
    source = transaction_object.get("source")
    metadata = source.get("metadata") if isinstance(source, dict) and fields["kind"] == TransactionKind.CHARGE else None
    donation = _donation_by_public_id((metadata or {}).get("donation_id"))
    # A gift whose payment is known to be another one is not this charge's (a renewal may carry the first gift's id).
    if donation is not None and donation.stripe_payment_intent_id in (None, fields["payment_intent_id"]):
        return donation
    return None


def _donation_by_public_id(value):
    try:
        public_id = uuid.UUID(str(value))
    except ValueError:
        return None
    return Donation.objects.filter(public_id=public_id).first()
