"""The request form on the partner page: what a valid request stores and sends, and what bad input gets."""

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from partners.models import PartnershipRequest, RequestStatus

PARTNER_PAGE = "/partner-worden/"
REQUEST_URL = "/partner-worden/aanvraag/"

pytestmark = pytest.mark.django_db


def _post(client, data, capture):
    with capture(execute=True):
        return client.post(REQUEST_URL, data)


def _html_part(message):
    (html, mimetype) = message.alternatives[0]
    assert mimetype == "text/html"
    return html


def test_the_partner_page_shows_the_form_posting_to_the_request_view(client, demo_site):
    response = client.get(PARTNER_PAGE)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'action="{REQUEST_URL}"' in html
    assert 'name="csrfmiddlewaretoken"' not in html  # the page is the same for every visitor: no token of one
    assert "<legend>Wie bent u?</legend>" in html
    assert "Vermogend particulier" in html
    assert "Een middag 30 leraren ontvangen om te laten zien hoe uw organisatie continu verbetert" in html
    assert 'name="website"' in html and 'tabindex="-1"' in html


def test_a_valid_request_is_stored_redirected_and_confirmed_to_requester_and_staff(
    client, form_data, django_capture_on_commit_callbacks
):
    response = _post(client, form_data, django_capture_on_commit_callbacks)

    assert response.status_code == 303
    assert response["Location"] == "/partner-worden/aanvraag/bedankt/"
    stored = PartnershipRequest.objects.get()
    assert (stored.organisation, stored.contact_name, stored.email) == (
        "Stichting Egeria Fonds",
        "Peter Visser",
        "peter@egeria.example",
    )
    assert (stored.kind, stored.interest, stored.budget) == ("foundation", "accelerator", "50k_to_250k")
    assert stored.consent_to_contact and stored.status == RequestStatus.NEW
    assert stored.confirmation_sent_at and stored.staff_notified_at

    assert len(mail.outbox) == 2
    confirmation, notification = sorted(mail.outbox, key=lambda message: message.to != ["peter@egeria.example"])
    assert confirmation.to == ["peter@egeria.example"]
    assert confirmation.from_email == settings.DEFAULT_FROM_EMAIL
    assert confirmation.subject == "Uw aanvraag voor een partnerschap met Stichting leerKRACHT"
    assert "Beste Peter Visser," in confirmation.body
    assert "namens Stichting Egeria Fonds" in confirmation.body
    assert "We nemen binnen drie werkdagen contact met u op" in confirmation.body
    assert "Interesse: De leerKRACHT-Versneller" in confirmation.body
    assert "English" not in confirmation.body and "English" not in _html_part(confirmation)  # one language
    assert "We nemen binnen drie werkdagen contact met u op" in _html_part(confirmation)
    assert '<html lang="nl">' in _html_part(confirmation)

    assert notification.to == [settings.STAFF_NOTIFICATION_EMAIL]
    assert notification.reply_to == ["peter@egeria.example"]
    assert notification.subject == "Nieuwe partneraanvraag: Stichting Egeria Fonds (Fonds of stichting)"
    for text in ("Peter Visser", "020 123 45 67", "De leerKRACHT-Versneller", "€ 50.000 – € 250.000", "hele methode"):
        assert text in notification.body
    assert "Stichting Egeria Fonds" in _html_part(notification)
    assert "English" not in notification.body


def test_the_thank_you_page_promises_contact_within_three_working_days(client):
    response = client.get("/partner-worden/aanvraag/bedankt/")
    assert response.status_code == 200
    assert "We nemen binnen drie werkdagen contact met u op" in response.content.decode()


def test_a_private_individual_needs_no_organisation(client, form_data, django_capture_on_commit_callbacks):
    form_data.update(kind="wealthy_individual", organisation="", budget="")
    response = _post(client, form_data, django_capture_on_commit_callbacks)
    assert response.status_code == 303
    stored = PartnershipRequest.objects.get()
    assert str(stored) == "Peter Visser"
    assert "Nieuwe partneraanvraag: Peter Visser (Vermogend particulier)" in [m.subject for m in mail.outbox]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"organisation": ""}, "Vul de naam van uw organisatie in."),
        ({"email": ""}, "Vul uw e-mailadres in."),
        ({"email": "peter@"}, "Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.nl."),
        ({"consent_to_contact": ""}, "Geef toestemming om contact met u op te nemen"),
        ({"kind": "ruimtevaartbureau"}, "Kies een van de soorten partner uit de lijst."),
        ({"interest": "iets-anders"}, "Kies een van de mogelijkheden uit de lijst."),
        ({"interest": ""}, "Kies waar uw interesse naar uitgaat."),
        ({"phone": "bel me"}, "Vul een geldig telefoonnummer in"),
        ({"message": ""}, "Vertel ons kort wat u voor ogen heeft."),
        ({"website": "http://spam.example"}, "Dit veld moet leeg blijven."),
    ],
)
def test_bad_input_shows_the_form_again_and_stores_and_sends_nothing(
    client, form_data, django_capture_on_commit_callbacks, changes, message
):
    form_data.update(changes)
    response = _post(client, form_data, django_capture_on_commit_callbacks)

    html = response.content.decode()
    assert response.status_code == 400
    assert "Controleer het formulier" in html
    assert message in html
    assert PartnershipRequest.objects.count() == 0
    assert mail.outbox == []


def test_an_invalid_field_is_linked_from_the_summary_and_described_by_its_error(client, form_data):
    form_data["email"] = "peter@"
    html = client.post(REQUEST_URL, form_data).content.decode()
    assert '<a href="#id_email">' in html
    assert 'aria-describedby="id_email-error" aria-invalid="true"' in html
    assert 'value="Stichting Egeria Fonds"' in html


def test_a_post_from_another_site_is_refused(form_data):
    client = Client(enforce_csrf_checks=True, headers={"Origin": "https://elders.example"})
    response = client.post(REQUEST_URL, form_data)
    assert response.status_code == 403
    assert "Dit formulier is niet verstuurd" in response.content.decode()
    assert PartnershipRequest.objects.count() == 0
    assert mail.outbox == []


def test_a_burst_of_posts_from_one_address_is_rate_limited(
    client, form_data, django_capture_on_commit_callbacks, one_rate_limit_window
):
    for _ in range(5):
        assert client.post(REQUEST_URL, {**form_data, "email": ""}).status_code == 400

    response = _post(client, form_data, django_capture_on_commit_callbacks)

    assert response.status_code == 429
    assert "U heeft in korte tijd te vaak een aanvraag verstuurd" in response.content.decode()
    assert PartnershipRequest.objects.count() == 0
    assert mail.outbox == []
