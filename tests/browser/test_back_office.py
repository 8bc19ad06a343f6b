"""The treasurer's back office in a real browser: the dashboard's charts drawn with their tables, a report with its
totals; screenshots of each, and axe on each."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone
from playwright.sync_api import expect

from campaigns.models import CampaignPage
from donations.models import Donation, RecurringStatus
from tests.browser.test_journeys import screenshot
from tests.browser.test_phone_giving import _no_axe_violations
from tests.factories import DonationFactory, DonorFactory, RecurringDonationFactory

pytestmark = pytest.mark.browser

PASSWORD = "een-lang-wachtwoord-321"  # noqa: S105 - a throwaway account in the test database


def _seed_gifts():
    campaign = CampaignPage.objects.get(slug="besturenprogramma")
    now = timezone.now()
    for weeks_ago, cents in ((0, 5_000), (1, 2_500), (1, 10_000), (3, 2_500), (6, 25_000)):
        gift = DonationFactory(campaign=campaign, donor=DonorFactory(), paid=True, amount_cents=cents)
        Donation.objects.filter(pk=gift.pk).update(paid_at=now - datetime.timedelta(weeks=weeks_ago))
    RecurringDonationFactory(campaign=campaign, amount_cents=2_500)
    RecurringDonationFactory(campaign=campaign, amount_cents=1_000, status=RecurringStatus.PAST_DUE)


def test_the_treasurer_reads_the_dashboard_and_a_report(live_demo_site, new_page, screenshot_dir):
    _seed_gifts()
    treasurer = User.objects.create_user("penningmeester", "p@example.org", PASSWORD, is_staff=True)
    treasurer.groups.add(Group.objects.get(name="Financiën"))
    page = new_page(1280)
    page.goto(live_demo_site + "/admin/login/")
    page.locator("input[name=username]").fill("penningmeester")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(live_demo_site + "/admin/")

    chart = page.locator("svg[data-chart=weekly-chart]")
    expect(chart).to_be_visible()
    # The browser drew every bar (it rejects coordinates with a decimal comma): the tallest one fills the chart.
    heights = chart.locator("rect").evaluate_all("rects => rects.map(rect => rect.getBBox().height)")
    assert len(heights) == 12 and max(heights) == pytest.approx(160) and sorted(heights)[-2] > 0
    expect(page.locator("[data-figure=mrr]")).to_have_text("€ 35,00")
    page.locator("#weekly-chart-title ~ details summary").click()
    screenshot(page, screenshot_dir, "back-office-1-dashboard")
    _no_axe_violations(page, "dashboard")

    page.goto(live_demo_site + "/admin/fondsenwerving-rapporten/giften-per-maand/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Giften per campagne per maand")
    expect(page.locator("tfoot")).to_contain_text("€ 450,00")
    screenshot(page, screenshot_dir, "back-office-2-report")
    page.get_by_role("button", name="Acties").click()
    expect(page.get_by_role("link", name=re.compile("CSV"))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("XLSX"))).to_be_visible()
    _no_axe_violations(page, "gifts report")
