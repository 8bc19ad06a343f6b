"""Figures that change between publishes (a campaign's raised total and donors), filled into cached pages as served.

A template writes such a figure with `mark(kind, argument, html)`: the HTML between two comments that name the kind
and what it is about. The page cache stores the page with them; each hit replaces every marked fragment with what
the kind's provider renders now, so a paid gift shows at once without emptying the cache. Providers register by kind
(`register`, from an app's `ready`); a provider gets all the arguments of its kind in a page at once, with the
page's language, so a page with three campaign cards reads the cache once, and returns their HTML.
"""

import re

from django.utils.safestring import mark_safe

_providers = {}
_MARKED = re.compile(rb"<!--live:([a-z-]+):([A-Za-z0-9:_-]+)-->.*?<!--/live-->", re.DOTALL)
_START = b"<!--live:"


def register(kind, provider):
    """`provider(arguments, language)` → {argument: HTML} for each argument (text) of that kind in a page."""
    _providers[kind] = provider


def mark(kind, argument, html):
    """`html` as a fragment of `kind` about `argument` (letters, digits, `:`, `_` and `-` only)."""
    return mark_safe(f"<!--live:{kind}:{argument}-->{html}<!--/live-->")  # noqa: S308 (the provider's own HTML)


def present(content):
    return _START in content


def fill(content, language):
    """`content` with each marked fragment rendered afresh, and those fragments: a tuple, what the result depends on."""
    wanted = {}
    for kind, argument in _MARKED.findall(content):
        wanted.setdefault(kind.decode(), set()).add(argument.decode())
    rendered = {}
    for kind, arguments in wanted.items():
        provider = _providers.get(kind)
        if provider is not None:
            for argument, html in provider(sorted(arguments), language).items():
                rendered[(kind, argument)] = mark(kind, argument, html).encode()

    def fresh(match):
        return rendered.get((match[1].decode(), match[2].decode()), match[0])

    return _MARKED.sub(fresh, content), tuple(sorted(rendered.items()))
