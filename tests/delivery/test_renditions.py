"""Publishing a page makes its image renditions, so visitors never wait for image processing."""

import io

import pytest
from django.core.management import call_command
from wagtail.images.models import Rendition
from wagtail.models import Page

from pages.models import StoryPage


@pytest.fixture
def published_with_renditions(db, settings, django_capture_on_commit_callbacks):
    settings.PREGENERATE_RENDITIONS = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content", stdout=io.StringIO())


def test_publishing_made_every_rendition_the_pages_ask_for(client, published_with_renditions):
    made_at_publish = Rendition.objects.count()
    assert made_at_publish > 0
    urls = [page.url for page in Page.objects.live().filter(depth__gt=1)]
    assert "/en/stories/" in urls and "/methode/" in urls
    for url in urls:
        assert client.get(url).status_code == 200, url
    assert Rendition.objects.count() == made_at_publish, "a page asked for a rendition that publishing did not make"


def test_republishing_a_story_queues_its_renditions(published_with_renditions, django_capture_on_commit_callbacks):
    story = StoryPage.objects.first()
    Rendition.objects.filter(image=story.hero_image).delete()
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()
    assert Rendition.objects.filter(image=story.hero_image).exists()
