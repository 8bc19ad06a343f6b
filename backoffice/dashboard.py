"""The fundraising panel on the Wagtail dashboard: campaign totals, this month against last, recurring income,
churn, gifts per week, partnership requests by stage, and my own open requests."""

from django.conf import settings
from django.utils import timezone
from wagtail.admin.ui.components import Component

from campaigns.models import CampaignPage
from donations.models import Donation
from donations.totals import totals_for
from partners.models import PartnershipRequest, RequestStatus

from . import charts, figures

WEEKS = 12
MONTHS = 12


class FundraisingPanel(Component):
    name = "fundraising"
    order = 50
    template_name = "backoffice/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        # One row per campaign: the Dutch pages; their English translations share their totals.
        campaigns = CampaignPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE).order_by("path")
        last_month, this_month = figures.monthly(2, Donation.objects.all(), today)
        weeks = figures.weekly(WEEKS, today)
        recurring_months = figures.monthly(MONTHS, Donation.objects.filter(recurring__isnull=False), today)
        return {
            "campaigns": [(campaign, totals_for(campaign)) for campaign in campaigns],
            "last_month": last_month,
            "this_month": this_month,
            "recurring": figures.recurring_figures(today),
            "weeks": weeks,
            "week_bars": charts.bars(weeks),
            "week_highest_cents": charts.highest_cents(weeks),
            "recurring_months": recurring_months,
            "recurring_bars": charts.bars(recurring_months),
            "recurring_highest_cents": charts.highest_cents(recurring_months),
            "chart_width": charts.WIDTH,
            "chart_height": charts.HEIGHT,
            "requests_by_stage": figures.open_requests_by_stage(),
            "my_open_requests": PartnershipRequest.objects.filter(owner=self.request.user)
            .exclude(status__in=[RequestStatus.PARTNER, RequestStatus.DECLINED])
            .order_by("created_at")[:10],
        }
