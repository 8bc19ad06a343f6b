"""The agreement for a periodieke gift in geld, filled in, as a PDF in the layout of the Belastingdienst's model form.

Two copies in one file (for the schenker, then for the ontvanger), each two pages. The site fills in what it knows;
the BSN, the donor's place, date and signature stay empty for the donor to write by hand. reportlab draws it all
with the standard Helvetica fonts (no external fonts) and `invariant=1`: the same agreement gives the same bytes.
"""

import datetime
import io
from dataclasses import dataclass

from django.utils import translation
from num2words import num2words
from pypdf import PdfReader, PdfWriter
from reportlab.lib.colors import HexColor, black, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from core.money import format_euro


@dataclass(frozen=True)
class Person:
    last_name: str
    first_names: str
    birth_date: datetime.date
    birth_place: str
    country: str = "Nederland"


@dataclass(frozen=True)
class Countersignature:
    signed_on: datetime.date
    name: str
    role: str


@dataclass(frozen=True)
class AgreementDocument:
    transaction_number: str  # e.g. "PG-2026-0007"
    donor: Person
    street_and_number: str
    postcode: str
    city: str
    email: str
    yearly_amount_cents: int
    duration_years: int | None  # None = onbepaalde tijd; else >= 5
    start_year: int
    other_person_name: str = ""  # the gift also ends at this person's death
    ends_on_loss_of_income: bool = False
    partner: Person | None = None
    payment_label: str = ""  # "Automatische incasso (SEPA), per maand"
    instalment_cents: int = 0
    instalment_period: str = "jaar"  # "maand" or "jaar"
    campaign_name: str = ""  # "" = general
    foundation_name: str = ""
    rsin: str = ""
    foundation_address: str = ""
    signatory_name: str = ""
    signatory_role: str = ""
    signatory_place: str = ""
    countersignature: Countersignature | None = None


COPIES = ("Exemplaar voor de schenker", "Exemplaar voor de ontvanger")
GENERAL_CAMPAIGN = "Algemeen: waar het het hardst nodig is"
BSN_NOTE = "vult u zelf met de hand in"

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT = 18 * mm
RIGHT = PAGE_WIDTH - 18 * mm
TOP = PAGE_HEIGHT - 12 * mm
BOTTOM = 17 * mm  # below it: the footer
LABEL_X = LEFT + 10 * mm  # labels and section titles start here; codes like "4a" sit before it
BOX_X = LEFT + 74 * mm  # the column of field boxes
BOX_WIDTH = RIGHT - BOX_X
BOX_HEIGHT = 6 * mm
ROW_GAP = 2 * mm
SECTION_GAP = 3.5 * mm
BAND_HEIGHT = 6.5 * mm
CHECKBOX = 3.6 * mm
SIGNATURE_HEIGHT = 19 * mm

NAVY = HexColor("#154273")
BAND = HexColor("#DCE6F0")
FIELD = HexColor("#F4F7FA")
BORDER = HexColor("#5B7592")
GREY = HexColor("#555555")
RULE = HexColor("#9FB3C8")

FONT = "Helvetica"
BOLD = "Helvetica-Bold"
ITALIC = "Helvetica-Oblique"
LABEL_SIZE = 8.5
VALUE_SIZE = 10
SMALLEST = 8


def amount_in_words(cents: int) -> str:
    """25000 → "tweehonderdvijftig euro"; 25050 → "tweehonderdvijftig euro en vijftig cent"."""
    if cents < 0:
        raise ValueError("an amount in words is never negative")
    euros, rest = divmod(int(cents), 100)
    parts = []
    if euros or not rest:
        parts.append(f"{num2words(euros, lang='nl')} euro")
    if rest:
        parts.append(f"{num2words(rest, lang='nl')} cent")
    return " en ".join(parts)


def _date(value: datetime.date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines of at most `width` points: broken at spaces, and inside a word only when the word alone is too long."""
    lines = []
    for paragraph in str(text).splitlines() or [""]:
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if stringWidth(candidate, font, size) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while stringWidth(word, font, size) > width:  # an e-mail address or a name without spaces
                cut = len(word) - 1
                while cut > 1 and stringWidth(word[:cut], font, size) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def _fit(text: str, width: float, size: float = VALUE_SIZE, font: str = FONT) -> tuple[float, list[str]]:
    """The font size and lines for a value in a box: one line, smaller when needed, wrapped when even that is too
    long."""
    while size > SMALLEST and stringWidth(text, font, size) > width:
        size -= 0.5
    if stringWidth(text, font, size) <= width:
        return size, [text]
    return size, _wrap(text, font, size, width)


class _Form:
    """Draws the model form top to bottom on a canvas, keeping the height used so far in `y`."""

    def __init__(self, pdf, document, page_totals):
        self.pdf = pdf
        self.document = document
        self.page_totals = page_totals  # pages per copy, from a first rendering; None while counting
        self.pages = {}
        self.copy = ""
        self.page = 0
        self.y = TOP

    # Pages

    def start_copy(self, copy):
        self.copy = copy
        self.page = 0
        self._new_page()
        self._title_block()

    def next_page(self):
        self._finish_page()
        self._new_page()
        self._running_header()

    def end_copy(self):
        self._finish_page()
        self.pages[self.copy] = self.page

    def _new_page(self):
        self.page += 1
        self.y = TOP

    def _finish_page(self):
        self._footer()
        self.pdf.showPage()

    def _room(self, height):
        if self.y - height < BOTTOM:  # only a very long value gets here; the form goes on on a further page
            self.next_page()

    def _footer(self):
        pdf = self.pdf
        total = self.page_totals[self.copy] if self.page_totals else self.page
        pdf.setStrokeColor(RULE)
        pdf.setLineWidth(0.5)
        pdf.line(LEFT, 12 * mm, RIGHT, 12 * mm)
        pdf.setFillColor(GREY)
        pdf.setFont(FONT, 7.5)
        pdf.drawString(LEFT, 8 * mm, f"Transactienummer {self.document.transaction_number}")
        pdf.drawCentredString(PAGE_WIDTH / 2, 8 * mm, f"pagina {self.page} van {total}")
        pdf.drawRightString(RIGHT, 8 * mm, self.copy)

    def _title_block(self):
        pdf, document = self.pdf, self.document
        pdf.setFillColor(NAVY)
        pdf.setFont(BOLD, 12)
        pdf.drawString(LEFT, self.y - 4 * mm, document.foundation_name)
        pdf.setFillColor(GREY)
        pdf.setFont(FONT, 8)
        pdf.drawRightString(RIGHT, self.y - 4 * mm, "Volgens het model van de Belastingdienst")
        self.y -= 8 * mm
        pdf.setStrokeColor(NAVY)
        pdf.setLineWidth(1.2)
        pdf.line(LEFT, self.y, RIGHT, self.y)

        pdf.setFillColor(NAVY)
        pdf.setFont(BOLD, 20)
        pdf.drawString(LEFT, self.y - 9 * mm, "Overeenkomst")
        pdf.setFont(FONT, 14)
        pdf.drawString(LEFT, self.y - 15.5 * mm, "Periodieke gift in geld")
        tag_width = stringWidth(self.copy, BOLD, 9.5) + 8 * mm
        pdf.setFillColor(NAVY)
        pdf.rect(RIGHT - tag_width, self.y - 15.5 * mm - 2.5 * mm, tag_width, 8 * mm, stroke=0, fill=1)
        pdf.setFillColor(white)
        pdf.setFont(BOLD, 9.5)
        pdf.drawCentredString(RIGHT - tag_width / 2, self.y - 15.5 * mm, self.copy)
        self.y -= 20 * mm

        intro = (
            "Met deze overeenkomst legt u vast dat u een periodieke gift in geld doet aan een algemeen nut beogende "
            "instelling (ANBI). Een periodieke gift is zonder drempel en maximum aftrekbaar als u die voor minstens "
            "vijf jaar in een overeenkomst vastlegt. Controleer uw gegevens, vul uw burgerservicenummer in en "
            "onderteken bij 5 (en uw partner bij 6). Beide partijen bewaren een exemplaar."
        )
        pdf.setFillColor(GREY)
        pdf.setFont(FONT, 8)
        for line in _wrap(intro, FONT, 8, RIGHT - LEFT):
            pdf.drawString(LEFT, self.y - 3 * mm, line)
            self.y -= 3.8 * mm
        self.y -= 2.5 * mm

    def _running_header(self):
        pdf = self.pdf
        pdf.setFillColor(NAVY)
        pdf.setFont(BOLD, 9)
        pdf.drawString(LEFT, self.y - 3 * mm, self.document.foundation_name)
        pdf.setFont(FONT, 9)
        pdf.drawRightString(RIGHT, self.y - 3 * mm, f"Overeenkomst periodieke gift in geld · {self.copy}")
        pdf.setStrokeColor(NAVY)
        pdf.setLineWidth(0.8)
        pdf.line(LEFT, self.y - 5 * mm, RIGHT, self.y - 5 * mm)
        self.y -= 9 * mm

    # Parts of the form

    def section(self, number, title):
        self._room(BAND_HEIGHT + BOX_HEIGHT + ROW_GAP + 3 * mm)
        pdf = self.pdf
        top = self.y
        pdf.setFillColor(BAND)
        pdf.rect(LEFT, top - BAND_HEIGHT, RIGHT - LEFT, BAND_HEIGHT, stroke=0, fill=1)
        pdf.setFillColor(NAVY)
        pdf.rect(LEFT, top - BAND_HEIGHT, BAND_HEIGHT, BAND_HEIGHT, stroke=0, fill=1)
        pdf.setFillColor(white)
        pdf.setFont(BOLD, 11)
        pdf.drawCentredString(LEFT + BAND_HEIGHT / 2, top - BAND_HEIGHT + 1.9 * mm, str(number))
        pdf.setFillColor(NAVY)
        pdf.setFont(BOLD, 10.5)
        pdf.drawString(LABEL_X, top - BAND_HEIGHT + 1.9 * mm, title)
        self.y = top - BAND_HEIGHT - 3 * mm

    def gap(self):
        self.y -= SECTION_GAP

    def text(self, text):
        pdf, size = self.pdf, LABEL_SIZE
        lines = _wrap(text, FONT, size, RIGHT - LABEL_X)
        self._room(len(lines) * size * 1.3)
        pdf.setFillColor(black)
        pdf.setFont(FONT, size)
        for line in lines:
            pdf.drawString(LABEL_X, self.y - size, line)
            self.y -= size * 1.3
        self.y -= 1.2 * mm

    def _label(self, top, label, code="", note="", x=LABEL_X):
        """Draws a label (and its code and note) from `top` down, left of the boxes; returns the height it takes."""
        pdf = self.pdf
        width = BOX_X - x - 3 * mm
        baseline = top - BOX_HEIGHT / 2 - LABEL_SIZE * 0.35
        if code:
            pdf.setFillColor(NAVY)
            pdf.setFont(BOLD, LABEL_SIZE)
            pdf.drawString(LEFT + 1 * mm, baseline, code)
        pdf.setFillColor(black)
        pdf.setFont(FONT, LABEL_SIZE)
        lines = _wrap(label, FONT, LABEL_SIZE, width)
        for index, line in enumerate(lines):
            pdf.drawString(x, baseline - index * LABEL_SIZE * 1.2, line)
        height = BOX_HEIGHT / 2 + LABEL_SIZE * 0.35 + (len(lines) - 1) * LABEL_SIZE * 1.2 + 1.5 * mm
        if note:
            pdf.setFillColor(GREY)
            pdf.setFont(ITALIC, 7)
            note_baseline = baseline - (len(lines) - 1) * LABEL_SIZE * 1.2 - 8.5
            pdf.drawString(x, note_baseline, f"({note})")
            height = top - note_baseline + 1.5 * mm
        return height

    def box(self, x, top, width, value="", height=BOX_HEIGHT, size=VALUE_SIZE, align_top=False):
        """A bordered field box with its value fitted inside; returns the height it took (more for wrapped text)."""
        pdf = self.pdf
        inner = width - 3 * mm
        size, lines = _fit(value, inner, size) if value else (size, [])
        leading = size * 1.2
        height = max(height, len(lines) * leading + 2 * mm)
        pdf.setFillColor(FIELD)
        pdf.setStrokeColor(BORDER)
        pdf.setLineWidth(0.6)
        pdf.rect(x, top - height, width, height, stroke=1, fill=1)
        pdf.setFillColor(black)
        pdf.setFont(FONT, size)
        if len(lines) == 1 and not align_top:
            pdf.drawString(x + 1.5 * mm, top - height / 2 - size * 0.35, lines[0])
        else:
            for index, line in enumerate(lines):
                pdf.drawString(x + 1.5 * mm, top - 1 * mm - size * 0.85 - index * leading, line)
        return height

    def _measure(self, label, value, width, note="", x=LABEL_X):
        label_lines = len(_wrap(label, FONT, LABEL_SIZE, BOX_X - x - 3 * mm))
        label_height = BOX_HEIGHT / 2 + LABEL_SIZE * 0.35 + (label_lines - 1) * LABEL_SIZE * 1.2 + 1.5 * mm
        if note:
            label_height += 10
        lines = len(_fit(value, width - 3 * mm)[1]) if value else 1
        return max(label_height, BOX_HEIGHT, lines * SMALLEST * 1.2 + 2 * mm)

    def field(self, label, value="", *, code="", note="", width=BOX_WIDTH, x=LABEL_X, suffix=""):
        self._room(self._measure(label, value, width, note, x))
        top = self.y
        label_height = self._label(top, label, code, note, x)
        box_height = self.box(BOX_X, top, width, value)
        if suffix:
            self.pdf.setFont(FONT, LABEL_SIZE)
            self.pdf.drawString(BOX_X + width + 2 * mm, top - BOX_HEIGHT / 2 - LABEL_SIZE * 0.35, suffix)
        self.y = top - max(label_height, box_height) - ROW_GAP

    def place_and_date(self, place="", date=""):
        """Plaats and Datum on one row, as on the model."""
        self._room(BOX_HEIGHT)
        top = self.y
        place_width = 50 * mm
        date_width = 34 * mm
        self._label(top, "Plaats")
        self.box(BOX_X, top, place_width, place)
        date_label_x = BOX_X + place_width + 3 * mm
        self.pdf.setFont(FONT, LABEL_SIZE)
        self.pdf.drawString(date_label_x, top - BOX_HEIGHT / 2 - LABEL_SIZE * 0.35, "Datum")
        self.box(RIGHT - date_width, top, date_width, date)
        self.y = top - BOX_HEIGHT - ROW_GAP

    def signature(self, label, text=""):
        self._room(SIGNATURE_HEIGHT)
        top = self.y
        self._label(top, label)
        height = self.box(BOX_X, top, BOX_WIDTH, text, height=SIGNATURE_HEIGHT, size=8.5, align_top=True)
        self.y = top - height - ROW_GAP

    def _checkbox(self, x, top, checked):
        pdf = self.pdf
        bottom = top - CHECKBOX
        # Invisible text under the square, so that the text of the PDF (copied, read aloud, tested) says what is
        # ticked: "[X]" or "[ ]".
        marker = pdf.beginText(x, top - CHECKBOX / 2 - LABEL_SIZE * 0.35)
        marker.setTextRenderMode(3)
        marker.setFont(FONT, LABEL_SIZE)
        marker.textOut("[X]" if checked else "[ ]")
        marker.setTextRenderMode(0)  # the render mode outlasts the text object: visible again for what follows
        pdf.drawText(marker)
        pdf.setFillColor(white)
        pdf.setStrokeColor(BORDER)
        pdf.setLineWidth(0.7)
        pdf.rect(x, bottom, CHECKBOX, CHECKBOX, stroke=1, fill=1)
        if checked:
            pdf.setStrokeColor(NAVY)
            pdf.setLineWidth(1.3)
            inset = 0.7 * mm
            pdf.line(x + inset, bottom + inset, x + CHECKBOX - inset, top - inset)
            pdf.line(x + inset, top - inset, x + CHECKBOX - inset, bottom + inset)

    def checkbox(self, label, checked, *, x=LABEL_X):
        text_x = x + CHECKBOX + 2.5 * mm
        lines = _wrap(label, FONT, LABEL_SIZE, RIGHT - text_x)
        height = max(CHECKBOX, len(lines) * LABEL_SIZE * 1.2)
        self._room(height)
        top = self.y
        self._checkbox(x, top, checked)
        self.pdf.setFillColor(black)
        self.pdf.setFont(FONT, LABEL_SIZE)
        for index, line in enumerate(lines):
            self.pdf.drawString(text_x, top - CHECKBOX / 2 - LABEL_SIZE * 0.35 - index * LABEL_SIZE * 1.2, line)
        self.y = top - height - 1.8 * mm

    def _option(self, x, top, checked, text):
        """A checkbox with its text, centred in a row as high as a field box."""
        self._checkbox(x, top - (BOX_HEIGHT - CHECKBOX) / 2, checked)
        self.pdf.setFillColor(black)
        self.pdf.setFont(FONT, LABEL_SIZE)
        self.pdf.drawString(x + CHECKBOX + 2.5 * mm, top - BOX_HEIGHT / 2 - LABEL_SIZE * 0.35, text)

    def duration(self, years):
        """2a: ☐ 5 jaar / ☐ [N] jaar (minimaal 5 jaar) / ☐ onbepaalde tijd, N filled in when longer than five years."""
        row = BOX_HEIGHT + 1.5 * mm
        self._room(3 * row)
        top = self.y
        self._label(top, "Wat is de looptijd van de gift?", code="2a")
        self._option(BOX_X, top, years == 5, "5 jaar")
        longer = years is not None and years > 5
        self._checkbox(BOX_X, top - row - (BOX_HEIGHT - CHECKBOX) / 2, longer)
        number_x = BOX_X + CHECKBOX + 2.5 * mm
        self.box(number_x, top - row, 14 * mm, str(years) if longer else "")
        self.pdf.setFillColor(black)
        self.pdf.setFont(FONT, LABEL_SIZE)
        self.pdf.drawString(
            number_x + 16 * mm, top - row - BOX_HEIGHT / 2 - LABEL_SIZE * 0.35, "jaar (minimaal 5 jaar)"
        )
        self._option(BOX_X, top - 2 * row, years is None, "onbepaalde tijd")
        self.y = top - 3 * row - ROW_GAP + 1.5 * mm


def _copy(form: _Form, document: AgreementDocument, copy: str):
    donor, partner = document.donor, document.partner
    signature = document.countersignature
    form.start_copy(copy)

    form.section(1, "Verklaring gift")
    form.field("De ondergetekende (naam schenker)", f"{donor.first_names} {donor.last_name}")
    form.field("verklaart een gift te doen aan (naam instelling of vereniging)", document.foundation_name)
    form.text("De gift bestaat uit vaste en gelijkmatige periodieke uitkeringen van")
    form.field("(bedrag in cijfers)", format_euro(document.yearly_amount_cents, always_cents=True), width=40 * mm)
    form.field(
        "(bedrag in letters)",
        amount_in_words(document.yearly_amount_cents),
        width=BOX_WIDTH - 16 * mm,
        suffix="per jaar",
    )
    form.text("die gedurende minstens vijf jaar worden uitgekeerd en uiterlijk eindigen bij:")
    form.checkbox("het overlijden van de schenker", True)
    form.checkbox("het overlijden van een ander dan de schenker", bool(document.other_person_name))
    form.field("naam van die persoon", document.other_person_name, x=LABEL_X + CHECKBOX + 2.5 * mm)
    form.checkbox("De gift eindigt ook als de instelling haar ANBI-status verliest.", True)
    form.checkbox(
        "De gift eindigt ook bij onvrijwillige werkloosheid of blijvende (gedeeltelijke) arbeidsongeschiktheid van "
        "de schenker.",
        document.ends_on_loss_of_income,
    )
    form.gap()

    form.section(2, "Looptijd van de gift")
    form.duration(document.duration_years)
    form.field("In welk jaar vindt de eerste uitkering plaats?", str(document.start_year), code="2b", width=30 * mm)
    form.gap()

    form.section(3, "Gegevens schenker")
    form.field("Naam", donor.last_name)
    form.field("Voornamen (voluit)", donor.first_names)
    form.field("BSN/sofinummer", "", note=BSN_NOTE, width=50 * mm)
    form.field("Geboortedatum", _date(donor.birth_date), width=40 * mm)
    form.field("Geboorteplaats", donor.birth_place)
    form.field("Straat en huisnummer", document.street_and_number)
    form.field("Postcode en woonplaats", f"{document.postcode}  {document.city}".strip())
    form.field("Land", donor.country)
    form.field("E-mail", document.email)

    form.next_page()
    form.section(4, "Gegevens instelling of vereniging")
    form.field("Naam instelling", document.foundation_name, code="4a")
    form.field("Transactienummer", document.transaction_number, code="4b", width=50 * mm)
    form.field("RSIN/fiscaal nummer", document.rsin, code="4c", width=50 * mm)
    form.gap()

    form.section(5, "Ondertekening schenker")
    form.place_and_date()
    form.signature("Handtekening schenker")
    form.gap()

    form.section(6, "Gegevens en ondertekening partner schenker (indien aanwezig)")
    form.field("Naam", partner.last_name if partner else "")
    form.field("Voornamen (voluit)", partner.first_names if partner else "")
    form.field("BSN/sofinummer", "", note=BSN_NOTE, width=50 * mm)
    form.field("Geboortedatum", _date(partner.birth_date) if partner else "", width=40 * mm)
    form.field("Geboorteplaats", partner.birth_place if partner else "")
    form.field("Land", partner.country if partner else "")
    form.place_and_date()
    form.signature("Handtekening partner schenker")
    form.gap()

    form.section(7, "Ondertekening namens instelling of vereniging")
    form.field("Naam", signature.name if signature else document.signatory_name)
    form.field("Functie", signature.role if signature else document.signatory_role)
    form.place_and_date(document.signatory_place, _date(signature.signed_on) if signature else "")
    form.signature(
        "Handtekening namens ontvanger",
        (
            f"Digitaal ondertekend namens {document.foundation_name} door {signature.name}, {signature.role}, "
            f"op {_date(signature.signed_on)}"
        )
        if signature
        else "",
    )
    form.gap()
    _payment(form, document)
    form.end_copy()


def _payment(form: _Form, document: AgreementDocument):
    """Our own arrangements about paying, apart from the model: a thin grey frame, no field boxes."""
    rows = [
        ("Betaalwijze", document.payment_label),
        (
            "Termijnbedrag",
            f"{format_euro(document.instalment_cents, always_cents=True)} per {document.instalment_period}",
        ),
        ("Campagne", document.campaign_name or GENERAL_CAMPAIGN),
        (f"Adres {document.foundation_name}".strip(), ", ".join(_lines(document.foundation_address))),
    ]
    size = 8
    leading = size * 1.3
    value_x = LEFT + 6 * mm + max(stringWidth(label, BOLD, size) for label, _ in rows)
    wrapped = [(label, _wrap(value, FONT, size, RIGHT - 3 * mm - value_x)) for label, value in rows]
    height = 9.5 * mm + (sum(len(lines) for _, lines in wrapped) - 1) * leading + 3 * mm
    form._room(height)
    pdf, top = form.pdf, form.y
    pdf.setStrokeColor(RULE)
    pdf.setLineWidth(0.6)
    pdf.setDash(2, 2)
    pdf.rect(LEFT, top - height, RIGHT - LEFT, height, stroke=1, fill=0)
    pdf.setDash()
    pdf.setFillColor(GREY)
    pdf.setFont(BOLD, 8.5)
    pdf.drawString(LEFT + 3 * mm, top - 5 * mm, "Afspraken over de betaling (geen onderdeel van het model)")
    y = top - 9.5 * mm
    for label, lines in wrapped:
        pdf.setFillColor(GREY)
        pdf.setFont(BOLD, size)
        pdf.drawString(LEFT + 3 * mm, y, label)
        pdf.setFillColor(black)
        pdf.setFont(FONT, size)
        for line in lines:
            pdf.drawString(value_x, y, line)
            y -= leading
    form.y = top - height - ROW_GAP


def _lines(text: str) -> list[str]:
    return [line.strip() for line in str(text).splitlines() if line.strip()]


def _title(document: AgreementDocument) -> str:
    return f"Overeenkomst periodieke gift {document.transaction_number}"


def _render(document: AgreementDocument, page_totals=None) -> tuple[bytes, dict]:
    buffer = io.BytesIO()
    # Invariant: the same agreement gives the same bytes (a resend is the same document).
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    pdf.setTitle(_title(document))
    pdf.setAuthor(document.foundation_name)
    pdf.setSubject("Overeenkomst periodieke gift in geld volgens het model van de Belastingdienst")
    form = _Form(pdf, document, page_totals)
    for copy in COPIES:
        _copy(form, document, copy)
    pdf.save()
    return buffer.getvalue(), form.pages


@translation.override("nl")  # a Dutch tax document, whatever page the gift came from
def agreement_pdf(document: AgreementDocument) -> bytes:
    """Both copies of the agreement: for the schenker, then for the ontvanger."""
    _, page_totals = _render(document)  # a first pass counts the pages of each copy for "pagina X van Y"
    data, _ = _render(document, page_totals)
    return data


def countersigned_pdf(document: AgreementDocument, donor_signed_pdf: bytes) -> bytes:
    """The agreement signed on our side (section 7 filled), followed by every page of the donor's signed upload."""
    if document.countersignature is None:
        raise ValueError("a countersigned agreement needs the countersignature")
    if not is_readable_pdf(donor_signed_pdf):
        raise ValueError("the donor's signed agreement is not a readable PDF")
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(agreement_pdf(document))))
    writer.append(PdfReader(io.BytesIO(donor_signed_pdf)))
    writer.add_metadata({"/Title": _title(document), "/Author": document.foundation_name})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def is_readable_pdf(data: bytes) -> bool:
    """True for a PDF of at least one page that pypdf can open (and so append); never raises."""
    try:
        if not isinstance(data, bytes | bytearray) or not bytes(data).startswith(b"%PDF-"):
            return False
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return False
        if len(reader.pages) < 1:
            return False
        reader.pages[0].mediabox  # noqa: B018 — reading the first page object, not just the count
        return True
    except Exception:
        return False
