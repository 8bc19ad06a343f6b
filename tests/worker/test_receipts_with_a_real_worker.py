"""Receipts go out through a real Celery worker and a real SMTP conversation, exactly once, whatever fails."""

import io

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


def _pay_a_donation(campaign):
    """What the webhook handler does on payment: the state change and the receipt queued on commit."""
    donor = Donor.objects.create(email="jan@example.org", name="Jan Jansen")
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
