"""How the partner page shows the request form without importing the partners app."""

from django import template

from partners.forms import PartnershipRequestForm

register = template.Library()


@register.inclusion_tag("partners/includes/request_form.html", takes_context=True)
def partnership_request_form(context):
    return {"form": PartnershipRequestForm(), "request": context.get("request")}
