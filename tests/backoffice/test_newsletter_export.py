"""The newsletter list for the mailing tool: the donors who get it now, as CSV, for Fondsenwerving, Financiën and
Beheer only; every download is in the audit log of each donor it holds."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from donations import privacy
from donations.models import Donor
from newsletter.signing import unsubscribe_token
from tests.factories import DonorFactory

from .conftest import GROUPS

MAY_EXPORT = {"Fondsenwerving", "Financiën", "Beheer"}


def _at(day, hour):
    return timezone.make_aware(datetime.datetime(2026, 11, day, hour, 30))


@pytest.fixture
def donors(campaign):
    """Three subscribers (one English, one with a name a spreadsheet would run), one who left, one who never joined,
    and one who was erased."""
    anna = DonorFactory(email="anna@example.org", name="Anna de Vries", newsletter_opt_in=True)
    Donor.objects.filter(pk=anna.pk).update(newsletter_opt_in_at=_at(2, 9))
    emma = DonorFactory(email="emma@example.org", name="Emma Jones", language="en", newsletter_opt_in=True)
    Donor.objects.filter(pk=emma.pk).update(newsletter_opt_in_at=_at(5, 14))
    formula = DonorFactory(email="kees@example.org", name="=HYPERLINK(1)", newsletter_opt_in=True)
    Donor.objects.filter(pk=formula.pk).update(newsletter_opt_in_at=_at(6, 8))
    DonorFactory(email="left@example.org", newsletter_opt_in_at=_at(1, 8), newsletter_opt_out_at=_at(3, 8))
    DonorFactory(email="never@example.org")
    erased = DonorFactory(email="erased@example.org", newsletter_opt_in=True)
    privacy.erase_donor(erased)
    return anna, emma, formula


def _rows(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.mark.parametrize("group", GROUPS)
def test_the_newsletter_list_is_for_fundraising_finance_and_administration(staff_client, donors, group):
    client = staff_client(group)

    response = client.get(reverse("newsletter_export"))

    if group in MAY_EXPORT:
        assert response.status_code == 200
        assert response["Content-Disposition"] == f'attachment; filename="nieuwsbrief-{timezone.localdate()}.csv"'
        assert _rows(response) == [
            ["e-mail", "naam", "taal", "aangemeld op"],
            ["anna@example.org", "Anna de Vries", "nl", "2026-11-02 09:30"],
            ["emma@example.org", "Emma Jones", "en", "2026-11-05 14:30"],
            ["kees@example.org", "'=HYPERLINK(1)", "nl", "2026-11-06 08:30"],
        ]
        entries = ModelLogEntry.objects.filter(action="leerkracht.newsletter_exported")
        assert sorted(entry.object_id for entry in entries) == sorted(str(donor.pk) for donor in donors)
        assert {entry.user_id for entry in entries} == {client.user.pk}
        assert {entry.data["subscribers"] for entry in entries} == {3}
    else:
        assert response.status_code == 403
        assert not response.has_header("Content-Disposition")
        assert "anna@example.org" not in response.content.decode()
        assert not ModelLogEntry.objects.filter(action="leerkracht.newsletter_exported").exists()


@pytest.mark.parametrize("group", GROUPS)
def test_the_menu_offers_the_list_to_those_who_may_download_it(staff_client, donors, group):
    home = staff_client(group).get(reverse("wagtailadmin_home")).content.decode()
    assert (reverse("newsletter_export") in home) == (group in MAY_EXPORT)


def test_an_unsubscribed_donor_leaves_the_next_list(staff_client, donors, client):
    one_click = client.post(
        f"/nieuwsbrief/afmelden/{unsubscribe_token(donors[0])}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert one_click.status_code == 200

    rows = _rows(staff_client("Fondsenwerving").get(reverse("newsletter_export")))
    assert [row[0] for row in rows[1:]] == ["emma@example.org", "kees@example.org"]


@pytest.mark.django_db
def test_the_staff_groups_have_the_export_from_the_migration():
    holders = set(Group.objects.filter(permissions__codename="export_newsletter").values_list("name", flat=True))
    assert holders == MAY_EXPORT
