"""Whole-page cache for anonymous visitors, pages with a CSRF form included.

Every entry carries the cache generation and the language in its key. Publishing, unpublishing, moving or deleting a
page (in either language), editing a site setting or the footer, and any donation change bump the generation, which
purges every cached page of both languages at once: pages show each other (cards, menus, totals), so purging only the
edited page would leave others stale.

The stored copy is the page's HTML with a placeholder for the CSRF token and only the headers in `KEPT_HEADERS`:
never a cookie, a token or a header the middleware adds (CSP, Vary, security headers), which every response, hit or
miss, gets afresh. Each response has the visitor's own token filled in (`csrf_placeholder`).
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation
from django.utils.encoding import escape_uri_path

from . import cdn, csrf_placeholder

GENERATION_KEY = "page-cache:generation"
CACHE_SECONDS = 600
KEPT_HEADERS = ("Content-Type", "Content-Language")
# Only these query parameters (story filter, pagination) make cacheable variants; a URL with any other parameter is
# rendered afresh, so made-up query strings cannot fill the cache. Made-up values of these are not stored either: only
# a value the page says it answered to (`answered_query`) is.
CACHEABLE_QUERY_PARAMETERS = frozenset({"sector", "pagina"})


def purge(**kwargs):
    """Signal receiver and plain function: start a new generation, here and in the CDN."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet
        cache.set(GENERATION_KEY, 1, None)
    cdn.schedule_purge()


def _generation():
    return cache.get_or_set(GENERATION_KEY, 1, None)


def cache_key(request):
    # The address decides the language (/en/… or not), but the key names it too: the same path must never serve one
    # language's copy in the other, whatever a future URL scheme does.
    language = translation.get_language() or settings.LANGUAGE_CODE
    # The query as parsed, in one order: `?sector=%70o`, `?pagina=2&sector=po` or a stray `&` make no entries of their
    # own.
    query = urlencode(sorted(request.GET.items()))
    address = escape_uri_path(request.path) + (f"?{query}" if query else "")
    return f"page-cache:{_generation()}:{language}:{request.get_host()}:{address}"


def cacheable(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and not request.COOKIES.get("sessionid")
        and CACHEABLE_QUERY_PARAMETERS.issuperset(request.GET.keys())
        and all(len(values) == 1 for _, values in request.GET.lists())
    )


def answered_query(request, **values):
    """Called by a page as it renders: the value it used for each query parameter it reads (None: none given).

    The page is stored only when each parameter in the URL is one of these, as given: `?pagina=999` (shown as the last
    page), `?pagina=02`, `?sector=xyz` (shown unfiltered) or `?sector=po` on a page without a filter are answered
    afresh each time, so made-up values never fill the cache. Checking costs nothing: the page knows them already.
    """
    request._page_cache_answered_query = {name: str(value) for name, value in values.items() if value is not None}


def _answered_its_query(request):
    answered = getattr(request, "_page_cache_answered_query", {})
    return all(answered.get(name) == value for name, value in request.GET.items())


def serve_cached(request, render):
    """Return the cached response for this URL, or render it, keep it when it is a plain 200, and return it."""
    if not cacheable(request):
        return render()
    key = cache_key(request)
    stored = cache.get(key)
    if stored is not None:
        content, headers = stored
        response = HttpResponse(content, headers=headers)
        response["X-Page-Cache"] = "hit"
        return cdn.allow_shared_caching(csrf_placeholder.fill(request, response))
    response = csrf_placeholder.render_with_placeholder(render())
    if (
        response.status_code == 200
        and _answered_its_query(request)
        and not response.cookies
        and not csrf_placeholder.leaked_token(request)
    ):
        headers = {name: response[name] for name in KEPT_HEADERS if name in response}
        cache.set(key, (response.content, headers), CACHE_SECONDS)
        response["X-Page-Cache"] = "miss"
        return cdn.allow_shared_caching(csrf_placeholder.fill(request, response))
    return csrf_placeholder.fill(request, response)
