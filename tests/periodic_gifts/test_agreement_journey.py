"""A periodieke gift from request to its last year, through HTTP, the official stripe client, the stand-in and its
signed webhooks: the filled PDF, the signed upload, the countersign in the admin, the subscription and its renewals,
the yearly overview and the term's reminder and end."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.files.storage import storages
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from donations.models import Donation, DonationStatus, Donor, RecurringDonation, RecurringStatus
from donations.tasks import send_annual_overview
from pages.models import AnbiSettings
from periodic_gifts.models import AgreementStatus, EndReason
from periodic_gifts.tasks import track_agreement_terms
from tests.donations.helpers import (
    advance,
    campaign,
    delivered,
    mails_with,
    paid_gift,
    pay,
    receipts,
    session_id_from,
)

from .helpers import (
    REQUEST_PATH,
    agreement_form,
    attachment,
    finance_client,
    link_path,
    link_target,
    only_agreement,
    pdf_text,
    post_on_page,
    request_mail,
    signed_scan,
    upload,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _request(donor, **changes):
    this_year = str(timezone.localdate().year)
    data = agreement_form(start_year=this_year, campaign=campaign().pk, **changes)
    return donor.post_form(REQUEST_PATH, REQUEST_PATH, data)


def _countersign(client, agreement):
    url = reverse("periodicgiftagreement:countersign", args=[agreement.pk])
    assert "Ja, ondertekenen" in client.get(url).content.decode()
    return client.post(url)


def test_a_yearly_periodic_gift_from_request_to_the_end_of_its_term(donor, stripe_standin, client, django_user_model):
    # An ordinary one-off gift by the same donor, to see the yearly overview keep the two apart.
    paid_gift(donor, stripe_standin, email="maria@example.org")

    # The request: the page explains, the form makes the agreement and sends its PDF.
    page = donor.get(REQUEST_PATH)
    assert page.status_code == 200
    assert "volledig aftrekbaar" in page.text and "burgerservicenummer" in page.text
    response = _request(donor, yearly_amount="250")
    assert response.status_code == 303
    agreement = only_agreement()
    year = timezone.localdate().year
    assert agreement.transaction_number == f"PG-{year}-0001"
    assert agreement.status == AgreementStatus.REQUESTED
    assert agreement.yearly_amount_cents == 25_000
    page_path = link_path(request_mail())
    assert link_target(response.headers["Location"]) == link_target(page_path) == ("/periodiek-schenken/", agreement.pk)

    name, content = attachment(request_mail())
    assert name == f"overeenkomst-periodieke-gift-{agreement.transaction_number}.pdf"
    text = pdf_text(content)
    for value in [
        "Maria Johanna",
        "Jansen",
        "09-03-1970",
        "Amersfoort",
        "Keizersgracht 123",
        "1015 CJ",
        "Amsterdam",
        "€ 250,00",
        "tweehonderdvijftig euro",
        agreement.transaction_number,
        str(year),
        "Stichting leerKRACHT",
        "Exemplaar voor de schenker",
        "Exemplaar voor de ontvanger",
    ]:
        assert value in text, value
    assert "[X] 5 jaar" in text

    # The donor's page: the PDF to sign, and the upload of the signed copy.
    agreement_page = donor.get(page_path)
    assert agreement_page.status_code == 200
    assert "Overeenkomst downloaden" in agreement_page.text
    download = donor.get(page_path + "overeenkomst.pdf")
    assert download.headers["Content-Type"] == "application/pdf"
    assert "no-store" in download.headers["Cache-Control"]
    assert agreement.transaction_number in pdf_text(download.content)

    uploaded = upload(donor.http, donor.base_url, page_path, signed_scan(pages=2))
    assert uploaded.status_code == 303
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SIGNED_BY_DONOR
    # Kept in the private storage, outside the public media, under a name that is not the donor's file name.
    stored_name = agreement.signed_by_donor_file.name
    assert storages["private"].exists(stored_name)
    assert not storages["default"].exists(stored_name)
    assert "getekend" not in stored_name
    assert donor.get("/media/" + stored_name).status_code == 404
    assert "Getekend door Maria Jansen" in pdf_text(donor.get(page_path + "mijn-exemplaar.pdf").content)

    # Financiën countersigns in the admin; the donor gets the countersigned PDF with their own copy behind it.
    staff = finance_client(client, django_user_model)
    assert _countersign(staff, agreement).status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.COUNTERSIGNED
    signed_mail = mails_with("is ondertekend")[-1]
    name, content = attachment(signed_mail)
    text = pdf_text(content)
    assert "Digitaal ondertekend namens Stichting leerKRACHT door Pieter de Penningmeester" in text
    assert "Getekend door Maria Jansen, pagina 2" in text
    assert "Eerste betaling starten" in signed_mail.alternatives[0][0]

    # The first payment: iDEAL on Stripe's page starts the yearly subscription, tied to the agreement.
    assert "Eerste betaling starten" in donor.get(page_path).text
    started = post_on_page(donor.http, donor.base_url, page_path, "betalen/")
    assert started.status_code == 303
    session_id = session_id_from(started.headers["Location"])
    session = stripe_standin.get_object(session_id)
    assert session["mode"] == "subscription"
    assert session["payment_method_types"] == ["ideal", "sepa_debit"]
    assert session["metadata"]["agreement_number"] == agreement.transaction_number
    pay(stripe_standin, session_id, method="ideal")

    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.RUNNING
    assert agreement.first_paid_on == timezone.localdate()
    recurring = RecurringDonation.objects.get(agreement_number=agreement.transaction_number)
    assert recurring.status == RecurringStatus.ACTIVE and recurring.frequency == "yearly"
    assert recurring.amount_cents == 25_000
    receipt = receipts()[-1]
    assert f"Periodieke gift (overeenkomst {agreement.transaction_number})" in receipt.body
    # Paying once more is not possible: the button is gone and a replayed post starts nothing.
    assert "Eerste betaling starten" not in donor.get(page_path).text
    assert post_on_page(donor.http, donor.base_url, page_path, "betalen/").headers["Location"] == page_path

    # Four renewals by SEPA Direct Debit: five yearly payments make the term, after which the debit stops by itself.
    subscription_id = recurring.stripe_subscription_id
    for _ in range(4):
        advance(stripe_standin, subscription_id)
    delivered(stripe_standin)
    payments = Donation.objects.filter(agreement_number=agreement.transaction_number, status=DonationStatus.PAID)
    assert sorted(payment.amount_cents for payment in payments) == [25_000] * 5
    recurring.refresh_from_db()
    agreement.refresh_from_db()
    assert recurring.status == RecurringStatus.CANCELED
    assert stripe_standin.get_object(subscription_id)["status"] == "canceled"
    assert agreement.payments_complete_at is not None
    assert mails_with("terugkerende gift aan Stichting leerKRACHT is gestopt") == []
    years = donor.get(page_path).text
    assert years.count("€ 250,00</td><td>€ 250,00") == 5

    # The yearly overview: the periodieke gift on its own, with its number and the words for the tax return.
    mail.outbox.clear()
    send_annual_overview(Donor.objects.get(email="maria@example.org").pk, year)
    overview = mails_with("jaaroverzicht")[-1]
    text = pdf_text(attachment(overview)[1])
    assert (
        f"Periodieke gift, transactienummer {agreement.transaction_number} "
        "(giften op basis van een periodieke overeenkomst)" in text
    )
    assert "Andere giften" in text
    assert text.index("Periodieke gift, transactienummer") < text.index("Andere giften")

    # Year 5: a reminder with an invitation to renew; after it, the end of the term and its mail.
    first = agreement.first_paid_on
    with time_machine.travel(datetime.datetime(first.year + 4, first.month, first.day, 9, tzinfo=datetime.UTC)):
        track_agreement_terms()
        track_agreement_terms()  # a second run sends nothing twice
    reminders = mails_with("Het laatste jaar van uw periodieke gift")
    assert len(reminders) == 1
    assert "/periodiek-schenken/" in reminders[0].body
    with time_machine.travel(datetime.datetime(first.year + 5, first.month, first.day, 9, tzinfo=datetime.UTC)):
        track_agreement_terms()
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ENDED
    assert agreement.end_reason == EndReason.TERM_COMPLETED
    assert len(mails_with("is afgelopen")) == 1


def test_a_monthly_periodic_gift_debits_a_twelfth_each_month(donor, stripe_standin, client, django_user_model):
    _request(donor, yearly_amount="240", payment_method="debit_monthly")
    page_path = link_path(request_mail())
    upload(donor.http, donor.base_url, page_path, signed_scan())
    agreement = only_agreement()
    _countersign(finance_client(client, django_user_model), agreement)

    started = post_on_page(donor.http, donor.base_url, page_path, "betalen/")
    session_id = session_id_from(started.headers["Location"])
    pay(stripe_standin, session_id, method="ideal")
    recurring = RecurringDonation.objects.get(agreement_number=agreement.transaction_number)
    assert (recurring.frequency, recurring.amount_cents) == ("monthly", 2_000)
    for _ in range(2):
        advance(stripe_standin, recurring.stripe_subscription_id)
    paid = Donation.objects.filter(agreement_number=agreement.transaction_number, status=DonationStatus.PAID)
    assert [payment.amount_cents for payment in paid] == [2_000] * 3
    page = donor.get(page_path).text
    assert "€ 240,00</td><td>€ 60,00" in page  # the first agreement year, three months in
    # The monthly debit is not stopped or changed from "mijn donaties": the agreement decides.
    recurring.refresh_from_db()
    assert recurring.status == RecurringStatus.ACTIVE


def test_a_bank_transfer_agreement_expects_a_yearly_amount_and_staff_register_it(
    donor, stripe_standin, client, django_user_model
):
    anbi = AnbiSettings.for_site(Site.objects.get(is_default_site=True))
    anbi.gifts_iban = "NL91ABNA0417164300"
    anbi.save()
    _request(donor, payment_method="bank_transfer")
    page_path = link_path(request_mail())
    upload(donor.http, donor.base_url, page_path, signed_scan())
    agreement = only_agreement()
    staff = finance_client(client, django_user_model)
    _countersign(staff, agreement)
    page = donor.get(page_path).text
    assert "Maak elk jaar vóór 31 december € 240 over" in page.replace("€ 240,00", "€ 240")
    assert "NL91ABNA0417164300" in page
    assert "NL91ABNA0417164300 ten name van Stichting leerKRACHT" in mails_with("is ondertekend")[-1].body

    url = reverse("periodicgiftagreement:bank_payment", args=[agreement.pk])
    refused = staff.post(url, {"amount": "300", "paid_on": timezone.localdate().strftime("%d-%m-%Y")})
    assert "Een betaling is € 1 tot het jaarbedrag" in refused.content.decode()
    assert not Donation.objects.filter(agreement_number=agreement.transaction_number).exists()
    staff.post(url, {"amount": "240", "paid_on": timezone.localdate().strftime("%d-%m-%Y")})
    payment = Donation.objects.get(agreement_number=agreement.transaction_number)
    assert (payment.status, payment.amount_cents) == (DonationStatus.PAID, 24_000)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.RUNNING
    assert f"Periodieke gift (overeenkomst {agreement.transaction_number})" in receipts()[-1].body

    listing = staff.get(reverse("periodicgiftagreement:index")).content.decode()
    assert agreement.transaction_number in listing
    # Next year without a payment: behind.
    next_year = datetime.datetime(timezone.localdate().year + 2, 1, 10, 9, tzinfo=datetime.UTC)
    with time_machine.travel(next_year):
        staff = finance_client(client, django_user_model, name="penningmeester-later")  # the old session expired
        behind = staff.get(reverse("periodicgiftagreement:index") + "?behind=true").content.decode()
        assert agreement.transaction_number in behind


def test_the_stripe_stand_in_is_not_asked_when_the_donor_never_returns_the_agreement(donor, stripe_standin):
    _request(donor)
    page_path = link_path(request_mail())
    # Without both signatures there is no payment to start.
    response = post_on_page(donor.http, donor.base_url, page_path, "betalen/")
    assert response.headers["Location"] == page_path
    assert Donation.objects.filter(agreement_number=only_agreement().transaction_number).count() == 0
    assert stripe_standin.events() == []
