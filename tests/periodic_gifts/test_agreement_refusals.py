"""Bad input changes nothing and says what to do: wrong durations and amounts, a BSN typed anywhere, a file that is
not a PDF or too big, a tampered link, a form posted from another site, a step taken out of turn."""

import pytest
from django.core import mail
from django.core.files.storage import storages
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from campaigns.models import CampaignPage
from periodic_gifts.models import AgreementStatus, PeriodicGiftAgreement
from tests.conftest import browser_like_client

from .helpers import REQUEST_PATH, agreement_form, finance_client, pdf_text, signed_scan

pytestmark = pytest.mark.usefixtures("module_demo_site", "db")


def _form(**changes):
    campaign = CampaignPage.objects.get(slug="besturenprogramma")
    return agreement_form(**{"start_year": str(timezone.localdate().year), "campaign": campaign.pk, **changes})


def _refused(client, expected_message, **changes):
    response = client.post(REQUEST_PATH, _form(**changes))
    assert response.status_code == 400
    assert expected_message in response.content.decode()
    assert PeriodicGiftAgreement.objects.count() == 0
    assert mail.outbox == []
    return response


def test_a_term_shorter_than_five_years_is_refused(client):
    _refused(client, "Een periodieke gift loopt minstens 5 jaar.", duration="other", duration_years="4")


def test_a_longer_term_needs_its_number_of_years(client):
    _refused(client, "Vul het aantal jaren in (minstens 5).", duration="other", duration_years="")


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("10", "Een periodieke gift is minstens € 60 per jaar."),
        ("30000", "Online kunt u een periodieke gift tot € 25.000 per jaar aanvragen."),
        ("twee", "Vul een bedrag in euro in"),
    ],
)
def test_a_yearly_amount_outside_the_bounds_is_refused(client, amount, message):
    _refused(client, message, yearly_amount=amount)


def test_a_monthly_debit_needs_a_yearly_amount_that_divides_into_equal_months(client):
    _refused(client, "€ 240 of € 252", yearly_amount="250", payment_method="debit_monthly")


@pytest.mark.parametrize(
    "field",
    [
        "birth_place",
        "street_and_number",
        "first_names",
        "postcode",
        "other_person_name",
        "birth_date",
        "duration_years",
    ],
)
@pytest.mark.parametrize("bsn", ["111222333", "1112.22.333", "111 222 333", "12345678"])
def test_a_bsn_typed_into_any_field_is_refused_and_never_echoed_or_stored(client, caplog, field, bsn):
    response = _refused(client, "Vul hier geen burgerservicenummer (BSN)", **{field: bsn})
    assert bsn not in response.content.decode()
    assert bsn not in caplog.text


def test_a_number_of_years_counts_only_with_longer_chosen(client):
    _refused(client, "Wilt u dit aantal jaren?", duration="5", duration_years="10")
    _refused(client, "Wilt u dit aantal jaren?", duration="indefinite", duration_years="4")


def test_partner_details_without_the_partner_box_ticked_are_not_dropped_silently(client):
    _refused(client, "U vulde gegevens van een partner in", partner_first_names="Jan", partner_last_name="Jansen")


def test_a_partner_needs_their_details(client):
    _refused(client, "Vul dit in voor uw partner", has_partner="on", partner_first_names="Jan")


def test_a_minor_cannot_sign(client):
    _refused(client, "18 jaar of ouder", birth_date=f"01-01-{timezone.localdate().year - 10}")


def test_a_closed_or_unknown_campaign_is_refused(client):
    _refused(client, "Deze campagne bestaat niet of is gesloten.", campaign="999999")


def test_a_form_posted_from_another_site_is_refused():
    other_site = Client(headers={"Origin": "https://elders.example"})
    response = other_site.post(REQUEST_PATH, _form())
    assert response.status_code == 403
    assert PeriodicGiftAgreement.objects.count() == 0


def test_the_partner_and_the_optional_ending_cause_reach_the_agreement(client):
    response = client.post(
        REQUEST_PATH,
        _form(
            has_partner="on",
            partner_first_names="Jan Willem",
            partner_last_name="Jansen",
            partner_birth_date="02-02-1968",
            partner_birth_place="Utrecht",
            ends_on_loss_of_income="on",
            duration="indefinite",
        ),
    )
    assert response.status_code == 303
    agreement = PeriodicGiftAgreement.objects.get()
    assert agreement.has_partner and agreement.partner_country == "Nederland"
    assert agreement.ends_on_loss_of_income and agreement.duration_years is None


def _requested(client):
    response = client.post(REQUEST_PATH, _form())
    assert response.status_code == 303
    return PeriodicGiftAgreement.objects.get(), response["Location"]


def _upload(client, page_path, content, name="getekend.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(page_path + "getekend/", {"signed_copy": SimpleUploadedFile(name, content, "application/pdf")})


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"GIF89a not a pdf at all", "Dit is geen leesbaar PDF-bestand."),
        (b"%PDF-1.7\n% cut off after the header", "Dit is geen leesbaar PDF-bestand."),
        (b"", "Kies het PDF-bestand van uw getekende overeenkomst."),
    ],
)
def test_an_upload_that_is_no_readable_pdf_is_refused_and_not_kept(client, content, message):
    agreement, page_path = _requested(client)
    response = _upload(client, page_path, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.REQUESTED and not agreement.signed_by_donor_file


def test_an_oversized_upload_is_refused_and_not_kept(client):
    agreement, page_path = _requested(client)
    with override_settings(PERIODIC_GIFT_UPLOAD_MAX_BYTES=2048):
        response = _upload(client, page_path, signed_scan(pages=30))
    assert response.status_code in (400, 413)
    assert "Dit bestand is te groot: hoogstens" in response.content.decode()
    agreement.refresh_from_db()
    assert not agreement.signed_by_donor_file


def test_a_tampered_or_foreign_link_opens_nothing(client):
    agreement, page_path = _requested(client)
    token = page_path.strip("/").split("/")[-1]
    tampered = f"/periodiek-schenken/{token[:-2]}xx/"
    for path in [tampered, tampered + "overeenkomst.pdf", tampered + "mijn-exemplaar.pdf"]:
        response = client.get(path)
        assert response.status_code == 403
        assert agreement.transaction_number not in response.content.decode()
    assert _upload(client, tampered, signed_scan()).status_code == 403
    # A "mijn donaties" link is signed for something else and opens no agreement either.
    from donations.emails import manage_link

    donor_token = manage_link(agreement.donor).rstrip("/").rsplit("/", 1)[-1]
    assert client.get(f"/periodiek-schenken/{donor_token}/").status_code == 403


def test_no_payment_before_both_signatures_and_no_countersign_before_the_donor(client, django_user_model):
    agreement, page_path = _requested(client)
    response = client.post(page_path + "betalen/")
    assert response.status_code == 303
    refusal = "Voor deze overeenkomst kan nu geen eerste betaling worden gestart."
    assert refusal in client.get(page_path).content.decode()

    staff = finance_client(browser_like_client(), django_user_model)
    url = reverse("periodicgiftagreement:countersign", args=[agreement.pk])
    staff.get(url)
    response = staff.post(url, {"csrfmiddlewaretoken": staff.cookies["csrftoken"].value})
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.REQUESTED and agreement.countersigned_at is None


def test_the_signed_copy_is_private_to_the_donor_finance_and_fundraising(client, django_user_model):
    agreement, page_path = _requested(client)
    assert _upload(client, page_path, signed_scan()).status_code == 303
    agreement.refresh_from_db()
    assert storages["private"].exists(agreement.signed_by_donor_file.name)
    url = reverse("periodicgiftagreement:signed_copy", args=[agreement.pk])

    editor = finance_client(browser_like_client(), django_user_model, name="redacteur", group="Redactie")
    assert editor.get(url).status_code == 403
    assert editor.get(reverse("periodicgiftagreement:index")).status_code == 403
    fundraiser = finance_client(browser_like_client(), django_user_model, name="fondsenwerver", group="Fondsenwerving")
    assert fundraiser.get(url)["Content-Type"] == "application/pdf"
    # Fondsenwerving follows the agreements, Financiën signs for the foundation.
    assert fundraiser.get(reverse("periodicgiftagreement:countersign", args=[agreement.pk])).status_code == 403
    assert fundraiser.get(reverse("periodicgiftagreement:index") + "?export=csv").status_code == 403
    finance = finance_client(browser_like_client(), django_user_model)
    inspect = finance.get(reverse("periodicgiftagreement:inspect", args=[agreement.pk])).content.decode()
    for action in ["Ondertekenen namens de stichting", "Getekend exemplaar donateur (PDF)", "Beëindigen"]:
        assert action in inspect
    assert "Betaling per bank registreren" not in inspect  # a direct debit: Stripe reports its payments
    export = finance.get(reverse("periodicgiftagreement:index") + "?export=csv")
    assert export.status_code == 200
    assert agreement.transaction_number in b"".join(export.streaming_content).decode()


def test_an_access_request_lists_the_agreement_and_an_open_one_stops_an_erasure(client, django_user_model):
    agreement, _page_path = _requested(client)
    finance = finance_client(browser_like_client(), django_user_model)
    data = finance.get(reverse("donor:data_json", args=[agreement.donor_id])).json()
    (record,) = data["periodic_gift_agreements"]
    assert record["transaction_number"] == agreement.transaction_number
    assert record["birth_place"] == "Amersfoort"
    assert not any("bsn" in field.lower() for field in record)

    erase_url = reverse("donor:erase", args=[agreement.donor_id])
    finance.get(erase_url)
    finance.post(erase_url, {"csrfmiddlewaretoken": finance.cookies["csrftoken"].value})
    agreement.donor.refresh_from_db()
    assert agreement.donor.email == "maria@example.org"


def test_the_form_and_explanation_exist_in_english_and_the_agreement_stays_the_dutch_model(client):
    page = client.get("/en" + REQUEST_PATH).content.decode()
    assert '<html lang="en"' in page
    assert "Request the agreement" in page and "Periodic gifts" in page
    dutch = CampaignPage.objects.get(slug="besturenprogramma")
    english = CampaignPage.objects.get(translation_key=dutch.translation_key, locale__language_code="en")
    response = client.post("/en" + REQUEST_PATH, _form(yearly_amount="1,200", campaign=english.pk))
    assert response.status_code == 303
    assert response["Location"].startswith("/en/periodiek-schenken/")
    agreement = PeriodicGiftAgreement.objects.get()
    assert agreement.yearly_amount_cents == 120_000 and agreement.language == "en"
    assert "Your periodic gift" in client.get(response["Location"]).content.decode()
    pdf = client.get(response["Location"] + "overeenkomst.pdf")
    assert "Overeenkomst" in pdf_text(pdf.content) and "duizendtweehonderd euro" in pdf_text(pdf.content)
