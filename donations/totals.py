"""Campaign totals from the ledger: what each paid gift counts for (less refunds), and distinct donors.

A campaign and its translations (the Dutch page and the English one) are one campaign: they share one total, kept
under the pages' `translation_key`. Cached per campaign; any change to a donation of that campaign drops the cached
value once committed (see `signals.py`), so a page never shows a total older than the last committed payment.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Sum
from wagtail.models import Page

from .models import Donation, DonationStatus, counted_cents_expression

CACHE_SECONDS = 3600


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
    key = campaign.translation_key
    raised, donors = cache.get_or_set(cache_key(key), lambda: _from_ledger(key), CACHE_SECONDS)
    return CampaignTotals(raised_cents=raised, donor_count=donors, goal_cents=campaign.goal_cents)


def _from_ledger(translation_key):
    # Refunded and disputed gifts do not count; a partly refunded one counts for what was kept, and never below
    # zero: a refund that also returns the costs the donor covered takes no more than its own gift off the total.
    row = Donation.objects.filter(campaign__translation_key=translation_key, status=DonationStatus.PAID).aggregate(
        raised=Sum(counted_cents_expression()), donors=Count("donor", distinct=True)
    )
    return int(row["raised"] or 0), row["donors"]


def forget_totals(campaign_id):
    translation_key = Page.objects.filter(pk=campaign_id).values_list("translation_key", flat=True).first()
    if translation_key is not None:
        cache.delete(cache_key(translation_key))
