"""Figures from the ledger for the back office: gifts per period, recurring income, churn, partnership stages.

Every figure is read from the donations' own rows (paid, less nothing: refunds are reported apart), in the site's
time zone (Europe/Amsterdam), so a gift paid at 23:30 on the last day of a month counts in that month.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone

from core.dates import add_months
from donations.models import Donation, DonationStatus, Frequency, RecurringDonation, RecurringStatus
from partners.models import PartnershipRequest, RequestStatus

# A gift that takes payments: started, and not stopped or lapsed.
RUNNING_RECURRING = (RecurringStatus.ACTIVE, RecurringStatus.PAST_DUE)
OPEN_REQUEST_STAGES = (RequestStatus.NEW, RequestStatus.CONTACTED, RequestStatus.MEETING_PLANNED)
# Statuses of a gift whose money came in (a refunded or disputed one was paid first).
PAID_STATUSES = (DonationStatus.PAID, DonationStatus.REFUNDED, DonationStatus.DISPUTED)


@dataclass(frozen=True)
class Period:
    """Gifts paid in one period: their count and the gifts' amount in cents (transaction costs paid on top apart)."""

    start: datetime.date
    count: int
    cents: int


def month_start(day):
    return day.replace(day=1)


def local_midnight(day):
    """The start of `day` in Amsterdam, as the moment the ledger's times are compared with."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def _per_period(donations, truncate, starts):
    """A Period for each start (the local first day of a week or month), oldest first; empty periods included."""
    rows = (
        donations.filter(status__in=PAID_STATUSES, paid_at__gte=local_midnight(starts[0]))
        .annotate(period=truncate("paid_at"))
        .values("period")
        .annotate(cents=Sum("amount_cents"), count=Count("pk"))
    )
    by_start = {timezone.localdate(row["period"]): row for row in rows}
    return [
        Period(start, by_start.get(start, {}).get("count") or 0, by_start.get(start, {}).get("cents") or 0)
        for start in starts
    ]


def weekly(weeks, today=None):
    """A Period for each of the last `weeks` weeks (Monday to Sunday), oldest first; empty weeks included."""
    today = today or timezone.localdate()
    first_monday = today - datetime.timedelta(days=today.weekday(), weeks=weeks - 1)
    mondays = [first_monday + datetime.timedelta(weeks=offset) for offset in range(weeks)]
    return _per_period(Donation.objects.all(), TruncWeek, mondays)


def monthly(months, donations, today=None):
    """A Period for each of the last `months` calendar months of `donations`, oldest first; empty months included."""
    first = add_months(month_start(today or timezone.localdate()), -(months - 1))
    return _per_period(donations, TruncMonth, [add_months(first, offset) for offset in range(months)])


def per_month_cents(frequency, cents):
    """What `cents` per period of `frequency` brings in per month: a yearly amount counts for a twelfth."""
    return round(cents / 12) if frequency == Frequency.YEARLY else cents


def monthly_recurring_revenue_cents():
    """What the running monthly and yearly gifts bring in per month: monthly amounts plus a twelfth of yearly ones."""
    rows = dict(
        RecurringDonation.objects.filter(status__in=RUNNING_RECURRING)
        .values_list("frequency")
        .annotate(cents=Sum("amount_cents"))
    )
    return sum(per_month_cents(frequency, cents or 0) for frequency, cents in rows.items())


@dataclass(frozen=True)
class RecurringFigures:
    running: int
    mrr_cents: int
    started_this_month: int  # new monthly or yearly donors: gifts started this month whose first payment came in
    stopped_this_month: int
    past_due: int  # a payment failed; Stripe retries it


def recurring_figures(today=None):
    start = local_midnight(month_start(today or timezone.localdate()))
    counts = RecurringDonation.objects.aggregate(
        running=Count("pk", filter=Q(status__in=RUNNING_RECURRING)),
        started=Count("pk", filter=Q(created_at__gte=start, status__in=(*RUNNING_RECURRING, RecurringStatus.CANCELED))),
        stopped=Count("pk", filter=Q(status=RecurringStatus.CANCELED, canceled_at__gte=start)),
        past_due=Count("pk", filter=Q(status=RecurringStatus.PAST_DUE)),
    )
    return RecurringFigures(
        running=counts["running"],
        mrr_cents=monthly_recurring_revenue_cents(),
        started_this_month=counts["started"],
        stopped_this_month=counts["stopped"],
        past_due=counts["past_due"],
    )


def open_requests_by_stage():
    """[(stage label, count)] of the partnership requests still in the pipeline, in pipeline order."""
    counts = dict(
        PartnershipRequest.objects.filter(status__in=OPEN_REQUEST_STAGES)
        .values_list("status")
        .annotate(count=Count("pk"))
    )
    return [(stage.label, counts.get(stage.value, 0)) for stage in OPEN_REQUEST_STAGES]
