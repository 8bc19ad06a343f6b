"""English as the site's second language: the en locale beside Wagtail's default (nl, from LANGUAGE_CODE), and the
Redactie group may submit pages for translation (wagtail.contrib.simple_translation)."""

from django.db import migrations


def add_english(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")

    Locale.objects.get_or_create(language_code="nl")
    Locale.objects.get_or_create(language_code="en")
    content_type, _ = ContentType.objects.get_or_create(app_label="simple_translation", model="simpletranslation")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="submit_translation", defaults={"name": "Can submit translations"}
    )
    for group in Group.objects.filter(name__in=["Redactie", "Beheer"]):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0002_redactie_group"),
        ("wagtailcore", "0098_apitoken"),
        ("simple_translation", "0001_initial"),
        ("backoffice", "0001_staff_groups"),
    ]

    operations = [migrations.RunPython(add_english, migrations.RunPython.noop)]
