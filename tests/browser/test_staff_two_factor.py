"""A fundraiser turns on two-factor login in a real browser and next time gets in only with a code."""

import base64
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.utils import timezone
from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.browser.test_journeys import screenshot

pytestmark = pytest.mark.browser

PASSWORD = "een-lang-wachtwoord-456"  # noqa: S105 - a throwaway account in the test database


def current_code(secret):
    return f"{TOTP(base64.b32decode(secret)).token():06d}"


def log_in(page, base_url):
    page.goto(base_url + "/admin/login/")
    page.locator("input[name=username]").fill("fondsenwerver")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").click()


def test_a_fundraiser_turns_on_two_factor_and_logs_in_with_a_code(live_demo_site, new_page, screenshot_dir):
    fundraiser = User.objects.create_user("fondsenwerver", "f@example.org", PASSWORD, is_staff=True)
    fundraiser.groups.add(Group.objects.get(name="Fondsenwerving"))

    page = new_page(1280)
    log_in(page, live_demo_site)
    page.wait_for_url(live_demo_site + "/admin/")
    page.goto(live_demo_site + "/admin/account/")
    page.locator("#tab-label-actions").click()  # the account page's "more actions" tab
    page.get_by_role("link", name="Tweestapsverificatie").click()
    expect(page.locator(".two-factor-qr svg")).to_be_visible()
    screenshot(page, screenshot_dir, "two-factor-1-set-up")

    secret = page.locator("code").inner_text().replace(" ", "")
    page.get_by_label("Code uit je authenticator-app").fill(current_code(secret))
    page.get_by_role("button", name="Tweestapsverificatie aanzetten").click()
    expect(page.get_by_text("Tweestapsverificatie staat aan", exact=False).first).to_be_visible()
    screenshot(page, screenshot_dir, "two-factor-2-on")

    # A minute later (the code used to turn it on is spent), the fundraiser logs in again.
    with time_machine.travel(timezone.now() + timedelta(minutes=1)) as clock:
        fresh = new_page(1280)
        log_in(fresh, live_demo_site)
        fresh.wait_for_url("**/admin/tweestapsverificatie/controle/**")
        fresh.goto(live_demo_site + "/admin/donation/")
        expect(fresh).to_have_url(live_demo_site + "/admin/tweestapsverificatie/controle/?next=%2Fadmin%2Fdonation%2F")
        screenshot(fresh, screenshot_dir, "two-factor-3-code-asked")

        wrong = "000000" if current_code(secret) != "000000" else "111111"
        fresh.get_by_label("Code uit je authenticator-app").fill(wrong)
        fresh.get_by_role("button", name="Bevestigen").click()
        expect(fresh.locator(".messages").get_by_text("Deze code klopt niet")).to_be_visible()

        clock.shift(timedelta(seconds=3))  # past the pause after a wrong code
        fresh.get_by_label("Code uit je authenticator-app").fill(current_code(secret))
        fresh.get_by_role("button", name="Bevestigen").click()
        fresh.wait_for_url(live_demo_site + "/admin/donation/")
        expect(fresh.get_by_role("heading", level=1)).to_be_visible()
        screenshot(fresh, screenshot_dir, "two-factor-4-in")
