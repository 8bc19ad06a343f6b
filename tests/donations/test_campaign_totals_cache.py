"""Campaign totals are running counters: a committed payment or refund shows at once, and reading one never adds up
the ledger, whatever the number of gifts."""

import uuid

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from campaigns.models import CampaignPage
from donations.models import CampaignTotal, Donation, DonationStatus
from donations.state import transition
from donations.totals import ledger_figures, recount, totals_for
from tests.factories import DonationFactory, DonorFactory


def _progress_line(client, campaign):
    html = client.get(campaign.url).content.decode()
    return html.split('class="progress__figures">', 1)[1].split("</p>", 1)[0]


def _paid_donation(campaign, cents, donor=None):
    donation = DonationFactory(campaign=campaign, amount_cents=cents, **({"donor": donor} if donor else {}))
    with transaction.atomic():
        transition(donation, DonationStatus.PAID)
    return donation


def _counter(campaign):
    row = CampaignTotal.objects.filter(translation_key=campaign.translation_key).first()
    return (row.raised_cents, row.donor_count) if row else (0, 0)


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


def test_the_counters_follow_every_kind_of_change_and_equal_the_ledger(demo_site):
    campaign = CampaignPage.objects.get(slug="besturenprogramma")
    anna, bram = DonorFactory(), DonorFactory()
    first = _paid_donation(campaign, 5000, anna)
    second = _paid_donation(campaign, 2500, anna)  # the same donor again: still one donor
    assert _counter(campaign) == (7500, 1)
    third = _paid_donation(campaign, 1000, bram)
    assert _counter(campaign) == (8500, 2)

    second.refunded_cents = 1000  # a partial refund: the gift counts for what was kept
    second.save()
    assert _counter(campaign) == (7500, 2)
    transition(first, DonationStatus.DISPUTED)
    assert _counter(campaign) == (2500, 2)  # Anna still has a paid gift
    transition(second, DonationStatus.REFUNDED, refunded_cents=2500)
    assert _counter(campaign) == (1000, 1)
    first.receipt_number = "2026-000123"  # a save that changes no money changes no total
    first.save()
    third.delete()
    assert _counter(campaign) == (0, 0)
    assert ledger_figures().get(str(campaign.translation_key), (0, 0)) == _counter(campaign)


def test_two_gifts_of_the_same_campaign_in_one_transaction_both_count(demo_site):
    campaign = CampaignPage.objects.get(slug="besturenprogramma")
    with transaction.atomic():
        _paid_donation(campaign, 1000)
        _paid_donation(campaign, 2000)
    assert _counter(campaign) == (3000, 2)


def test_the_english_page_shares_the_dutch_campaigns_total(client, demo_site):
    campaign = CampaignPage.objects.get(slug="besturenprogramma")
    english = CampaignPage.objects.exclude(pk=campaign.pk).get(translation_key=campaign.translation_key)
    _paid_donation(campaign, 4000)
    _paid_donation(english, 1000)
    cache.clear()
    assert totals_for(english).raised_cents == totals_for(campaign).raised_cents == 5000


def test_reading_a_total_reads_one_row_and_no_gift_whatever_the_number_of_gifts(client, demo_site):
    campaign = CampaignPage.objects.get(slug="besturenprogramma")
    donor = DonorFactory()

    def render_without_caches():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            html = client.get(campaign.url).content.decode()
        return html, [query["sql"] for query in queries]

    def add_paid_gifts(count):
        Donation.objects.bulk_create(
            Donation(campaign=campaign, donor=donor, amount_cents=1000, frequency="once", status=DonationStatus.PAID)
            for _ in range(count)
        )
        recount()  # bulk_create passes no save signal; the operator's recount sets the counters from the ledger

    add_paid_gifts(50)
    render_without_caches()  # once first: what a process looks up only once is not counted below
    html_50, queries_50 = render_without_caches()
    assert "<strong>€ 500</strong>" in html_50
    add_paid_gifts(50_000 - 50)
    html_50000, queries_50000 = render_without_caches()
    assert "<strong>€ 500.000</strong>" in html_50000

    assert len(queries_50000) == len(queries_50)
    # The only read of gifts is the bounded list of the newest few ("Anna gaf € 25"), never a sum over them.
    gift_reads = [sql for sql in queries_50000 if "donations_donation" in sql]
    assert len(gift_reads) == 1 and gift_reads[0].endswith("LIMIT 5") and "SUM(" not in gift_reads[0]
    assert [sql for sql in queries_50000 if "donations_campaigntotal" in sql]


def test_recount_finds_and_mends_a_counter_that_differs_from_the_ledger(demo_site, capsys):
    campaign = CampaignPage.objects.get(slug="besturenprogramma")
    _paid_donation(campaign, 5000)
    CampaignTotal.objects.filter(translation_key=campaign.translation_key).update(raised_cents=1, donor_count=7)
    CampaignTotal.objects.create(translation_key=uuid.uuid4(), raised_cents=300, donor_count=1)  # a campaign gone

    call_command("recount_campaign_totals")

    output = capsys.readouterr().out
    assert "€ 0,01 / 7 donateurs → € 50 / 1 donateurs" in output
    assert "2 campagnetotaal/-totalen bijgesteld." in output
    assert _counter(campaign) == (5000, 1)
    call_command("recount_campaign_totals")
    assert "0 campagnetotaal/-totalen bijgesteld." in capsys.readouterr().out
