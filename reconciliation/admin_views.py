"""The treasurer's admin pages: the payouts, one payout's transactions, and the reconciliation per month.

Only staff with `reconciliation.view_payout` (Financiën, Beheer) see them; everyone else gets a 403 page.
"""

import datetime
import functools
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.admin.responses import forbidden

from . import exports
from .differences import (
    gifts_missing_from_payouts,
    listed_net_cents,
    missing_gift_difference,
    payout_differences,
    transaction_difference,
)
from .models import Payout, TransactionKind
from .reports import month_report

VIEW_PERMISSION = "reconciliation.view_payout"
PAYOUTS_PER_PAGE = 50
MISSING_GIFTS_SHOWN = 20


def treasurer_only(view):
    @functools.wraps(view)
    def checked(request, *args, **kwargs):
        if not request.user.has_perm(VIEW_PERMISSION):
            return forbidden(request)
        return view(request, *args, **kwargs)

    return checked


def _wants_csv(request):
    return request.GET.get("export") == "csv"


@dataclass
class PayoutSummary:
    payout: Payout
    listed_cents: int
    differences: list

    @property
    def difference_cents(self):
        return self.payout.amount_cents - self.listed_cents


@dataclass
class PayoutLine:
    transaction: object
    campaign: str
    donor: str
    difference: str


def _summary(payout):
    return PayoutSummary(payout, listed_net_cents(payout), payout_differences(payout))


@treasurer_only
def payout_index(request):
    payouts = Payout.objects.all()
    if _wants_csv(request):
        return exports.payouts_csv([_summary(payout) for payout in payouts])
    page = Paginator(payouts, PAYOUTS_PER_PAGE).get_page(request.GET.get("p"))
    # The first ones only: before the first reconciled payout every older gift is missing, which says nothing new.
    missing_gifts = gifts_missing_from_payouts()
    missing = [missing_gift_difference(donation) for donation in missing_gifts[:MISSING_GIFTS_SHOWN]]
    more_missing = max(missing_gifts.count() - MISSING_GIFTS_SHOWN, 0) if len(missing) == MISSING_GIFTS_SHOWN else 0
    title = _("Uitbetalingen")
    context = {
        "page_title": title,
        "header_title": title,
        "summaries": [_summary(payout) for payout in page],
        "page": page,
        "missing": missing,
        "more_missing": more_missing,
    }
    return TemplateResponse(request, "reconciliation/admin/payout_index.html", context)


def _lines(payout):
    # The payout's own transaction is the payout itself, shown above the table, not a line in it.
    transactions = (
        payout.balance_transactions.exclude(kind=TransactionKind.PAYOUT)
        .select_related("donation__campaign", "donation__donor")
        .order_by("kind", "created", "pk")
    )
    lines = []
    for transaction in transactions:
        donation = transaction.donation
        lines.append(
            PayoutLine(
                transaction=transaction,
                campaign=donation.campaign.title if donation else "",
                donor=(donation.donor.name or donation.donor.email) if donation else "",
                difference=transaction_difference(transaction),
            )
        )
    return lines


@treasurer_only
def payout_detail(request, pk):
    payout = get_object_or_404(Payout, pk=pk)
    lines = _lines(payout)
    if _wants_csv(request):
        return exports.payout_csv(payout, lines)
    title = _("Uitbetaling %(payout)s") % {"payout": payout.stripe_id}
    context = {
        "page_title": title,
        "header_title": title,
        "summary": _summary(payout),
        "lines": lines,
        "fee_cents": sum(line.transaction.fee_cents for line in lines),
        "amount_cents": sum(line.transaction.amount_cents for line in lines),
    }
    return TemplateResponse(request, "reconciliation/admin/payout_detail.html", context)


def _chosen_month(request):
    """`?maand=2026-12`; this month when absent or not a month."""
    try:
        return datetime.datetime.strptime(request.GET.get("maand", ""), "%Y-%m").date()
    except ValueError:
        return timezone.localdate().replace(day=1)


def _month_choices(chosen):
    months = {
        timezone.localtime(moment).date().replace(day=1)
        for moment in Payout.objects.values_list("arrival_date", flat=True)
    }
    months |= {timezone.localdate().replace(day=1), chosen}
    return [(month.strftime("%Y-%m"), date_format(month, "F Y")) for month in sorted(months, reverse=True)]


@treasurer_only
def month_view(request):
    month = _chosen_month(request)
    report = month_report(month)
    if _wants_csv(request):
        return exports.month_csv(report)
    title = _("Afstemming per maand")
    context = {
        "page_title": title,
        "header_title": title,
        "report": report,
        "chosen": month.strftime("%Y-%m"),
        "month_label": date_format(month, "F Y"),
        "months": _month_choices(month),
    }
    return TemplateResponse(request, "reconciliation/admin/month.html", context)
