"""Editors work in the Wagtail admin."""

import pytest
from django.contrib.auth.models import Group, User
from wagtail.test.utils.form_data import nested_form_data, streamfield

from pages.models import StoryPage


@pytest.fixture
def editor(db):
    user = User.objects.create_user("redacteur", "redactie@example.org", "een-lang-wachtwoord-123")
    user.groups.add(Group.objects.get(name="Redactie"))
    return user


def test_redactie_editor_can_open_the_admin_and_publish_an_edited_story(client, demo_site, editor):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    story = StoryPage.objects.get(slug="mariaschool-rotterdam-bordsessies-groep-3")
    edit_url = f"/admin/pages/{story.pk}/edit/"
    assert client.get(edit_url).status_code == 200

    data = nested_form_data(
        {
            "title": story.title,
            "slug": story.slug,
            "date": "2023-11-07",
            "school": story.school,
            "place": story.place,
            "sector": story.sector,
            "person_name": story.person_name,
            "person_role": story.person_role,
            "pull_quote": story.pull_quote,
            "summary": "In groep 3 staat het bord centraal.",
            "hero_image": story.hero_image_id,
            "hero_image_alt": story.hero_image_alt,
            "body": streamfield([("heading", {"text": "Samen aan het bord", "size": "h2"})]),
            "og_image": "",
            "seo_title": "",
            "search_description": "",
            "action-publish": "action-publish",
        }
    )
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    html = client.get("/verhalen/mariaschool-rotterdam-bordsessies-groep-3/").content.decode()
    assert "In groep 3 staat het bord centraal." in html
    assert "Samen aan het bord" in html


def test_anonymous_visitor_is_sent_to_the_admin_login(client, demo_site):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
