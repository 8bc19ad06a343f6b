"""CSRF tokens in cached pages: the stored HTML holds a placeholder, every response gets the visitor's own token.

A page is rendered with `PLACEHOLDER` as its `csrf_token`, so `{% csrf_token %}` (also inside inclusion tags, which
copy it) writes the placeholder instead of a token. `fill` swaps in `get_token(request)` for each response, which also
makes the CSRF middleware set or renew the visitor's cookie and add `Vary: Cookie`. A render that asked for a real
token anyway (a template that builds its own request context) is reported by `leaked_token`, and is not to be stored.
"""

from django.middleware.csrf import get_token
from django.template.response import SimpleTemplateResponse
from django.utils.cache import patch_cache_control

# Letters and hyphens only: `{% csrf_token %}` escapes its value, and the placeholder must come out unchanged.
PLACEHOLDER = "csrf-token-placeholder-7d1e4b"
_PLACEHOLDER_BYTES = PLACEHOLDER.encode()


def render_with_placeholder(response):
    """Render a template response with the placeholder where the visitor's CSRF token would go."""
    if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
        response.context_data = {**(response.context_data or {}), "csrf_token": PLACEHOLDER}
        response.render()
    return response


def leaked_token(request):
    """Whether a real token went into this response's HTML (the CSRF middleware would set its cookie)."""
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


def fill(request, response):
    """Put this visitor's token where the placeholder is; such a response is theirs alone, never a shared cache's."""
    if _PLACEHOLDER_BYTES in response.content:
        response.content = response.content.replace(_PLACEHOLDER_BYTES, get_token(request).encode())
        patch_cache_control(response, private=True)
    return response
