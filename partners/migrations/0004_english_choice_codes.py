"""Stored choice codes in English, as the donations' are; the Dutch labels stay as they were. Converts the stored
requests, and the status kept in the pipeline's audit-log entries, both ways."""

from django.db import migrations, models

DUTCH_TO_ENGLISH = {
    "kind": {
        "fonds": "foundation",
        "particulier": "wealthy_individual",
        "bedrijf": "company",
        "anders": "other",
    },
    "interest": {
        "besturenprogramma": "board_programme",
        "versneller": "accelerator",
        "algemeen": "general_support",
        "leraren-ontvangen": "host_teachers",
    },
    "budget": {
        "tot-10000": "up_to_10k",
        "10000-50000": "10k_to_50k",
        "50000-250000": "50k_to_250k",
        "meer-dan-250000": "over_250k",
    },
    "status": {
        "nieuw": "new",
        "contact": "contacted",
        "gesprek": "meeting_planned",
        "partner": "partner",
        "afgewezen": "declined",
    },
}
PIPELINE_UPDATED = "leerkracht.partnership_updated"


def _convert(apps, codes):
    PartnershipRequest = apps.get_model("partners", "PartnershipRequest")
    for field, mapping in codes.items():
        for old, new in mapping.items():
            if old != new:
                # update() leaves updated_at alone: the retention period counts from the last real activity.
                PartnershipRequest.objects.filter(**{field: old}).update(**{field: new})

    content_type = (
        apps.get_model("contenttypes", "ContentType")
        .objects.filter(app_label="partners", model="partnershiprequest")
        .first()
    )
    if content_type is None:
        return
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    entries = ModelLogEntry.objects.filter(content_type=content_type, action=PIPELINE_UPDATED)
    changed = []
    for entry in entries.only("pk", "data").iterator(chunk_size=500):
        status = entry.data.get("status") if isinstance(entry.data, dict) else None
        if status in codes["status"]:
            entry.data = {**entry.data, "status": codes["status"][status]}
            changed.append(entry)
    ModelLogEntry.objects.bulk_update(changed, ["data"], batch_size=500)


def to_english(apps, schema_editor):
    _convert(apps, DUTCH_TO_ENGLISH)


def to_dutch(apps, schema_editor):
    _convert(apps, {field: {new: old for old, new in mapping.items()} for field, mapping in DUTCH_TO_ENGLISH.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0003_export_permission"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0063_modellogentry"),
    ]

    operations = [
        migrations.AlterField(
            model_name="partnershiprequest",
            name="budget",
            field=models.CharField(
                blank=True,
                choices=[
                    ("up_to_10k", "Tot € 10.000"),
                    ("10k_to_50k", "€ 10.000 – € 50.000"),
                    ("50k_to_250k", "€ 50.000 – € 250.000"),
                    ("over_250k", "Meer dan € 250.000"),
                ],
                max_length=20,
                verbose_name="indicatief budget",
            ),
        ),
        migrations.AlterField(
            model_name="partnershiprequest",
            name="interest",
            field=models.CharField(
                choices=[
                    ("board_programme", "Het besturenprogramma"),
                    ("accelerator", "De leerKRACHT-Versneller"),
                    ("general_support", "Algemene steun aan leerKRACHT"),
                    (
                        "host_teachers",
                        "Een middag 30 leraren ontvangen om te laten zien hoe uw organisatie continu verbetert",
                    ),
                ],
                max_length=30,
                verbose_name="interesse",
            ),
        ),
        migrations.AlterField(
            model_name="partnershiprequest",
            name="kind",
            field=models.CharField(
                choices=[
                    ("foundation", "Fonds of stichting"),
                    ("wealthy_individual", "Vermogend particulier"),
                    ("company", "Bedrijf"),
                    ("other", "Anders"),
                ],
                max_length=20,
                verbose_name="soort partner",
            ),
        ),
        migrations.AlterField(
            model_name="partnershiprequest",
            name="status",
            field=models.CharField(
                choices=[
                    ("new", "Nieuw"),
                    ("contacted", "Contact opgenomen"),
                    ("meeting_planned", "Gesprek gepland"),
                    ("partner", "Partner"),
                    ("declined", "Afgewezen"),
                ],
                db_index=True,
                default="new",
                max_length=20,
                verbose_name="status",
            ),
        ),
        migrations.RunPython(to_english, to_dutch),
    ]
