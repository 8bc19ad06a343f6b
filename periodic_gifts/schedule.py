"""What an agreement asked for each year, what came in, and what comes next.

A direct debit counts in agreement years from its first payment (12 instalments, or one, per year); a bank transfer
in calendar years from the start year. Money is what the ledger counts: paid gifts less refunds.
"""

import datetime
from dataclasses import dataclass

from donations.models import Donation, DonationStatus

from .models import AgreementStatus, PaymentMethod, years_after

# A direct debit that has not come this many days after its date is behind.
GRACE_DAYS = 14


@dataclass(frozen=True)
class PaymentYear:
    number: int  # 1, 2, …
    label: str  # "2026" or "12-03-2026 – 11-03-2027"
    due_cents: int
    paid_cents: int

    @property
    def is_paid(self):
        return self.paid_cents >= self.due_cents


@dataclass(frozen=True)
class Schedule:
    years: list
    years_paid: int
    paid_cents: int
    next_due: datetime.date | None  # when the next payment is due; None when none is, or before the first payment
    behind: bool
    due_by_year_end: bool = False  # a bank transfer: due by 31 December of next_due's year
    awaiting_first_payment: bool = False

    @property
    def next_payment(self):
        """The next payment in Dutch words, for the back office and its export."""
        if self.awaiting_first_payment:
            return "na de eerste betaling met iDEAL"
        if self.next_due is None:
            return ""
        return f"vóór {self.next_due:%d-%m-%Y}" if self.due_by_year_end else f"{self.next_due:%d-%m-%Y}"


def paid_payments(agreement):
    return list(
        Donation.objects.filter(agreement_number=agreement.transaction_number, status=DonationStatus.PAID).order_by(
            "paid_at", "pk"
        )
    )


def _counted(donation):
    return donation.counted_cents


def schedule_for(agreement, today, payments=None, recurring=None):
    payments = paid_payments(agreement) if payments is None else payments
    if agreement.payment_method == PaymentMethod.BANK_TRANSFER:
        return _bank_transfer_schedule(agreement, today, payments)
    return _direct_debit_schedule(agreement, today, payments, recurring)


def _term_years(agreement, started):
    """How many agreement years to show: all of a fixed term, or (indefinite) those begun so far."""
    return agreement.duration_years if agreement.duration_years else max(started, 1)


def _bank_transfer_schedule(agreement, today, payments):
    started = max(0, today.year - agreement.start_year + 1)
    shown = min(_term_years(agreement, started), max(started, 1))
    years = []
    for index in range(shown):
        year = agreement.start_year + index
        paid = sum(_counted(payment) for payment in payments if payment.paid_at.year == year)
        years.append(PaymentYear(index + 1, str(year), agreement.yearly_amount_cents, paid))
    running = agreement.status in (AgreementStatus.COUNTERSIGNED, AgreementStatus.RUNNING)
    behind = running and any(not line.is_paid for line in years if int(line.label) < today.year)
    next_due = None
    if running:
        open_year = next((line for line in years if not line.is_paid), None)
        if open_year is not None:
            next_due = datetime.date(int(open_year.label), 12, 31)
        elif not agreement.duration_years or len(years) < agreement.duration_years:
            next_due = datetime.date(int(years[-1].label) + 1, 12, 31)
    paid_years = sum(line.is_paid for line in years)
    return Schedule(years, paid_years, sum(map(_counted, payments)), next_due, behind, due_by_year_end=True)


def _next_date(first, instalments, per_year):
    if per_year == 1:
        return years_after(first, instalments)
    month = first.month - 1 + instalments
    year, month = first.year + month // 12, month % 12 + 1
    for day in (first.day, 30, 29, 28):
        try:
            return datetime.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _direct_debit_schedule(agreement, today, payments, recurring):
    per_year = agreement.payments_per_year
    first = agreement.first_paid_on
    if first is None:
        waiting = agreement.status == AgreementStatus.COUNTERSIGNED
        behind = waiting and agreement.start_year < today.year
        return Schedule([], 0, 0, None, behind, awaiting_first_payment=waiting)
    started = len(payments) // per_year + (1 if len(payments) % per_year else 0)
    years = []
    for index in range(_term_years(agreement, started) if agreement.duration_years else started):
        begins = years_after(first, index)
        ends = years_after(first, index + 1) - datetime.timedelta(days=1)
        paid = sum(_counted(payment) for payment in payments[index * per_year : (index + 1) * per_year])
        label = f"{begins:%d-%m-%Y} – {ends:%d-%m-%Y}"
        years.append(PaymentYear(index + 1, label, agreement.yearly_amount_cents, paid))
    total = (agreement.duration_years or 0) * per_year
    complete = bool(total) and len(payments) >= total
    running = agreement.status == AgreementStatus.RUNNING and not complete
    due = _next_date(first, len(payments), per_year)
    stopped = recurring is not None and recurring.has_ended
    failing = recurring is not None and recurring.status in ("past_due", "failed")
    behind = running and (failing or stopped or today > due + datetime.timedelta(days=GRACE_DAYS))
    years_paid = sum(line.is_paid for line in years)
    return Schedule(years, years_paid, sum(map(_counted, payments)), due if running else None, behind)
