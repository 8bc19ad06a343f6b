"""The story filter and pages are cached; made-up values of `?sector=` and `?pagina=` are answered but never stored."""

import random
import string

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from delivery import page_cache
from tests.donations.conftest import module_demo_site  # noqa: F401
from tests.pages.test_query_counts import add_stories

pytestmark = pytest.mark.usefixtures("module_demo_site", "db")

LIST = "/verhalen/"


def stored_pages():
    """The pages in the cache, the generation counter left out: Django's local-memory cache, or Redis (CACHE_URL)."""
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        keys = [key.decode() for key in backend._cache.get_client().scan_iter(match="*page-cache:*")]
    else:
        keys = list(backend._cache)
    return [key for key in keys if "page-cache:" in key and page_cache.GENERATION_KEY not in key]


def made_up_values(count):
    rng = random.Random(20240611)
    values = ["2", "0", "-1", "01", "1 ", "+1", "1.0", "999", "PO", "po ", "", "%20", "Po"]
    while len(values) < count:
        values.append("".join(rng.choices(string.ascii_letters + string.digits, k=rng.randint(1, 12))))
    return values[:count]


def test_made_up_pages_and_sectors_are_answered_but_not_stored(client):
    client.get(LIST)  # the demo's 3 stories: one page, so `?pagina=2` is made up too
    before = len(stored_pages())
    assert before == 1

    for number, value in enumerate(made_up_values(300)):
        url = f"{LIST}?{['pagina', 'sector'][number % 2]}={value}"
        response = client.get(url)
        assert response.status_code == 200, url
        assert "X-Page-Cache" not in response, url
        assert cache.get(page_cache.cache_key(response.wsgi_request)) is None, url
    assert len(stored_pages()) == before


def test_a_page_the_filter_does_not_have_is_not_stored(client):
    add_stories(27)  # 27 more mbo stories: the list and the mbo filter have 4 pages, the po filter one
    for url in (f"{LIST}?sector=po&pagina=2", f"{LIST}?sector=xyz&pagina=2", f"{LIST}?sector=po&sector=vo"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "X-Page-Cache" not in response, url
    assert stored_pages() == []


def test_a_real_sector_and_a_real_page_are_stored_and_served_from_the_cache(client):
    add_stories(27)
    for url in (f"{LIST}?pagina=2", f"{LIST}?sector=po", f"{LIST}?sector=mbo&pagina=3"):
        first = client.get(url)
        assert first["X-Page-Cache"] == "miss", url
        with CaptureQueriesContext(connection) as queries:
            second = client.get(url)
        assert second["X-Page-Cache"] == "hit", url
        assert second.content == first.content
        assert "pages_storypage" not in " ".join(query["sql"] for query in queries)

    assert "Pagina 2 van 4" in client.get(f"{LIST}?pagina=2").content.decode()
    assert len(stored_pages()) == 3


def test_one_entry_per_variant_however_its_query_is_written(client):
    add_stories(27)
    assert client.get(f"{LIST}?sector=mbo&pagina=2")["X-Page-Cache"] == "miss"
    for url in (f"{LIST}?pagina=2&sector=mbo", f"{LIST}?sector=%6Dbo&pagina=%32", f"{LIST}?&sector=mbo&pagina=2&"):
        assert client.get(url)["X-Page-Cache"] == "hit", url
    client.get(LIST)
    assert client.get(f"{LIST}?")["X-Page-Cache"] == "hit"
    assert len(stored_pages()) == 2


def test_a_page_without_a_filter_stores_no_variants_for_its_query(client):
    client.get("/")
    for url in ("/?sector=po", "/?pagina=2", "/?pagina=1"):
        response = client.get(url)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response, url
    assert len(stored_pages()) == 1
