"""An English gift paid through the stand-in: thanked in English (page and e-mail), counted in both languages.

Its own module: the live server's transactional database cannot share a module with `module_demo_site`.
"""

from django.core import mail

from donations.models import DonationStatus

from .helpers import only_donation, pay, raised_cents, session_id_from, wait_until
from .test_english_gift import ENGLISH_SLUG, _form, english_campaign


def test_an_english_gift_is_thanked_in_english_and_counts_for_both_languages(donor, stripe_standin):
    page = english_campaign()
    response = donor.post_form(page.url, "/en/doneren/", _form(page))
    assert response.status_code == 303, response.text

    result = pay(stripe_standin, session_id_from(response.headers["Location"]))
    assert wait_until(lambda: only_donation().status == DonationStatus.PAID)
    thank_you = donor.http.get(result["redirect_url"]).text
    assert '<html lang="en">' in thank_you
    assert "Thank you for your gift!" in thank_you

    assert raised_cents("besturenprogramma") == raised_cents(ENGLISH_SLUG) == 5000
    assert "<strong>€50</strong> raised of €150,000" in donor.get(page.url).text
    assert "<strong>€ 50</strong> opgehaald van € 150.000" in donor.get("/campagnes/besturenprogramma/").text
    # The receipt is in the donor's language, and its link to "mijn donaties" goes to the English page.
    (receipt,) = mail.outbox
    html = receipt.alternatives[0][0]
    assert '<html lang="en">' in html and "/en/mijn-donaties/" in html
