from django import template

from core.money import format_euro

register = template.Library()


@register.filter
def euro(cents):
    """{{ amount_cents|euro }} → € 1.250 or € 25,50 (English pages: €1,250 or €25.50)."""
    if cents in (None, ""):
        return ""
    return format_euro(cents)


@register.filter
def euro_cents(cents):
    """{{ amount_cents|euro_cents }} → € 1.250,00 (English pages: €1,250.00)."""
    if cents in (None, ""):
        return ""
    return format_euro(cents, always_cents=True)
