"""A campaign page costs the same number of queries however many gifts it has had."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import DonationFactory, DonorFactory

from .helpers import campaign

pytestmark = pytest.mark.usefixtures("module_demo_site", "db")


def _add_paid_gifts(count, *, first_number, on_commit):
    """Paid gifts from `count` new donors, committed the way payments are (dropping the cached campaign total)."""
    with on_commit(execute=True):
        for number in range(first_number, first_number + count):
            DonationFactory(campaign=campaign(), donor=DonorFactory(email=f"donor{number}@example.org"), paid=True)


def _queries_for_page(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_campaign_page_queries_do_not_grow_with_the_number_of_gifts(client, django_capture_on_commit_callbacks):
    url = campaign().url
    before_any_gift = client.get(url).content.decode()  # caches (site root paths, templates) filled once
    assert "Geef als eerste aan deze campagne." in before_any_gift and "0 donateurs" not in before_any_gift

    _add_paid_gifts(3, first_number=0, on_commit=django_capture_on_commit_callbacks)
    queries_with_3, page_with_3 = _queries_for_page(client, url)
    _add_paid_gifts(297, first_number=3, on_commit=django_capture_on_commit_callbacks)
    queries_with_300, page_with_300 = _queries_for_page(client, url)

    assert "<strong>€ 75</strong> opgehaald" in page_with_3
    assert "<strong>€ 7.500</strong> opgehaald" in page_with_300
    assert "3 donateurs" in page_with_3 and "Geef als eerste" not in page_with_3
    assert "300 donateurs" in page_with_300
    assert queries_with_300 == queries_with_3
