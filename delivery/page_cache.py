"""Whole-page cache for anonymous visitors: a stored page is served before routing, without the database.

Pages are stored as they are rendered (`serve_cached`, called by the pages and the donate view) and served by
`PageCacheMiddleware` before the session, the user or Wagtail's routing is looked at: a hit reads two cache entries
(the generation with the page, then the live figures it shows) and runs no SQL.

Each entry holds the generation it was rendered in. Publishing, unpublishing, moving or deleting a page (in either
language), changing who may see a page, editing a site setting or the footer start a new generation, which purges
every cached page of both languages at once: pages show each other (cards, menus), so purging only the edited page
would leave others stale. A paid or refunded gift does not: the figures it changes are filled into the stored HTML as
it is served (`live_fragments`).

No stored page holds anything of one visitor: no cookie, no token (the public forms need none, see
`core/same_origin.py`; a render that asked for a CSRF token anyway is not stored), and only the headers in
`KEPT_HEADERS`; the middleware adds CSP, security and other headers to every response, hit or miss, afresh. So
every cacheable page may be kept by a CDN too (`cdn.allow_shared_caching`).
"""

import gzip
import threading
import time
import uuid
from collections import OrderedDict
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.template.response import SimpleTemplateResponse
from django.utils.cache import patch_vary_headers
from django.utils.encoding import escape_uri_path
from django.utils.translation import get_language_from_path

from . import cdn, live_fragments

GENERATION_KEY = "page-cache:generation"
CACHE_SECONDS = 600
KEPT_HEADERS = ("Content-Type", "Content-Language")
# Only these query parameters (story filter, pagination, the donate page's campaign) make cacheable variants; a URL
# with any other parameter is rendered afresh, so made-up query strings cannot fill the cache. Made-up values of these
# are not stored either: only a value the page says it answered to (`answered_query`) is.
CACHEABLE_QUERY_PARAMETERS = frozenset({"sector", "pagina", "campagne"})
# Compressed copies of recently served hits, per worker: a hit whose live figures did not change since is sent as it
# was compressed the last time. Keyed by the stored entry and those figures, so it can never serve other content.
COMPRESSED_COPIES = 256
_compressed = OrderedDict()
_compressed_lock = threading.Lock()  # gunicorn's threads share it


def purge(**kwargs):
    """Signal receiver and plain function: start a new generation, here and in the CDN."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet, or evicted
        _new_generation()
    cdn.schedule_purge()


def _new_generation():
    # From the clock, never 1 again: entries of a generation that was evicted from the cache must not come back.
    cache.add(GENERATION_KEY, time.time_ns(), None)
    return cache.get(GENERATION_KEY)


def language_of(request):
    """The language of the address (/en/… or Dutch), as the page will be rendered in: known before any middleware."""
    return get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def cache_key(request):
    # The address decides the language (/en/… or not), but the key names it too: the same path must never serve one
    # language's copy in the other, whatever a future URL scheme does. The query as parsed, in one order:
    # `?sector=%70o`, `?pagina=2&sector=po` or a stray `&` make no entries of their own.
    query = urlencode(sorted(request.GET.items()))
    address = escape_uri_path(request.path) + (f"?{query}" if query else "")
    return f"page-cache:{language_of(request)}:{request.get_host()}:{address}"


def cacheable(request):
    """An anonymous GET of an address whose query, if any, is one the pages can answer from the cache."""
    user = getattr(request, "user", None)  # absent before the authentication middleware: the cookie tells then
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not (user is not None and user.is_authenticated)
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


def _asked_for_a_csrf_token(request):
    # The CSRF middleware would set its cookie: the page holds a token of this visitor's, never to be shared.
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


def serve_cached(request, render):
    """Render the page and keep it when it is a plain 200 every visitor may see; hits are the middleware's."""
    if not cacheable(request):
        return render()
    generation = cache.get(GENERATION_KEY) or _new_generation()  # read before rendering: a purge meanwhile wins
    response = render()
    if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
        response.render()
    if (
        response.status_code == 200
        and _answered_its_query(request)
        and not response.cookies
        and not _asked_for_a_csrf_token(request)
    ):
        entry = {
            "generation": generation,
            "id": uuid.uuid4().hex,
            "content": response.content,
            "headers": {name: response[name] for name in KEPT_HEADERS if name in response},
        }
        cache.set(cache_key(request), entry, CACHE_SECONDS)
        response["X-Page-Cache"] = "miss"
        return cdn.allow_shared_caching(response)
    return response


def cached_response(request):
    """The stored page for this request with its live figures filled in, or None: one or two cache reads, no SQL."""
    key = cache_key(request)
    found = cache.get_many([GENERATION_KEY, key])
    entry = found.get(key)
    if entry is None or entry["generation"] != found.get(GENERATION_KEY):
        return None
    language = language_of(request)
    content, figures = entry["content"], ()
    if live_fragments.present(content):
        content, figures = live_fragments.fill(content, language)
    # What LocaleMiddleware adds to a rendered page; a hit is answered before it.
    response = HttpResponse(headers={**entry["headers"], "Content-Language": language})
    if "gzip" in request.headers.get("Accept-Encoding", ""):
        response.content = _compressed_copy((entry["id"], figures), content)
        response["Content-Encoding"] = "gzip"
    else:
        response.content = content
    response["Content-Length"] = str(len(response.content))
    patch_vary_headers(response, ("Accept-Encoding",))
    response["X-Page-Cache"] = "hit"
    return cdn.allow_shared_caching(response)


def _compressed_copy(key, content):
    with _compressed_lock:
        copy = _compressed.get(key)
        if copy is not None:
            _compressed.move_to_end(key)
            return copy
    # No secret is in a stored page, so compressing it the same way each time gives nothing away (BREACH).
    copy = gzip.compress(content, compresslevel=6, mtime=0)
    with _compressed_lock:
        _compressed[key] = copy
        if len(_compressed) > COMPRESSED_COPIES:
            _compressed.popitem(last=False)
    return copy


class PageCacheMiddleware:
    """Answers anonymous visitors from the page cache before sessions, users or Wagtail's routing are looked at.

    Placed after the middleware that adds headers to every response (security, CSP, permissions policy) and refuses
    bad requests, before the session middleware: a hit costs no more than reading the cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if cacheable(request):
            response = cached_response(request)
            if response is not None:
                return response
        return self.get_response(request)
