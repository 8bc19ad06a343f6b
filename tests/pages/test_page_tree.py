"""The page tree only takes the shapes the site is designed for: the admin refuses to add a page anywhere else."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page

from campaigns.models import CampaignIndexPage, CampaignPage
from pages.models import HomePage, StoryIndexPage, StoryPage


@pytest.fixture
def editor(client, demo_site, django_user_model):
    user = django_user_model.objects.create_user(username="redacteur", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Redactie"))
    client.force_login(user)
    return client


def _add_url(page_model, parent):
    meta = page_model._meta
    return f"/admin/pages/add/{meta.app_label}/{meta.model_name}/{parent.pk}/"


def _dutch(model):
    return model.objects.get(locale__language_code="nl") if model is not CampaignPage else model.objects.first()


def _refused(response):
    """Wagtail refuses with a 403, or sends the editor back to the dashboard with an error: never a form."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def _try_to_add(editor, page_model, parent, title):
    before = Page.objects.count()
    form = editor.get(_add_url(page_model, parent))
    posted = editor.post(_add_url(page_model, parent), {"title": title, "slug": "proef", "action-publish": "1"})
    return form, posted, Page.objects.count() - before


@pytest.mark.parametrize(
    ("page_model", "wrong_parent"),
    [(StoryPage, HomePage), (CampaignPage, HomePage), (StoryPage, CampaignIndexPage), (HomePage, HomePage)],
)
def test_a_page_cannot_be_added_under_a_parent_it_does_not_belong_to(editor, page_model, wrong_parent):
    form, posted, added = _try_to_add(editor, page_model, _dutch(wrong_parent), "Verkeerde plek")

    assert _refused(form) and _refused(posted)
    assert added == 0


def test_a_second_home_page_cannot_be_added_at_the_top(editor):
    top = _dutch(HomePage).get_parent()
    form, posted, added = _try_to_add(editor, HomePage, top, "Nog een startpagina")
    assert _refused(form) and _refused(posted)
    assert added == 0


def test_a_story_can_be_added_under_the_story_index(editor):
    form = editor.get(_add_url(StoryPage, _dutch(StoryIndexPage)))
    assert form.status_code == 200
    assert 'name="title"' in form.content.decode()
