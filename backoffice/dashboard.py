"""The fundraising panel on the Wagtail dashboard: campaign totals, gifts per week, my open partner requests."""

import datetime

from django.conf import settings
from django.db.models import Count, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone
from wagtail.admin.ui.components import Component

from campaigns.models import CampaignPage
from donations.models import Donation, DonationStatus
from donations.totals import totals_for
from partners.models import PartnershipRequest, RequestStatus

WEEKS = 12
CHART_WIDTH, CHART_HEIGHT, BAR_GAP = 600, 160, 6


def weekly_totals(today=None, weeks=WEEKS):
    """(monday, cents, count) for each of the last `weeks` weeks, oldest first; empty weeks included."""
    today = today or timezone.localdate()
    first_monday = today - datetime.timedelta(days=today.weekday(), weeks=weeks - 1)
    rows = (
        Donation.objects.filter(status=DonationStatus.PAID, paid_at__date__gte=first_monday)
        .annotate(week=TruncWeek("paid_at"))
        .values("week")
        .annotate(cents=Sum("amount_cents"), count=Count("pk"))
    )
    by_week = {timezone.localdate(row["week"]): row for row in rows}
    weeks_out = []
    for offset in range(weeks):
        monday = first_monday + datetime.timedelta(weeks=offset)
        row = by_week.get(monday, {})
        weeks_out.append((monday, row.get("cents") or 0, row.get("count") or 0))
    return weeks_out


def chart_bars(weeks):
    """Bar geometry for an inline SVG chart: no chart library, no external service."""
    highest = max((cents for _, cents, _ in weeks), default=0) or 1
    bar_width = (CHART_WIDTH - BAR_GAP * (len(weeks) - 1)) / len(weeks)
    bars = []
    for index, (monday, cents, count) in enumerate(weeks):
        height = round(CHART_HEIGHT * cents / highest)
        bars.append(
            {
                "x": round(index * (bar_width + BAR_GAP), 1),
                "y": CHART_HEIGHT - height,
                "width": round(bar_width, 1),
                "height": height,
                "monday": monday,
                "cents": cents,
                "count": count,
            }
        )
    return bars


class FundraisingPanel(Component):
    name = "fundraising"
    order = 50
    template_name = "backoffice/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        # One row per campaign: the Dutch pages; their English translations share their totals.
        campaigns = CampaignPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE).order_by("path")
        weeks = weekly_totals()
        return {
            "campaigns": [(campaign, totals_for(campaign)) for campaign in campaigns],
            "bars": chart_bars(weeks),
            "chart_width": CHART_WIDTH,
            "chart_height": CHART_HEIGHT,
            "my_open_requests": PartnershipRequest.objects.filter(owner=self.request.user)
            .exclude(status__in=[RequestStatus.PARTNER, RequestStatus.DECLINED])
            .order_by("created_at")[:10],
        }
