"""A balance transaction is stored once, also when another delivery of its payout stored it a moment before."""

import datetime

from django.db.models.query import QuerySet

from reconciliation.models import BalanceTransaction, Payout, PayoutStatus
from reconciliation.payouts import store_transaction

WHEN = datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC)
TRANSACTION = {
    "id": "txn_race",
    "object": "balance_transaction",
    "amount": 2500,
    "fee": 29,
    "net": 2471,
    "type": "charge",
    "reporting_category": "charge",
    "source": "ch_unknown",
    "status": "available",
    "created": 1796000000,
    "available_on": 1796000000,
}


def test_a_racing_delivery_finds_the_row_instead_of_adding_one(db, monkeypatch):
    payout = Payout.objects.create(
        stripe_id="po_race", amount_cents=2471, status=PayoutStatus.PAID, arrival_date=WHEN, created=WHEN
    )
    store_transaction(TRANSACTION, payout)  # the other delivery, committed just now
    real_get = QuerySet.get
    calls = []

    def not_yet_seen(queryset, *args, **kwargs):
        # This delivery looked before the other one committed: its first look finds nothing, its insert then hits
        # the unique stripe_id.
        if queryset.model is BalanceTransaction and not calls:
            calls.append(kwargs)
            raise BalanceTransaction.DoesNotExist
        return real_get(queryset, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "get", not_yet_seen)

    row = store_transaction(TRANSACTION, payout)

    assert calls, "the race was not played"
    assert BalanceTransaction.objects.filter(stripe_id="txn_race").count() == 1
    assert (row.payout_id, row.net_cents) == (payout.pk, 2471)
