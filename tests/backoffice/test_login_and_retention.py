"""Staff login hardening and the AVG retention job."""

from django.test import override_settings


@override_settings(STAFF_LOGIN_RATE_LIMIT="3/m")
def test_a_burst_of_login_attempts_is_refused_with_a_clear_message(
    client, db, django_user_model, one_rate_limit_window
):
    django_user_model.objects.create_user("fondsenwerver", "f@leerkracht.nl", "het-echte-wachtwoord-2026")
    statuses = [
        client.post("/admin/login/", {"username": "fondsenwerver", "password": f"gok-{attempt}"}).status_code
        for attempt in range(3)
    ]
    assert statuses == [200, 200, 200]  # the login form again, with its error

    refused = client.post("/admin/login/", {"username": "fondsenwerver", "password": "het-echte-wachtwoord-2026"})
    assert refused.status_code == 429
    assert "Te veel inlogpogingen" in refused.content.decode()
    assert "_auth_user_id" not in client.session  # even the right password does not get in during the burst


def test_the_monthly_beat_task_anonymises_donors_without_gifts_for_seven_years(db, settings):
    from datetime import timedelta

    from django.utils import timezone

    from donations.models import Donor
    from donations.tasks import erase_inactive_donors

    assert settings.CELERY_BEAT_SCHEDULE["erase-inactive-donors"]["task"] == erase_inactive_donors.name
    old = Donor.objects.create(email="oud@example.org", name="Oude Gever")
    Donor.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8 * 365))
    recent = Donor.objects.create(email="nieuw@example.org", name="Nieuwe Gever")

    erase_inactive_donors.delay()

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.email, old.name) != ("oud@example.org", "Oude Gever")
    assert (recent.email, recent.name) == ("nieuw@example.org", "Nieuwe Gever")
