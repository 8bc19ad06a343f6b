"""The partner page comes from the page cache, and its request form still carries each visitor's own token."""

from django.test import Client

from partners.models import PartnershipRequest
from tests.donations.helpers import csrf_token


def test_the_form_on_a_cached_partner_page_is_accepted(demo_site, form_data, django_capture_on_commit_callbacks):
    first_visitor, visitor = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    assert first_visitor.get("/partner-worden/")["X-Page-Cache"] == "miss"
    hit = visitor.get("/partner-worden/")
    assert hit["X-Page-Cache"] == "hit"
    assert csrf_token(hit.content.decode()) != csrf_token(first_visitor.get("/partner-worden/").content.decode())

    data = {**form_data, "csrfmiddlewaretoken": csrf_token(hit.content.decode())}
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post("/partner-worden/aanvraag/", data)
    assert response.status_code == 303
    assert PartnershipRequest.objects.filter(organisation=form_data["organisation"]).count() == 1
