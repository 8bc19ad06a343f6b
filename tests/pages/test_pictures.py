"""Photos are `<picture>` elements: an AVIF source first, a WebP img for browsers without AVIF."""

import re

import pytest
from wagtail.models import Page

from delivery.renditions import make_renditions

PICTURE = re.compile(r"<picture>(.*?)</picture>", re.DOTALL)
PAGES = {
    "home hero and cards": "/",
    "campaign hero": "/campagnes/besturenprogramma/",
    "story hero": "/verhalen/mariaschool-rotterdam-bordsessies-groep-3/",
    "story cards": "/verhalen/",
    "campaign cards": "/en/donate/",
    "image blocks": "/methode/",
}


@pytest.fixture(scope="module")
def renditions_made(module_demo_content, django_db_blocker):
    """The renditions publishing makes, made once for the module (inside the demo content's transaction)."""
    with django_db_blocker.unblock():
        for page_id in Page.objects.live().values_list("pk", flat=True):
            make_renditions(page_id)


@pytest.fixture(autouse=True)
def _in_a_savepoint(renditions_made, db):
    pass


@pytest.mark.parametrize("url", PAGES.values(), ids=PAGES.keys())
def test_photos_are_an_avif_source_with_a_webp_img(client, url):
    html = client.get(url).content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    pictures = PICTURE.findall(main)
    assert pictures, "no <picture> on the page"
    for picture in pictures:
        sources = re.findall(r"<source [^>]*>", picture)
        assert len(sources) == 1, picture
        assert 'type="image/avif"' in sources[0] and re.search(r'srcset="[^"]*\.avif \d+w', sources[0])
        assert 'sizes="' in sources[0]
        img = re.search(r"<img [^>]*>", picture).group(0)
        assert re.search(r'src="[^"]+\.webp"', img) and re.search(r'srcset="[^"]*\.webp \d+w', img), img
        assert 'sizes="' in img and 'decoding="async"' in img and "alt=" in img
    # The site's own drawings (payment marks, SVG in /static/) are not photos.
    outside = [img for img in re.findall(r"<img [^>]*>", PICTURE.sub("", main)) if 'src="/static/' not in img]
    assert outside == [], "a photo outside a <picture>"


def test_hero_loads_first_and_cards_lazily(client):
    main = client.get("/").content.decode().split("<main", 1)[1]
    hero, *cards = PICTURE.findall(main)
    assert 'fetchpriority="high"' in hero and 'loading="lazy"' not in hero
    assert cards and all('class="card__image"' in card and 'loading="lazy"' in card for card in cards)


def test_the_open_graph_image_stays_jpeg(client):
    html = client.get("/verhalen/mariaschool-rotterdam-bordsessies-groep-3/").content.decode()
    assert re.search(r'<meta property="og:image" content="[^"]+\.jpg">', html)
