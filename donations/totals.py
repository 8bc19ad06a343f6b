"""Campaign totals: what each paid gift counts for (less refunds), and distinct donors, kept as running counters.

A campaign and its translations (the Dutch page and the English one) are one campaign: they share one total, kept
under the pages' `translation_key` in a `CampaignTotal` row. Every save of a donation brings that row in line with the
donation in the same transaction (`count_donation`): the donation remembers what it adds (`in_total_cents`,
`in_donor_count`), so a change adds only its difference and a save that changes no money changes nothing. Reading a
total is one row, or one cache entry, whatever the number of gifts.

The cache holds each campaign's figures (`cached_figures`): written afresh after every commit that changed them,
added (never overwritten) by a reader that missed, and short-lived, so a race between two writers is over in a minute.
Cached pages fill these figures in as they are served (`live_fragment`), so a paid gift never empties the page cache.
"""

from dataclasses import dataclass
from functools import partial

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, F, Sum

from . import recent_gifts
from .models import CampaignDonor, CampaignTotal, Donation, DonationStatus, counted_cents, counted_cents_expression

CACHE_SECONDS = 60


@dataclass(frozen=True)
class CampaignTotals:
    raised_cents: int
    donor_count: int
    goal_cents: int

    @property
    def progress_percentage(self):
        if not self.goal_cents:
            return 0
        return min(100, 100 * self.raised_cents // self.goal_cents)


def cache_key(translation_key):
    return f"campaign-totals:{translation_key}"


def totals_for(campaign) -> CampaignTotals:
    raised, donors = figures_for([campaign.translation_key])[str(campaign.translation_key)]
    return CampaignTotals(raised_cents=raised, donor_count=donors, goal_cents=campaign.goal_cents)


def figures_for(translation_keys):
    """Map each translation key (as text) to (raised cents, donor count): from the cache, else one query for all."""
    keys = [str(key) for key in translation_keys]
    cached = cache.get_many([cache_key(key) for key in keys])
    figures = {key: cached[cache_key(key)] for key in keys if cache_key(key) in cached}
    missing = [key for key in keys if key not in figures]
    if missing:
        rows = CampaignTotal.objects.filter(translation_key__in=missing).values_list(
            "translation_key", "raised_cents", "donor_count"
        )
        found = {str(key): (raised, donors) for key, raised, donors in rows}
        for key in missing:
            figures[key] = found.get(key, (0, 0))
            # add, not set: a writer that committed after this read has already put newer figures there.
            cache.add(cache_key(key), figures[key], CACHE_SECONDS)
    return figures


def refresh_cached_figures(translation_key):
    """After a commit that changed the total: put the committed figures in the cache for the next reader."""
    row = CampaignTotal.objects.filter(translation_key=translation_key).values_list("raised_cents", "donor_count")
    cache.set(cache_key(translation_key), row.first() or (0, 0), CACHE_SECONDS)


def count_donation(donation_id, *, removing=False):
    """Bring the campaign's running total in line with the donation's row as it is now (or without it, when removing).

    Runs in the caller's transaction: the ledger change and the total commit together or not at all. Changes to one
    campaign's total take its row's lock one after another, so two gifts paid at once both count.
    """
    with transaction.atomic():
        row = (
            Donation.objects.select_for_update(of=("self",))
            .filter(pk=donation_id)
            .values_list(
                "status",
                "amount_cents",
                "refunded_cents",
                "in_total_cents",
                "in_donor_count",
                "donor_id",
                "campaign__translation_key",
            )
            .first()
        )
        if row is None:
            return
        status, amount_cents, refunded_cents, was_cents, was_donor, donor_id, translation_key = row
        if removing:
            cents, counts_donor = 0, False
        else:  # a paid gift counts its donor, also when refunds have taken all its cents out of the total
            cents, counts_donor = counted_cents(status, amount_cents, refunded_cents), status == DonationStatus.PAID
        if (cents, counts_donor) == (was_cents, was_donor):
            return
        total, _ = CampaignTotal.objects.get_or_create(translation_key=translation_key)
        CampaignTotal.objects.select_for_update().filter(pk=total.pk).first()  # one change of this total at a time
        donors_change = 0
        if counts_donor != was_donor:
            campaign_donor, _ = CampaignDonor.objects.get_or_create(translation_key=translation_key, donor_id=donor_id)
            before = campaign_donor.paid_gifts
            campaign_donor.paid_gifts = before + 1 if counts_donor else max(0, before - 1)
            campaign_donor.save(update_fields=["paid_gifts"])
            if before == 0 and campaign_donor.paid_gifts == 1:
                donors_change = 1
            elif before >= 1 and campaign_donor.paid_gifts == 0:
                donors_change = -1
        CampaignTotal.objects.filter(pk=total.pk).update(
            raised_cents=F("raised_cents") + (cents - was_cents), donor_count=F("donor_count") + donors_change
        )
        Donation.objects.filter(pk=donation_id).update(in_total_cents=cents, in_donor_count=counts_donor)
    transaction.on_commit(partial(refresh_cached_figures, translation_key))
    transaction.on_commit(partial(recent_gifts.refresh, translation_key))


def ledger_figures():
    """Each campaign's (raised cents, donor count) summed from the ledger itself: what the counters must equal."""
    rows = (
        Donation.objects.filter(status=DonationStatus.PAID)
        .values("campaign__translation_key")
        .annotate(raised=Sum(counted_cents_expression()), donors=Count("donor", distinct=True))
    )
    return {str(row["campaign__translation_key"]): (int(row["raised"] or 0), row["donors"]) for row in rows}


def recount():
    """Set every counter from the ledger; returns {translation key: (counted before, ledger)} for those that differed.

    For an operator after a restore or a change made outside the site's code; the counters are right otherwise.
    """
    ledger = ledger_figures()
    differences = {}
    with transaction.atomic():
        counters = {
            str(key): (raised, donors)
            for key, raised, donors in CampaignTotal.objects.select_for_update().values_list(
                "translation_key", "raised_cents", "donor_count"
            )
        }
        for key in set(ledger) | set(counters):
            expected = ledger.get(key, (0, 0))
            if counters.get(key, (0, 0)) != expected:
                differences[key] = (counters.get(key, (0, 0)), expected)
            CampaignTotal.objects.update_or_create(
                translation_key=key, defaults={"raised_cents": expected[0], "donor_count": expected[1]}
            )
        CampaignDonor.objects.all().delete()
        paid_per_donor = (
            Donation.objects.filter(status=DonationStatus.PAID)
            .values("campaign__translation_key", "donor_id")
            .annotate(gifts=Count("pk"))
        )
        CampaignDonor.objects.bulk_create(
            CampaignDonor(
                translation_key=row["campaign__translation_key"], donor_id=row["donor_id"], paid_gifts=row["gifts"]
            )
            for row in paid_per_donor
        )
        Donation.objects.exclude(status=DonationStatus.PAID).update(in_total_cents=0, in_donor_count=False)
        Donation.objects.filter(status=DonationStatus.PAID).update(
            in_total_cents=counted_cents_expression(), in_donor_count=True
        )
    for key in ledger.keys() | differences.keys():
        cache.delete(cache_key(key))
    return differences
