"""Who may see and do what in the fundraising admin, per staff group."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse
from wagtail.admin.menu import admin_menu
from wagtail.models import ModelLogEntry

from donations import stripe_gateway

from .conftest import GROUPS

VIEWSETS = ["donation", "donor", "recurringdonation", "stripeevent", "partnershiprequest"]

# The groups allowed each view or action; everyone else gets 403.
FUNDRAISING_STAFF = {"Fondsenwerving", "Financiën", "Beheer"}
FINANCE_STAFF = {"Financiën", "Beheer"}


@pytest.fixture(autouse=True)
def stripe_calls(monkeypatch):
    """What the admin asked Stripe to do: refunds and stops are requested there, never set by hand."""
    calls = []
    monkeypatch.setattr(
        stripe_gateway,
        "create_refund",
        lambda payment_intent_id, idempotency_key, amount_cents=None: (
            calls.append(("refund", payment_intent_id, amount_cents)) or {"id": "re_1"}
        ),
    )
    monkeypatch.setattr(
        stripe_gateway,
        "cancel_subscription",
        lambda subscription_id, comment=None: (
            calls.append(("cancel", subscription_id)) or {"id": subscription_id, "status": "canceled"}
        ),
    )
    return calls


def _shows(response, record):
    """The page is the record's own (or lists it): Wagtail's denial is a redirect or a 403 without it."""
    return response.status_code == 200 and reverse_inspect(record) in response.content.decode()


def reverse_inspect(record):
    return reverse(f"{record._meta.model_name}:inspect", args=[record.pk])


def _denied(response):
    return response.status_code == 403


@pytest.mark.parametrize("group", GROUPS)
@pytest.mark.parametrize("viewset", VIEWSETS)
def test_listing_and_detail_pages(staff_client, records, group, viewset):
    client = staff_client(group)
    record = records[viewset]
    listing = client.get(reverse(f"{viewset}:index"))
    detail = client.get(reverse(f"{viewset}:inspect", args=[record.pk]))
    if group in FUNDRAISING_STAFF:
        assert _shows(listing, record)
        assert detail.status_code == 200 and str(record) in detail.content.decode()
    else:
        assert _denied(listing) and _denied(detail)


@pytest.mark.parametrize("group", GROUPS)
@pytest.mark.parametrize("viewset", VIEWSETS)
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_exports_are_for_finance_staff(staff_client, records, group, viewset, file_format):
    response = staff_client(group).get(reverse(f"{viewset}:index"), {"export": file_format})
    if group in FINANCE_STAFF:
        assert response.status_code == 200
        assert response["Content-Disposition"].endswith(f'.{file_format}"')
    else:
        assert _denied(response)
        assert not response.has_header("Content-Disposition")


@pytest.mark.parametrize("group", GROUPS)
@pytest.mark.parametrize("viewset", VIEWSETS)
def test_nobody_adds_edits_or_deletes_records_by_hand(staff_client, records, group, viewset):
    client = staff_client(group)
    record = records[viewset]
    model = type(record)
    before = list(model.objects.order_by("pk").values())
    for url in (
        reverse(f"{viewset}:add"),
        reverse(f"{viewset}:edit", args=[record.pk]),
        reverse(f"{viewset}:delete", args=[record.pk]),
    ):
        assert client.get(url).status_code in (302, 403)  # no form is ever shown
        client.post(url, {"status": "refunded", "email": "x@example.org", "amount_cents": "1"})
    assert list(model.objects.order_by("pk").values()) == before


@pytest.mark.parametrize(("group", "allowed"), [(group, group in FINANCE_STAFF) for group in GROUPS])
def test_refund(staff_client, records, group, allowed, stripe_calls):
    response = staff_client(group).post(reverse("donation:refund", args=[records["donation"].pk]), {"amount": "25"})
    assert response.status_code == (302 if allowed else 403)
    assert stripe_calls == ([("refund", records["donation"].stripe_payment_intent_id, 2500)] if allowed else [])
    assert ModelLogEntry.objects.filter(action="leerkracht.refund_requested").exists() == allowed


@pytest.mark.parametrize(("group", "allowed"), [(group, group in FUNDRAISING_STAFF) for group in GROUPS])
def test_resend_receipt(staff_client, records, group, allowed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client(group).post(reverse("donation:resend_receipt", args=[records["donation"].pk]))
    assert response.status_code == (302 if allowed else 403)
    assert [message.to for message in mail.outbox] == ([["anna@example.org"]] if allowed else [])


@pytest.mark.parametrize(("group", "allowed"), [(group, group in FINANCE_STAFF) for group in GROUPS])
def test_stop_recurring_gift(staff_client, records, group, allowed, stripe_calls):
    response = staff_client(group).post(reverse("recurringdonation:stop", args=[records["recurringdonation"].pk]))
    assert response.status_code == (302 if allowed else 403)
    assert stripe_calls == ([("cancel", "sub_1")] if allowed else [])


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
        response = client.get(reverse(f"{viewset}:index"), {"export": "csv"})
        exported = response.status_code == 200 and response.has_header("Content-Disposition")
        assert exported == (viewset in may_export), viewset
        assert _denied(response) == (viewset not in may_export), viewset


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
        ("Nieuwsbrieflijst (CSV)", reverse("newsletter_export")),
        ("Terugkerende giften", reverse("recurringdonation:index")),
        ("Periodieke giften", reverse("periodicgiftagreement:index")),
        ("Stripe-gebeurtenissen", reverse("stripeevent:index")),
        ("Partneraanvragen", reverse("partnershiprequest:index")),
    ]
