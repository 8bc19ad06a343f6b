"""`manage.py load_demo_content` builds the demo site from the data files in demo/content/, once."""

import io
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from campaigns.models import SuggestedAmount
from pages.models import FooterText, HomePageFeaturedCampaign, HomePageFeaturedStory

CONTENT_DIR = Path(settings.BASE_DIR) / "demo" / "content"


@pytest.fixture(autouse=True)
def _in_a_savepoint(module_demo_content, db):
    """Every test sees the module's demo site; what a test changes is rolled back after it."""


@pytest.mark.parametrize(
    ("url", "language", "title"),
    [
        ("/", "nl", "Samen naar beter onderwijs voor ieder kind"),
        ("/en/", "en", "Together towards better education for every child"),
        ("/campagnes/besturenprogramma/", "nl", "Besturenprogramma"),
        ("/en/donate/towards-the-tipping-point/", "en", "Towards the tipping point"),
        ("/verhalen/diamant-college-leerlingbetrokkenheid/", "nl", "Hoe ziet échte leerlingbetrokkenheid eruit?"),
        ("/en/stories/diamant-college-pupil-engagement/", "en", "What does real pupil engagement look like?"),
    ],
)
def test_the_demo_pages_answer_with_their_titles(client, module_demo_content, url, language, title):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Language"] == language
    html = response.content.decode()
    assert re.search(r"<title>([^<]*)</title>", html).group(1).startswith(title)


def _pages_in(data):
    for node in data["pages"]:
        yield from _walk(node)


def _walk(node):
    yield node
    for child in node.get("children", []):
        yield from _walk(child)


def test_every_page_in_the_data_is_built_live_and_shares_its_key_with_its_translations(module_demo_content):
    translation_keys = {}
    for language, _ in settings.WAGTAIL_CONTENT_LANGUAGES:
        data = json.loads((CONTENT_DIR / f"{language}.json").read_text(encoding="utf-8"))
        for node in _pages_in(data):
            page = Page.objects.get(locale__language_code=language, slug=node["fields"]["slug"])
            assert page.live and page.title == node["fields"]["title"]
            assert page.specific_class._meta.label == node["type"]
            assert translation_keys.setdefault(node["key"], page.translation_key) == page.translation_key
    assert Site.objects.get(is_default_site=True).root_page.slug == "home"


def _counts():
    return {
        "pages": Page.objects.count(),
        "revisions": sum(page.revisions.count() for page in Page.objects.all()),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "suggested amounts": SuggestedAmount.objects.count(),
        "featured": HomePageFeaturedCampaign.objects.count() + HomePageFeaturedStory.objects.count(),
        "footer texts": FooterText.objects.count(),
    }


def test_running_it_again_creates_nothing(module_demo_content):
    before = _counts()
    assert before["pages"] == 35  # the root and 17 pages in each language
    assert (before["images"], before["documents"]) == (8, 4)
    output = io.StringIO()
    call_command("load_demo_content", stdout=output)
    assert "0 nieuwe objecten" in output.getvalue()
    assert _counts() == before
