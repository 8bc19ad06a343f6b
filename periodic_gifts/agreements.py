"""What happens to an agreement: requested, signed by the donor, countersigned, running, ended.

Every step runs in one transaction with the agreement's row locked; its e-mail is queued once that commits.
"""

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.queueing import queue_on_commit
from donations.models import Donor, DonorLanguage

from .models import AgreementCounter, AgreementStatus, EndReason, PeriodicGiftAgreement, years_after

logger = logging.getLogger(__name__)

# Which status may follow which; anything else is refused and changes nothing.
ALLOWED = {
    AgreementStatus.REQUESTED: {AgreementStatus.SIGNED_BY_DONOR, AgreementStatus.ENDED},
    AgreementStatus.SIGNED_BY_DONOR: {AgreementStatus.COUNTERSIGNED, AgreementStatus.ENDED},
    AgreementStatus.COUNTERSIGNED: {AgreementStatus.RUNNING, AgreementStatus.ENDED},
    AgreementStatus.RUNNING: {AgreementStatus.ENDED},
    AgreementStatus.ENDED: set(),
}

REQUEST_FIELDS = (
    "campaign",
    "yearly_amount_cents",
    "duration_years",
    "start_year",
    "payment_method",
    "other_person_name",
    "ends_on_loss_of_income",
    "first_names",
    "last_name",
    "birth_date",
    "birth_place",
    "street_and_number",
    "postcode",
    "city",
    "country",
    "partner_first_names",
    "partner_last_name",
    "partner_birth_date",
    "partner_birth_place",
    "partner_country",
)


def next_transaction_number(year):
    """PG-2026-0001, PG-2026-0002, …: one per agreement, never given twice."""
    AgreementCounter.objects.get_or_create(year=year)
    counter = AgreementCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"PG-{year}-{counter.last_number:04d}"


def _locked(agreement):
    return PeriodicGiftAgreement.objects.select_for_update().select_related("donor", "campaign").get(pk=agreement.pk)


def _move(agreement, target, **fields):
    if target not in ALLOWED[agreement.status]:
        return False
    agreement.status = target
    for name, value in fields.items():
        setattr(agreement, name, value)
    agreement.save(update_fields=["status", *fields])
    return True


@transaction.atomic
def request_agreement(cleaned_data, language):
    """A new agreement from the donor's form, with its transaction number; the PDF goes out by mail on commit."""
    from .tasks import send_agreement_request

    email = cleaned_data["email"].strip().lower()
    donor, _ = Donor.objects.select_for_update().get_or_create(email=email)
    changed = []
    if not donor.name:
        donor.name = f"{cleaned_data['first_names']} {cleaned_data['last_name']}".strip()[:160]
        changed.append("name")
    # The mails of the gift's payments (receipts) follow the language the donor asked in.
    if language in DonorLanguage.values and donor.language != language:
        donor.language = language
        changed.append("language")
    if changed:
        donor.save(update_fields=changed)
    agreement = PeriodicGiftAgreement.objects.create(
        transaction_number=next_transaction_number(timezone.localdate().year),
        donor=donor,
        email=email,
        language=language,
        **{name: cleaned_data.get(name) for name in REQUEST_FIELDS},
    )
    queue_on_commit(send_agreement_request, agreement.pk)
    return agreement


class StepRefused(Exception):
    """The agreement is not in a state where this step can be taken; the message says why, in Dutch."""


@transaction.atomic
def receive_signed_copy(agreement, upload):
    """Keep the donor's signed copy (privately) and mark it signed by the donor; a replaced copy is kept as the new one.

    Allowed until the foundation has countersigned: after that the countersigned file is what both sides hold.
    """
    agreement = _locked(agreement)
    if agreement.status not in (AgreementStatus.REQUESTED, AgreementStatus.SIGNED_BY_DONOR):
        raise StepRefused(_("Deze overeenkomst is al ondertekend of beëindigd; een nieuw exemplaar is niet nodig."))
    previous = agreement.signed_by_donor_file.name
    agreement.signed_by_donor_file.save("getekend.pdf", upload, save=False)
    agreement.signed_by_donor_at = timezone.now()
    agreement.status = AgreementStatus.SIGNED_BY_DONOR
    agreement.save(update_fields=["signed_by_donor_file", "signed_by_donor_at", "status"])
    if previous:
        storage = agreement.signed_by_donor_file.storage
        transaction.on_commit(lambda: storage.delete(previous))
    return agreement


@transaction.atomic
def countersign(agreement, user, anbi):
    """The foundation signs (section 7 from the ANBI settings); the donor gets the countersigned PDF by mail."""
    from .tasks import send_countersigned_agreement

    agreement = _locked(agreement)
    if agreement.status != AgreementStatus.SIGNED_BY_DONOR or not agreement.signed_by_donor_file:
        raise StepRefused(_("Alleen een overeenkomst die de donateur getekend heeft, kan worden ondertekend."))
    _move(
        agreement,
        AgreementStatus.COUNTERSIGNED,
        countersigned_at=timezone.now(),
        countersigned_by=user,
        signatory_name=anbi.agreement_signatory_name or user.get_full_name() or user.get_username(),
        signatory_role=anbi.agreement_signatory_role,
        signatory_place=anbi.agreement_signing_place,
    )
    queue_on_commit(send_countersigned_agreement, agreement.pk)
    return agreement


@transaction.atomic
def record_payment_started(agreement_number, paid_on):
    """A payment of the agreement came in: the first one makes it running."""
    agreement = PeriodicGiftAgreement.objects.select_for_update().filter(transaction_number=agreement_number).first()
    if agreement is None:
        logger.warning("A payment names agreement %s, which is not here", agreement_number)
        return None
    if agreement.first_paid_on is None or paid_on < agreement.first_paid_on:
        agreement.first_paid_on = paid_on
        agreement.save(update_fields=["first_paid_on"])
    _move(agreement, AgreementStatus.RUNNING)
    return agreement


@transaction.atomic
def end_agreement(agreement, reason, ended_on=None, *, stop_payments=True):
    """End the agreement with one of the model's causes (or its completed term); stops the direct debit."""
    from .payments import stop_direct_debit
    from .tasks import send_agreement_ended

    agreement = _locked(agreement)
    if not _move(agreement, AgreementStatus.ENDED, ended_on=ended_on or timezone.localdate(), end_reason=reason):
        raise StepRefused(_("Deze overeenkomst is al beëindigd."))
    if stop_payments:
        stop_direct_debit(agreement)
    if reason != EndReason.NOT_SIGNED:
        queue_on_commit(send_agreement_ended, agreement.pk)
    return agreement


def is_in_last_year(agreement, on: datetime.date):
    """Whether `on` falls in the agreement's last year (the time to invite the donor to renew)."""
    if not agreement.duration_years or agreement.has_ended:
        return False
    if agreement.is_direct_debit:
        if agreement.first_paid_on is None:
            return False
        return on >= years_after(agreement.first_paid_on, agreement.duration_years - 1)
    return on.year >= agreement.last_year
