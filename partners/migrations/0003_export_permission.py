"""Partnership requests get an export permission of their own, instead of sharing the donor-data one; the groups that
may export donor data today (Financiën, Beheer) get it, so nobody can do less than before."""

from django.db import migrations

NAME = "Kan partneraanvragen exporteren"


def _export_permission(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="partners", model="partnershiprequest")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="export_partnershiprequest", defaults={"name": NAME}
    )
    return permission


def give_to_donor_data_exporters(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permission = _export_permission(apps)
    exporters = Group.objects.filter(
        permissions__content_type__app_label="donations",
        permissions__content_type__model="donation",
        permissions__codename="export_donation",
    ).distinct()
    for group in exporters:
        group.permissions.add(permission)


def take_from_groups(apps, schema_editor):
    _export_permission(apps).group_set.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0002_email_queued_marks"),
        # The staff groups and their donor-data export permission.
        ("backoffice", "0001_staff_groups"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="partnershiprequest",
            options={
                "ordering": ["-created_at"],
                "permissions": [("export_partnershiprequest", NAME)],
                "verbose_name": "partneraanvraag",
                "verbose_name_plural": "partneraanvragen",
            },
        ),
        migrations.RunPython(give_to_donor_data_exporters, take_from_groups),
    ]
