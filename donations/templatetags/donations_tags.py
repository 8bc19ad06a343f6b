"""How pages show giving without importing the ledger: totals and the donation form, by template tag."""

from django import template

from donations.forms import DonationForm
from donations.totals import totals_for

register = template.Library()


@register.simple_tag
def campaign_totals(campaign):
    return totals_for(campaign)


@register.inclusion_tag("donations/includes/donation_form.html", takes_context=True)
def donation_form(context, campaign):
    return {"form": DonationForm(campaign=campaign), "campaign": campaign, "request": context.get("request")}
