"""Receipts go out through a real Celery worker and a real SMTP conversation, exactly once, whatever fails."""

import base64
import email
import email.policy
import io
import re
import zlib

import pytest
from django.core.management import call_command
from django.db import transaction

from campaigns.models import CampaignPage
from donations.models import Donation, DonationStatus, Donor
from donations.notifications import queue_receipt
from donations.state import transition
from donations.tasks import sweep_unsent_receipts

from .conftest import wait_for

pytestmark = pytest.mark.worker


@pytest.fixture
def campaign(django_db_serialized_rollback, transactional_db):
    call_command("load_demo_content", stdout=io.StringIO())
    return CampaignPage.objects.get(slug="besturenprogramma")


def _pay_a_donation(campaign, email="jan@example.org"):
    """What the webhook handler does on payment: the state change and the receipt queued on commit."""
    donor = Donor.objects.create(email=email, name="Jan Jansen")
    donation = Donation.objects.create(campaign=campaign, donor=donor, amount_cents=2500, frequency="once")
    with transaction.atomic():
        transition(donation, DonationStatus.PAID)
        queue_receipt(donation)
    return donation


def _recorded_as_sent(donation):
    """The worker sends first, then commits receipt_sent_at: wait for the commit too."""
    return wait_for(lambda: Donation.objects.filter(pk=donation.pk, receipt_sent_at__isnull=False).exists())


def _receipts(mail_server):
    return [message for message in mail_server.messages if "Bedankt voor uw gift" in message]


def _received_by(mail_server, address):
    """Each receipt this donor got, as (receipt number, Message-ID, the text drawn in the PDF)."""
    received = []
    for raw in _receipts(mail_server):
        message = email.message_from_string(raw, policy=email.policy.default)
        if message["To"] != address:
            continue
        (attachment,) = message.iter_attachments()
        number = re.fullmatch(r"ontvangstbewijs-(\d{4}-\d{6})\.pdf", attachment.get_filename()).group(1)
        received.append((number, message["Message-ID"], _pdf_text(attachment.get_content())))
    return received


def _pdf_text(content):
    # reportlab writes ASCII85-encoded, deflated page streams; the file's own timestamps differ per rendering.
    streams = re.findall(rb"stream\r?\n(.*?)~>endstream", content, re.DOTALL)
    return "".join(zlib.decompress(base64.a85decode(stream)).decode("latin-1") for stream in streams)


def test_a_paid_donation_gets_exactly_one_receipt(campaign, celery_worker, mail_server):
    donation = _pay_a_donation(campaign)
    assert wait_for(lambda: len(_receipts(mail_server)) == 1)
    receipt = _receipts(mail_server)[0]
    assert "jan@example.org" in receipt
    assert "application/pdf" in receipt
    assert _recorded_as_sent(donation)
    donation.refresh_from_db()
    assert donation.receipt_number.endswith("-000001")

    # Queueing it again (a redelivery, a sweep) sends nothing more.
    sweep_unsent_receipts.delay()
    queue_receipt(donation)
    wait_for(lambda: False, timeout=3)
    assert len(_receipts(mail_server)) == 1


def test_a_worker_killed_mid_task_still_delivers_the_receipt_after_restart(campaign, celery_worker, mail_server):
    mail_server.hold.clear()  # the mail server hangs once the worker starts talking to it
    donation = _pay_a_donation(campaign)
    assert mail_server.held.wait(30), "the worker never started sending"
    celery_worker.kill()
    mail_server.hold.set()
    assert _receipts(mail_server) == []
    donation.refresh_from_db()
    assert donation.receipt_sent_at is None

    celery_worker.start()
    sweep_unsent_receipts.delay()  # what beat runs every few minutes
    assert wait_for(lambda: len(_receipts(mail_server)) == 1, timeout=60)
    wait_for(lambda: False, timeout=3)
    assert len(_receipts(mail_server)) == 1
    assert _recorded_as_sent(donation)


def test_a_mail_server_failure_is_retried_until_the_receipt_is_delivered(campaign, celery_worker, mail_server):
    mail_server.refuse_next = 2
    donation = _pay_a_donation(campaign)
    assert wait_for(lambda: len(_receipts(mail_server)) == 1, timeout=60)
    assert mail_server.refuse_next == 0
    assert _recorded_as_sent(donation)
    donation.refresh_from_db()
    assert donation.receipt_failed_at is None


def test_a_worker_killed_after_the_mail_server_took_the_receipt_resends_the_same_receipt(
    campaign, celery_worker, mail_server
):
    mail_server.reply_delay = 5  # the message is delivered, the worker does not know it yet
    donation = _pay_a_donation(campaign)
    assert mail_server.accepted.wait(30), "the worker never sent the receipt"
    celery_worker.kill()
    mail_server.reply_delay = 0
    donation.refresh_from_db()
    assert donation.receipt_sent_at is None
    assert len(_received_by(mail_server, "jan@example.org")) == 1

    # Another gift is paid while the worker is down: it must not get the number the first receipt carries.
    other = _pay_a_donation(campaign, email="piet@example.org")
    celery_worker.start()
    sweep_unsent_receipts.delay()  # what beat runs every few minutes
    assert _recorded_as_sent(donation) and _recorded_as_sent(other)
    wait_for(lambda: False, timeout=3)  # a redelivery of the killed task or a second sweep sends nothing new

    received = _received_by(mail_server, "jan@example.org")
    assert len(received) >= 2
    numbers, message_ids, pdf_texts = (set(column) for column in zip(*received, strict=True))
    assert len(numbers) == 1, numbers
    assert len(message_ids) == 1, message_ids
    assert len(pdf_texts) == 1
    (number,), (message_id,), (pdf_text,) = numbers, message_ids, pdf_texts
    assert number in pdf_text
    donation.refresh_from_db()
    assert (donation.receipt_number, donation.receipt_message_id) == (number, message_id)

    ((other_number, other_message_id, _),) = _received_by(mail_server, "piet@example.org")
    other.refresh_from_db()
    assert other_number == other.receipt_number
    assert other_message_id != message_id
    assert int(other_number.rsplit("-", 1)[1]) == int(number.rsplit("-", 1)[1]) + 1
