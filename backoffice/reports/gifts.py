"""Gifts and amounts per campaign per month: what came in, what went back, what was kept."""

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.admin.exports import Column
from donations.models import Donation, DonationStatus

from ..figures import PAID_STATUSES
from .base import FiguresReportView
from .filters import DonationReportFilterSet
from .titles import campaign_titles


class GiftsByMonthReport(FiguresReportView):
    page_title = _("Giften per campagne per maand")
    header_icon = "date"
    url_name = "gifts_by_month"
    export_filename = "giften-per-maand"
    filterset_class = DonationReportFilterSet
    columns_spec = [
        Column("month", _("Maand"), "month"),
        Column("campaign", _("Campagne")),
        Column("count", _("Giften"), "count"),
        Column("gifts_cents", _("Giften (€)"), "euro"),
        Column("fees_cents", _("Bijdrage transactiekosten (€)"), "euro"),
        Column("gross_cents", _("Bruto (€)"), "euro"),
        Column("refunded_cents", _("Terugbetaald (€)"), "euro"),
        Column("disputed_cents", _("Betwist (€)"), "euro"),
        Column("kept_cents", _("Behouden (€)"), "euro"),
    ]

    def get_queryset(self):
        return Donation.objects.filter(status__in=PAID_STATUSES, paid_at__isnull=False)

    def rows(self, donations):
        disputed = Q(status=DonationStatus.DISPUTED)
        grouped = (
            donations.annotate(month=TruncMonth("paid_at"))
            .values("month", "campaign__translation_key")
            .annotate(
                count=Count("pk"),
                # Named apart from the fields they sum: F() below must read the row's fields.
                sum_gifts=Sum("amount_cents"),
                sum_fees=Sum("fee_cents"),
                sum_refunded=Sum("refunded_cents"),
                sum_disputed=Sum(F("amount_cents") + F("fee_cents") - F("refunded_cents"), filter=disputed),
            )
            .order_by("-month", "campaign__translation_key")
        )
        titles = campaign_titles()
        rows = []
        for group in grouped:
            gross = group["sum_gifts"] + group["sum_fees"]
            disputed_cents = group["sum_disputed"] or 0
            rows.append(
                {
                    "month": timezone.localtime(group["month"]).date(),
                    "campaign": titles.get(group["campaign__translation_key"], ""),
                    "count": group["count"],
                    "gifts_cents": group["sum_gifts"],
                    "fees_cents": group["sum_fees"],
                    "gross_cents": gross,
                    "refunded_cents": group["sum_refunded"],
                    "disputed_cents": disputed_cents,
                    "kept_cents": gross - group["sum_refunded"] - disputed_cents,
                }
            )
        return rows
