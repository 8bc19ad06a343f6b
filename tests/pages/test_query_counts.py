"""Public pages run a fixed number of SQL queries, whatever the number of stories."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from delivery import page_cache
from pages.models import StoryIndexPage, StoryPage

URLS = ["/", "/verhalen/", "/campagnes/besturenprogramma/"]


def query_count(client, url):
    """Queries of an uncached render: Wagtail's site caches warm, the whole-page cache purged."""
    client.get(url)
    page_cache.purge()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def add_stories(count, language="nl"):
    """`count` more published stories in the story index of `language`, like the ones already there."""
    index = StoryIndexPage.objects.get(locale__language_code=language)
    template = StoryPage.objects.filter(locale__language_code=language).first()
    for number in range(count):
        story = StoryPage(
            title=f"Verhaal {number}",
            slug=f"verhaal-{number}",
            date=datetime.date(2022, 1, 1),
            school=f"School {number}",
            place="Utrecht",
            sector="mbo",
            person_name="Docent",
            person_role="docent",
            pull_quote="Samen worden we beter.",
            summary="Een team verbetert samen.",
            hero_image=template.hero_image,
            body=[],
        )
        index.add_child(instance=story)


@pytest.mark.parametrize("url", URLS)
def test_query_count_does_not_grow_with_thirty_stories(client, demo_site, url):
    with_three = query_count(client, url)
    add_stories(27)
    with_thirty = query_count(client, url)
    assert with_thirty == with_three, f"{url}: {with_three} queries with 3 stories, {with_thirty} with 30"


@pytest.mark.parametrize(("url", "budget"), [("/", 20), ("/verhalen/", 20), ("/campagnes/besturenprogramma/", 20)])
def test_public_pages_stay_within_their_query_budget(client, demo_site, url, budget):
    assert query_count(client, url) <= budget
