"""Campaign totals from the ledger: what each paid gift counts for (less refunds), and distinct donors.

Cached per campaign; any change to a donation of that campaign drops the cached value once committed
(see `signals.py`), so a page never shows a total older than the last committed payment.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Sum

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


def cache_key(campaign_id):
    return f"campaign-totals:{campaign_id}"


def totals_for(campaign) -> CampaignTotals:
    raised, donors = cache.get_or_set(cache_key(campaign.pk), lambda: _from_ledger(campaign.pk), CACHE_SECONDS)
    return CampaignTotals(raised_cents=raised, donor_count=donors, goal_cents=campaign.goal_cents)


def _from_ledger(campaign_id):
    # Refunded and disputed gifts do not count; a partly refunded one counts for what was kept, and never below
    # zero: a refund that also returns the costs the donor covered takes no more than its own gift off the total.
    row = Donation.objects.filter(campaign_id=campaign_id, status=DonationStatus.PAID).aggregate(
        raised=Sum(counted_cents_expression()), donors=Count("donor", distinct=True)
    )
    return int(row["raised"] or 0), row["donors"]


def forget_totals(campaign_id):
    cache.delete(cache_key(campaign_id))
