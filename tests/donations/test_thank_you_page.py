"""Where Stripe sends the donor back: it tells how the payment went, and never marks a gift paid itself."""

import datetime
import re
from html import escape, unescape
from urllib.parse import parse_qs, urlsplit

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format

from core.dates import add_months
from core.money import format_euro
from donations.models import DonationStatus
from donations.monthly_offer import monthly_offer_cents

from .helpers import campaign, delivered, only_donation, paid_gift, pay, pay_by_sepa, raised_cents


def test_a_paid_gift_is_thanked_for_before_the_webhook_arrives(donor, stripe_standin):
    stripe_standin.configure(pause_delivery=True)
    result = pay(stripe_standin, donor.start_gift(amount="5000"))

    page = donor.http.get(result["redirect_url"])

    assert "Bedankt voor uw gift!" in page.text
    assert only_donation().status == DonationStatus.PENDING
    stripe_standin.flush()
    delivered(stripe_standin)
    assert only_donation().status == DonationStatus.PAID


def test_a_sepa_debit_still_on_its_way_is_shown_as_processing(donor, stripe_standin):
    result = pay_by_sepa(stripe_standin, donor.start_gift(frequency="monthly", amount="2500"))

    page = donor.http.get(result["redirect_url"])

    assert "We wachten nog op de bevestiging van uw bank" in page.text
    assert "Bedankt voor uw gift!" not in page.text


def test_an_unknown_checkout_session_is_not_found(donor):
    assert donor.get("/doneren/bedankt/?session_id=cs_test_unknown").status_code == 404
    assert donor.get("/doneren/bedankt/").status_code == 404


def _thank_you(donor, session_id):
    return donor.get(f"/doneren/bedankt/?session_id={session_id}").text


def _links(html):
    return [unescape(href) for href in re.findall(r'href="([^"]+)"', html)]


def test_a_one_off_donor_reads_what_the_gift_does_and_the_new_total_before_the_webhook(donor, stripe_standin):
    stripe_standin.configure(pause_delivery=True)
    before = raised_cents()
    session_id = donor.start_gift(amount="5000")
    pay(stripe_standin, session_id)

    page = _thank_you(donor, session_id)

    assert "Uw gift van € 50,00 aan Besturenprogramma is ontvangen." in page
    line = campaign().impact_line_for(5000)
    assert line.startswith("bijv. € 50") and escape(line) in page
    assert f"<strong>{format_euro(before + 5000)}</strong> opgehaald" in page
    assert "per maand aan" not in page and "Mijn donaties" not in page
    stripe_standin.flush()
    delivered(stripe_standin)
    assert raised_cents() == before + 5000
    assert f"<strong>{format_euro(before + 5000)}</strong> opgehaald" in _thank_you(donor, session_id)


def test_share_links_are_plain_links_with_the_campaign_address_and_a_prepared_text(donor, stripe_standin):
    session_id = donor.start_gift(amount="5000")
    pay(stripe_standin, session_id)

    share_list = re.search(r'<ul class="share-links">(.*?)</ul>', _thank_you(donor, session_id), re.S).group(1)

    campaign_url = campaign().get_full_url()
    shares = {urlsplit(link).netloc or urlsplit(link).scheme: link for link in _links(share_list)}
    assert set(shares) == {"wa.me", "www.linkedin.com", "www.facebook.com", "x.com", "mailto"}
    assert parse_qs(urlsplit(shares["wa.me"]).query)["text"][0].endswith(" " + campaign_url)
    assert parse_qs(urlsplit(shares["www.linkedin.com"]).query)["url"] == [campaign_url]
    assert parse_qs(urlsplit(shares["www.facebook.com"]).query)["u"] == [campaign_url]
    x_query = parse_qs(urlsplit(shares["x.com"]).query)
    assert x_query["url"] == [campaign_url] and "Besturenprogramma" in x_query["text"][0]
    mail = parse_qs(urlsplit(shares["mailto"]).query)
    assert "Besturenprogramma" in mail["subject"][0] and mail["body"][0].endswith(campaign_url)


def test_a_campaign_with_its_own_share_text_has_its_donors_share_that_text(donor, stripe_standin):
    page = campaign()
    page.share_text = "Ik steun leraren die elkaars lessen bezoeken. Jij ook?"
    page.save_revision().publish()
    session_id = donor.start_gift(amount="5000")
    pay(stripe_standin, session_id)

    share_list = re.search(r'<ul class="share-links">(.*?)</ul>', _thank_you(donor, session_id), re.S).group(1)

    campaign_url = page.get_full_url()
    shares = {urlsplit(link).netloc or urlsplit(link).scheme: link for link in _links(share_list)}
    own_text = "Ik steun leraren die elkaars lessen bezoeken. Jij ook?"
    assert parse_qs(urlsplit(shares["wa.me"]).query)["text"] == [f"{own_text} {campaign_url}"]
    assert parse_qs(urlsplit(shares["x.com"]).query)["text"] == [own_text]
    assert parse_qs(urlsplit(shares["mailto"]).query)["body"] == [f"{own_text}\n\n{campaign_url}"]


def test_a_one_off_donor_who_declined_is_offered_monthly_once_more_and_the_link_fills_in_the_form(
    donor, stripe_standin
):
    session_id = donor.start_gift(amount="5000", monthly_offer="declined")
    pay(stripe_standin, session_id)
    page = _thank_you(donor, session_id)

    offer = monthly_offer_cents(campaign(), 5000)
    assert f"Geef {format_euro(offer)} per maand" in page
    link = next(link for link in _links(page) if "frequentie=" in link)
    assert parse_qs(urlsplit(link).query) == {"frequentie": ["monthly"], "bedrag": [str(offer)]}

    inputs = re.findall(r"<input[^>]+>", donor.get(link.split("#")[0]).text)
    checked = [tag for tag in inputs if " checked" in tag]
    assert any('name="frequency" value="monthly"' in tag for tag in checked)
    assert any(f'name="amount_choice" value="{offer}"' in tag for tag in checked) or any(
        'name="other_amount"' in tag and f'value="{offer // 100}"' in tag for tag in inputs
    )


def test_the_partner_page_is_linked_in_the_donors_language(donor, stripe_standin):
    session_id = donor.start_gift(amount="5000")
    pay(stripe_standin, session_id)

    assert "/partner-worden/" in _links(_thank_you(donor, session_id))


def test_a_monthly_donor_sees_the_period_the_next_payment_and_a_working_mijn_donaties_link(donor, stripe_standin):
    session_id = donor.start_gift(frequency="monthly", amount="2500")
    pay(stripe_standin, session_id)
    delivered(stripe_standin)
    page = _thank_you(donor, session_id)

    assert "Uw gift van € 25,00 per maand aan Besturenprogramma is ontvangen." in page
    paid_on = timezone.localdate(only_donation().paid_at)
    next_month = add_months(paid_on, 1)
    assert f"De volgende afschrijving is rond {date_format(next_month, 'j F Y')}." in page
    assert "Geef € " not in page  # no monthly offer to a monthly donor
    manage = next(link for link in _links(page) if "/mijn-donaties/" in link)
    overview = donor.get(urlsplit(manage).path)
    assert overview.status_code == 200 and "Besturenprogramma: € 25,00 maandelijks" in overview.text


def test_the_mijn_donaties_link_is_not_shown_on_an_old_return_address(donor, stripe_standin):
    session_id = donor.start_gift(frequency="yearly", amount="10000")
    pay(stripe_standin, session_id)
    delivered(stripe_standin)

    with time_machine.travel(timezone.now() + datetime.timedelta(hours=25)):
        page = _thank_you(donor, session_id)

    assert "per jaar aan Besturenprogramma" in page
    assert "/mijn-donaties/" not in page


def test_the_thank_you_page_asks_the_same_queries_however_many_gifts_came_before(donor, stripe_standin, client):
    def queries_for_a_new_gift():
        session_id = donor.start_gift(amount="5000")
        pay(stripe_standin, session_id)
        client.get(f"/doneren/bedankt/?session_id={session_id}")  # the first view fills the caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/doneren/bedankt/?session_id={session_id}").status_code == 200
        return len(queries)

    first = queries_for_a_new_gift()
    for _ in range(4):
        paid_gift(donor, stripe_standin, amount="2500")
    assert queries_for_a_new_gift() == first
