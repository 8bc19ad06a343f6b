"""Campaign totals from the ledger: paid minus refunded, and distinct donors. One query per campaign."""

from dataclasses import dataclass

from django.db.models import Count, F, Sum

from .models import Donation, DonationStatus


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


def totals_for(campaign) -> CampaignTotals:
    # Refunded and disputed gifts do not count; a partly refunded one counts for what was kept.
    row = Donation.objects.filter(campaign_id=campaign.pk, status=DonationStatus.PAID).aggregate(
        raised=Sum(F("amount_cents") - F("refunded_cents")), donors=Count("donor", distinct=True)
    )
    return CampaignTotals(
        raised_cents=max(0, row["raised"] or 0), donor_count=row["donors"], goal_cents=campaign.goal_cents
    )
