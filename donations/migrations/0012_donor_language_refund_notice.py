"""The donor's language, the newsletter opt-out, the refund notice's mark and the newsletter-list export.

Fondsenwerving, Financiën and Beheer may export the newsletter list (e-mail, name, language: what the mailing tool
needs), also Fondsenwerving, who may not export donor data in bulk otherwise. Refunds made before the notice existed
count as told: a later partial refund of such a gift mails only what comes on top.
"""

from django.db import migrations, models
from django.db.models import F

NEWSLETTER_EXPORT = "Kan de nieuwsbrieflijst exporteren"
NEWSLETTER_EXPORTERS = ["Fondsenwerving", "Financiën", "Beheer"]


def _newsletter_permission(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="donations", model="donor")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="export_newsletter", defaults={"name": NEWSLETTER_EXPORT}
    )
    return permission


def give_newsletter_export(apps, schema_editor):
    permission = _newsletter_permission(apps)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=NEWSLETTER_EXPORTERS):
        group.permissions.add(permission)


def take_newsletter_export(apps, schema_editor):
    _newsletter_permission(apps).group_set.clear()


def past_refunds_count_as_told(apps, schema_editor):
    Donation = apps.get_model("donations", "Donation")
    Donation.objects.filter(refunded_cents__gt=0).update(refund_notice_sent_cents=F("refunded_cents"))


class Migration(migrations.Migration):
    dependencies = [
        ("donations", "0011_gift_name_and_monthly_offer"),
        # The staff groups that get the newsletter export.
        ("backoffice", "0001_staff_groups"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="donor",
            options={
                "permissions": [("export_newsletter", NEWSLETTER_EXPORT)],
                "verbose_name": "donateur",
                "verbose_name_plural": "donateurs",
            },
        ),
        migrations.AddField(
            model_name="donation",
            name="refund_notice_sent_cents",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="donor",
            name="language",
            field=models.CharField(
                choices=[("nl", "Nederlands"), ("en", "Engels")], default="nl", max_length=2, verbose_name="taal"
            ),
        ),
        migrations.AddField(
            model_name="donor",
            name="newsletter_opt_out_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="nieuwsbrief afgemeld op"),
        ),
        migrations.AddField(
            model_name="receiptsettings",
            name="thank_you_text_en",
            field=models.TextField(
                blank=True,
                help_text="Leeg: de vaste Engelse vertaling van de standaardtekst.",
                verbose_name="Bedanktekst in de Engelse bevestiging",
            ),
        ),
        migrations.RunPython(give_newsletter_export, take_newsletter_export),
        migrations.RunPython(past_refunds_count_as_told, migrations.RunPython.noop),
    ]
