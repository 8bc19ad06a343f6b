"""What the AVG erasures share (of donors, of partnership requests): retention counted in calendar years, and audit-log
entries that keep the action, who took it and when, but no longer the person's name or e-mail."""

import re
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import ModelLogEntry

REDACTED = "verwijderd"


def start_of_retention(years, now=None):
    """The first moment still kept when records are kept `years` calendar years after the year they date from.

    Something from year Y is kept through 31 December of Y + `years` (Dutch time) and may go from 1 January after.
    """
    this_year = timezone.localtime(now or timezone.now(), timezone.get_default_timezone()).year
    return datetime(this_year - years, 1, 1, tzinfo=timezone.get_default_timezone())


def personal_value_pattern(values):
    """A regex finding any of `values` (a name, an e-mail address) as a whole, in any case; None for no values."""
    values = sorted({value.strip() for value in values if value and value.strip()}, key=len, reverse=True)
    if not values:
        return None
    # Whole values only: "anna@example.org" is not part of "joanna@example.org", nor "Jan" of "januari".
    alternatives = "|".join(re.escape(value) for value in values)
    return re.compile(rf"(?<![\w.%+@-])(?:{alternatives})(?![\w@-]|\.\w)", re.IGNORECASE)


def redact_text(value, pattern):
    """`value` with every match of `pattern` replaced, in strings inside lists and dicts too."""
    if pattern is None:
        return value
    if isinstance(value, str):
        return pattern.sub(REDACTED, value)
    if isinstance(value, list):
        return [redact_text(item, pattern) for item in value]
    if isinstance(value, dict):
        return {key: redact_text(item, pattern) for key, item in value.items()}
    return value


def redact_log_entries(records, personal_values, *, label=None):
    """Remove `personal_values` from the audit-log entries of `records` (a queryset), or give them `label` instead.

    The label is the record as text when the entry was written (the donor's name, say); the data may repeat it.
    """
    content_type = ContentType.objects.get_for_model(records.model, for_concrete_model=False)
    object_ids = records.annotate(log_object_id=Cast("pk", CharField())).values("log_object_id")
    entries = ModelLogEntry.objects.filter(content_type=content_type, object_id__in=object_ids)
    pattern = personal_value_pattern(personal_values)
    changed = []
    for entry in entries.only("pk", "label", "data").iterator(chunk_size=500):
        new_label = label if label is not None else redact_text(entry.label, pattern)
        new_data = redact_text(entry.data, pattern)
        if (new_label, new_data) != (entry.label, entry.data):
            entry.label, entry.data = new_label, new_data
            changed.append(entry)
    # bulk_update writes the columns only: a log entry's save() would validate the whole entry again.
    ModelLogEntry.objects.bulk_update(changed, ["label", "data"], batch_size=500)
    return len(changed)
