"""A refunded gift: the donor gets one "Uw gift is terugbetaald" per refund, however often Stripe tells us.

Refunds are made at the Stripe stand-in (as in the dashboard) and reach the site as signed webhooks; the notice is
sent by the real task. Repeated, replayed and racing deliveries of the same refund send nothing more; a further
partial refund mails what came on top.
"""

import datetime

import pytest
from celery import Task
from celery.exceptions import Retry
from django.core import mail
from django.utils import timezone
from kombu.exceptions import OperationalError

from donations import privacy
from donations.models import Donation, DonationStatus, Donor
from donations.tasks import send_refund_notice, sweep_unsent_refund_notices
from tests.donations.helpers import (
    control,
    delivered,
    event_body,
    mails_with,
    only_donation,
    paid_gift,
    post_webhook,
    stripe_client,
)
from tests.factories import DonationFactory, DonorFactory

from .test_donor_language import DUTCH_WORDS, _give_in_english, _html

SUBJECT = "Uw gift is terugbetaald"


def _refund(standin, amount=None):
    params = {"payment_intent": only_donation().stripe_payment_intent_id}
    if amount is not None:
        params["amount"] = amount
    stripe_client(standin).v1.refunds.create(params=params)
    delivered(standin)


def notices():
    return mails_with(SUBJECT)


def test_a_full_refund_is_told_once_with_amount_campaign_and_when(donor, stripe_standin, live_server):
    paid_gift(donor, stripe_standin, amount="5000", cover_fees="on")

    _refund(stripe_standin)

    assert only_donation().status == DonationStatus.REFUNDED
    (notice,) = notices()
    assert notice.to == ["anna@example.org"]
    assert notice.extra_headers["Message-ID"].startswith(f"<refund-{only_donation().public_id}-5100@")
    for text in (notice.body, _html(notice)):
        assert "Beste Anna de Vries," in text
        assert "Wij hebben € 51,00 van uw gift aan Besturenprogramma van" in text
        assert "binnen 5 tot 10 werkdagen weer op uw rekening" in text
        assert "In totaal" not in text  # all of it went back
        assert "English" not in text
    assert '<html lang="nl">' in _html(notice)

    # Stripe delivers the event again, a replay brings it under another id, and the payment's own event comes late.
    (refunded,) = stripe_standin.events("charge.refunded")
    control(stripe_standin, f"events/{refunded['id']}/redeliver")
    delivered(stripe_standin)
    replay = event_body("evt_replayed_refund", "charge.refunded", refunded["data"]["object"])
    assert post_webhook(live_server.url, replay).status_code == 200
    (completed,) = stripe_standin.events("checkout.session.completed")
    late = event_body("evt_late_completion", "checkout.session.completed", completed["data"]["object"])
    assert post_webhook(live_server.url, late).status_code == 200

    assert len(notices()) == 1
    assert only_donation().refund_notice_sent_cents == 5100


def test_each_further_partial_refund_mails_what_came_on_top(donor, stripe_standin):
    paid_gift(donor, stripe_standin, amount="5000")

    _refund(stripe_standin, 1000)
    _refund(stripe_standin, 1500)
    _refund(stripe_standin)  # the rest

    first, second, last = notices()
    assert "Wij hebben € 10,00 van uw gift" in first.body
    assert "In totaal is nu € 10,00 van uw gift van € 50,00 terugbetaald." in first.body
    assert "Wij hebben € 15,00 van uw gift" in second.body
    assert "In totaal is nu € 25,00 van uw gift van € 50,00 terugbetaald." in second.body
    assert "Wij hebben € 25,00 van uw gift" in last.body and "In totaal" not in last.body
    assert len({message.extra_headers["Message-ID"] for message in notices()}) == 3
    assert only_donation().refund_notice_sent_cents == 5000


def test_an_english_donor_is_told_in_english(donor, stripe_standin):
    _give_in_english(donor, stripe_standin)

    _refund(stripe_standin, 2000)

    (notice,) = [message for message in mail.outbox if message.subject == "Your gift has been refunded"]
    for text in (notice.body, _html(notice)):
        assert "We have refunded €20.00 of your gift of" in text and "to Besturenprogramma." in text
        assert "In all, €20.00 of your gift of €50.00 has now been refunded." in text
        assert "within 5 to 10 working days" in text
        assert not DUTCH_WORDS.search(text), DUTCH_WORDS.search(text)


@pytest.fixture
def refunded_gift(demo_site):
    """A gift of which € 10 went back and nobody was told yet (its notice never ran)."""
    donation = DonationFactory(donor=DonorFactory(email="anna@example.org"), paid=True, amount_cents=5000)
    Donation.objects.filter(pk=donation.pk).update(refunded_cents=1000)
    return donation


def test_racing_and_repeated_runs_send_one_notice(refunded_gift):
    assert send_refund_notice.delay(refunded_gift.pk).get() == "sent"
    assert send_refund_notice.delay(refunded_gift.pk).get() == "skipped"
    assert len(notices()) == 1


def test_a_run_that_lost_the_race_sends_nothing(refunded_gift, monkeypatch):
    # The other run marked the refund as told between this run's read and its own mark.
    real_filter = Donation.objects.filter

    def told_meanwhile(*args, **kwargs):
        if "refund_notice_sent_cents" in kwargs:
            real_filter(pk=refunded_gift.pk).update(refund_notice_sent_cents=1000)
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(Donation.objects, "filter", told_meanwhile)
    assert send_refund_notice.delay(refunded_gift.pk).get() == "skipped"
    assert notices() == []


def test_a_mail_server_failure_leaves_the_refund_untold_for_the_retry(refunded_gift, monkeypatch):
    from django.core.mail.backends.locmem import EmailBackend

    real_send = EmailBackend.send_messages
    failures = iter([ConnectionRefusedError("mail server down")])

    def fail_once(self, messages):
        for failure in failures:
            raise failure
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", fail_once)
    with pytest.raises(Retry):
        send_refund_notice.delay(refunded_gift.pk)
    assert notices() == []
    assert Donation.objects.get(pk=refunded_gift.pk).refund_notice_sent_cents == 0

    assert send_refund_notice.delay(refunded_gift.pk).get() == "sent"  # the retry
    assert len(notices()) == 1
    assert Donation.objects.get(pk=refunded_gift.pk).refund_notice_sent_cents == 1000


def test_an_erased_donor_is_not_mailed(refunded_gift):
    privacy.erase_donor(Donor.objects.get(pk=refunded_gift.donor_id))
    assert send_refund_notice.delay(refunded_gift.pk).get() == "skipped"
    assert mail.outbox == []


def test_a_notice_the_broker_never_took_is_sent_by_the_sweep(refunded_gift, settings, monkeypatch):
    settings.RECEIPT_SWEEP_AFTER_SECONDS = 60
    minutes_ago = timezone.now() - datetime.timedelta(minutes=5)
    Donation.objects.filter(pk=refunded_gift.pk).update(updated_at=minutes_ago)

    def refuse(*args, **kwargs):
        raise OperationalError("[Errno 111] Connection refused")

    from donations import notifications

    monkeypatch.setattr(Task, "apply_async", refuse)
    notifications.queue_refund_notice(refunded_gift)  # outside a transaction: queued (and refused) at once
    monkeypatch.undo()
    assert notices() == []

    assert sweep_unsent_refund_notices.delay().get() == 1
    assert len(notices()) == 1
    assert sweep_unsent_refund_notices.delay().get() == 0
