"""The agreement as a document: the model's PDF filled from an agreement, and its countersigned copy."""

from django.utils import timezone

from pages.models import AnbiSettings

from .models import PaymentMethod

PAYMENT_LABELS = {
    PaymentMethod.DIRECT_DEBIT_MONTHLY: "Automatische incasso (SEPA), per maand; eerste betaling met iDEAL",
    PaymentMethod.DIRECT_DEBIT_YEARLY: "Automatische incasso (SEPA), per jaar; eerste betaling met iDEAL",
    PaymentMethod.BANK_TRANSFER: "Zelf overmaken, eens per jaar",
}


def anbi_settings():
    from wagtail.models import Site

    return AnbiSettings.for_site(Site.objects.filter(is_default_site=True).first())


def document_for(agreement, anbi=None):
    # The PDF module (reportlab, pypdf, num2words) is imported when a document is made, not when pages are served.
    from .agreement_pdf import AgreementDocument, Countersignature, Person

    anbi = anbi or anbi_settings()
    partner = None
    if agreement.has_partner:
        partner = Person(
            last_name=agreement.partner_last_name,
            first_names=agreement.partner_first_names,
            birth_date=agreement.partner_birth_date,
            birth_place=agreement.partner_birth_place,
            country=agreement.partner_country or "Nederland",
        )
    countersignature = None
    if agreement.countersigned_at:
        countersignature = Countersignature(
            signed_on=timezone.localdate(agreement.countersigned_at),
            name=agreement.signatory_name,
            role=agreement.signatory_role,
        )
    return AgreementDocument(
        transaction_number=agreement.transaction_number,
        donor=Person(
            last_name=agreement.last_name,
            first_names=agreement.first_names,
            birth_date=agreement.birth_date,
            birth_place=agreement.birth_place,
            country=agreement.country,
        ),
        street_and_number=agreement.street_and_number,
        postcode=agreement.postcode,
        city=agreement.city,
        email=agreement.email,
        yearly_amount_cents=agreement.yearly_amount_cents,
        duration_years=agreement.duration_years,
        start_year=agreement.start_year,
        other_person_name=agreement.other_person_name,
        ends_on_loss_of_income=agreement.ends_on_loss_of_income,
        partner=partner,
        payment_label=PAYMENT_LABELS[agreement.payment_method],
        instalment_cents=agreement.instalment_cents,
        instalment_period="maand" if agreement.payments_per_year == 12 else "jaar",
        campaign_name=agreement.campaign.title,
        foundation_name=anbi.statutory_name,
        rsin=anbi.rsin,
        foundation_address=anbi.address,
        # Before countersigning: whom the ANBI settings name now; after: who signed.
        signatory_name=agreement.signatory_name or anbi.agreement_signatory_name,
        signatory_role=agreement.signatory_role or anbi.agreement_signatory_role,
        signatory_place=agreement.signatory_place or anbi.agreement_signing_place,
        countersignature=countersignature,
    )


def filled_agreement(agreement):
    """The model agreement to sign, filled in: what the donor downloads and gets by mail."""
    from .agreement_pdf import agreement_pdf

    return agreement_pdf(document_for(agreement))


def countersigned_agreement(agreement):
    """Our signed copy followed by the donor's: one file the donor keeps for the Belastingdienst."""
    from .agreement_pdf import countersigned_pdf

    with agreement.signed_by_donor_file.open("rb") as signed:
        return countersigned_pdf(document_for(agreement), signed.read())


def current_pdf(agreement):
    """(content, file name) of the agreement as it stands: countersigned once it is, else the one to sign."""
    if agreement.countersigned_at:
        return countersigned_agreement(agreement), filename(agreement, countersigned=True)
    return filled_agreement(agreement), filename(agreement)


def donor_signed_copy(agreement):
    """(content, file name) of the donor's own uploaded copy; None before there is one."""
    if not agreement.signed_by_donor_file:
        return None
    with agreement.signed_by_donor_file.open("rb") as stored:
        return stored.read(), f"getekend-{agreement.transaction_number}.pdf"


def filename(agreement, countersigned=False):
    suffix = "-ondertekend" if countersigned else ""
    return f"overeenkomst-periodieke-gift-{agreement.transaction_number}{suffix}.pdf"
