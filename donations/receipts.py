"""Receipt numbers and what a receipt or yearly overview says."""

from dataclasses import dataclass

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


# The words the Belastingdienst's tax return uses for gifts that are fully deductible.
PERIODIC_TAX_TEXT = "giften op basis van een periodieke overeenkomst"


@dataclass(frozen=True)
class OverviewSection:
    """One part of a yearly overview: the payments of one periodieke gift agreement, or all ordinary gifts together."""

    title: str
    agreement_number: str
    donations: list
    total_cents: int

    @property
    def is_periodic(self):
        return bool(self.agreement_number)


def overview_sections(donations):
    """Periodieke gift agreements first, each on its own with its transaction number; then the ordinary gifts."""
    by_agreement = {}
    ordinary = []
    for donation in donations:
        (by_agreement.setdefault(donation.agreement_number, []) if donation.agreement_number else ordinary).append(
            donation
        )
    sections = [
        OverviewSection(
            f"Periodieke gift, transactienummer {number} ({PERIODIC_TAX_TEXT})",
            number,
            payments,
            sum(payment.total_cents for payment in payments),
        )
        for number, payments in sorted(by_agreement.items())
    ]
    if ordinary:
        title = "Andere giften (eenmalige en terugkerende giften)" if sections else "Giften"
        sections.append(OverviewSection(title, "", ordinary, sum(gift.total_cents for gift in ordinary)))
    return sections
