"""Recurring gifts per campaign and frequency: how many run, what they bring in per month, who joined, who left and
why, and which payments failed and wait for Stripe's retry."""

import datetime

import django_filters
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget

from core.admin.exports import Column
from donations.models import EndReason, Frequency, RecurringDonation, RecurringStatus

from ..figures import RUNNING_RECURRING, local_midnight, per_month_cents
from .base import FiguresReportView
from .filters import RecurringReportFilterSet
from .titles import campaign_titles

# A gift that ran at some point: started (its first payment came in), whether or not it has stopped since.
EVER_RAN = (*RUNNING_RECURRING, RecurringStatus.CANCELED)
STOP_REASONS = (EndReason.DONOR, EndReason.STAFF, EndReason.PAYMENT_FAILED, EndReason.PAYMENT_DISPUTED)


class RecurringPeriodFilterSet(RecurringReportFilterSet):
    # Chooses the period for "new" and "stopped"; the gifts themselves are all counted.
    period = django_filters.DateFromToRangeFilter(
        label=_("Periode"), widget=DateRangePickerWidget, method=lambda queryset, name, value: queryset
    )


class RecurringGiftsReport(FiguresReportView):
    page_title = _("Terugkerende giften")
    header_icon = "rotate"
    url_name = "recurring"
    export_filename = "terugkerende-giften-overzicht"
    filterset_class = RecurringPeriodFilterSet
    columns_spec = [
        Column("campaign", _("Campagne")),
        Column("frequency", _("Frequentie")),
        Column("running", _("Lopend"), "count"),
        Column("mrr_cents", _("Inkomsten per maand (€)"), "euro"),
        Column("started", _("Nieuw"), "count"),
        *[
            Column(f"stopped_{reason.value}", _("Gestopt: %(reason)s") % {"reason": reason.label}, "count")
            for reason in STOP_REASONS
        ],
        Column("churn_percent", _("Verloop (%)"), "percent"),
        Column("past_due", _("Betaling mislukt, wacht op nieuwe poging"), "count"),
        Column("lapsed", _("Eerste betaling niet gelukt"), "count"),
    ]

    def get_queryset(self):
        return RecurringDonation.objects.filter(agreement_number="")  # periodieke giften have their own listing

    def _period(self):
        if self.filters and self.filters.is_valid():
            value = self.filters.form.cleaned_data.get("period")
            if value:
                start = local_midnight(value.start) if value.start else None
                stop = local_midnight(value.stop + datetime.timedelta(days=1)) if value.stop else None
                return start, stop
        return None, None

    def rows(self, gifts):
        start, stop = self._period()
        in_period = Q()
        if start:
            in_period &= Q(canceled_at__gte=start)
        if stop:
            in_period &= Q(canceled_at__lt=stop)
        created_in_period = Q()
        if start:
            created_in_period &= Q(created_at__gte=start)
        if stop:
            created_in_period &= Q(created_at__lt=stop)
        ran_at_start = Q(status__in=EVER_RAN)
        if start:
            ran_at_start &= Q(created_at__lt=start) & (Q(canceled_at__isnull=True) | Q(canceled_at__gte=start))
        stopped = Q(status=RecurringStatus.CANCELED) & in_period
        grouped = (
            gifts.values("campaign__translation_key", "frequency")
            .annotate(
                running=Count("pk", filter=Q(status__in=RUNNING_RECURRING)),
                running_cents=Sum("amount_cents", filter=Q(status__in=RUNNING_RECURRING)),
                started=Count("pk", filter=Q(status__in=EVER_RAN) & created_in_period),
                ran_at_start=Count("pk", filter=ran_at_start),
                past_due=Count("pk", filter=Q(status=RecurringStatus.PAST_DUE)),
                lapsed=Count("pk", filter=Q(status=RecurringStatus.EXPIRED) & created_in_period),
                **{
                    f"stopped_{reason.value}": Count("pk", filter=stopped & Q(end_reason=reason))
                    for reason in STOP_REASONS
                },
                stopped_all=Count("pk", filter=stopped),
            )
            .order_by("campaign__translation_key", "frequency")
        )
        titles = campaign_titles()
        rows = []
        for group in grouped:
            running_cents = group["running_cents"] or 0
            row = {
                "campaign": titles.get(group["campaign__translation_key"], ""),
                "frequency": Frequency(group["frequency"]).label,
                "running": group["running"],
                "mrr_cents": per_month_cents(group["frequency"], running_cents),
                "started": group["started"],
                "churn_percent": 100 * group["stopped_all"] / group["ran_at_start"] if group["ran_at_start"] else None,
                "past_due": group["past_due"],
                "lapsed": group["lapsed"],
            }
            row.update({f"stopped_{reason.value}": group[f"stopped_{reason.value}"] for reason in STOP_REASONS})
            rows.append(row)
        return rows
