"""The partners' data migrations, forwards and backwards, on the rows they convert."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission

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
