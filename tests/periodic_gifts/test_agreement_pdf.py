"""The filled model agreement "Overeenkomst periodieke gift in geld": what it says, the countersigned file, the check
of an uploaded PDF, and how its pages look."""

import dataclasses
import datetime
import io
import os
import re
from pathlib import Path

import pypdfium2
import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from periodic_gifts.agreement_pdf import (
    RIGHT,
    AgreementDocument,
    Countersignature,
    Person,
    agreement_pdf,
    amount_in_words,
    countersigned_pdf,
    is_readable_pdf,
)

RSIN = "851234567"
LONG_NAME = "Van Oldenbarnevelt-Ter Haar Romeny tot Wieringerwaard-Zuid"  # 60 characters
LONG_STREET = "Burgemeester Van Karnebeeklaan tegenover het Oude Raadhuis 1234-bis"
PARTNER = Person("de Vries", "Pieter Karel", datetime.date(1968, 11, 1), "Zwolle", "België")
COUNTERSIGNATURE = Countersignature(datetime.date(2026, 1, 15), "Anna de Boer", "Directeur")


def _document(**changes) -> AgreementDocument:
    document = AgreementDocument(
        transaction_number="PG-2026-0007",
        donor=Person("Jansen", "Maria Johanna Petronella", datetime.date(1970, 3, 9), "Amersfoort"),
        street_and_number="Keizersgracht 123",
        postcode="1015 CJ",
        city="Amsterdam",
        email="maria.jansen@example.nl",
        yearly_amount_cents=25000,
        duration_years=7,
        start_year=2026,
        payment_label="Automatische incasso (SEPA), per maand",
        instalment_cents=2000,
        instalment_period="maand",
        foundation_name="Stichting leerKRACHT",
        rsin=RSIN,
        foundation_address="Postbus 123\n3500 AA Utrecht",
        signatory_name="Anna de Boer",
        signatory_role="Directeur",
        signatory_place="Utrecht",
    )
    return dataclasses.replace(document, **changes)


def _pages(data: bytes) -> list[str]:
    """The text of each page, whitespace made single spaces (a wrapped value reads as one line)."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def _text(data: bytes) -> str:
    return " ".join(_pages(data))


def _upload(pages: int = 2) -> bytes:
    """A donor's signed agreement as a scanner would give it: pages of its own."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    for number in range(1, pages + 1):
        pdf.drawString(100, 700, f"Ondertekende scan van de schenker, blad {number}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_every_value_the_site_knows_is_filled_in():
    text = _text(agreement_pdf(_document()))
    for value in [
        "Maria Johanna Petronella Jansen",  # 1: naam schenker
        "Maria Johanna Petronella",
        "Jansen",
        "09-03-1970",
        "Amersfoort",
        "Keizersgracht 123",
        "1015 CJ Amsterdam",
        "Nederland",
        "maria.jansen@example.nl",
        "€ 250,00",
        "tweehonderdvijftig euro per jaar",
        "In welk jaar vindt de eerste uitkering plaats? 2026",
        "Transactienummer PG-2026-0007",
        f"RSIN/fiscaal nummer {RSIN}",
        "Naam instelling Stichting leerKRACHT",
        "Naam Anna de Boer",
        "Functie Directeur",
        "Plaats Utrecht",
        "Automatische incasso (SEPA), per maand",
        "€ 20,00 per maand",
        "Algemeen: waar het het hardst nodig is",
        "Postbus 123, 3500 AA Utrecht",
    ]:
        assert value in text, value


def test_it_follows_the_model_and_does_not_pose_as_the_belastingdienst():
    first_page = _pages(agreement_pdf(_document()))[0]
    assert first_page.startswith("Stichting leerKRACHT Volgens het model van de Belastingdienst")
    assert "Overeenkomst Periodieke gift in geld" in first_page
    text = _text(agreement_pdf(_document()))
    for number, title in [
        (1, "Verklaring gift"),
        (2, "Looptijd van de gift"),
        (3, "Gegevens schenker"),
        (4, "Gegevens instelling of vereniging"),
        (5, "Ondertekening schenker"),
        (6, "Gegevens en ondertekening partner schenker (indien aanwezig)"),
        (7, "Ondertekening namens instelling of vereniging"),
    ]:
        assert f"{number} {title}" in text
    assert "De ondergetekende (naam schenker)" in text
    assert "verklaart een gift te doen aan (naam instelling of vereniging)" in text
    assert "De gift bestaat uit vaste en gelijkmatige periodieke uitkeringen van" in text
    assert "die gedurende minstens vijf jaar worden uitgekeerd en uiterlijk eindigen bij:" in text
    assert "Afspraken over de betaling (geen onderdeel van het model)" in text


def test_pdf_title_and_author():
    metadata = PdfReader(io.BytesIO(agreement_pdf(_document()))).metadata
    assert metadata.title == "Overeenkomst periodieke gift PG-2026-0007"
    assert metadata.author == "Stichting leerKRACHT"


def test_two_copies_of_two_pages_the_schenker_first():
    pages = _pages(agreement_pdf(_document()))
    assert len(pages) == 4
    for page, copy, number in [
        (pages[0], "schenker", 1),
        (pages[1], "schenker", 2),
        (pages[2], "ontvanger", 1),
        (pages[3], "ontvanger", 2),
    ]:
        other = "ontvanger" if copy == "schenker" else "schenker"
        assert f"Exemplaar voor de {copy}" in page
        assert f"Exemplaar voor de {other}" not in page
        assert f"pagina {number} van 2" in page
        assert "Transactienummer PG-2026-0007" in page
    assert "1 Verklaring gift" in pages[0] and "1 Verklaring gift" in pages[2]
    assert "7 Ondertekening namens" in pages[1] and "7 Ondertekening namens" in pages[3]
    assert "Afspraken over de betaling" in pages[1] and "Afspraken over de betaling" in pages[3]


@pytest.mark.parametrize(
    ("years", "ticked", "not_ticked"),
    [
        (7, "[X] 7 jaar (minimaal 5 jaar)", ["[ ] 5 jaar", "[ ] onbepaalde tijd"]),
        (5, "[X] 5 jaar", ["[ ] jaar (minimaal 5 jaar)", "[ ] onbepaalde tijd"]),
        (None, "[X] onbepaalde tijd", ["[ ] 5 jaar", "[ ] jaar (minimaal 5 jaar)"]),
    ],
)
def test_the_duration_is_ticked(years, ticked, not_ticked):
    text = _pages(agreement_pdf(_document(duration_years=years)))[0]
    assert ticked in text
    for option in not_ticked:
        assert option in text
    assert text.count("[X]") == 3  # the donor's death, the ANBI status and one duration


def test_the_ending_causes_the_donor_did_not_choose_are_not_ticked():
    text = _pages(agreement_pdf(_document()))[0]
    assert "[X] het overlijden van de schenker" in text
    assert "[ ] het overlijden van een ander dan de schenker naam van die persoon [X]" in text
    assert "[X] De gift eindigt ook als de instelling haar ANBI-status verliest." in text
    assert (
        "[ ] De gift eindigt ook bij onvrijwillige werkloosheid of blijvende (gedeeltelijke) arbeidsongeschiktheid "
        "van de schenker." in text
    )


def test_the_ending_causes_the_donor_chose_are_ticked():
    text = _pages(agreement_pdf(_document(other_person_name="Kees Jansen", ends_on_loss_of_income=True)))[0]
    assert "[X] het overlijden van de schenker" in text
    assert "[X] het overlijden van een ander dan de schenker naam van die persoon Kees Jansen" in text
    assert "[X] De gift eindigt ook als de instelling haar ANBI-status verliest." in text
    assert "[X] De gift eindigt ook bij onvrijwillige werkloosheid" in text


def test_the_partner_is_filled_in_when_given():
    page = _pages(agreement_pdf(_document(partner=PARTNER)))[1]
    section_6 = page[page.index("6 Gegevens en ondertekening partner") : page.index("7 Ondertekening namens")]
    assert "Naam de Vries" in section_6
    assert "Voornamen (voluit) Pieter Karel" in section_6
    assert "Geboortedatum 01-11-1968" in section_6
    assert "Geboorteplaats Zwolle" in section_6
    assert "Land België" in section_6
    assert "Handtekening partner schenker" in section_6


def test_without_partner_section_6_is_empty_boxes():
    page = _pages(agreement_pdf(_document()))[1]
    section_6 = page[page.index("6 Gegevens en ondertekening partner") : page.index("7 Ondertekening namens")]
    assert section_6 == (
        "6 Gegevens en ondertekening partner schenker (indien aanwezig) Naam Voornamen (voluit) BSN/sofinummer "
        "(vult u zelf met de hand in) Geboortedatum Geboorteplaats Land Plaats Datum Handtekening partner schenker "
    )
    assert "de Vries" not in page and "Pieter Karel" not in page


def test_the_donor_signs_by_hand():
    page = _pages(agreement_pdf(_document()))[1]
    section_5 = page[page.index("5 Ondertekening schenker") : page.index("6 Gegevens en ondertekening")]
    assert section_5 == "5 Ondertekening schenker Plaats Datum Handtekening schenker "


@pytest.mark.parametrize("partner", [None, PARTNER])
def test_no_bsn_like_number_anywhere_only_the_rsin(partner):
    document = _document(partner=partner, countersignature=COUNTERSIGNATURE)
    for data in [agreement_pdf(document), countersigned_pdf(document, _upload())]:
        text = _text(data)
        assert re.findall(r"(?<!\d)\d{8,9}(?!\d)", text) == [RSIN, RSIN]  # 4c of each copy
        assert text.count("BSN/sofinummer (vult u zelf met de hand in)") == 4  # sections 3 and 6 of each copy
        assert "burgerservicenummer" in text


def test_section_7_stays_empty_until_countersigned():
    page = _pages(agreement_pdf(_document()))[1]
    section_7 = page[page.index("7 Ondertekening namens") : page.index("Afspraken over de betaling")]
    assert section_7 == (
        "7 Ondertekening namens instelling of vereniging Naam Anna de Boer Functie Directeur Plaats Utrecht Datum "
        "Handtekening namens ontvanger "
    )
    assert "Digitaal ondertekend" not in _text(agreement_pdf(_document()))


def test_countersigned_pdf_is_our_signed_agreement_followed_by_the_donors_upload():
    document = _document(countersignature=COUNTERSIGNATURE)
    upload = _upload(pages=3)
    data = countersigned_pdf(document, upload)
    pages = _pages(data)
    assert len(pages) == len(_pages(agreement_pdf(document))) + 3 == 7
    line = "Digitaal ondertekend namens Stichting leerKRACHT door Anna de Boer, Directeur, op 15-01-2026"
    for page in (pages[1], pages[3]):  # section 7 of both copies
        assert "Plaats Utrecht Datum 15-01-2026" in page
        assert line in page
    assert pages[4:] == [f"Ondertekende scan van de schenker, blad {n}" for n in (1, 2, 3)]
    assert PdfReader(io.BytesIO(data)).metadata.title == "Overeenkomst periodieke gift PG-2026-0007"


def test_countersigned_pdf_needs_the_countersignature():
    with pytest.raises(ValueError):
        countersigned_pdf(_document(), _upload())


def test_countersigned_pdf_refuses_an_upload_that_is_no_pdf():
    with pytest.raises(ValueError):
        countersigned_pdf(_document(countersignature=COUNTERSIGNATURE), b"hello")


@pytest.mark.parametrize(
    ("cents", "words"),
    [
        (25000, "tweehonderdvijftig euro"),
        (25050, "tweehonderdvijftig euro en vijftig cent"),
        (100000, "duizend euro"),
        (125000, "duizendtweehonderdvijftig euro"),
        (50, "vijftig cent"),
    ],
)
def test_amount_in_words(cents, words):
    assert amount_in_words(cents) == words


def test_the_amount_in_words_follows_the_amount():
    text = _text(agreement_pdf(_document(yearly_amount_cents=125050)))
    assert "€ 1.250,50" in text
    assert "duizendtweehonderdvijftig euro en vijftig cent per jaar" in text


@pytest.mark.parametrize(
    "data",
    [
        b"hello",
        b"",
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
        b"%PDF-1.4\n",
        None,
        "%PDF-1.4",
    ],
    ids=["text", "empty", "png", "header-only", "none", "str"],
)
def test_is_readable_pdf_false(data):
    assert is_readable_pdf(data) is False


def test_is_readable_pdf_false_for_a_truncated_pdf():
    data = agreement_pdf(_document())
    assert is_readable_pdf(data[: len(data) // 2]) is False
    assert is_readable_pdf(data[:-10]) is False


def test_is_readable_pdf_true():
    assert is_readable_pdf(_upload(pages=1)) is True
    assert is_readable_pdf(agreement_pdf(_document())) is True


def test_same_input_same_bytes():
    assert agreement_pdf(_document()) == agreement_pdf(_document())
    document = _document(countersignature=COUNTERSIGNATURE, partner=PARTNER)
    assert agreement_pdf(document) == agreement_pdf(document)


def test_long_values_stay_inside_the_form():
    document = _document(
        donor=Person(LONG_NAME, "Maria Johanna Petronella Wilhelmina", datetime.date(1970, 3, 9), "Amersfoort"),
        street_and_number=LONG_STREET,
        email="maria.johanna.petronella.wilhelmina.jansen@een-heel-lange-domeinnaam.example.nl",
        partner=Person(LONG_NAME, "Pieter", datetime.date(1968, 11, 1), "Zwolle"),
        other_person_name=LONG_NAME,
        campaign_name="Een campagne met een heel lange naam " * 4,
    )
    data = agreement_pdf(document)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 4
    text = _text(data)
    assert f"Naam {LONG_NAME}" in text
    assert LONG_STREET in text
    assert f"naam van die persoon {LONG_NAME}" in text

    too_wide = []
    for page in reader.pages:

        def visit(chunk, cm, tm, font, size, page=page):
            if chunk.strip() and font:
                end = tm[4] + stringWidth(chunk.strip(), font["/BaseFont"].lstrip("/"), size)
                if end > RIGHT + 0.5:
                    too_wide.append(chunk)

        page.extract_text(visitor_text=visit)
    assert too_wide == []


def test_what_does_not_fit_goes_on_a_further_page_of_the_same_copy():
    address = "\n".join(["Een heel lange adresregel die maar doorgaat en doorgaat"] * 8)
    pages = _pages(agreement_pdf(_document(foundation_address=address)))
    assert len(pages) == 6
    assert [re.search(r"pagina \d van \d Exemplaar voor de \w+", page).group() for page in pages] == [
        f"pagina {number} van 3 Exemplaar voor de {copy}" for copy in ("schenker", "ontvanger") for number in (1, 2, 3)
    ]
    assert "Afspraken over de betaling" in pages[2] and "Afspraken over de betaling" in pages[5]


def test_screenshots_of_the_schenker_copy():
    folder = Path(os.environ.get("SCREENSHOT_DIR", "artifacts/screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    pdf = pypdfium2.PdfDocument(agreement_pdf(_document(partner=PARTNER)))
    try:
        for index in (0, 1):
            page = pdf[index]
            image = page.render(scale=1.5).to_pil()
            page.close()
            path = folder / f"agreement-page-{index + 1}.png"
            image.save(path)
            histogram = image.convert("L").histogram()
            dark = sum(histogram[:128]) / (image.width * image.height)
            assert image.size == (893, 1263)
            assert 0.01 < dark < 0.5, f"{path} looks blank or black"
    finally:
        pdf.close()
