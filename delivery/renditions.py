"""Image renditions made when a page is published, so the first visitor does not wait for image processing.

The filter specs must match what the templates ask for (`picture`/`image` tags); the test in
tests/delivery/test_renditions.py renders each page afterwards and checks that no new rendition was needed. The work
runs in the worker as `tasks.generate_renditions`.
"""

from django.conf import settings
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Page

# Photos are `<picture>` elements: an AVIF source and a WebP img for browsers without AVIF.
FORMATS = ("format-avif", "format-webp")


def _specs(resizes):
    return [f"{resize}|{fmt}" for resize in resizes for fmt in FORMATS]


# (hero_image on home; hero and card images elsewhere; block images; Open Graph, which stays JPEG)
HOME_HERO_SPECS = _specs(f"fill-{size}-c50" for size in ("480x360", "800x600", "1200x900"))
HERO_SPECS = _specs(f"fill-{size}-c50" for size in ("480x300", "800x500", "1200x750"))
CARD_SPECS = _specs(f"fill-{size}-c50" for size in ("480x300", "960x600"))
BLOCK_SPECS = _specs(f"width-{width}" for width in (480, 800, 1200))
SHARE_SPECS = ["fill-1200x630|format-jpeg"]


def specs_for_page(page):
    """Map image id → the renditions this page (and the cards that show it) will ask for."""
    wanted = {}

    def want(image_id, specs):
        if image_id:
            wanted.setdefault(image_id, set()).update(specs)

    page_type = type(page).__name__
    hero_id = getattr(page, "hero_image_id", None)
    want(hero_id, HOME_HERO_SPECS if page_type == "HomePage" else HERO_SPECS + CARD_SPECS)
    want(getattr(page, "og_image_id", None) or hero_id, SHARE_SPECS)
    for block in getattr(page, "body", None) or []:
        if block.block_type == "image" and block.value.get("image"):
            want(block.value["image"].pk, BLOCK_SPECS)
    return wanted


def make_renditions(page_id):
    """Make the renditions the page asks for; the number of renditions it asks for (0 for a page that is gone)."""
    page = Page.objects.filter(pk=page_id).specific().first()
    if page is None:
        return 0
    images = get_image_model().objects.in_bulk(specs_for_page(page).keys())
    made = 0
    for image_id, specs in specs_for_page(page).items():
        if image_id in images:
            images[image_id].get_renditions(*sorted(specs))
            made += len(specs)
    return made


def queue_renditions(sender, instance, **kwargs):
    """page_published receiver: make the renditions in the background once the publish is committed."""
    if settings.PREGENERATE_RENDITIONS:
        from .tasks import generate_renditions

        transaction.on_commit(lambda: generate_renditions.delay(instance.pk))
