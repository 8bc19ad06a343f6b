from django import template

from pages.models import FooterText

register = template.Library()


@register.inclusion_tag("includes/footer_text.html")
def footer_text():
    return {"footer_text": FooterText.objects.order_by("pk").first()}


@register.simple_tag(takes_context=True)
def page_title(context):
    page = context.get("page")
    if page is None:
        return ""
    return getattr(page, "seo_title", "") or page.title
