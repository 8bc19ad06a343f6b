"""What the reports count gifts by: how each was paid (from Stripe's charge.succeeded) and why a recurring gift
ended (from its subscription's cancellation details, and who asked us to stop it)."""

from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse

from donations.models import Donation, EndReason, PaymentMethod, RecurringDonation

from .helpers import advance, delivered, paid_gift, pay_by_sepa, settle
from .test_my_donations import _overview_path


def test_each_gift_records_how_it_was_paid_and_its_charge(donor, stripe_standin):
    paid_gift(donor, stripe_standin, amount="5000")
    paid_gift(donor, stripe_standin, amount="2500", method="card")
    paid_gift(donor, stripe_standin, amount="10000", method="bancontact")

    gifts = Donation.objects.order_by("pk")
    assert [gift.payment_method for gift in gifts] == [
        PaymentMethod.IDEAL,
        PaymentMethod.CARD,
        PaymentMethod.BANCONTACT,
    ]
    for gift in gifts:
        assert gift.stripe_charge_id == stripe_standin.get_object(gift.stripe_payment_intent_id)["latest_charge"]


def test_a_monthly_gift_by_sepa_records_each_period_as_a_direct_debit(donor, stripe_standin):
    session_id = donor.start_gift(frequency="monthly", amount="2500")
    pay_by_sepa(stripe_standin, session_id)
    settle(stripe_standin, session_id, "succeeded")
    advance(stripe_standin, RecurringDonation.objects.get().stripe_subscription_id)

    assert [gift.payment_method for gift in Donation.objects.order_by("pk")] == [PaymentMethod.SEPA_DEBIT] * 2


def test_a_gift_stopped_by_the_donor_or_by_staff_says_who_stopped_it(donor, stripe_standin):
    paid_gift(donor, stripe_standin, frequency="monthly", amount="2500")
    paid_gift(donor, stripe_standin, frequency="monthly", amount="5000")
    by_donor, by_staff = RecurringDonation.objects.order_by("pk")

    overview = _overview_path()
    donor.post_form(overview, f"{overview}{by_donor.pk}/stoppen/", {})
    treasurer = User.objects.create_user("penningmeester", "p@example.org", "x", is_staff=True)
    treasurer.groups.add(Group.objects.get(name="Financiën"))
    staff = Client()
    staff.force_login(treasurer)
    assert staff.post(reverse("recurringdonation:stop", args=[by_staff.pk])).status_code == 302
    delivered(stripe_standin)

    by_donor.refresh_from_db()
    by_staff.refresh_from_db()
    assert (by_donor.status, by_donor.end_reason) == ("canceled", EndReason.DONOR)
    assert (by_staff.status, by_staff.end_reason) == ("canceled", EndReason.STAFF)
    assert stripe_standin.get_object(by_staff.stripe_subscription_id)["cancellation_details"]["reason"] == (
        "cancellation_requested"
    )
