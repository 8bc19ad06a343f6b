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

    form = client.get(url).content.decode()
    assert "Hoeveel van de gift van € 50,00" in form and 'value="50"' in form  # all that is left, to start with
    response = client.post(url, {"amount": "50"})

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


def test_finance_refunds_part_of_a_gift_the_total_drops_by_that_part_and_the_donor_is_mailed(
    client,
    django_user_model,
    donor,  # noqa: F811
    stripe_standin,  # noqa: F811
):
    paid_gift(donor, stripe_standin, amount="5000")
    donation = only_donation()
    treasurer = django_user_model.objects.create_user(username="penningmeester", password="x", is_staff=True)
    treasurer.groups.add(Group.objects.get(name="Financiën"))
    client.force_login(treasurer)
    url = reverse("donation:refund", args=[donation.pk])

    assert client.post(url, {"amount": "20,00"}).status_code == 302
    delivered(stripe_standin)
    donation.refresh_from_db()
    assert (donation.status, donation.refunded_cents) == (DonationStatus.PAID, 2000)
    assert raised_cents() == 3000
    (notice,) = mails_with("terugbetaald")
    assert notice.to == ["anna@example.org"] and "€ 20,00" in notice.body
    entry = ModelLogEntry.objects.get(action="leerkracht.refund_requested")
    assert entry.data == {"amount_cents": 2000}

    # More than what is left, nothing, or not an amount: a message, and nothing is asked of Stripe.
    for typed, message in (
        ("30,01", "Er is nog € 30,00 terug te betalen; meer kan niet."),
        ("0", "Het bedrag is minstens € 0,01."),
        ("veel", "Vul een bedrag in euro in"),
    ):
        refused = client.post(url, {"amount": typed})
        assert refused.status_code == 400 and message in refused.content.decode(), typed
    delivered(stripe_standin)
    donation.refresh_from_db()
    assert donation.refunded_cents == 2000
    assert stripe_standin.get_object(donation.stripe_payment_intent_id)["amount_received"] == 5000

    assert client.post(url, {"amount": "30"}).status_code == 302
    delivered(stripe_standin)
    donation.refresh_from_db()
    assert (donation.status, donation.refunded_cents) == (DonationStatus.REFUNDED, 5000)
    assert raised_cents() == 0
    assert len(mails_with("terugbetaald")) == 2


def test_finance_pauses_a_monthly_gift_on_the_donors_behalf_through_stripe(
    client,
    django_user_model,
    donor,  # noqa: F811
    stripe_standin,  # noqa: F811
):
    paid_gift(donor, stripe_standin, frequency="monthly", amount="2500")
    recurring = RecurringDonation.objects.get()
    url = reverse("recurringdonation:pause", args=[recurring.pk])
    fundraiser = django_user_model.objects.create_user(username="fondsenwerver", password="x", is_staff=True)
    fundraiser.groups.add(Group.objects.get(name="Fondsenwerving"))
    client.force_login(fundraiser)
    assert client.post(url, {"months": "2"}).status_code == 403
    treasurer = django_user_model.objects.create_user(username="penningmeester", password="x", is_staff=True)
    treasurer.groups.add(Group.objects.get(name="Financiën"))
    client.force_login(treasurer)

    assert client.post(url, {"months": "4"}).status_code == 400  # 1, 2 or 3 months only
    response = client.post(url, {"months": "2"})
    delivered(stripe_standin)

    assert response.status_code == 302
    pause = stripe_standin.get_object(recurring.stripe_subscription_id)["pause_collection"]
    assert pause["behavior"] == "void"
    recurring.refresh_from_db()
    assert recurring.is_paused and recurring.paused_until.timestamp() == pause["resumes_at"]
    entry = ModelLogEntry.objects.get(action="leerkracht.recurring_paused")
    assert (entry.user, entry.data) == (treasurer, {"months": 2})
    assert "Gift pauzeren" not in client.get(reverse("recurringdonation:inspect", args=[recurring.pk])).content.decode()
