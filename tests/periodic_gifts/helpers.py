"""What a donor and Financiën do with a periodieke gift in the tests: the form, the signed link, the admin."""

import io
import re
from urllib.parse import urlsplit

from django.contrib.auth.models import Group
from pypdf import PdfReader
from reportlab.pdfgen import canvas

from periodic_gifts.links import agreement_from_token
from periodic_gifts.models import PeriodicGiftAgreement
from tests.donations.helpers import csrf_token, mails_with

REQUEST_PATH = "/periodiek-schenken/"


def agreement_form(**changes):
    data = {
        "yearly_amount": "240",
        "duration": "5",
        "duration_years": "",
        "start_year": "2026",
        "payment_method": "debit_yearly",
        "first_names": "Maria Johanna",
        "last_name": "Jansen",
        "birth_date": "09-03-1970",
        "birth_place": "Amersfoort",
        "street_and_number": "Keizersgracht 123",
        "postcode": "1015 CJ",
        "city": "Amsterdam",
        "country": "Nederland",
        "email": "maria@example.org",
        "other_person_name": "",
        "partner_first_names": "",
        "partner_last_name": "",
        "partner_birth_date": "",
        "partner_birth_place": "",
        "partner_country": "",
        "website": "",
    }
    data.update(changes)
    return data


def pdf_text(content):
    """The PDF's text with every run of white space as one space (boxes wrap long values over lines)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())


def signed_scan(pages=1):
    """What a donor uploads: a scanned, signed agreement as a PDF."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for number in range(pages):
        pdf.drawString(72, 720, f"Getekend door Maria Jansen, pagina {number + 1}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def attachment(message):
    (name, content, mimetype) = message.attachments[0]
    assert mimetype == "application/pdf"
    return name, content


def request_mail():
    return mails_with("ondertekenen en terugsturen")[-1]


def link_path(message):
    """The donor's signed link, as the mail gives it (without the site's address)."""
    return re.search(r"https?://[^/\s]+(/periodiek-schenken/[^/\s]+/)", message.body).group(1)


def link_target(path):
    """Where a signed link leads: its address without the token, and the agreement the token names.

    Two links to one agreement signed a second apart differ in their token, so tests compare this instead.
    """
    prefix, token = re.fullmatch(r"(.*/)([^/]+)/", urlsplit(path).path).groups()
    agreement = agreement_from_token(token)
    return prefix, agreement.pk if agreement else None


def only_agreement():
    return PeriodicGiftAgreement.objects.get()


def upload(http, base_url, page_path, content, filename="getekend.pdf", content_type="application/pdf"):
    page = http.get(base_url + page_path, timeout=30).text
    return http.post(
        base_url + page_path + "getekend/",
        data={"csrfmiddlewaretoken": csrf_token(page)},
        files={"signed_copy": (filename, content, content_type)},
        headers={"Origin": base_url, "Referer": base_url + page_path},
        allow_redirects=False,
        timeout=30,
    )


def post_on_page(http, base_url, page_path, action):
    """POST to `action` as from the page; a form no longer shown is posted with the CSRF cookie (a replay)."""
    page = http.get(base_url + page_path, timeout=30).text
    token = csrf_token(page) if "csrfmiddlewaretoken" in page else http.cookies["csrftoken"]
    return http.post(
        base_url + page_path + action,
        data={"csrfmiddlewaretoken": token},
        headers={"Origin": base_url, "Referer": base_url + page_path},
        allow_redirects=False,
        timeout=30,
    )


def finance_client(client, django_user_model, name="penningmeester", group="Financiën"):
    user = django_user_model.objects.create_user(
        username=name, first_name="Pieter", last_name="de Penningmeester", password="x", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return client
