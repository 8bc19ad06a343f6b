"""What the thank-you page tells a donor after paying, and where it leads on.

The gift's impact line, the campaign's total with this gift in it, share links, the monthly offer for a one-off donor
who did not take it, the partner page, and for a monthly or yearly gift the next payment and the "mijn donaties" link.
"""

import datetime

from django.utils import timezone

from core.dates import add_months
from pages.i18n import locale_id_for

from .emails import manage_link
from .models import Frequency, MonthlyOffer
from .monthly_offer import monthly_offer_cents
from .share_links import share_links
from .totals import CampaignTotals, totals_for

# The page behind the return address shows the donor's own link only this long: the address may be shared or kept.
MANAGE_LINK_SHOWN_FOR = datetime.timedelta(hours=24)
MONTHS_PER_PERIOD = {Frequency.MONTHLY: 1, Frequency.YEARLY: 12}


def totals_with(donation, paid):
    """The campaign's figures, counting this gift when Stripe says it is paid but its webhook has not yet come in."""
    totals = totals_for(donation.campaign)
    if paid and not donation.in_total_cents:
        return CampaignTotals(
            raised_cents=totals.raised_cents + donation.amount_cents,
            donor_count=totals.donor_count + (0 if donation.in_donor_count else 1),
            goal_cents=totals.goal_cents,
        )
    return totals


def monthly_offer_link(donation):
    """The campaign page with the form set to a monthly gift of the offered amount, or None when there is no offer."""
    campaign = donation.campaign
    if donation.frequency != Frequency.ONCE or donation.monthly_offer == MonthlyOffer.ACCEPTED or not campaign.is_open:
        return None
    cents = monthly_offer_cents(campaign, donation.amount_cents)
    if cents is None:
        return None
    return {"cents": cents, "url": f"{campaign.url}?frequentie={Frequency.MONTHLY}&bedrag={cents}#doneren"}


def next_payment_date(donation):
    """About when the next period is debited: one month or year after this first payment."""
    months = MONTHS_PER_PERIOD.get(donation.frequency)
    if months is None:
        return None
    started = timezone.localdate(donation.paid_at or donation.created_at)
    return add_months(started, months)


def partner_page():
    from pages.models import PartnerPage

    return PartnerPage.objects.live().filter(locale_id=locale_id_for()).only("id", "url_path").first()


def thank_you_context(request, donation, state):
    campaign = donation.campaign
    campaign_url = campaign.get_full_url(request)
    context = {
        "donation": donation,
        "state": state,
        "impact_line": campaign.impact_line_for(donation.amount_cents),
        "totals": totals_with(donation, paid=state == "paid"),
        "share_links": share_links(campaign.title, campaign_url, campaign.share_text),
        "partner_page": partner_page(),
        "monthly_offer": None,
        "next_payment": None,
        "manage_url": None,
    }
    if donation.frequency == Frequency.ONCE:
        context["monthly_offer"] = monthly_offer_link(donation)
    else:
        context["next_payment"] = next_payment_date(donation)
        if timezone.now() - donation.created_at < MANAGE_LINK_SHOWN_FOR:
            context["manage_url"] = manage_link(donation.donor)
    return context
