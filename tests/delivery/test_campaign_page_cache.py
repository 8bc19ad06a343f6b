"""Campaign pages and the donate page come from the page cache, shared by every visitor, with live totals."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.models import CampaignPage
from delivery import page_cache
from tests.conftest import browser_like_client
from tests.donations.helpers import event_body, session_id_from, signature_header

URL = "/campagnes/besturenprogramma/"


def _give(visitor, amount="5000"):
    campaign = CampaignPage.objects.get(slug="besturenprogramma")
    data = {
        "campaign": campaign.pk,
        "amount_choice": amount,
        "frequency": "once",
        "email": "anna@example.org",
        "monthly_offer": "declined",
    }
    return visitor.post("/doneren/", data)


def _progress_line(html):
    return html.split('class="progress__figures">', 1)[1].split("</p>", 1)[0]


def test_the_form_of_a_cached_campaign_page_is_accepted_on_the_first_and_the_second_visit(
    demo_site, standin_without_webhooks
):
    first_visitor, second_visitor = browser_like_client(), browser_like_client()
    miss, hit = first_visitor.get(URL), second_visitor.get(URL)
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")

    for visitor in (first_visitor, second_visitor):
        response = _give(visitor)
        assert response.status_code == 303, response.content.decode()
        assert response["Location"].startswith(standin_without_webhooks.base_url)


def test_a_cached_page_holds_nothing_of_one_visitor_and_may_be_shared(demo_site, settings):
    settings.CDN_CACHE_SECONDS = 300
    visitor = browser_like_client()
    miss, hit = visitor.get(URL), visitor.get(URL)
    assert hit["X-Page-Cache"] == "hit"
    for response in (miss, hit):
        assert not response.cookies  # no CSRF cookie: the form needs none
        assert "csrfmiddlewaretoken" not in response.content.decode()
        assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=0", "s-maxage=300"}
    assert "Cookie" not in hit.get("Vary", "")
    assert "default-src 'self'" in hit["Content-Security-Policy"]
    assert hit["X-Frame-Options"] == "DENY"

    entry = cache.get(page_cache.cache_key(hit.wsgi_request))
    assert set(entry["headers"]) <= {"Content-Type", "Content-Language"}


def test_a_paid_donation_shows_on_the_cached_campaign_page_without_emptying_the_cache(
    demo_site, standin_without_webhooks, client, django_capture_on_commit_callbacks
):
    visitor = browser_like_client()
    visitor.get(URL)
    visitor.get("/")
    hit = visitor.get(URL)
    assert hit["X-Page-Cache"] == "hit"
    assert "<strong>€ 0</strong>" in _progress_line(hit.content.decode())
    session_id = session_id_from(_give(visitor, amount="5000")["Location"])

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

    for address in (URL, "/"):  # the campaign's own page, and the home page's campaign card
        after = visitor.get(address)
        assert after["X-Page-Cache"] == "hit"
        assert '<p class="progress__figures"><strong>€ 50</strong>' in after.content.decode()
        assert "1 donateur<" in after.content.decode()


def test_form_errors_posted_to_the_page_and_logged_in_staff_are_never_cached(client, demo_site, admin_user):
    client.get(URL)
    posted = client.post(URL, {"amount_choice": "nonsense"})
    assert "X-Page-Cache" not in posted
    refused = client.post("/doneren/", {"amount_choice": "nonsense"})
    assert refused.status_code == 400 and "X-Page-Cache" not in refused
    assert "no-store" in refused["Cache-Control"]
    client.force_login(admin_user)
    response = client.get(URL)
    assert "X-Page-Cache" not in response


def test_the_donate_page_is_cached_for_each_open_campaign_and_not_for_made_up_ones(client, demo_site):
    campaign = CampaignPage.objects.get(slug="besturenprogramma")
    assert client.get("/doneren/")["X-Page-Cache"] == "miss"
    assert client.get("/doneren/")["X-Page-Cache"] == "hit"
    assert client.get(f"/doneren/?campagne={campaign.pk}")["X-Page-Cache"] == "miss"
    hit = client.get(f"/doneren/?campagne={campaign.pk}")
    assert hit["X-Page-Cache"] == "hit"
    assert f'value="{campaign.pk}"' in hit.content.decode()
    for made_up in ("999999", "abc", f"0{campaign.pk}"):
        assert "X-Page-Cache" not in client.get(f"/doneren/?campagne={made_up}")


def test_a_page_cache_hit_runs_no_sql(client, demo_site):
    campaign = CampaignPage.objects.get(slug="besturenprogramma")
    addresses = [
        "/",
        URL,
        "/verhalen/mariaschool-rotterdam-bordsessies-groep-3/",
        "/verhalen/",
        "/doneren/",
        f"/doneren/?campagne={campaign.pk}",
        "/en/",
        "/partner-worden/",
    ]
    for address in addresses:
        assert client.get(address)["X-Page-Cache"] == "miss", address
    for address in addresses:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address)
        assert response["X-Page-Cache"] == "hit", address
        assert [query["sql"] for query in queries] == [], address


def test_a_hit_is_sent_compressed_to_a_browser_that_takes_gzip(client, demo_site):
    import gzip

    plain = client.get(URL)
    compressed = client.get(URL, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert compressed["X-Page-Cache"] == "hit" and compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == client.get(URL).content
    assert len(compressed.content) < len(plain.content) / 3
