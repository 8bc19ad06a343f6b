"""A request that came in while the broker was down still gets its confirmation and staff notification, once:
the periodic sweep queues the e-mails that never reached the broker or were never sent."""

import datetime

import pytest
import time_machine
from celery.app.task import Task
from django.conf import settings
from django.core import mail
from django.utils import timezone
from kombu.exceptions import OperationalError

from partners.models import PartnershipRequest
from partners.tasks import sweep_unsent_request_emails

from .conftest import at

REQUEST_URL = "/partner-worden/aanvraag/"

pytestmark = pytest.mark.django_db


def _confirmations():
    return [message for message in mail.outbox if message.to == ["peter@egeria.example"]]


def _staff_notifications():
    return [message for message in mail.outbox if message.to == [settings.STAFF_NOTIFICATION_EMAIL]]


def _broker_down(monkeypatch):
    def refuse(self, *args, **kwargs):
        raise OperationalError("[Errno 111] Connection refused")

    monkeypatch.setattr(Task, "apply_async", refuse)


def _sweep_at(moment):
    with time_machine.travel(moment, tick=False):
        return sweep_unsent_request_emails.delay().get()


def test_a_request_made_while_the_broker_was_down_is_confirmed_once_by_the_sweep(
    client, form_data, monkeypatch, django_capture_on_commit_callbacks
):
    received = at(2026, 3, 9, 10)
    _broker_down(monkeypatch)
    with time_machine.travel(received, tick=False), django_capture_on_commit_callbacks(execute=True):
        response = client.post(REQUEST_URL, form_data)
    monkeypatch.undo()

    assert response.status_code == 303  # the requester is thanked; nothing is lost
    stored = PartnershipRequest.objects.get()
    assert (stored.confirmation_queued_at, stored.staff_notification_queued_at) == (None, None)
    assert mail.outbox == []

    assert _sweep_at(received + datetime.timedelta(minutes=2)) == 0  # too early: it may still be on its way
    assert _sweep_at(received + datetime.timedelta(minutes=6)) == 2

    assert (len(_confirmations()), len(_staff_notifications())) == (1, 1)
    stored.refresh_from_db()
    assert stored.confirmation_sent_at and stored.staff_notified_at
    assert stored.confirmation_queued_at and stored.staff_notification_queued_at

    # Later sweeps, also hours later, send nothing twice.
    assert _sweep_at(received + datetime.timedelta(minutes=11)) == 0
    assert _sweep_at(received + datetime.timedelta(hours=5)) == 0
    assert (len(_confirmations()), len(_staff_notifications())) == (1, 1)


def test_a_request_whose_e_mails_were_queued_is_marked_and_left_alone(
    client, form_data, django_capture_on_commit_callbacks
):
    received = at(2026, 3, 9, 10)
    with time_machine.travel(received, tick=False), django_capture_on_commit_callbacks(execute=True):
        client.post(REQUEST_URL, form_data)

    stored = PartnershipRequest.objects.get()
    assert stored.confirmation_queued_at == stored.staff_notification_queued_at == received
    assert _sweep_at(received + datetime.timedelta(minutes=6)) == 0
    assert len(mail.outbox) == 2


def test_a_queued_confirmation_that_never_got_sent_is_queued_again_after_its_retries_had_time(make_request):
    received = at(2026, 3, 9, 10)
    partnership = make_request(received, email="peter@egeria.example")
    # Queued, then lost (say the worker's host went away with the message) before anything was sent.
    PartnershipRequest.objects.filter(pk=partnership.pk).update(
        confirmation_queued_at=received, staff_notification_queued_at=received, staff_notified_at=received
    )

    assert _sweep_at(received + datetime.timedelta(minutes=30)) == 0  # retries may still be under way
    assert _sweep_at(received + datetime.timedelta(hours=4)) == 1
    assert _sweep_at(received + datetime.timedelta(hours=8)) == 0
    assert (len(_confirmations()), len(_staff_notifications())) == (1, 0)


def test_the_sweep_runs_every_few_minutes():
    (entry,) = [
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "partners.tasks.sweep_unsent_request_emails"
    ]
    assert entry["schedule"] <= 600


def test_requests_stored_now_are_not_swept_yet(make_request):
    make_request(timezone.now())
    assert sweep_unsent_request_emails.delay().get() == 0
    assert mail.outbox == []
