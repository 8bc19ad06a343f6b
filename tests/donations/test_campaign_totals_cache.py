"""Campaign totals are cached, and a committed payment or refund shows at once."""

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from campaigns.models import CampaignPage
from donations.models import DonationStatus
from donations.state import transition
from tests.factories import DonationFactory


def _progress_line(client, campaign):
    html = client.get(campaign.url).content.decode()
    return html.split('class="progress__figures">', 1)[1].split("</p>", 1)[0]


def _paid_donation(campaign, cents):
    donation = DonationFactory(campaign=campaign, amount_cents=cents)
    with transaction.atomic():
        transition(donation, DonationStatus.PAID)
    return donation


def test_a_payment_and_a_refund_show_on_the_campaign_page_at_once(
    client, demo_site, django_capture_on_commit_callbacks
):
    campaign = CampaignPage.objects.get(slug="besturenprogramma")
    assert "<strong>€ 0</strong>" in _progress_line(client, campaign)

    with django_capture_on_commit_callbacks(execute=True):
        donation = _paid_donation(campaign, 7500)
    assert "<strong>€ 75</strong>" in _progress_line(client, campaign)

    with django_capture_on_commit_callbacks(execute=True):
        transition(donation, DonationStatus.REFUNDED, refunded_cents=7500)
    assert "<strong>€ 0</strong>" in _progress_line(client, campaign)


def test_the_total_is_computed_once_and_then_served_from_the_cache(
    client, demo_site, django_capture_on_commit_callbacks
):
    campaign = CampaignPage.objects.get(slug="besturenprogramma")
    with django_capture_on_commit_callbacks(execute=True):
        _paid_donation(campaign, 7500)
    assert "<strong>€ 75</strong>" in _progress_line(client, campaign)

    # Another page showing the same total (the campaign index lists every campaign with its progress) is a page
    # the page cache has not seen: its total comes from the totals cache, not from adding up the ledger again.
    with CaptureQueriesContext(connection) as queries:
        index = client.get(campaign.get_parent().url).content.decode()
    assert "€ 75" in index
    sums = [query["sql"] for query in queries if "SUM(" in query["sql"].upper()]
    assert sums  # the other campaigns on the index were not cached yet: they are added up
    key = campaign.translation_key
    assert not [sql for sql in sums if key.hex in sql or str(key) in sql]
