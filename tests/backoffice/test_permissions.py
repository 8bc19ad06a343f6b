"""Who may see and do what in the fundraising admin, per staff group."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.admin.menu import admin_menu

from donations import stripe_gateway

from .conftest import GROUPS

VIEWSETS = ["donation", "donor", "recurringdonation", "stripeevent", "partnershiprequest"]

# The groups allowed each view or action; everyone else gets 403.
FUNDRAISING_STAFF = {"Fondsenwerving", "Financiën", "Beheer"}
FINANCE_STAFF = {"Financiën", "Beheer"}


@pytest.fixture(autouse=True)
def _stripe_accepts_everything(monkeypatch):
    monkeypatch.setattr(stripe_gateway, "create_refund", lambda payment_intent_id, idempotency_key: {"id": "re_1"})
    monkeypatch.setattr(stripe_gateway, "cancel_subscription", lambda subscription_id: {"id": subscription_id})


def _allowed(response):
    assert response.status_code in (200, 302, 403), response.status_code
    return response.status_code != 403


@pytest.mark.parametrize("group", GROUPS)
@pytest.mark.parametrize("viewset", VIEWSETS)
def test_listing_and_detail_pages(staff_client, records, group, viewset):
    client = staff_client(group)
    record = records[viewset]
    expected = group in FUNDRAISING_STAFF
    assert _allowed(client.get(reverse(f"{viewset}:index"))) == expected
    assert _allowed(client.get(reverse(f"{viewset}:inspect", args=[record.pk]))) == expected


@pytest.mark.parametrize("group", GROUPS)
@pytest.mark.parametrize("viewset", VIEWSETS)
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_exports_are_for_finance_staff(staff_client, records, group, viewset, file_format):
    response = staff_client(group).get(reverse(f"{viewset}:index"), {"export": file_format})
    assert _allowed(response) == (group in FINANCE_STAFF)


@pytest.mark.parametrize("group", GROUPS)
@pytest.mark.parametrize("viewset", VIEWSETS)
def test_nobody_adds_edits_or_deletes_records_by_hand(staff_client, records, group, viewset):
    client = staff_client(group)
    pk = records[viewset].pk
    for url in (
        reverse(f"{viewset}:add"),
        reverse(f"{viewset}:edit", args=[pk]),
        reverse(f"{viewset}:delete", args=[pk]),
    ):
        assert client.get(url).status_code in (302, 403)


@pytest.mark.parametrize(
    ("group", "expected"),
    [("Redactie", 403), ("Fondsenwerving", 403), ("Financiën", 302), ("Beheer", 302)],
)
def test_refund(staff_client, records, group, expected):
    url = reverse("donation:refund", args=[records["donation"].pk])
    assert staff_client(group).post(url).status_code == expected


@pytest.mark.parametrize(
    ("group", "expected"),
    [("Redactie", 403), ("Fondsenwerving", 302), ("Financiën", 302), ("Beheer", 302)],
)
def test_resend_receipt(staff_client, records, group, expected):
    url = reverse("donation:resend_receipt", args=[records["donation"].pk])
    assert staff_client(group).post(url).status_code == expected


@pytest.mark.parametrize(
    ("group", "expected"),
    [("Redactie", 403), ("Fondsenwerving", 403), ("Financiën", 302), ("Beheer", 302)],
)
def test_stop_recurring_gift(staff_client, records, group, expected):
    url = reverse("recurringdonation:stop", args=[records["recurringdonation"].pk])
    assert staff_client(group).post(url).status_code == expected


@pytest.mark.parametrize(
    ("group", "expected"),
    [("Redactie", 403), ("Fondsenwerving", 200), ("Financiën", 200), ("Beheer", 200)],
)
def test_partnership_pipeline_page(staff_client, records, group, expected):
    url = reverse("partnershiprequest:pipeline", args=[records["partnershiprequest"].pk])
    assert staff_client(group).get(url).status_code == expected


def test_an_editor_sees_no_fundraising_menu(staff_client, records):
    response = staff_client("Redactie").get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert reverse("donation:index") not in response.content.decode()
    assert reverse("donor:index") not in response.content.decode()


def test_fundraising_staff_see_the_menu(staff_client, records):
    response = staff_client("Fondsenwerving").get(reverse("wagtailadmin_home"))
    assert "Fondsenwerving" in response.content.decode()
    assert reverse("donation:index") in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("group", "expected"),
    [("Redactie", False), ("Fondsenwerving", False), ("Financiën", True), ("Beheer", True)],
)
def test_the_groups_that_export_donor_data_also_export_partnership_requests(group, expected):
    group = Group.objects.get(name=group)
    codenames = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert (("donations", "export_donation") in codenames) == expected
    assert (("partners", "export_partnershiprequest") in codenames) == expected


def _user_with(django_user_model, *permissions):
    user = django_user_model.objects.create_user(username="staff", password="x", is_staff=True)
    for permission in ("wagtailadmin.access_admin", *permissions):
        app_label, codename = permission.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return user


@pytest.mark.parametrize(
    ("export_permission", "may_export"),
    [
        ("partners.export_partnershiprequest", {"partnershiprequest"}),
        ("donations.export_donation", {"donation", "donor", "recurringdonation", "stripeevent"}),
    ],
)
def test_each_listing_exports_with_its_own_permission(
    client, django_user_model, records, export_permission, may_export
):
    view_permissions = [
        "donations.view_donation",
        "donations.view_donor",
        "donations.view_recurringdonation",
        "donations.view_stripeevent",
        "partners.view_partnershiprequest",
    ]
    client.force_login(_user_with(django_user_model, export_permission, *view_permissions))
    for viewset in VIEWSETS:
        assert _allowed(client.get(reverse(f"{viewset}:index"), {"export": "csv"})) == (viewset in may_export), viewset


def _fundraising_menu(user, rf):
    """The labels and addresses in the "Fondsenwerving" submenu of the admin's main menu, as `user` sees them."""
    request = rf.get(reverse("wagtailadmin_home"))
    request.user = user
    (fundraising,) = [item for item in admin_menu.menu_items_for_request(request) if item.name == "fondsenwerving"]
    items = sorted(fundraising.menu.menu_items_for_request(request), key=lambda item: item.order)
    return [(str(item.label), item.url) for item in items]


def test_the_fundraising_menu_lists_each_apps_listings_in_order(staff_client, records, rf):
    assert _fundraising_menu(staff_client("Fondsenwerving").user, rf) == [
        ("Donaties", reverse("donation:index")),
        ("Donateurs", reverse("donor:index")),
        ("Periodieke giften", reverse("recurringdonation:index")),
        ("Stripe-gebeurtenissen", reverse("stripeevent:index")),
        ("Partneraanvragen", reverse("partnershiprequest:index")),
    ]
