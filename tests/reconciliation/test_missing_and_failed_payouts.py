"""A paid gift no payout holds after the set number of days is flagged; a failed payout stays failed and is flagged."""

import datetime

from django.urls import reverse
from django.utils import timezone

from reconciliation.differences import gifts_missing_from_payouts, payout_differences
from reconciliation.models import Payout, PayoutStatus
from reconciliation.reports import month_report
from tests.donations.helpers import Donor, event_body, only_donation, paid_gift, post_webhook

from .helpers import logged_in, run_payout


def test_a_paid_gift_never_paid_out_is_flagged_after_the_set_days(
    live_demo_site, stripe_standin, settings, client, django_user_model
):
    settings.RECONCILIATION_PAYOUT_EXPECTED_WITHIN_DAYS = 10
    paid_gift(Donor(live_demo_site.url), stripe_standin, amount="2500")
    gift = only_donation()
    now = timezone.now()

    assert list(gifts_missing_from_payouts(now + datetime.timedelta(days=9))) == []
    assert list(gifts_missing_from_payouts(now + datetime.timedelta(days=11))) == [gift]

    # As if the gift was paid 11 days ago: the listing and the month of its payment say so in red.
    type(gift).objects.filter(pk=gift.pk).update(paid_at=now - datetime.timedelta(days=11))
    listing = logged_in(client, django_user_model, "Financiën").get(reverse("reconciliation_payouts")).content.decode()
    assert "zit na 10 dagen nog in geen uitbetaling van Stripe" in listing
    paid_month = timezone.localtime(now - datetime.timedelta(days=11)).date().replace(day=1)
    assert any("nog in geen uitbetaling" in text for text in month_report(paid_month).differences)

    run_payout(stripe_standin)

    assert list(gifts_missing_from_payouts(now + datetime.timedelta(days=11))) == []


def test_a_failed_payout_stays_failed_and_is_flagged(live_demo_site, stripe_standin):
    paid_gift(Donor(live_demo_site.url), stripe_standin, amount="2500")
    run_payout(stripe_standin)
    (paid,) = stripe_standin.events("payout.paid")
    failed_object = {**paid["data"]["object"], "status": "failed", "failure_code": "account_closed"}

    failed = post_webhook(live_demo_site.url, event_body("evt_payout_failed", "payout.failed", failed_object))
    late_paid = post_webhook(live_demo_site.url, event_body("evt_late_copy", "payout.paid", paid["data"]["object"]))

    assert (failed.status_code, late_paid.status_code) == (200, 200)
    payout = Payout.objects.get()
    assert payout.status == PayoutStatus.FAILED
    assert payout_differences(payout)[0] == "Deze uitbetaling is mislukt: het geld staat weer op het Stripe-saldo."
    # Its money is not paid out: the month counts no failed payout, and the gift shows as not yet paid out.
    assert month_report(timezone.localdate().replace(day=1)).payouts_cents == 0
    assert list(gifts_missing_from_payouts(timezone.now() + datetime.timedelta(days=30))) == [only_donation()]


def test_a_paid_payout_waits_for_stripe_to_list_its_transactions(live_demo_site, stripe_standin):
    paid_gift(Donor(live_demo_site.url), stripe_standin, amount="2500")
    stripe_standin.configure(enabled_events=["payout.created", "payout.paid"])

    run_payout(stripe_standin)

    payout = Payout.objects.get()
    assert (payout.status, payout.reconciliation_status, payout.balance_transactions.count()) == (
        PayoutStatus.PAID,
        "in_progress",
        0,
    )
    assert payout_differences(payout) == ["Stripe stelt de lijst van transacties bij deze uitbetaling nog samen."]

    (completed,) = stripe_standin.events("payout.reconciliation_completed")
    response = post_webhook(
        live_demo_site.url, event_body(completed["id"], completed["type"], completed["data"]["object"])
    )

    assert response.status_code == 200
    payout.refresh_from_db()
    assert payout.reconciliation_status == "completed"
    assert payout.balance_transactions.filter(donation=only_donation()).count() == 1
    assert payout_differences(payout) == []


def test_a_manual_payout_is_stored_and_flagged_without_asking_for_its_transactions(live_demo_site, stripe_standin):
    manual = {
        "id": "po_manual_1",
        "object": "payout",
        "amount": 10000,
        "currency": "eur",
        "status": "paid",
        "automatic": False,
        "reconciliation_status": "not_applicable",
        "arrival_date": 1796000000,
        "created": 1796000000,
    }

    response = post_webhook(live_demo_site.url, event_body("evt_manual_payout", "payout.paid", manual))

    assert response.status_code == 200  # the stand-in knows no po_manual_1: asking it would have failed
    payout = Payout.objects.get()
    assert (payout.automatic, payout.balance_transactions.count()) == (False, 0)
    assert payout_differences(payout)[0].startswith("Handmatige uitbetaling")
