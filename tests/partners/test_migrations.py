"""The partners' data migrations, forwards and backwards, on the rows they convert."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from partners.models import IndicativeBudget, PartnerInterest, PartnerKind, PartnershipRequest, RequestStatus

pytestmark = pytest.mark.django_db


def _migration(name):
    return importlib.import_module(f"partners.migrations.{name}")


def _export_permission():
    return Permission.objects.get(content_type__app_label="partners", codename="export_partnershiprequest")


def test_the_partner_export_permission_goes_to_the_groups_that_export_donor_data_and_back():
    migration = _migration("0003_export_permission")
    exporters = Group.objects.create(name="Boekhouding")
    exporters.permissions.add(Permission.objects.get(content_type__app_label="donations", codename="export_donation"))
    readers = Group.objects.create(name="Meelezers")
    readers.permissions.add(Permission.objects.get(content_type__app_label="donations", codename="view_donation"))

    migration.give_to_donor_data_exporters(apps, None)
    assert _export_permission() in exporters.permissions.all()
    assert _export_permission() not in readers.permissions.all()

    migration.take_from_groups(apps, None)
    assert not _export_permission().group_set.exists()
    migration.give_to_donor_data_exporters(apps, None)  # and forwards again
    assert set(_export_permission().group_set.values_list("name", flat=True)) == {"Boekhouding", "Financiën", "Beheer"}


def test_stored_dutch_codes_become_english_and_back(django_user_model):
    migration = _migration("0004_english_choice_codes")
    partnership = PartnershipRequest.objects.create(
        kind=PartnerKind.FOUNDATION, contact_name="Bert", email="bert@fonds.example", interest="x", message="Hallo"
    )
    dutch = {"kind": "particulier", "interest": "leraren-ontvangen", "budget": "tot-10000", "status": "gesprek"}
    PartnershipRequest.objects.filter(pk=partnership.pk).update(**dutch)
    staff = django_user_model.objects.create_user("marieke")
    log(partnership, "leerkracht.partnership_updated", user=staff, data={"status": "gesprek", "owner": staff.pk})
    log(partnership, "leerkracht.conversation_logged", user=staff)
    updated_at = PartnershipRequest.objects.get().updated_at

    migration.to_english(apps, None)
    english = PartnershipRequest.objects.values("kind", "interest", "budget", "status", "updated_at").get()
    assert english == {
        "kind": PartnerKind.WEALTHY_INDIVIDUAL,
        "interest": PartnerInterest.HOST_TEACHERS,
        "budget": IndicativeBudget.UP_TO_10K,
        "status": RequestStatus.MEETING_PLANNED,
        "updated_at": updated_at,  # the retention period counts from real activity only
    }
    entry = ModelLogEntry.objects.get(action="leerkracht.partnership_updated")
    assert entry.data == {"status": "meeting_planned", "owner": staff.pk}

    migration.to_dutch(apps, None)
    assert PartnershipRequest.objects.values(*dutch).get() == dutch
    assert ModelLogEntry.objects.get(action="leerkracht.partnership_updated").data["status"] == "gesprek"


def test_every_code_is_converted():
    codes = _migration("0004_english_choice_codes").DUTCH_TO_ENGLISH
    for field, choices in [
        ("kind", PartnerKind),
        ("interest", PartnerInterest),
        ("budget", IndicativeBudget),
        ("status", RequestStatus),
    ]:
        assert sorted(codes[field].values()) == sorted(choices.values), field
