"""Whole-page cache for anonymous visitors of pages without forms.

Every entry carries the cache generation in its key. Publishing, unpublishing, moving or deleting a page, editing a
site setting or the footer, and any donation change bump the generation, which purges every cached page at once:
pages show each other (cards, menus, totals), so purging only the edited page would leave others stale.
"""

from django.core.cache import cache
from django.http import HttpResponse

GENERATION_KEY = "page-cache:generation"
CACHE_SECONDS = 600
KEPT_HEADERS = ("Content-Type", "Content-Language")


def purge(**kwargs):
    """Signal receiver and plain function: start a new generation."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet
        cache.set(GENERATION_KEY, 1, None)


def _generation():
    return cache.get_or_set(GENERATION_KEY, 1, None)


def _key(request):
    return f"page-cache:{_generation()}:{request.get_host()}:{request.get_full_path()}"


def cacheable(request):
    return request.method in ("GET", "HEAD") and not request.user.is_authenticated and not request.COOKIES.get(
        "sessionid"
    )


def serve_cached(request, render):
    """Return the cached response for this URL, or render it, keep it when it is a plain 200, and return it."""
    if not cacheable(request):
        return render()
    key = _key(request)
    stored = cache.get(key)
    if stored is not None:
        content, headers = stored
        response = HttpResponse(content)
        for name, value in headers.items():
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response
    response = render()
    if hasattr(response, "render"):
        response.render()
    if response.status_code == 200 and not response.cookies:
        headers = {name: response[name] for name in KEPT_HEADERS if name in response}
        cache.set(key, (response.content, headers), CACHE_SECONDS)
        response["X-Page-Cache"] = "miss"
    return response
