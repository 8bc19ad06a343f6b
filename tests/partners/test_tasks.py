"""The e-mail tasks take ids, re-read the request and send each e-mail once, even when run again or retried."""

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from partners.models import PartnershipRequest
from partners.tasks import notify_staff_of_request, send_request_confirmation

from .conftest import at


@pytest.mark.parametrize("task", [send_request_confirmation, notify_staff_of_request])
def test_running_a_task_twice_sends_one_e_mail(make_request, task):
    partnership = make_request(at(2026, 3, 6, 16))

    assert task.delay(partnership.pk).get() == "sent"
    assert task.delay(partnership.pk).get() == "skipped"

    assert len(mail.outbox) == 1


def test_a_request_that_no_longer_exists_is_skipped(db):
    assert send_request_confirmation.delay(404).get() == "skipped"
    assert mail.outbox == []


def test_a_mail_server_failure_leaves_the_e_mail_unsent_for_the_retry(make_request, monkeypatch):
    partnership = make_request(at(2026, 3, 6, 16))

    def refuse(message, fail_silently=False):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)
    with pytest.raises(OSError):
        send_request_confirmation.run(partnership.pk)
    assert PartnershipRequest.objects.get().confirmation_sent_at is None

    monkeypatch.undo()
    assert send_request_confirmation.run(partnership.pk) == "sent"
    assert len(mail.outbox) == 1
    assert PartnershipRequest.objects.get().confirmation_sent_at is not None
