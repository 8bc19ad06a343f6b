"""Financiën and Beheer see the payouts and the monthly reconciliation; Fondsenwerving and Redactie do not."""

from django.db import migrations

GROUPS = ("Financiën", "Beheer")


def _view_payout(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="reconciliation", model="payout")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="view_payout", defaults={"name": "Can view uitbetaling"}
    )
    return permission


def give_to_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(_view_payout(apps))


def take_from_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(_view_payout(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("reconciliation", "0001_initial"),
        ("backoffice", "0001_staff_groups"),
    ]

    operations = [migrations.RunPython(give_to_groups, take_from_groups)]
