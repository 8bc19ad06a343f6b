"""Conversion: checkouts started against paid, failed and abandoned (expired), per campaign and payment method, and
the one offer to give monthly, shown against accepted. Only gifts started on the site count: the later periods of a
recurring gift start no checkout."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from core.admin.exports import Column
from donations.models import Donation, DonationStatus, MonthlyOffer, PaymentMethod

from ..figures import PAID_STATUSES
from .base import FiguresReportView
from .filters import CheckoutReportFilterSet
from .titles import campaign_titles


def _share(part, whole):
    return 100 * part / whole if whole else None


class ConversionReport(FiguresReportView):
    page_title = _("Conversie")
    header_icon = "pick"
    url_name = "conversion"
    export_filename = "conversie"
    filterset_class = CheckoutReportFilterSet
    columns_spec = [
        Column("campaign", _("Campagne")),
        Column("payment_method", _("Betaalmethode")),
        Column("started", _("Gestart"), "count"),
        Column("paid", _("Betaald"), "count"),
        Column("failed", _("Mislukt"), "count"),
        Column("expired", _("Afgebroken of verlopen"), "count"),
        Column("open", _("Nog open"), "count"),
        Column("conversion_percent", _("Conversie (%)"), "percent"),
        Column("offers_shown", _("Aanbod maandelijks getoond"), "count"),
        Column("offers_accepted", _("Aanbod aangenomen"), "count"),
        Column("acceptance_percent", _("Aangenomen (%)"), "percent"),
    ]

    def get_queryset(self):
        return Donation.objects.filter(stripe_checkout_session_id__isnull=False)

    def rows(self, checkouts):
        offered = Q(monthly_offer__in=[MonthlyOffer.ACCEPTED, MonthlyOffer.DECLINED])
        grouped = (
            checkouts.values("campaign__translation_key", "payment_method")
            .annotate(
                started=Count("pk"),
                paid=Count("pk", filter=Q(status__in=PAID_STATUSES)),
                failed=Count("pk", filter=Q(status=DonationStatus.FAILED)),
                expired=Count("pk", filter=Q(status=DonationStatus.EXPIRED)),
                open=Count("pk", filter=Q(status=DonationStatus.PENDING)),
                offers_shown=Count("pk", filter=offered),
                offers_accepted=Count("pk", filter=Q(monthly_offer=MonthlyOffer.ACCEPTED)),
            )
            .order_by("campaign__translation_key", "payment_method")
        )
        titles = campaign_titles()
        methods = dict(PaymentMethod.choices)
        rows = []
        for group in grouped:
            method = group["payment_method"]
            rows.append(
                {
                    "campaign": titles.get(group["campaign__translation_key"], ""),
                    "payment_method": methods.get(method, "") if method else _("Geen (niet betaald)"),
                    **{key: group[key] for key in ("started", "paid", "failed", "expired", "open")},
                    "conversion_percent": _share(group["paid"], group["started"]),
                    "offers_shown": group["offers_shown"],
                    "offers_accepted": group["offers_accepted"],
                    "acceptance_percent": _share(group["offers_accepted"], group["offers_shown"]),
                }
            )
        return rows

    def totals(self, rows):
        summed = super().totals(rows)
        summed["conversion_percent"] = _share(summed["paid"], summed["started"])
        summed["acceptance_percent"] = _share(summed["offers_accepted"], summed["offers_shown"])
        return summed
