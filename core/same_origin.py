"""Forgery protection for the public forms anyone may post (a gift, a partnership request), without a CSRF token.

These forms sit on pages served alike to every visitor, from the page cache and a CDN, so the page cannot hold a token
of the visitor's own. Nor does it need one: a forged post of such a form acts on nobody's behalf. It carries no
session or login, and what it starts (a pending gift and a checkout page the visitor would still have to pay, or a
request for a conversation) is what any visitor may start. What stays is refusing posts that another site makes a
browser send: browsers say where a post comes from and a page cannot change that. `Sec-Fetch-Site` (all current
browsers), else `Origin` (every browser since 2020 sends it with a form post), else the `Referer` must name this
site; a post that names none is refused, like Django's own check does over HTTPS. The rate limit and the honeypot
field still stand behind it. Every other form (mijn donaties, the admin) keeps Django's CSRF token.
"""

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt


def _own_origins(request):
    return {f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS}


def _origin_of(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def from_this_site(request):
    """Whether the browser says this request comes from a page of this site."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site != "same-origin":
        return False
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin in _own_origins(request)  # also "null": a sandboxed or privacy-stripped page is not ours
    referer = request.headers.get("Referer")
    return referer is not None and _origin_of(referer) in _own_origins(request)


def same_origin_post(view):
    """For a public form's view: its GET pages can be shared by every visitor; a post from another site is refused.

    The refusal is a page that says what happened and how to go on; the view does not run, so nothing changes.
    """

    @wraps(view)
    def checked(request, *args, **kwargs):
        if request.method == "POST" and not from_this_site(request):
            return TemplateResponse(request, "core/cross_site_post.html", status=403)
        return view(request, *args, **kwargs)

    return csrf_exempt(checked)
