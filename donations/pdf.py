"""PDF copies of receipts and yearly overviews (reportlab: no browser, no external fonts)."""

import io

from django.utils import translation
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from core.money import format_euro

LEFT = 20 * mm
TOP = A4[1] - 25 * mm
LINE = 6 * mm


def _header(pdf, title, anbi):
    pdf.setTitle(title)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(LEFT, TOP, anbi.statutory_name)
    pdf.setFont("Helvetica", 10)
    pdf.drawString(
        LEFT,
        TOP - LINE,
        f"ANBI-instelling · RSIN {anbi.rsin}" + (f" · KvK {anbi.kvk_number}" if anbi.kvk_number else ""),
    )
    pdf.setFont("Helvetica-Bold", 13)
    pdf.drawString(LEFT, TOP - 3 * LINE, title)
    return TOP - 5 * LINE


def _rows(pdf, y, rows):
    for label, value in rows:
        pdf.setFont("Helvetica-Bold", 10)
        pdf.drawString(LEFT, y, label)
        pdf.setFont("Helvetica", 10)
        pdf.drawString(LEFT + 50 * mm, y, value)
        y -= LINE
    return y


def _footer(pdf, y, lines):
    pdf.setFont("Helvetica", 9)
    for line in lines:
        y -= LINE
        pdf.drawString(LEFT, y, line)


def _document(buffer, title, subject):
    # Invariant: the same receipt gives the same bytes (a resend after a crash is the same document).
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    pdf.setTitle(title)
    pdf.setAuthor("Stichting leerKRACHT")
    pdf.setSubject(subject)
    return pdf


@translation.override("nl")  # a Dutch tax document, whatever page the gift came from
def receipt_pdf(donation, anbi) -> bytes:
    buffer = io.BytesIO()
    pdf = _document(buffer, f"Ontvangstbewijs {donation.receipt_number}", "Ontvangstbewijs van een gift")
    y = _header(pdf, f"Ontvangstbewijs {donation.receipt_number}", anbi)
    donor = donation.donor
    y = _rows(
        pdf,
        y,
        [
            ("Ontvangstbewijs", donation.receipt_number),
            ("Datum", donation.paid_at.astimezone().strftime("%d-%m-%Y")),
            ("Donateur", donor.name or donor.email),
            ("E-mail", donor.email),
            ("Campagne", donation.campaign.title),
            ("Soort gift", str(donation.kind_label)),
            ("Bedrag", format_euro(donation.total_cents, always_cents=True)),
        ],
    )
    _footer(
        pdf,
        y,
        [
            f"{anbi.statutory_name} is door de Belastingdienst aangemerkt als ANBI (RSIN {anbi.rsin}).",
            "Uw gift is aftrekbaar voor de inkomstenbelasting volgens de regels van de Belastingdienst.",
            "Bewaar dit ontvangstbewijs bij uw administratie.",
        ],
    )
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _room_for(pdf, y, needed=40 * mm):
    if y < needed:
        pdf.showPage()
        return TOP
    return y


@translation.override("nl")
def annual_overview_pdf(donor, year, sections, total_cents, anbi) -> bytes:
    """`sections` from `receipts.overview_sections`: each periodieke gift agreement apart (fully deductible), then
    the rest."""
    buffer = io.BytesIO()
    pdf = _document(buffer, f"Jaaroverzicht giften {year}", "Overzicht van giften voor de belastingaangifte")
    y = _header(pdf, f"Jaaroverzicht giften {year}", anbi)
    y = _rows(pdf, y, [("Donateur", donor.name or donor.email), ("E-mail", donor.email)])
    for section in sections:
        y = _room_for(pdf, y - LINE)
        pdf.setFont("Helvetica-Bold", 11)
        pdf.drawString(LEFT, y, section.title)
        y -= LINE
        for donation in section.donations:
            y = _room_for(pdf, y)
            y = _rows(
                pdf,
                y,
                [
                    (
                        donation.paid_at.astimezone().strftime("%d-%m-%Y"),
                        f"{format_euro(donation.total_cents, always_cents=True)}  {donation.campaign.title}"
                        f"  ({donation.receipt_number or '-'})",
                    )
                ],
            )
        y = _rows(pdf, y, [("Subtotaal", format_euro(section.total_cents, always_cents=True))])
    y = _rows(pdf, _room_for(pdf, y - LINE), [("Totaal", format_euro(total_cents, always_cents=True))])
    lines = [f"{anbi.statutory_name} is een ANBI (RSIN {anbi.rsin}). Gebruik dit overzicht voor uw belastingaangifte."]
    if any(section.is_periodic for section in sections):
        lines.append("Periodieke giften geeft u op als giften op basis van een periodieke overeenkomst, met het")
        lines.append(
            "transactienummer; ze zijn volledig aftrekbaar. De andere giften zijn aftrekbaar boven de drempel."
        )
    _footer(pdf, y, lines)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
