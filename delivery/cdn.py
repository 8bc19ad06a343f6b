"""A CDN in front of the site: which responses it may keep, and purging them through Wagtail's frontend cache.

With `CDN_CACHE_SECONDS` set, every page the page cache keeps is marked `public, s-maxage=…` (browsers still ask
again each time: `max-age=0`), the donate page and the campaign pages with their forms included: they hold nothing of
one visitor's (see `core/same_origin.py`). Whenever the page cache starts a new generation (publishing, settings),
every live page is purged from the CDN too, by a Celery task a little later (`tasks.purge_cdn`), so a burst of edits
makes one purge, not one each. A paid gift purges nothing: a CDN's copy shows the figures of when it was fetched, at
most `CDN_CACHE_SECONDS` old.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

PURGE_SCHEDULED_KEY = "cdn:purge-scheduled"


def allow_shared_caching(response):
    """Let the CDN keep a page every anonymous visitor sees alike."""
    if not settings.CDN_CACHE_SECONDS or response.status_code != 200 or response.cookies:
        return response
    if "private" in response.get("Cache-Control", ""):
        return response
    patch_cache_control(response, public=True, max_age=0, s_maxage=settings.CDN_CACHE_SECONDS)
    return response


def schedule_purge():
    """Queue one purge of the whole site for after this transaction, unless one is already waiting."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    if cache.add(PURGE_SCHEDULED_KEY, True, timeout=settings.CDN_PURGE_DELAY_SECONDS + 300):
        transaction.on_commit(_queue_purge)


def _queue_purge():
    from .tasks import purge_cdn

    try:
        purge_cdn.apply_async(countdown=settings.CDN_PURGE_DELAY_SECONDS)
    except Exception:
        # Without a broker the CDN keeps its copies until s-maxage runs out; the next change tries again.
        cache.delete(PURGE_SCHEDULED_KEY)
        logger.exception("Could not queue the CDN purge")


def purge_every_live_page():
    """Purge every live page of both languages from the CDN; the number of URLs purged."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch
    from wagtail.models import Page

    cache.delete(PURGE_SCHEDULED_KEY)  # changes from now on need a purge of their own
    batch = PurgeBatch()
    batch.add_pages(Page.objects.live().public().specific().exclude(depth=1))
    batch.purge()
    return len(batch.urls)
