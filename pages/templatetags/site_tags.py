from html import unescape

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext

from pages.models import FooterText

register = template.Library()


@register.inclusion_tag("includes/footer_text.html")
def footer_text():
    """The footer text in the visitor's language, else the Dutch one; one query."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    texts = FooterText.objects.filter(locale__language_code__in={language, settings.LANGUAGE_CODE}).select_related(
        "locale"
    )
    by_language = {}
    for text in texts.order_by("pk"):
        by_language.setdefault(text.locale.language_code, text)
    return {"footer_text": by_language.get(language) or by_language.get(settings.LANGUAGE_CODE)}


@register.simple_tag(takes_context=True)
def page_title(context):
    page = context.get("page")
    if page is None:
        return ""
    return getattr(page, "seo_title", "") or page.title


DESCRIPTION_LENGTH = 155


def shorten(text, limit=DESCRIPTION_LENGTH):
    """Plain text of at most `limit` characters: HTML stripped, white space collapsed.

    Longer text ends after its last whole sentence when that keeps at least half of it, else on a word with '…'.
    """
    text = " ".join(unescape(strip_tags(text or "")).split())
    if len(text) <= limit:
        return text
    sentence_end = max(text.rfind(mark, 0, limit) for mark in (". ", "! ", "? "))
    if sentence_end >= limit // 2:
        return text[: sentence_end + 1]
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:–-") + "…"


@register.simple_tag(takes_context=True)
def meta_description(context):
    """The page's description for search engines and sharing, one for every page.

    The editor's search description, else the page's own summary or introduction, else the text a view gives
    (`meta_description` in its context), else the site's.
    """
    page = context.get("page")
    for text in (
        getattr(page, "search_description", ""),
        getattr(page, "summary", ""),
        getattr(page, "intro", ""),
        context.get("meta_description", ""),
    ):
        if description := shorten(str(text or "")):
            return description
    return gettext(
        "Stichting leerKRACHT pakt kansenongelijkheid in het onderwijs aan met een verbetercultuur op school. "
        "Steun ons met een gift."
    )


@register.simple_tag(takes_context=True)
def localized_menus(context):
    """The main and footer menu of the navigation setting, each link to the page in the visitor's language.

    A link keeps the label the editor gave it while it points to a page in the label's language; a translated page
    is shown with its own title. One query for both menus.
    """
    from pages.i18n import locale_id_for, localize_pages
    from pages.models import NavigationSettings

    request = context.get("request")
    if request is None:
        return {"main": [], "footer": []}
    navigation = NavigationSettings.for_request(request)
    page = context.get("page")
    locale_id = page.locale_id if getattr(page, "locale_id", None) else locale_id_for()
    menus = {"main": list(navigation.main_menu), "footer": list(navigation.footer_menu)}
    chosen = [item.value["page"] for items in menus.values() for item in items]
    localized = iter(localize_pages(chosen, locale_id))
    result = {}
    for name, items in menus.items():
        links = []
        for item in items:
            original, link_page = item.value["page"], next(localized)
            if link_page is None or not link_page.live:
                continue
            label = item.value["label"] if link_page.pk == original.pk else ""
            links.append({"page": link_page, "label": label or link_page.title})
        result[name] = links
    return result


@register.simple_tag(takes_context=True)
def language_links(context):
    """The site's languages with the address of this page in each, for the switcher and the hreflang links."""
    from pages.i18n import language_links as links_for

    page = context.get("page")
    request = context.get("request")
    links, _ = links_for(request, page if hasattr(page, "translation_key") else None)
    return links


@register.simple_tag
def home_url():
    from pages.i18n import current_language
    from pages.i18n import home_url as url_for

    return url_for(current_language())
