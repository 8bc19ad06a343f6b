"""The footer text becomes translatable (Wagtail's TranslatableMixin): existing texts are Dutch, each its own key."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def existing_texts_are_dutch(apps, schema_editor):
    FooterText = apps.get_model("pages", "FooterText")
    Locale = apps.get_model("wagtailcore", "Locale")
    default, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    for text in FooterText.objects.filter(locale__isnull=True):
        text.locale = default
        text.translation_key = uuid.uuid4()
        text.save(update_fields=["locale", "translation_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0003_english_locale"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="footertext",
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="footertext",
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(existing_texts_are_dutch, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="footertext",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="footertext",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(name="footertext", unique_together={("translation_key", "locale")}),
    ]
