"""Editors enter a campaign's goal and its suggested amounts in euros; the site stores cents and shows euros."""

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from campaigns.models import CampaignPage
from tests.browser.test_journeys import screenshot

pytestmark = pytest.mark.browser

PASSWORD = "een-lang-wachtwoord-789"  # noqa: S105 - a throwaway account in the test database


def _publish(page):
    page.locator("footer [data-w-dropdown-target='toggle']").click()
    page.locator("button[name='action-publish']").click()


def test_an_editor_sets_a_goal_of_50_000_euro_and_the_campaign_page_shows_it(live_demo_site, new_page, screenshot_dir):
    editor = User.objects.create_user("redacteur", "redactie@example.org", PASSWORD)
    editor.groups.add(Group.objects.get(name="Redactie"))
    campaign = CampaignPage.objects.get(slug="besturenprogramma")

    page = new_page(1280)
    page.goto(live_demo_site + "/admin/login/")
    page.locator("input[name=username]").fill("redacteur")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(live_demo_site + "/admin/")
    page.goto(f"{live_demo_site}/admin/pages/{campaign.pk}/edit/")

    goal = page.locator("#id_goal_cents")
    expect(goal).to_have_value("150.000")  # the stored 15000000 cents, as euros
    goal.fill("vijftigduizend")
    first_amount = page.locator("#id_suggested_amounts-0-amount_cents")
    first_amount.fill("0,50")
    _publish(page)
    expect(page.get_by_text("Vul een bedrag in euro in, bijvoorbeeld 50.000 of 25,50.")).to_be_visible()
    expect(page.get_by_text("Het bedrag is minstens € 1.")).to_be_visible()
    screenshot(page, screenshot_dir, "editor-amounts-1-refused")
    campaign.refresh_from_db()
    assert campaign.goal_cents == 15_000_000  # nothing changed

    page.locator("#id_goal_cents").fill("50.000")
    page.locator("#id_suggested_amounts-0-amount_cents").fill("30")
    _publish(page)
    page.wait_for_url("**/admin/pages/*/")
    expect(page.locator(".messages .success")).to_be_visible()
    campaign.refresh_from_db()
    assert campaign.goal_cents == 5_000_000
    assert campaign.suggested_amounts.first().amount_cents == 3_000

    page.goto(live_demo_site + campaign.url)
    expect(page.locator(".progress__figures")).to_contain_text("opgehaald van € 50.000")
    expect(page.locator("form.donate-form").get_by_text("€ 30", exact=True)).to_be_visible()
    screenshot(page, screenshot_dir, "editor-amounts-2-campaign-page")
