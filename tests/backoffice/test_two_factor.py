"""Optional two-factor login (TOTP) for staff: turning it on, the code step after the password, and its guards."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

PASSWORD = "een-lang-wachtwoord-voor-2026"
SETUP_URL = "/admin/tweestapsverificatie/"
VERIFY_URL = "/admin/tweestapsverificatie/controle/"
DISABLE_URL = "/admin/tweestapsverificatie/uitzetten/"
DONATIONS_URL = "/admin/donation/"


@pytest.fixture
def staff_member(db, django_user_model):
    user = django_user_model.objects.create_user("fondsenwerver", "f@leerkracht.nl", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Fondsenwerving"))
    return user


@pytest.fixture
def frozen_clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def code_for(device, offset_steps=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset_steps * device.step
    return f"{totp.token():0{device.digits}d}"


def sign_in(client):
    response = client.post("/admin/login/", {"username": "fondsenwerver", "password": PASSWORD})
    assert response.status_code == 302, "the password step itself must succeed"
    return response


def turn_on(client, user):
    client.get(SETUP_URL)
    device = TOTPDevice.objects.get(user=user)
    response = client.post(SETUP_URL, {"token": code_for(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    return device


def signed_in_again_after_turning_it_on(client, user, clock):
    """Turn two-factor on, log out, and a code later log in again with the password alone; return the device."""
    sign_in(client)
    device = turn_on(client, user)
    client.logout()
    clock.shift(timedelta(seconds=device.step))
    sign_in(client)
    return device


def test_without_two_factor_the_password_alone_opens_the_admin(client, staff_member):
    sign_in(client)
    assert client.get("/admin/").status_code == 200
    assert client.get(DONATIONS_URL).status_code == 200


def test_the_account_page_offers_two_factor(client, staff_member):
    sign_in(client)
    account = client.get("/admin/account/").content.decode()
    assert SETUP_URL in account
    assert "Tweestapsverificatie" in account


def test_setting_up_shows_a_qr_code_and_key_and_needs_a_right_code(client, staff_member, frozen_clock):
    sign_in(client)
    page = client.get(SETUP_URL).content.decode()
    device = TOTPDevice.objects.get(user=staff_member, confirmed=False)
    assert "<svg" in page
    secret = re.search(r"<code>([A-Z2-7 ]+)</code>", page).group(1).replace(" ", "")
    assert len(secret) >= 32
    # Reloading keeps the same secret, so a scanned code stays valid.
    client.get(SETUP_URL)
    assert TOTPDevice.objects.filter(user=staff_member).count() == 1

    wrong = client.post(SETUP_URL, {"token": "000000" if code_for(device) != "000000" else "111111"})
    assert wrong.status_code == 200
    assert "Deze code klopt niet" in wrong.content.decode()
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed

    frozen_clock.shift(timedelta(seconds=2))  # past the one-second pause after a wrong code
    right = client.post(SETUP_URL, {"token": code_for(device)})
    assert right.status_code == 302
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    entry = ModelLogEntry.objects.get(action="staff_two_factor.enabled")
    assert (entry.user_id, entry.object_id) == (staff_member.pk, str(staff_member.pk))
    # The session that set it up is verified already.
    assert client.get(DONATIONS_URL).status_code == 200


def test_with_two_factor_every_admin_page_waits_for_the_code(client, staff_member, frozen_clock):
    device = signed_in_again_after_turning_it_on(client, staff_member, frozen_clock)
    for url in ("/admin/", DONATIONS_URL, "/admin/pages/", SETUP_URL):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(VERIFY_URL)
    export = client.get(DONATIONS_URL + "?export=csv")
    assert export.status_code == 302

    step = client.get(VERIFY_URL + "?next=" + DONATIONS_URL)
    assert step.status_code == 200
    assert 'autocomplete="one-time-code"' in step.content.decode()

    wrong = client.post(VERIFY_URL, {"token": "12345a", "next": DONATIONS_URL})
    assert wrong.status_code == 200
    assert "alleen uit cijfers" in wrong.content.decode()
    assert client.get(DONATIONS_URL).status_code == 302

    right = client.post(VERIFY_URL, {"token": code_for(device), "next": DONATIONS_URL})
    assert right.status_code == 302
    assert right.url == DONATIONS_URL
    assert client.get(DONATIONS_URL).status_code == 200


def test_a_code_works_once(client, staff_member, frozen_clock):
    sign_in(client)
    device = turn_on(client, staff_member)
    used_code = code_for(device)
    client.logout()

    sign_in(client)
    replay = client.post(VERIFY_URL, {"token": used_code})
    assert replay.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_repeated_wrong_codes_lock_out_even_the_right_code_for_a_while(client, staff_member, frozen_clock):
    device = signed_in_again_after_turning_it_on(client, staff_member, frozen_clock)

    bad = "000000" if code_for(device) != "000000" else "111111"
    for _attempt in range(4):
        client.post(VERIFY_URL, {"token": bad})
    locked = client.post(VERIFY_URL, {"token": code_for(device)})
    assert "Te veel onjuiste codes" in locked.content.decode()
    assert client.get("/admin/").status_code == 302

    frozen_clock.shift(timedelta(seconds=30))
    assert client.post(VERIFY_URL, {"token": code_for(device)}).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_code_step_never_sends_staff_to_another_site(client, staff_member, frozen_clock):
    device = signed_in_again_after_turning_it_on(client, staff_member, frozen_clock)
    response = client.post(VERIFY_URL, {"token": code_for(device), "next": "https://aanvaller.example/admin/"})
    assert response.status_code == 302
    assert response.url == "/admin/"


def test_turning_it_off_needs_a_right_code_and_is_logged(client, staff_member, frozen_clock):
    sign_in(client)
    device = turn_on(client, staff_member)
    frozen_clock.shift(timedelta(seconds=device.step))

    refused = client.post(DISABLE_URL, {"token": "000000" if code_for(device) != "000000" else "111111"})
    assert refused.status_code == 400
    assert TOTPDevice.objects.filter(user=staff_member, confirmed=True).exists()

    frozen_clock.shift(timedelta(seconds=2))
    assert client.post(DISABLE_URL, {"token": code_for(device)}).status_code == 302
    assert not TOTPDevice.objects.filter(user=staff_member).exists()
    assert ModelLogEntry.objects.filter(action="staff_two_factor.disabled", user=staff_member).count() == 1

    client.logout()
    sign_in(client)
    assert client.get(DONATIONS_URL).status_code == 200


def test_when_required_staff_without_an_app_must_set_one_up_first(client, staff_member, settings, frozen_clock):
    settings.STAFF_2FA_REQUIRED = True
    sign_in(client)
    response = client.get(DONATIONS_URL)
    assert response.status_code == 302
    assert response.url.startswith(SETUP_URL)
    assert client.get(SETUP_URL).status_code == 200

    device = TOTPDevice.objects.get(user=staff_member)
    done = client.post(SETUP_URL, {"token": code_for(device), "next": DONATIONS_URL})
    assert done.url == DONATIONS_URL
    assert client.get(DONATIONS_URL).status_code == 200
    # And it cannot be turned off again.
    frozen_clock.shift(timedelta(seconds=device.step))
    client.post(DISABLE_URL, {"token": code_for(device)})
    assert TOTPDevice.objects.filter(user=staff_member, confirmed=True).exists()


def test_an_operator_resets_a_lost_phone_and_the_password_opens_the_admin_again(client, staff_member, frozen_clock):
    sign_in(client)
    turn_on(client, staff_member)
    client.logout()

    call_command("reset_staff_two_factor", "fondsenwerver")

    sign_in(client)
    assert client.get(DONATIONS_URL).status_code == 200
    assert ModelLogEntry.objects.filter(action="staff_two_factor.disabled").count() == 1


def test_the_public_site_does_not_ask_for_codes(client, demo_site, staff_member, frozen_clock):
    sign_in(client)
    turn_on(client, staff_member)
    client.logout()
    sign_in(client)
    assert client.get("/").status_code == 200
