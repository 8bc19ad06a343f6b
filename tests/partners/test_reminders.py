"""Staff are reminded of requests still waiting for contact three working days after they came in."""

import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail

from partners.models import PartnershipRequest, RequestStatus
from partners.pipeline import change_status
from partners.tasks import send_partner_reminder, send_partner_reminders

from .conftest import at


def _run_reminders_at(moment):
    """What the daily beat job does at `moment`: returns the e-mails it sent."""
    sent_before = len(mail.outbox)
    with time_machine.travel(moment, tick=False):
        send_partner_reminders.delay()
    return mail.outbox[sent_before:]


def test_a_friday_request_is_reminded_on_wednesday_not_on_monday_or_tuesday(make_request):
    make_request(at(2026, 3, 6, 16, 30))  # Friday afternoon

    assert _run_reminders_at(at(2026, 3, 9, 8)) == []  # Monday
    assert _run_reminders_at(at(2026, 3, 10, 8)) == []  # Tuesday
    (reminder,) = _run_reminders_at(at(2026, 3, 11, 8))  # Wednesday

    assert reminder.to == [settings.STAFF_NOTIFICATION_EMAIL]
    assert reminder.subject == "Herinnering: partneraanvraag van Bakkerij Verbeter BV wacht op contact"
    assert "Beste collega's," in reminder.body
    assert 'staat na 3 werkdagen nog op "nieuw"' in reminder.body
    assert "6 maart 2026" in reminder.body
    assert "Bakkerij Verbeter BV" in reminder.alternatives[0][0]
    assert PartnershipRequest.objects.get().last_reminder_sent_on.isoformat() == "2026-03-11"


def test_koningsdag_does_not_count_as_a_working_day(make_request):
    make_request(at(2026, 4, 23, 11))  # Thursday; Monday 27 April is Koningsdag

    assert _run_reminders_at(at(2026, 4, 27, 8)) == []
    assert _run_reminders_at(at(2026, 4, 28, 8)) == []  # would be the third working day without Koningsdag
    assert len(_run_reminders_at(at(2026, 4, 29, 8))) == 1


def test_christmas_does_not_count_as_working_days(make_request):
    make_request(at(2026, 12, 23, 14))  # Wednesday; 25 and 26 December are public holidays

    assert _run_reminders_at(at(2026, 12, 28, 8)) == []
    assert len(_run_reminders_at(at(2026, 12, 29, 8))) == 1


def test_no_reminders_go_out_on_days_off_and_an_unanswered_request_is_reminded_each_working_day(make_request):
    make_request(at(2026, 3, 2, 10))  # Monday; due Thursday

    assert len(_run_reminders_at(at(2026, 3, 5, 8))) == 1  # Thursday
    assert len(_run_reminders_at(at(2026, 3, 6, 8))) == 1  # Friday
    assert _run_reminders_at(at(2026, 3, 7, 8)) == []  # Saturday
    assert _run_reminders_at(at(2026, 3, 8, 8)) == []  # Sunday
    assert len(_run_reminders_at(at(2026, 3, 9, 8))) == 1  # Monday


def test_a_request_that_has_been_contacted_is_never_reminded(make_request):
    partnership = make_request(at(2026, 3, 6, 16))
    change_status(partnership, RequestStatus.CONTACTED)

    assert _run_reminders_at(at(2026, 3, 11, 8)) == []
    assert _run_reminders_at(at(2026, 3, 20, 8)) == []


def test_running_the_reminders_twice_on_one_day_sends_one_reminder(make_request):
    partnership = make_request(at(2026, 3, 6, 16))

    assert len(_run_reminders_at(at(2026, 3, 11, 8))) == 1
    assert _run_reminders_at(at(2026, 3, 11, 14)) == []
    with time_machine.travel(at(2026, 3, 11, 15), tick=False):
        assert send_partner_reminder.delay(partnership.pk).get() == "skipped"
    assert len(mail.outbox) == 1


def test_the_reminder_goes_to_the_owner_when_the_request_has_one(make_request):
    owner = get_user_model().objects.create_user(
        "marieke", email="marieke@leerkracht.example", first_name="Marieke", last_name="Jansen"
    )
    make_request(at(2026, 3, 6, 16), owner=owner)

    (reminder,) = _run_reminders_at(at(2026, 3, 11, 8))

    assert reminder.to == ["marieke@leerkracht.example"]
    assert "Beste Marieke Jansen," in reminder.body
    assert reminder.reply_to == ["sanne@verbeter.example"]


def test_an_owner_without_an_e_mail_address_is_reminded_through_the_staff_address(make_request):
    owner = get_user_model().objects.create_user("kees", email="")
    make_request(at(2026, 3, 6, 16), owner=owner)

    (reminder,) = _run_reminders_at(at(2026, 3, 11, 8))

    assert reminder.to == [settings.STAFF_NOTIFICATION_EMAIL]
    assert "Beste collega's," in reminder.body
