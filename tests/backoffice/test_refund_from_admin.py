"""A refund or stop asked for in the admin goes to Stripe; the gift changes only when Stripe's webhook says so."""

from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import ModelLogEntry

from donations.models import DonationStatus, RecurringDonation, RecurringStatus
from tests.donations.conftest import donor, live_demo_site, stripe_standin  # noqa: F401 - the real Stripe path
from tests.donations.helpers import delivered, mails_with, only_donation, paid_gift, raised_cents


def test_finance_refunds_a_paid_gift_and_the_campaign_total_drops(client, django_user_model, donor, stripe_standin):  # noqa: F811
    paid_gift(donor, stripe_standin, amount="5000")
    donation = only_donation()
    assert raised_cents() == 5000
    treasurer = django_user_model.objects.create_user(username="penningmeester", password="x", is_staff=True)
    treasurer.groups.add(Group.objects.get(name="Financiën"))
    client.force_login(treasurer)
    url = reverse("donation:refund", args=[donation.pk])

    assert "terugbetalen?" in client.get(url).content.decode()
    response = client.post(url)

    assert response.status_code == 302
    log_entry = ModelLogEntry.objects.get(action="leerkracht.refund_requested")
    assert (log_entry.object_id, log_entry.user) == (str(donation.pk), treasurer)
    delivered(stripe_standin)
    donation.refresh_from_db()
    assert (donation.status, donation.refunded_cents) == (DonationStatus.REFUNDED, 5000)
    assert raised_cents() == 0


def test_finance_stops_a_monthly_gift_through_stripe_and_the_donor_is_told(
    client,
    django_user_model,
    donor,  # noqa: F811
    stripe_standin,  # noqa: F811
):
    paid_gift(donor, stripe_standin, frequency="monthly", amount="2500")
    recurring = RecurringDonation.objects.get()
    assert recurring.status == RecurringStatus.ACTIVE
    treasurer = django_user_model.objects.create_user(username="penningmeester", password="x", is_staff=True)
    treasurer.groups.add(Group.objects.get(name="Financiën"))
    client.force_login(treasurer)

    response = client.post(reverse("recurringdonation:stop", args=[recurring.pk]))

    assert response.status_code == 302
    assert ModelLogEntry.objects.get(action="leerkracht.recurring_stop_requested").user == treasurer
    delivered(stripe_standin)  # Stripe's customer.subscription.deleted
    recurring.refresh_from_db()
    assert recurring.status == RecurringStatus.CANCELED
    assert stripe_standin.get_object(recurring.stripe_subscription_id)["status"] == "canceled"
    assert [message.to for message in mails_with("is gestopt")] == [["anna@example.org"]]
