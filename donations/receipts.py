"""Receipt numbers and what a receipt or yearly overview says."""

from django.db import transaction
from wagtail.models import Site

from pages.models import AnbiSettings

from .models import ReceiptCounter, ReceiptSettings


def next_receipt_number(year: int) -> str:
    """Sequential per year: 2026-000001, 2026-000002, … Commit the number before sending: then it is never reused."""
    with transaction.atomic():
        ReceiptCounter.objects.get_or_create(year=year)
        counter = ReceiptCounter.objects.select_for_update().get(year=year)
        counter.last_number += 1
        counter.save(update_fields=["last_number"])
    return f"{year}-{counter.last_number:06d}"


def site_settings():
    site = Site.objects.filter(is_default_site=True).first()
    return AnbiSettings.for_site(site), ReceiptSettings.for_site(site)
