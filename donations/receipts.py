"""Receipt numbers and what a receipt or yearly overview says."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
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

    agreement_number: str
    donations: list
    total_cents: int
    # Ordinary gifts beside the payments of an agreement (overeenkomst): "Andere giften" rather than "Giften".
    beside_periodic: bool = False

    @property
    def title(self):
        """In the active language: the PDF is Dutch, the mail the donor's. The tax words stay Dutch in both: they are
        what the Dutch tax return says."""
        if self.agreement_number:
            return _("Periodieke gift, transactienummer %(number)s (%(tax_text)s)") % {
                "number": self.agreement_number,
                "tax_text": PERIODIC_TAX_TEXT,
            }
        return _("Andere giften (eenmalige en terugkerende giften)") if self.beside_periodic else _("Giften")

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
        OverviewSection(number, payments, sum(payment.total_cents for payment in payments))
        for number, payments in sorted(by_agreement.items())
    ]
    if ordinary:
        sections.append(
            OverviewSection("", ordinary, sum(gift.total_cents for gift in ordinary), beside_periodic=bool(sections))
        )
    return sections
