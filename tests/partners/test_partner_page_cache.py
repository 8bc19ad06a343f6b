"""The partner page comes from the page cache, and its request form is accepted without a per-visitor token."""

from partners.models import PartnershipRequest
from tests.conftest import browser_like_client


def test_the_form_on_a_cached_partner_page_is_accepted(demo_site, form_data, django_capture_on_commit_callbacks):
    first_visitor, visitor = browser_like_client(), browser_like_client()
    assert first_visitor.get("/partner-worden/")["X-Page-Cache"] == "miss"
    hit = visitor.get("/partner-worden/")
    assert hit["X-Page-Cache"] == "hit"
    assert "csrfmiddlewaretoken" not in hit.content.decode()
    assert "csrftoken" not in hit.cookies

    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post("/partner-worden/aanvraag/", form_data)
    assert response.status_code == 303
    assert PartnershipRequest.objects.filter(organisation=form_data["organisation"]).count() == 1
