"""A donor's receipts and yearly overviews as PDF downloads from "mijn donaties": the documents the e-mails carry."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_http_methods

from .models import DonationStatus
from .my_donations import _donor_or_expired
from .receipts import overview_sections, site_settings


@require_http_methods(["GET"])
def receipt(request, token, pk):
    donor, refusal = _donor_or_expired(request, token)
    if refusal:
        return refusal
    # Only the donor's own paid gifts, and only once they have their number: a receipt never exists without one.
    donation = (
        donor.donations.select_related("donor", "campaign")
        .filter(pk=pk, status=DonationStatus.PAID, receipt_number__isnull=False)
        .first()
    )
    if donation is None:
        raise Http404
    from .pdf import receipt_pdf  # reportlab only for a download, not in every web process's start-up

    anbi, _receipt_settings = site_settings()
    return _attachment(receipt_pdf(donation, anbi), f"ontvangstbewijs-{donation.receipt_number}.pdf")


@require_http_methods(["GET"])
def annual_overview(request, token, year):
    donor, refusal = _donor_or_expired(request, token)
    if refusal:
        return refusal
    donations = list(paid_in(donor, year))
    if not donations:
        raise Http404
    from .pdf import annual_overview_pdf

    anbi, _receipt_settings = site_settings()
    total = sum(donation.total_cents for donation in donations)
    document = annual_overview_pdf(donor, year, overview_sections(donations), total, anbi)
    return _attachment(document, f"jaaroverzicht-{year}.pdf")


def paid_in(donor, year):
    """The gifts a yearly overview lists: paid in that year (Dutch time), oldest first, as the January mail has them."""
    return (
        donor.donations.filter(status=DonationStatus.PAID, paid_at__year=year)
        .select_related("campaign")
        .order_by("paid_at")
    )


def _attachment(document, filename):
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A donor's name, address and gifts: kept by no cache on the way, and not in the browser's cache either.
    response["Cache-Control"] = "private, no-store"
    return response
