"""Receipts and yearly overviews as PDF downloads in 'mijn donaties': the donor's own paid gifts only."""

import datetime
import io
import re
from urllib.parse import urlsplit

import time_machine
from django.utils import timezone
from pypdf import PdfReader

from donations.emails import manage_link
from donations.models import Donation, DonationStatus, Donor

from .helpers import Donor as DonorBrowser
from .helpers import paid_gift, receipts
from .test_my_donations import _overview_path


def _pdf_text(content):
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())


def _links(page_text, label):
    return re.findall(rf'<a href="([^"]+)" download>{re.escape(label)}</a>', page_text)


def test_a_paid_gift_has_its_receipt_as_a_download_the_same_as_the_mailed_one(donor, stripe_standin):
    paid_gift(donor, stripe_standin, amount="5000")
    overview = _overview_path()
    donation = Donation.objects.get()
    assert donation.receipt_number

    (link,) = _links(donor.get(overview).text, "Ontvangstbewijs (pdf)")
    assert link == f"{overview}ontvangstbewijs/{donation.pk}/"
    response = donor.get(link)

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert (
        response.headers["Content-Disposition"]
        == f'attachment; filename="ontvangstbewijs-{donation.receipt_number}.pdf"'
    )
    assert response.headers["Cache-Control"] == "private, no-store"
    (mailed,) = [attachment for attachment in receipts()[-1].attachments if attachment[2] == "application/pdf"]
    assert response.content == mailed[1]
    assert f"Ontvangstbewijs {donation.receipt_number}" in _pdf_text(response.content)


def test_each_year_with_paid_gifts_has_its_overview(donor, stripe_standin):
    year = timezone.localdate().year
    paid_gift(donor, stripe_standin, amount="5000")
    paid_gift(donor, stripe_standin, frequency="monthly", amount="2500")
    # A gift of last year: the receipt numbers run per year, the overview of each year lists that year's gifts.
    Donation.objects.filter(amount_cents=5000).update(paid_at=timezone.now().replace(year=year - 1))
    overview = _overview_path()
    page = donor.get(overview).text

    assert _links(page, f"Jaaroverzicht {year} (pdf)") == [f"{overview}jaaroverzicht/{year}/"]
    (last_year,) = _links(page, f"Jaaroverzicht {year - 1} (pdf)")
    assert page.index(f"Jaaroverzicht {year} (pdf)") < page.index(f"Jaaroverzicht {year - 1} (pdf)")

    response = donor.get(f"{overview}jaaroverzicht/{year}/")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"] == f'attachment; filename="jaaroverzicht-{year}.pdf"'
    assert response.headers["Cache-Control"] == "private, no-store"
    text = _pdf_text(response.content)
    assert f"Jaaroverzicht giften {year}" in text
    assert "Totaal € 25,00" in text and "€ 50,00" not in text
    assert "Totaal € 50,00" in _pdf_text(donor.get(last_year).content)
    assert donor.get(f"{overview}jaaroverzicht/{year - 2}/").status_code == 404


def test_a_gift_without_a_receipt_number_has_no_link_and_no_document(donor, stripe_standin):
    paid_gift(donor, stripe_standin, amount="5000")
    session_id = donor.start_gift(amount="2500")  # started, never paid
    overview = _overview_path()
    paid, pending = (
        Donation.objects.get(status=DonationStatus.PAID),
        Donation.objects.get(status=DonationStatus.PENDING),
    )
    assert session_id and pending.receipt_number is None

    assert _links(donor.get(overview).text, "Ontvangstbewijs (pdf)") == [f"{overview}ontvangstbewijs/{paid.pk}/"]
    assert donor.get(f"{overview}ontvangstbewijs/{pending.pk}/").status_code == 404
    # Paid a moment ago, its receipt not numbered yet: no document either.
    Donation.objects.filter(pk=paid.pk).update(receipt_number=None)
    assert donor.get(f"{overview}ontvangstbewijs/{paid.pk}/").status_code == 404


def test_a_refunded_gift_has_no_receipt_to_download(donor, stripe_standin):
    paid_gift(donor, stripe_standin, amount="5000")
    donation = Donation.objects.get()
    Donation.objects.filter(pk=donation.pk).update(status=DonationStatus.REFUNDED)
    overview = _overview_path()

    assert _links(donor.get(overview).text, "Ontvangstbewijs (pdf)") == []
    assert donor.get(f"{overview}ontvangstbewijs/{donation.pk}/").status_code == 404
    assert donor.get(f"{overview}jaaroverzicht/{timezone.localdate().year}/").status_code == 404


def test_nobody_downloads_another_donors_documents(donor, stripe_standin, live_demo_site):
    paid_gift(donor, stripe_standin, amount="5000")
    annas_gift = Donation.objects.get()
    bram = DonorBrowser(live_demo_site.url)
    year = timezone.localdate().year
    brams_overview = urlsplit(manage_link(Donor.objects.create(email="bram@example.org"))).path

    assert bram.get(f"{brams_overview}ontvangstbewijs/{annas_gift.pk}/").status_code == 404
    assert bram.get(f"{brams_overview}jaaroverzicht/{year}/").status_code == 404

    with time_machine.travel(timezone.now() - datetime.timedelta(days=15), tick=False):
        expired = urlsplit(manage_link(annas_gift.donor)).path
    for path in (f"{expired}ontvangstbewijs/{annas_gift.pk}/", f"{expired}jaaroverzicht/{year}/"):
        response = donor.get(path)
        assert response.status_code == 403
        assert "Deze link is verlopen of ongeldig" in response.text
