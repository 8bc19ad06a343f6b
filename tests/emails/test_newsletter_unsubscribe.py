"""The newsletter's way out: every mail to a donor who gets it carries a signed unsubscribe link (footer and
List-Unsubscribe headers, RFC 8058 one-click), which works from a browser and from a mail program's one-click POST.

Gifts are made over HTTP and paid through the Stripe stand-in; the link is followed over HTTP to the live server.
"""

import re
from urllib.parse import urlsplit

import requests
from django.core import mail, signing

from donations.manage_tokens import SALT as MY_DONATIONS_SALT
from donations.models import Donor
from newsletter.signing import unsubscribe_token
from tests.donations.helpers import campaign, paid_gift, pay, session_id_from, wait_until

from .test_donor_language import _give_in_english, _html

ONE_CLICK = "List-Unsubscribe=One-Click"
LINK = re.compile(r"<(https?://[^>]+/nieuwsbrief/afmelden/[^/>]+/)>")


def _unsubscribe_url(message):
    headers = message.message()
    assert headers["List-Unsubscribe-Post"] == ONE_CLICK
    (url,) = LINK.fullmatch(headers["List-Unsubscribe"]).groups()
    return url


def _on_live_server(url, live_server):
    """The mail's link, on the test's live server (mails name SITE_BASE_URL)."""
    return live_server.url + urlsplit(url).path


def test_a_newsletter_subscriber_finds_the_unsubscribe_link_in_the_headers_and_the_footer(donor, stripe_standin):
    paid_gift(donor, stripe_standin, newsletter="on")

    (receipt,) = mail.outbox
    url = _unsubscribe_url(receipt)
    assert urlsplit(url).path.startswith("/nieuwsbrief/afmelden/")
    assert f"Afmelden voor de nieuwsbrief: {url}" in receipt.body
    assert f'<a href="{url}"' in _html(receipt)


def test_a_donor_without_the_newsletter_gets_no_unsubscribe_link(donor, stripe_standin):
    paid_gift(donor, stripe_standin)

    (receipt,) = mail.outbox
    headers = receipt.message()
    assert "List-Unsubscribe" not in headers and "List-Unsubscribe-Post" not in headers
    assert "nieuwsbrief" not in receipt.body and "nieuwsbrief/afmelden" not in _html(receipt)


def test_the_link_asks_first_and_a_click_on_the_button_unsubscribes(donor, stripe_standin, live_server):
    paid_gift(donor, stripe_standin, newsletter="on")
    url = _on_live_server(_unsubscribe_url(mail.outbox[0]), live_server)

    page = donor.http.get(url, timeout=30)
    assert page.status_code == 200
    assert "Afmelden voor de nieuwsbrief" in page.text and "Ja, meld mij af" in page.text
    assert 'method="post"' in page.text
    assert Donor.objects.get().newsletter_opt_in is True  # opening the link (or a mail scanner doing so) is not enough

    # The page's form, as the browser sends it.
    done = donor.http.post(url, headers={"Origin": live_server.url, "Referer": url}, timeout=30)
    assert done.status_code == 200
    assert "U bent afgemeld voor de nieuwsbrief." in done.text
    donor_row = Donor.objects.get()
    assert donor_row.newsletter_opt_in is False and donor_row.newsletter_opt_out_at is not None
    first_opt_out = donor_row.newsletter_opt_out_at

    # A second click changes nothing, and the next mail has no unsubscribe link.
    assert donor.http.post(url, timeout=30).status_code == 200
    assert Donor.objects.get().newsletter_opt_out_at == first_opt_out
    paid_gift(donor, stripe_standin, amount="2500")
    assert wait_until(lambda: len(mail.outbox) == 2)
    assert "List-Unsubscribe" not in mail.outbox[1].message()


def test_a_mail_programs_one_click_post_unsubscribes_without_a_session_or_csrf_token(
    donor, stripe_standin, live_server
):
    paid_gift(donor, stripe_standin, newsletter="on")
    url = _on_live_server(_unsubscribe_url(mail.outbox[0]), live_server)

    # What the mail provider's server sends: no cookie, no Origin, no token, just the RFC 8058 body.
    response = requests.post(
        url, data=ONE_CLICK, headers={"Content-Type": "application/x-www-form-urlencoded"}, timeout=30
    )

    assert response.status_code == 200
    assert Donor.objects.get().newsletter_opt_in is False


def test_an_english_donor_gets_the_english_unsubscribe_page(donor, stripe_standin, live_server):
    _give_in_english(donor, stripe_standin, newsletter="on")
    url = _unsubscribe_url(mail.outbox[0])
    assert urlsplit(url).path.startswith("/en/nieuwsbrief/afmelden/")
    assert f"Unsubscribe from the newsletter: {url}" in mail.outbox[0].body

    done = requests.post(_on_live_server(url, live_server), timeout=30)
    assert done.status_code == 200 and '<html lang="en">' in done.text
    assert "You have been unsubscribed from the newsletter." in done.text
    assert Donor.objects.get().newsletter_opt_in is False


def test_a_tampered_or_foreign_token_is_refused_and_changes_nothing(donor, stripe_standin, live_server):
    paid_gift(donor, stripe_standin, newsletter="on")
    subscriber = Donor.objects.get()
    good = unsubscribe_token(subscriber)
    tampered = good[:-2] + ("AA" if not good.endswith("AA") else "BB")
    foreign = signing.dumps({"donor": subscriber.pk}, salt=MY_DONATIONS_SALT)  # a "mijn donaties" link's token
    nobody = signing.dumps({"donor": subscriber.pk + 1000}, salt="nieuwsbrief-afmelden")
    not_an_id = signing.dumps({"donor": "1 OR 1=1"}, salt="nieuwsbrief-afmelden")

    for token in (tampered, foreign, nobody, not_an_id, "zomaar-iets"):
        url = f"{live_server.url}/nieuwsbrief/afmelden/{token}/"
        for response in (requests.get(url, timeout=30), requests.post(url, data=ONE_CLICK, timeout=30)):
            assert response.status_code == 400, token
            assert "Deze afmeldlink is ongeldig" in response.text
            assert "Er is niets gewijzigd." in response.text
    subscriber.refresh_from_db()
    assert subscriber.newsletter_opt_in is True and subscriber.newsletter_opt_out_at is None


def test_signing_up_again_with_a_later_gift_makes_the_donor_a_subscriber_again(donor, stripe_standin, live_server):
    paid_gift(donor, stripe_standin, newsletter="on")
    assert requests.post(_on_live_server(_unsubscribe_url(mail.outbox[0]), live_server), timeout=30).ok
    assert Donor.objects.get().newsletter_opt_in is False

    response = donor.give(campaign(), amount="2500", newsletter="on")
    pay(stripe_standin, session_id_from(response.headers["Location"]))

    assert Donor.objects.get().newsletter_opt_in is True
    assert wait_until(lambda: len(mail.outbox) == 2)
    assert _unsubscribe_url(mail.outbox[1])
