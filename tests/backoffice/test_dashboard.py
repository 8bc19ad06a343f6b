"""The fundraising panel on the admin dashboard."""

import datetime
import re

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from backoffice.figures import Period, weekly
from donations.models import Donation, DonationStatus, Frequency, RecurringStatus
from partners.models import PartnershipRequest, RequestStatus
from tests.factories import PartnershipRequestFactory, RecurringDonationFactory

from .conftest import make_donation

PANEL_HEADING = "Betaalde giften per week"


def _donation_paid_at(campaign, email, paid_at, **fields):
    donation = make_donation(campaign, email, **fields)
    Donation.objects.filter(pk=donation.pk).update(paid_at=paid_at)
    return donation


def test_fundraising_staff_see_totals_the_weekly_chart_and_their_open_requests(staff_client, campaign):
    make_donation(campaign, "anna@example.org", amount_cents=12_500)
    client = staff_client("Fondsenwerving")
    PartnershipRequest.objects.create(
        kind="foundation",
        organisation="Fonds Voor Onderwijs",
        contact_name="Els",
        email="els@example.org",
        interest="general_support",
        message="Graag een gesprek.",
        consent_to_contact=True,
        owner=client.user,
    )
    html = client.get("/admin/").content.decode()
    assert PANEL_HEADING in html
    assert "€ 125 (0%)" in html  # raised on Besturenprogramma, goal € 150.000
    assert _svg(html, "weekly-chart").count("<rect ") == 12
    assert "Fonds Voor Onderwijs" in html


def test_editors_do_not_get_the_fundraising_panel(staff_client, campaign):
    make_donation(campaign, "anna@example.org")
    response = staff_client("Redactie").get("/admin/")
    assert response.status_code == 200 and "Dashboard" in response.content.decode()  # the dashboard, without
    assert PANEL_HEADING not in response.content.decode()
    assert "€ 25" not in response.content.decode()


def test_weekly_totals_put_each_paid_gift_in_its_week_and_keep_empty_weeks(campaign):
    today = datetime.date(2026, 11, 18)  # a Wednesday
    paid_last_monday = timezone.make_aware(datetime.datetime(2026, 11, 16, 10, 0))
    paid_three_weeks_ago = timezone.make_aware(datetime.datetime(2026, 10, 29, 23, 30))
    _donation_paid_at(campaign, "a@example.org", paid_last_monday, amount_cents=1000)
    _donation_paid_at(campaign, "b@example.org", paid_three_weeks_ago, amount_cents=2500)
    _donation_paid_at(campaign, "c@example.org", paid_last_monday, amount_cents=9999, status="pending")

    weeks = weekly(12, today=today)
    assert len(weeks) == 12
    assert weeks[-1] == Period(datetime.date(2026, 11, 16), 1, 1000)
    assert weeks[-4] == Period(datetime.date(2026, 10, 26), 1, 2500)
    assert sum(week.cents for week in weeks) == 3500


def _svg(html, chart):
    return re.search(rf'<svg [^>]*data-chart="{chart}".*?</svg>', html, re.S).group(0)


def test_the_weekly_chart_has_numbers_a_browser_can_draw_in_proportion_to_the_gifts(staff_client, campaign):
    now = timezone.now()
    _donation_paid_at(campaign, "a@example.org", now, amount_cents=10_000)
    _donation_paid_at(campaign, "b@example.org", now - datetime.timedelta(weeks=1), amount_cents=2_500)
    _donation_paid_at(campaign, "c@example.org", now - datetime.timedelta(weeks=3), amount_cents=3_333)

    html = staff_client("Fondsenwerving").get("/admin/").content.decode()
    svg = _svg(html, "weekly-chart")

    width, height = (float(number) for number in re.search(r'viewBox="0 0 (\S+) (\S+)"', svg).groups())
    bars = [
        {name: float(value) for name, value in re.findall(r'(x|y|width|height)="([^"]*)"', rect)}
        for rect in re.findall(r"<rect [^>]*>", svg)
    ]  # float() refuses "555,5": every number is one SVG accepts
    assert len(bars) == 12
    assert all(0 <= bar["x"] and bar["x"] + bar["width"] <= width + 0.5 for bar in bars)
    assert all(bar["y"] + bar["height"] == pytest.approx(height, abs=0.1) for bar in bars)
    tallest = max(bars, key=lambda bar: bar["height"])
    assert tallest is bars[-1] and tallest["height"] == pytest.approx(height)
    assert bars[-2]["height"] == pytest.approx(height * 2_500 / 10_000, abs=0.1)
    assert bars[-4]["height"] == pytest.approx(height * 3_333 / 10_000, abs=0.1)
    assert [bar["height"] for bar in bars[:8]] == [0] * 8

    # Beside the bars: the top of the scale (the highest week) and the first and last week under them.
    assert re.search(r'data-chart-top="weekly-chart">€ 100<', html)
    this_monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    first_monday = this_monday - datetime.timedelta(weeks=11)
    axis = re.search(r'data-chart-axis="weekly-chart"><span>([^<]*)</span><span>([^<]*)</span>', html).groups()
    with translation.override("nl"):
        assert axis == (date_format(first_monday, "j M"), date_format(this_monday, "j M"))


def _figure(html, name):
    return re.search(rf'data-figure="{name}">([^<]*)<', html).group(1).strip()


def test_the_dashboard_figures_match_the_ledger(staff_client, campaign):
    today = timezone.localdate()
    this_month = timezone.make_aware(datetime.datetime.combine(today.replace(day=1), datetime.time(0, 30)))
    last_month = this_month - datetime.timedelta(days=3)
    _donation_paid_at(campaign, "a@example.org", this_month, amount_cents=5_000)
    _donation_paid_at(campaign, "b@example.org", this_month, amount_cents=2_550)
    _donation_paid_at(campaign, "c@example.org", last_month, amount_cents=10_000)
    _donation_paid_at(campaign, "d@example.org", this_month, amount_cents=99_900, status=DonationStatus.FAILED)
    RecurringDonationFactory(campaign=campaign, amount_cents=2_500, frequency=Frequency.MONTHLY)
    RecurringDonationFactory(campaign=campaign, amount_cents=12_000, frequency=Frequency.YEARLY)
    RecurringDonationFactory(campaign=campaign, amount_cents=1_000, status=RecurringStatus.PAST_DUE)
    RecurringDonationFactory(
        campaign=campaign, amount_cents=4_000, status=RecurringStatus.CANCELED, canceled_at=timezone.now()
    )
    RecurringDonationFactory(campaign=campaign, amount_cents=7_000, status=RecurringStatus.INCOMPLETE)
    PartnershipRequestFactory(status=RequestStatus.NEW)
    PartnershipRequestFactory(status=RequestStatus.NEW)
    PartnershipRequestFactory(status=RequestStatus.MEETING_PLANNED)
    PartnershipRequestFactory(status=RequestStatus.PARTNER)

    html = staff_client("Fondsenwerving").get("/admin/").content.decode()

    assert _figure(html, "this-month") == "€ 75,50 (2 giften)"
    assert _figure(html, "last-month") == "€ 100,00 (1 gift)"
    assert _figure(html, "running") == "3"
    assert _figure(html, "mrr") == "€ 45,00"  # 25 + 120 / 12 + 10 (past due still runs)
    assert _figure(html, "started") == "4"
    assert _figure(html, "stopped") == "1"
    assert _figure(html, "past-due") == "1"
    assert re.findall(r"<td>([^<]+)</td><td data-stage-count>(\d+)</td>", html) == [
        ("Nieuw", "2"),
        ("Contact opgenomen", "0"),
        ("Gesprek gepland", "1"),
    ]
