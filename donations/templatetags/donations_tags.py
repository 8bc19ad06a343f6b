"""How pages show giving without importing the ledger: totals and the donation form, by template tag."""

from django import template

from donations.forms import DonationForm
from donations.progress import marked_progress

register = template.Library()


@register.simple_tag
def campaign_progress(campaign):
    """The campaign's raised total, goal and donors; live when the page is served from the cache."""
    return marked_progress(campaign)


@register.inclusion_tag("donations/includes/donation_form.html", takes_context=True)
def donation_form(context, campaign):
    return {"form": DonationForm(campaign=campaign), "campaign": campaign, "request": context.get("request")}
