"""How pages show giving without importing the ledger: totals and the donation form, by template tag."""

from django import template

from donations.forms import DonationForm
from donations.prefill import form_start
from donations.progress import marked_progress
from donations.recent_gifts import marked_recent_gifts

register = template.Library()


@register.simple_tag
def campaign_progress(campaign):
    """The campaign's raised total, goal and donors; live when the page is served from the cache."""
    return marked_progress(campaign)


@register.simple_tag
def recent_gifts(campaign):
    """The campaign's newest gifts; live when the page is served from the cache."""
    return marked_recent_gifts(campaign)


@register.inclusion_tag("donations/includes/donation_form.html", takes_context=True)
def donation_form(context, campaign):
    request = context.get("request")
    prefill, broken_off = form_start(request)
    return {
        "form": DonationForm(campaign=campaign, prefill=prefill),
        "campaign": campaign,
        "request": request,
        "broken_off": broken_off,
    }
