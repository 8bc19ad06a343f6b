"""Campaign pages come from the page cache, and the donation form on them still carries each visitor's own token."""

import re

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from campaigns.models import CampaignPage
from delivery import page_cache
from delivery.csrf_placeholder import PLACEHOLDER
from tests.donations.helpers import csrf_token, event_body, session_id_from, signature_header

URL = "/campagnes/besturenprogramma/"


def _visit(visitor):
    """GET the campaign page as this visitor: the response, its form's token and the visitor's CSRF cookie."""
    response = visitor.get(URL)
    assert response.status_code == 200
    return response, csrf_token(response.content.decode()), visitor.cookies["csrftoken"].value


def _give(visitor, token, amount="5000"):
    campaign = CampaignPage.objects.get(slug="besturenprogramma")
    data = {
        "csrfmiddlewaretoken": token,
        "campaign": campaign.pk,
        "amount_choice": amount,
        "frequency": "once",
        "email": "anna@example.org",
    }
    return visitor.post("/doneren/", data)


def _progress_line(html):
    return html.split('class="progress__figures">', 1)[1].split("</p>", 1)[0]


def test_the_form_of_a_cached_campaign_page_is_accepted_on_the_first_and_the_second_visit(
    demo_site, standin_without_webhooks
):
    first_visitor, second_visitor = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    miss, miss_token, _ = _visit(first_visitor)
    hit, hit_token, _ = _visit(second_visitor)
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")

    for visitor, token in ((first_visitor, miss_token), (second_visitor, hit_token)):
        response = _give(visitor, token)
        assert response.status_code == 303, response.content.decode()
        assert response["Location"].startswith(standin_without_webhooks.base_url)


def test_two_visitors_never_get_each_others_token(demo_site):
    first_visitor, second_visitor = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    _, first_token, first_cookie = _visit(first_visitor)
    hit, second_token, second_cookie = _visit(second_visitor)
    assert hit["X-Page-Cache"] == "hit"
    assert first_cookie != second_cookie and first_token != second_token
    assert PLACEHOLDER not in hit.content.decode()

    # A token only goes with its own visitor's cookie: the other visitor's token is refused.
    assert _give(first_visitor, second_token).status_code == 403
    assert _give(second_visitor, first_token).status_code == 403

    # The stored copy holds the placeholder, neither visitor's token or cookie.
    content, headers = cache.get(page_cache.cache_key(hit.wsgi_request))
    assert PLACEHOLDER.encode() in content
    assert first_token.encode() not in content and second_token.encode() not in content
    assert set(headers) <= {"Content-Type", "Content-Language"}


def test_a_returning_visitor_keeps_their_cookie_and_every_hit_sets_it_again(demo_site):
    visitor = Client(enforce_csrf_checks=True)
    _, _, cookie = _visit(visitor)
    hit, token, cookie_after_hit = _visit(visitor)
    assert hit["X-Page-Cache"] == "hit"
    assert cookie_after_hit == cookie
    assert "csrftoken" in hit.cookies
    assert "Cookie" in hit["Vary"]
    assert "private" in hit["Cache-Control"]
    assert "default-src 'self'" in hit["Content-Security-Policy"]
    assert hit["X-Frame-Options"] == "DENY"


def test_a_paid_donation_shows_on_the_cached_campaign_page(
    demo_site, standin_without_webhooks, client, django_capture_on_commit_callbacks
):
    visitor = Client(enforce_csrf_checks=True)
    _visit(visitor)
    hit, token, _ = _visit(visitor)
    assert hit["X-Page-Cache"] == "hit"
    assert "<strong>€ 0</strong>" in _progress_line(hit.content.decode())
    session_id = session_id_from(_give(visitor, token, amount="5000")["Location"])

    session = {
        "id": session_id,
        "object": "checkout.session",
        "mode": "payment",
        "payment_status": "paid",
        "payment_intent": "pi_cached_page",
    }
    body = event_body("evt_cached_page_paid", "checkout.session.completed", session)
    with django_capture_on_commit_callbacks(execute=True):
        signed = {"Stripe-Signature": signature_header(body)}
        webhook = client.post("/stripe/webhook/", body, content_type="application/json", headers=signed)
    assert webhook.status_code == 200, webhook.content

    after = visitor.get(URL)
    assert after["X-Page-Cache"] == "miss"
    assert "<strong>€ 50</strong>" in _progress_line(after.content.decode())


def test_form_errors_posted_to_the_page_and_logged_in_staff_are_never_cached(client, demo_site, admin_user):
    client.get(URL)
    posted = client.post(URL, {"amount_choice": "nonsense"})
    assert "X-Page-Cache" not in posted
    client.force_login(admin_user)
    response = client.get(URL)
    assert "X-Page-Cache" not in response
    assert PLACEHOLDER not in response.content.decode()
    assert re.search(r'name="csrfmiddlewaretoken" value="[a-zA-Z0-9]{64}"', response.content.decode())


# A hit runs only Wagtail's routing and its view-restriction check: the site, home → campaigns → campaign (each page
# and its specific row), the ancestors' aliases and their view restrictions, and the locale of the request's language
# (Wagtail i18n: the home page of that language). Nothing of the campaign, its form or total.
HIT_QUERIES = 9


def test_a_cached_campaign_page_costs_a_fixed_number_of_queries(client, demo_site):
    client.get(URL)
    page_cache.purge()
    assert client.get(URL)["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response["X-Page-Cache"] == "hit"
    sql = " ".join(query["sql"] for query in queries)
    assert "campaigns_suggestedamount" not in sql and "donations_donation" not in sql and "wagtailimages" not in sql
    assert len(queries) == HIT_QUERIES, [query["sql"] for query in queries]
