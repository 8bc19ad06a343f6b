from django.db import migrations, models
from django.db.models import F


def listed_when_stored(apps, schema_editor):
    # Until now a payout Stripe could list was listed in the webhook that stored it.
    Payout = apps.get_model("reconciliation", "Payout")
    Payout.objects.filter(automatic=True).exclude(status__in=["failed", "canceled"]).exclude(
        reconciliation_status="in_progress"
    ).update(transactions_listed_at=F("received_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("reconciliation", "0002_staff_permissions"),
    ]

    operations = [
        migrations.AddField(
            model_name="payout",
            name="transactions_listed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(listed_when_stored, migrations.RunPython.noop),
    ]
