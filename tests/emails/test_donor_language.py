"""A donor's e-mails are in the language they gave in, all of them, with links to that language's addresses.

Gifts are made over HTTP on the Dutch or English campaign page and paid through the Stripe stand-in; the mails are
sent by the real tasks (run in-process). The PDFs stay Dutch documents.
"""

import datetime
import re
from urllib.parse import urlsplit

from django.core import mail
from django.utils import timezone

from donations.models import Donation, DonationStatus, Donor, RecurringDonation
from donations.tasks import send_annual_overview
from tests.donations.helpers import advance, campaign, pay, session_id_from, wait_until
from tests.donations.test_english_gift import _form, english_campaign

from .test_donor_emails import _pdf_text

DUTCH_WORDS = re.compile(r"\b(Beste|Bedankt|gift aan|Uw|Bekijk|Campagne|Bedrag|Datum)\b")


def _give_in_english(donor, stripe_standin, **changes):
    page = english_campaign()
    response = donor.post_form(page.url, "/en/doneren/", _form(page, **changes))
    assert response.status_code == 303, response.text
    session_id = session_id_from(response.headers["Location"])
    pay(stripe_standin, session_id)
    return session_id


def _html(message):
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    return html


def _links(text):
    return re.findall(r"https?://[^\s\"<>]+", text)


def test_a_gift_on_the_english_page_is_thanked_in_english_only(donor, stripe_standin):
    _give_in_english(donor, stripe_standin)
    assert wait_until(lambda: len(mail.outbox) == 1)

    assert Donor.objects.get(email="emma@example.org").language == "en"
    (receipt,) = mail.outbox
    assert receipt.subject == "Thank you for your gift to Besturenprogramma"
    html = _html(receipt)
    assert '<html lang="en">' in html
    for text in (receipt.body, html):
        assert "Dear Emma Jones," in text
        assert "€50.00" in text and "Receipt" in text and "One-off gift" in text
        assert "Thanks to your gift, more teachers can learn from each other" in text
        assert "is a public benefit organisation (ANBI)" in text
        assert not DUTCH_WORDS.search(text), DUTCH_WORDS.search(text)
        assert "English:" not in text
        manage = [link for link in _links(text) if "mijn-donaties" in link]
        assert manage and all("/en/mijn-donaties/" in link for link in manage)
    # The attached receipt is the Dutch tax document.
    name, pdf = _pdf_text(receipt)
    assert name.startswith("ontvangstbewijs-") and "Ontvangstbewijs" in pdf and "50,00" in pdf


def test_a_gift_on_the_dutch_page_is_thanked_in_dutch_only_and_moves_the_donor_back_to_dutch(donor, stripe_standin):
    _give_in_english(donor, stripe_standin)
    dutch_campaign = campaign()
    response = donor.post_form(
        dutch_campaign.url, "/doneren/", _form(dutch_campaign, amount_choice="2500", email="Emma@example.org")
    )
    pay(stripe_standin, session_id_from(response.headers["Location"]))
    assert wait_until(lambda: len(mail.outbox) == 2)

    assert Donor.objects.get().language == "nl"
    dutch = next(message for message in mail.outbox if message.subject.startswith("Bedankt"))
    assert dutch.subject == "Bedankt voor uw gift aan Besturenprogramma"
    html = _html(dutch)
    assert '<html lang="nl">' in html
    for text in (dutch.body, html):
        assert "Beste Emma Jones," in text and "€ 25,00" in text
        assert "English" not in text and "Thank you" not in text and "Dear" not in text
        assert "/en/" not in text


def test_a_monthly_english_gift_mails_its_failed_payment_and_its_stop_in_english(donor, stripe_standin):
    session_id = _give_in_english(donor, stripe_standin, frequency="monthly", amount_choice="2500")
    subscription_id = stripe_standin.get_object(session_id)["subscription"]
    advance(stripe_standin, subscription_id, outcome="failed")
    assert wait_until(lambda: len(mail.outbox) == 2)

    failed = mail.outbox[1]
    assert failed.subject == "Your recurring gift to Stichting leerKRACHT: payment failed"
    for text in (failed.body, _html(failed)):
        assert "The latest payment of your monthly gift of €25.00 to Besturenprogramma did not go through." in text
        assert not DUTCH_WORDS.search(text)
        assert any("/en/mijn-donaties/" in link for link in _links(text))

    # The donor stops the gift through the English "mijn donaties" page the mail links to.
    overview = next(link for link in _links(failed.body) if "/en/mijn-donaties/" in link)
    path = urlsplit(overview).path
    recurring = RecurringDonation.objects.get()
    assert donor.post_form(path, f"{path}{recurring.pk}/stoppen/", {}).status_code == 302
    assert wait_until(lambda: len(mail.outbox) == 3)

    stopped = mail.outbox[2]
    assert stopped.subject == "Your recurring gift to Stichting leerKRACHT has stopped"
    for text in (stopped.body, _html(stopped)):
        assert "Your monthly gift of €25.00 to Besturenprogramma has stopped. No further payments" in text
        assert not DUTCH_WORDS.search(text)


def test_the_yearly_overview_of_an_english_donor_is_english_with_a_dutch_pdf(
    donor, stripe_standin, django_capture_on_commit_callbacks
):
    _give_in_english(donor, stripe_standin, amount_choice="2500")
    # Last year's gifts: this one, and one of a periodieke gift made on the Dutch page of another campaign.
    last_year = timezone.make_aware(datetime.datetime(timezone.localdate().year - 1, 6, 1, 12))
    Donation.objects.update(paid_at=last_year)
    Donation.objects.create(
        campaign=campaign("naar-het-kantelpunt"),
        donor=Donor.objects.get(),
        amount_cents=12_000,
        frequency="yearly",
        agreement_number="PG-2025-0001",
        status=DonationStatus.PAID,
        paid_at=last_year,
    )
    mail.outbox.clear()

    send_annual_overview.delay(Donor.objects.get().pk, last_year.year)

    (overview,) = mail.outbox
    assert overview.subject == f"Your {last_year.year} annual overview from Stichting leerKRACHT"
    for text in (overview.body, _html(overview)):
        assert f"Thank you very much for your support in {last_year.year}." in text
        # The Dutch tax words stay: they are what the Dutch tax return asks for.
        tax_words = "(giften op basis van een periodieke overeenkomst)"
        assert f"Periodic gift, transaction number PG-2025-0001 {tax_words}" in text
        assert "Other gifts (one-off and recurring gifts)" in text
        assert "Towards the tipping point" in text and "€120.00" in text and "€145.00" in text
        assert not DUTCH_WORDS.search(text), DUTCH_WORDS.search(text)
    name, pdf = _pdf_text(overview)
    assert name == f"jaaroverzicht-{last_year.year}.pdf"
    assert "Periodieke gift, transactienummer PG-2025-0001" in pdf and "145,00" in pdf and "Naar het kantelpunt" in pdf
