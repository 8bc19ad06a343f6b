"""Spreadsheets a treasurer can open: Dutch column names, euros with two decimals, times in the site's time zone
(Europe/Amsterdam), labels rather than codes, and a CSV that Dutch Excel splits into columns (`;`, decimal comma).

A view set lists its `export_columns`; `spreadsheet_options` turns them into Wagtail's list_export, headings and
per-column formatting.
"""

import csv
import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.mixins import Echo

CSV = "csv"
XLSX = "xlsx"
CSV_DELIMITER = ";"  # what Excel in a Dutch locale expects, so amounts can keep their decimal comma


@dataclass(frozen=True)
class Column:
    field: str  # an attribute, property or method of the row, dotted through relations ("donor.email")
    heading: str
    kind: str = "text"  # text, euro, datetime, date or yes_no; the reports add count, percent and month


def euro_text(cents):
    """Cents as a euro amount with two decimals and a decimal comma, no thousands separator: -1234,50."""
    if cents is None or cents == "":
        return ""
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(int(cents)), 100)
    return f"{sign}{whole},{rest:02d}"


def euro_number(cents):
    return None if cents is None or cents == "" else Decimal(int(cents)) / 100


def local_datetime(value):
    """A moment as the wall-clock time in Amsterdam, without a zone (spreadsheets have none)."""
    if not value:
        return None
    return timezone.make_naive(value, timezone.get_default_timezone()) if timezone.is_aware(value) else value


def local_datetime_text(value):
    moment = local_datetime(value)
    return moment.strftime("%Y-%m-%d %H:%M") if moment else ""


def yes_no(value):
    return str(_("ja") if value else _("nee"))


FORMATTERS = {
    "euro": {CSV: euro_text, XLSX: euro_number},
    "datetime": {CSV: local_datetime_text, XLSX: local_datetime},
    "date": {CSV: lambda value: value.isoformat() if value else "", XLSX: lambda value: value},
    "yes_no": {CSV: yes_no, XLSX: yes_no},
}


def spreadsheet_options(columns):
    """The IndexView options for `columns`: list_export, export_headings and custom_field_preprocess."""
    return {
        "list_export": [column.field for column in columns],
        "export_headings": {column.field: column.heading for column in columns},
        "custom_field_preprocess": {
            column.field: FORMATTERS[column.kind] for column in columns if column.kind in FORMATTERS
        },
    }


# Any other date or time in an export (a column without a kind) still reads in Amsterdam time.
VALUE_PREPROCESS = {
    datetime.datetime: {CSV: local_datetime_text, XLSX: local_datetime},
    bool: {CSV: yes_no, XLSX: yes_no},
}


class SemicolonCsvMixin:
    """For a Wagtail spreadsheet view: the CSV as Dutch Excel reads it, `;`-separated, with a byte-order mark (so
    Excel takes it for UTF-8)."""

    def stream_csv(self, queryset):
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export, delimiter=CSV_DELIMITER)
        yield "\ufeff".encode() + writer.writerow(
            {field: self.get_heading(queryset, field) for field in self.list_export}
        )
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))
