"""The monthly reconciliation: per campaign what the payouts that reached the bank in a month hold.

A month is a calendar month in Amsterdam time, by the payout's arrival on the bank. Per campaign: gross (the gifts
as paid, costs covered by donors included), Stripe's costs, refunded, disputed and net; net = gross - costs -
refunded - disputed, and the nets of all rows together must equal what the month's payouts brought in.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from core.money import format_euro

from .differences import gifts_missing_from_payouts, missing_gift_difference, payout_differences
from .models import BalanceTransaction, Payout, PayoutStatus, TransactionKind


@dataclass
class ReportRow:
    campaign: str
    gross_cents: int = 0
    fee_cents: int = 0
    refunded_cents: int = 0
    disputed_cents: int = 0
    net_cents: int = 0

    def add(self, transaction):
        self.fee_cents += transaction.fee_cents
        self.net_cents += transaction.net_cents
        if transaction.kind == TransactionKind.REFUND:
            self.refunded_cents -= transaction.amount_cents
        elif transaction.kind == TransactionKind.DISPUTE:
            self.disputed_cents -= transaction.amount_cents
        else:
            self.gross_cents += transaction.amount_cents


@dataclass
class MonthReport:
    month: datetime.date
    rows: list
    total: ReportRow
    payouts: list
    payouts_cents: int
    differences: list = field(default_factory=list)

    @property
    def difference_cents(self):
        return self.payouts_cents - self.total.net_cents


def month_bounds(month):
    """The first moment of `month` and of the month after, in Amsterdam time."""
    start = timezone.make_aware(datetime.datetime(month.year, month.month, 1))
    following = datetime.datetime(month.year + month.month // 12, month.month % 12 + 1, 1)
    return start, timezone.make_aware(following)


def payouts_in(month):
    start, end = month_bounds(month)
    return list(
        Payout.objects.filter(status=PayoutStatus.PAID, arrival_date__gte=start, arrival_date__lt=end).order_by(
            "arrival_date", "pk"
        )
    )


def month_report(month, now=None):
    payouts = payouts_in(month)
    transactions = (
        BalanceTransaction.objects.filter(payout__in=payouts)
        .exclude(kind=TransactionKind.PAYOUT)
        .select_related("donation__campaign")
    )
    unknown = _("Niet in de administratie")
    rows = {}
    for transaction in transactions:
        donation = transaction.donation
        name = donation.campaign.title if donation is not None else unknown
        rows.setdefault(name, ReportRow(name)).add(transaction)
    total = ReportRow(_("Totaal"))
    for row in rows.values():
        for name in ("gross_cents", "fee_cents", "refunded_cents", "disputed_cents", "net_cents"):
            setattr(total, name, getattr(total, name) + getattr(row, name))
    report = MonthReport(
        month=month,
        rows=sorted(rows.values(), key=lambda row: (row.campaign == unknown, row.campaign)),
        total=total,
        payouts=payouts,
        payouts_cents=sum(payout.amount_cents for payout in payouts),
    )
    if report.difference_cents:
        report.differences.append(
            _("De rijen tellen op tot %(net)s netto, de uitbetalingen van deze maand tot %(payouts)s.")
            % {
                "net": format_euro(total.net_cents, always_cents=True),
                "payouts": format_euro(report.payouts_cents, always_cents=True),
            }
        )
    for payout in payouts:
        report.differences += [f"{payout.stripe_id}: {text}" for text in payout_differences(payout)]
    start, end = month_bounds(month)
    missing = gifts_missing_from_payouts(now).filter(paid_at__gte=start, paid_at__lt=end)
    report.differences += [missing_gift_difference(donation) for donation in missing]
    return report
