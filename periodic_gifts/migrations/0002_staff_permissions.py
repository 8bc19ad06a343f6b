"""Fondsenwerving sees the periodieke giften; Financiën and Beheer also countersign, register payments, end and export."""

from django.db import migrations

FUNDRAISING = ["view_periodicgiftagreement"]
FINANCE = [*FUNDRAISING, "countersign_periodicgiftagreement", "export_periodicgiftagreement"]
GROUPS = {"Fondsenwerving": FUNDRAISING, "Financiën": FINANCE, "Beheer": FINANCE}


def _permission(apps, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="periodic_gifts", model="periodicgiftagreement")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ")}
    )
    return permission


def give_to_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codenames in GROUPS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*(_permission(apps, codename) for codename in codenames))


def take_from_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codenames in GROUPS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(*(_permission(apps, codename) for codename in codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("periodic_gifts", "0001_initial"),
        ("backoffice", "0001_staff_groups"),
    ]

    operations = [migrations.RunPython(give_to_groups, take_from_groups)]
