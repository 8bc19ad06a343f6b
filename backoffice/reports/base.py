"""A Wagtail report of figures rather than records: the filtered donations, summed into rows of a few columns.

Each report names its `columns` (`core.admin.exports.Column`: a row key, a Dutch heading, a kind) and builds its
`rows` from the filtered queryset. The listing shows the rows with euros and percentages written out, and a totals
line; the CSV and XLSX exports carry the same rows without the totals line, so their rows add up to the ledger.
"""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from wagtail.admin.ui.tables import Column as TableColumn
from wagtail.admin.views.reports import ReportView

from core.admin import exports
from core.admin.responses import forbidden
from core.money import format_euro

VIEW_PERMISSION = "donations.view_donation"  # Fondsenwerving, Financiën, Beheer; not Redactie
EXPORT_PERMISSION = "donations.export_donation"


def display(value, kind):
    if value is None or value == "":
        return ""
    if kind == "euro":
        return format_euro(value, always_cents=True)
    if kind == "percent":
        return f"{value:.1f} %".replace(".", ",")
    if kind == "month":
        return date_format(value, "F Y")  # "december 2026" on screen; "2026-12" in the files, which sort by it
    return value


class FiguresReportView(exports.SemicolonCsvMixin, ReportView):
    columns_spec = ()  # exports.Column, in order
    url_name = ""  # e.g. "gifts_by_month": the URL names are "fundraising_reports:<name>" and "…:<name>_results"
    paginate_by = None
    results_template_name = "backoffice/reports/figures_results.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_PERMISSION):
            return forbidden(request)
        if request.GET.get("export") and not request.user.has_perm(EXPORT_PERMISSION):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_index_url(self):
        return reverse(f"fundraising_reports:{self.url_name}")

    def get_index_results_url(self):
        return reverse(f"fundraising_reports:{self.url_name}_results")

    @cached_property
    def columns(self):
        return [
            TableColumn(
                column.field,
                label=column.heading,
                accessor=lambda row, column=column: display(row[column.field], column.kind),
            )
            for column in self.columns_spec
        ]

    @property
    def list_export(self):
        return [column.field for column in self.columns_spec]

    @property
    def export_headings(self):
        return {column.field: column.heading for column in self.columns_spec}

    @property
    def custom_field_preprocess(self):
        formatters = {
            **exports.FORMATTERS,
            "percent": {exports.CSV: _percent_text, exports.XLSX: _percent_number},
            "month": {exports.CSV: _month_text, exports.XLSX: _month_text},
        }
        return {column.field: formatters[column.kind] for column in self.columns_spec if column.kind in formatters}

    def get_filtered_queryset(self):
        return self.rows(self.filter_queryset(self.get_queryset()))

    def rows(self, donations):
        raise NotImplementedError

    def totals(self, rows):
        """The totals line under the listing: the sum of each euro and count column."""
        summed = {}
        for column in self.columns_spec:
            if column.kind in ("euro", "count"):
                summed[column.field] = sum(row[column.field] or 0 for row in rows)
        return summed

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        totals = self.totals(context["object_list"])
        context["totals_row"] = [
            display(totals[column.field], column.kind) if column.field in totals else "" for column in self.columns_spec
        ]
        context["headings"] = [column.heading for column in self.columns_spec]
        context["display_rows"] = [
            [display(row[column.field], column.kind) for column in self.columns_spec] for row in context["object_list"]
        ]
        return context

    @cached_property
    def show_export_buttons(self):
        return self.request.user.has_perm(EXPORT_PERMISSION)


def _month_text(value):
    return "" if value is None else f"{value:%Y-%m}"


def _percent_text(value):
    return "" if value is None else f"{value:.1f}".replace(".", ",")


def _percent_number(value):
    return None if value is None else round(value, 1)
