"""Pages in the visitor's language: translations of chosen pages, the language switcher and hreflang alternates.

The language of a request comes from its address (LocaleMiddleware with `i18n_patterns`): Dutch without a prefix,
English under /en/. Pages are Wagtail translations of each other (same `translation_key`, one tree per locale).
Every helper here costs at most one query, however many pages it localizes.
"""

from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from wagtail.models import Locale, Page


def current_language():
    return translation.get_language() or settings.LANGUAGE_CODE


def locale_id_for(language=None):
    """The id of the Locale of `language` (default: the active one); None when there is no such locale."""
    return Locale.objects.filter(language_code=language or current_language()).values_list("pk", flat=True).first()


def localize_pages(pages, locale_id, specific=False):
    """The given pages in the locale `locale_id`, each falling back to itself when it has no live translation.

    None stays None. One query (plus one per page type with `specific`), and none at all when every page is already
    in that locale. Links need no `specific`: the address and title are on every page.
    """
    todo = {page.translation_key for page in pages if page is not None and page.locale_id != locale_id}
    if not todo or locale_id is None:
        return list(pages)
    candidates = Page.objects.filter(translation_key__in=todo, locale_id=locale_id).live()
    if specific:
        candidates = candidates.specific()
    translations = {page.translation_key: page for page in candidates}
    return [
        translations.get(page.translation_key, page) if page is not None and page.locale_id != locale_id else page
        for page in pages
    ]


def home_url(language):
    """The home page address in `language`: / or /en/."""
    with translation.override(language):
        try:
            return reverse("wagtail_serve", args=[""])
        except NoReverseMatch:
            return "/"


def page_translations(page, request=None):
    """{language code: live, public translation} of `page`, itself included, in one query."""
    if page is None or not getattr(page, "pk", None):
        return {}
    pages = Page.objects.filter(translation_key=page.translation_key).live().public().select_related("locale")
    return {candidate.locale.language_code: candidate for candidate in pages}


def language_links(request, page=None):
    """One entry per site language: code, name, address of this page (or view) in that language, current or not.

    For a page: its translation when there is one, else that language's home page. For other views (donation form,
    search, thank-you page): the same view under the other prefix.
    """
    active = current_language()
    translations = page_translations(page, request) if page is not None else {}
    links = []
    for code, name in settings.LANGUAGES:
        # `exact`: the address shows this same page or view in that language (an hreflang alternate), rather than
        # that language's home page as the next best thing.
        url, exact = None, True
        if code == active:
            url = request.get_full_path() if request else home_url(code)
        elif page is not None:
            target = translations.get(code)
            url = target.get_url(request) if target is not None else None
        elif request is not None and not _is_wagtail_route(request):
            url = translate_url(request.get_full_path(), code)
            if url == request.get_full_path():  # not a view with a name
                url = None
        if not url:
            url, exact = home_url(code), False
        links.append({"code": code, "name": name, "url": url, "current": code == active, "exact": exact})
    return links, translations


def _is_wagtail_route(request):
    """A page address without a page (a 404): its slugs mean nothing in the other language's tree."""
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name == "wagtail_serve"
