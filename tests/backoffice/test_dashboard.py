"""The fundraising panel on the admin dashboard."""

import datetime

from django.utils import timezone

from backoffice.dashboard import weekly_totals
from donations.models import Donation
from partners.models import PartnershipRequest

from .conftest import make_donation

PANEL_HEADING = "Giften per week"


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
    assert html.count("<rect ") == 12
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

    weeks = weekly_totals(today=today)
    assert len(weeks) == 12
    assert weeks[-1] == (datetime.date(2026, 11, 16), 1000, 1)
    assert weeks[-4] == (datetime.date(2026, 10, 26), 2500, 1)
    assert sum(cents for _, cents, _ in weeks) == 3500
