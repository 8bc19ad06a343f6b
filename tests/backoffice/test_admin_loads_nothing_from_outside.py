"""The admin, like the site, loads nothing from another address: a staff member's avatar is the site's own image."""

import re

import pytest


@pytest.mark.parametrize("group", ["Redactie", "Financiën"])
def test_the_admin_shows_the_sites_own_avatar_and_asks_no_outside_service(staff_client, db, group):
    html = staff_client(group).get("/admin/").content.decode()

    avatars = re.findall(r'<img[^>]+src="[^"]*avatar[^"]*"[^>]*>', html)
    assert avatars, "the admin shows the staff member's avatar"
    assert all("/static/wagtailadmin/images/default-user-avatar" in tag for tag in avatars), avatars
    assert "gravatar" not in html
    # Links to Wagtail's guide are only followed when clicked; nothing the page loads comes from another address.
    assert not re.search(r'src="(?:https?:)?//', html)
    assert not re.search(r'<link[^>]+href="(?:https?:)?//', html)
