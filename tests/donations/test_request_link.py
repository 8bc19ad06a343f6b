"""A fresh 'mijn donaties' link by e-mail: the same answer for every address, a mail only to a known one."""

import re
from urllib.parse import urlsplit

from donations.models import Donor

from .helpers import mails_with

PAGE = "/mijn-donaties/"
ANSWER = "Als dit adres bij ons bekend is, ontvangt u binnen enkele minuten een e-mail met een nieuwe link."
SUBJECT = "Uw nieuwe link naar Mijn donaties"


def _ask(donor, email):
    response = donor.post_form(PAGE, PAGE, {"email": email})
    return response, donor.get(PAGE) if response.status_code == 302 else None


def _status_region(page):
    return re.search(r'<div class="messages" role="status">.*?</div>', page.text, re.S).group(0)


def test_a_known_address_gets_a_mail_with_a_fresh_link_to_its_own_gifts(donor, live_demo_site):
    Donor.objects.create(email="anna@example.org", name="Anna de Vries")

    response, answered = _ask(donor, " Anna@Example.org ")

    assert (response.status_code, response.headers["Location"]) == (302, PAGE)
    assert ANSWER in _status_region(answered)
    (message,) = mails_with(SUBJECT)
    assert message.to == ["anna@example.org"]
    assert "twee weken geldig" in message.body
    link = re.search(r"\S+/mijn-donaties/\S+/", message.body).group(0)
    overview = donor.get(urlsplit(link).path)
    assert overview.status_code == 200
    assert "anna@example.org" in overview.text


def test_an_unknown_address_gets_the_same_answer_and_no_mail(donor, live_demo_site):
    Donor.objects.create(email="anna@example.org")

    _response, known = _ask(donor, "anna@example.org")
    _response, unknown = _ask(donor, "niemand@example.org")

    assert _status_region(known) == _status_region(unknown)
    assert [message.to for message in mails_with(SUBJECT)] == [["anna@example.org"]]


def test_bad_input_gets_a_clear_message_and_sends_nothing(donor, live_demo_site):
    Donor.objects.create(email="anna@example.org")

    for value, message in (
        ("", "Vul uw e-mailadres in."),
        ("anna@", "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."),
        ("anna.example.org", "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."),
    ):
        response, _answered = _ask(donor, value)
        assert response.status_code == 400, value
        assert message in response.text
        assert 'aria-invalid="true"' in response.text and 'aria-describedby=" id_email-error"' in response.text
        assert ANSWER not in response.text
    assert mails_with(SUBJECT) == []


def test_an_address_gets_at_most_three_mails_an_hour_and_the_same_answer_after(
    donor, live_demo_site, one_rate_limit_window
):
    Donor.objects.create(email="anna@example.org")

    answers = [_status_region(_ask(donor, "anna@example.org")[1]) for _ in range(5)]

    assert len(set(answers)) == 1 and ANSWER in answers[0]
    assert len(mails_with(SUBJECT)) == 3


def test_one_client_gets_at_most_ten_answers_an_hour_that_send_mail(donor, live_demo_site, one_rate_limit_window):
    Donor.objects.create(email="anna@example.org")
    for number in range(10):
        _ask(donor, f"onbekend-{number}@example.org")

    _response, answered = _ask(donor, "anna@example.org")

    assert ANSWER in _status_region(answered)
    assert mails_with(SUBJECT) == []


def test_the_expired_link_page_leads_to_the_request_page(donor, live_demo_site):
    expired = donor.get("/mijn-donaties/ongeldig/")

    assert expired.status_code == 403
    assert f'href="{PAGE}"' in expired.text
    page = donor.get(PAGE)
    assert page.status_code == 200
    assert '<label for="id_email">Uw e-mailadres</label>' in page.text
    assert "no-store" in page.headers["Cache-Control"]


def test_an_erased_donors_placeholder_address_is_no_address(donor, live_demo_site):
    from donations.privacy import erased_email

    erased = Donor.objects.create(email="anna@example.org")
    erased.email = erased_email(erased)
    erased.save()

    response, _answered = _ask(donor, erased.email)

    assert response.status_code == 400
    assert mails_with(SUBJECT) == []
