"""The partner request form on the English partner page: English labels, errors and thank-you page; Dutch e-mails."""

import pytest
from django.core import mail

from partners.models import PartnershipRequest

PARTNER_PAGE = "/en/become-a-partner/"
REQUEST_URL = "/en/partner-worden/aanvraag/"

pytestmark = pytest.mark.django_db


def test_the_english_partner_page_shows_the_form_in_english(client, demo_site):
    html = client.get(PARTNER_PAGE).content.decode()
    assert f'action="{REQUEST_URL}"' in html
    assert "<legend>Who are you?</legend>" in html
    assert "Private individual of means" in html
    assert "Send request" in html and "Verstuur aanvraag" not in html


def test_bad_input_on_the_english_form_gets_english_errors(client, demo_site, form_data):
    response = client.post(REQUEST_URL, {**form_data, "email": "peter@", "contact_name": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert '<html lang="en">' in html
    assert "Please check the form" in html
    assert "Enter your name." in html
    assert "Enter a valid e-mail address, for example name@organisation.org." in html
    assert not PartnershipRequest.objects.exists()


def test_an_english_request_is_thanked_in_english_and_confirmed_in_dutch(
    client, demo_site, form_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REQUEST_URL, form_data)

    assert response.status_code == 303
    assert response["Location"] == "/en/partner-worden/aanvraag/bedankt/"
    thank_you = client.get(response["Location"]).content.decode()
    assert "Thank you for your request" in thank_you and '<html lang="en">' in thank_you
    assert PartnershipRequest.objects.count() == 1
    # Staff and requester mails are Dutch, like every e-mail the site sends.
    assert mail.outbox and all("/en/" not in message.body for message in mail.outbox)
