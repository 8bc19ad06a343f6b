"""CSV files of the reconciliation for Dutch spreadsheets: `;` between fields, `12,34` amounts, Amsterdam dates."""

import csv

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.admin.exports import CSV_DELIMITER
from core.admin.exports import euro_text as euros


def local_date(moment):
    """The day in Amsterdam, written as in the other exports (2026-12-31): spreadsheets read it as a date."""
    return timezone.localtime(moment).date().isoformat() if moment else ""


def csv_response(filename, header, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # the byte order mark makes Excel read the file as UTF-8 (Financiën, ë)
    writer = csv.writer(response, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return response


def payouts_csv(summaries):
    header = [
        _("Uitbetaling"),
        _("Op de bank"),
        _("Status"),
        _("Bedrag"),
        _("Som van de transacties"),
        _("Verschil"),
        _("Opmerkingen"),
    ]
    rows = [
        [
            summary.payout.stripe_id,
            local_date(summary.payout.arrival_date),
            summary.payout.get_status_display(),
            euros(summary.payout.amount_cents),
            euros(summary.listed_cents),
            euros(summary.difference_cents),
            " ".join(summary.differences),
        ]
        for summary in summaries
    ]
    return csv_response("uitbetalingen.csv", header, rows)


def payout_csv(payout, lines):
    header = [
        _("Soort"),
        _("Datum"),
        _("Campagne"),
        _("Donateur"),
        _("Bedrag"),
        _("Stripe-kosten"),
        _("Netto"),
        _("Stripe-transactie"),
        _("Bron"),
        _("Opmerkingen"),
    ]
    rows = [
        [
            line.transaction.get_kind_display(),
            local_date(line.transaction.created),
            line.campaign,
            line.donor,
            euros(line.transaction.amount_cents),
            euros(line.transaction.fee_cents),
            euros(line.transaction.net_cents),
            line.transaction.stripe_id,
            line.transaction.source_id,
            line.difference,
        ]
        for line in lines
    ]
    return csv_response(f"uitbetaling-{payout.stripe_id}.csv", header, rows)


def month_csv(report):
    header = [_("Campagne"), _("Bruto"), _("Stripe-kosten"), _("Terugbetaald"), _("Betwist"), _("Netto")]
    rows = [
        [
            row.campaign,
            euros(row.gross_cents),
            euros(row.fee_cents),
            euros(row.refunded_cents),
            euros(row.disputed_cents),
            euros(row.net_cents),
        ]
        for row in [*report.rows, report.total]
    ]
    rows.append([_("Uitbetalingen deze maand"), "", "", "", "", euros(report.payouts_cents)])
    rows.append([_("Verschil"), "", "", "", "", euros(report.difference_cents)])
    rows += [[_("Opmerking"), text, "", "", "", ""] for text in report.differences]
    return csv_response(f"afstemming-{report.month:%Y-%m}.csv", header, rows)
