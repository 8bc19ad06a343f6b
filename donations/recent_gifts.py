"""The newest gifts of a campaign as its page shows them ("Anna gaf € 25 · 2 uur geleden"), live in cached pages.

Only gifts made on the site count (not the monthly renewals of a subscription), with the first name the donor gave
or "Anoniem". The list is kept in the cache per campaign (its pages in both languages share it), written afresh after
each commit that paid, refunded or reversed one of its gifts (`refresh`), and read back in one cache lookup by every
page view; a miss costs one bounded query. Pages write it with `{% recent_gifts campaign %}`: a live fragment
(`delivery.live_fragments`), so the page cache serves it with the gifts and times of the moment.
"""

from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from core.money import format_euro
from delivery import live_fragments

from .models import Donation, DonationStatus, Frequency

KIND = "recent-gifts"
SHOWN = 5
# Short-lived like the totals (`totals.CACHE_SECONDS`): where processes do not share a cache (the default local-memory
# cache of `make run`), the web process sees a gift the worker recorded within a minute; with Redis, at once.
CACHE_SECONDS = 60


def cache_key(translation_key):
    return f"recent-gifts:{translation_key}"


def _newest(translation_key):
    rows = (
        Donation.objects.filter(
            campaign__translation_key=translation_key,
            status=DonationStatus.PAID,
            stripe_checkout_session_id__isnull=False,
            paid_at__isnull=False,
        )
        .order_by("-paid_at")
        .values_list("public_name", "amount_cents", "frequency", "paid_at")[:SHOWN]
    )
    return list(rows)


def gifts_for(translation_keys):
    """Each translation key (as text) → its newest gifts: one cache read for all, a query only for a miss."""
    keys = [str(key) for key in translation_keys]
    cached = cache.get_many([cache_key(key) for key in keys])
    gifts = {}
    for key in keys:
        if cache_key(key) in cached:
            gifts[key] = cached[cache_key(key)]
        else:
            gifts[key] = _newest(key)
            cache.add(cache_key(key), gifts[key], CACHE_SECONDS)
    return gifts


def refresh(translation_key):
    """After a commit that changed which gifts of this campaign are paid: the newest gifts, for the next page view."""
    cache.set(cache_key(translation_key), _newest(translation_key), CACHE_SECONDS)


def marked_recent_gifts(campaign):
    key = str(campaign.translation_key)
    return live_fragments.mark(KIND, key, _render(translation.get_language(), gifts_for([key])[key]))


def fill_recent_gifts(arguments, language):
    """The live-fragment provider: each translation key → the list as of now."""
    return {key: _render(language, gifts) for key, gifts in gifts_for(arguments).items()}


def _render(language, gifts):
    # Built by hand rather than from a template: this runs on every page-cache hit, and the times change each time.
    if not gifts:
        return ""
    now = timezone.now()
    with translation.override(language):
        items = format_html_join(
            "",
            '<li>{} <span class="recent-gifts__when">· {}</span></li>',
            (_line(name, cents, frequency, paid_at, now) for name, cents, frequency, paid_at in gifts),
        )
        return format_html(
            '<section class="recent-gifts" aria-labelledby="recent-gifts-heading">'
            '<h2 id="recent-gifts-heading" class="recent-gifts__heading">{}</h2>'
            '<ul class="recent-gifts__list">{}</ul></section>',
            _("Net gegeven"),
            items,
        )


def _line(name, cents, frequency, paid_at, now):
    amount = format_euro(cents)
    if frequency == Frequency.MONTHLY:
        amount = _("%(amount)s per maand") % {"amount": amount}
    elif frequency == Frequency.YEARLY:
        amount = _("%(amount)s per jaar") % {"amount": amount}
    if now - paid_at < timedelta(minutes=1):
        when = _("zojuist")
    else:
        when = _("%(time)s geleden") % {"time": timesince(paid_at, now, depth=1)}
    return _("%(name)s gaf %(amount)s") % {"name": name or _("Anoniem"), "amount": amount}, when
