"""AVG: erasing the person behind a partnership request, on request or two calendar years after a closed request's
last activity. The request keeps its kind, interest, budget, status, owner and dates, so the pipeline still counts
it; name, e-mail, organisation, phone, message and notes go, here and in its audit-log entries."""

from django.db import transaction
from django.db.models import Q

from core.privacy import REDACTED, redact_log_entries, start_of_retention

from .models import PartnershipRequest, RequestStatus

# A closed request (partner or declined) is kept through 31 December of the second year after its last activity.
RETENTION_YEARS = 2
CLOSED_STATUSES = (RequestStatus.PARTNER, RequestStatus.DECLINED)
ERASED_EMAIL_DOMAIN = "invalid"


def erased_email(partnership):
    return f"verwijderd-{partnership.pk}@{ERASED_EMAIL_DOMAIN}"


def is_erased(partnership):
    return partnership.email == erased_email(partnership)


def erase_partnership_request(partnership):
    """Remove the request's personal fields; what kind of partnership it was about stays."""
    with transaction.atomic():
        locked = PartnershipRequest.objects.select_for_update().get(pk=partnership.pk)
        PartnershipRequest.objects.filter(pk=partnership.pk).update(
            contact_name=REDACTED,
            email=erased_email(partnership),
            organisation="",
            phone="",
            message="",
            notes="",
            consent_to_contact=False,
        )
        # The label is the request as text: the organisation and the person's name.
        personal = [locked.contact_name, locked.email, locked.organisation, locked.phone]
        redact_log_entries(PartnershipRequest.objects.filter(pk=partnership.pk), personal, label=REDACTED)
    partnership.refresh_from_db()
    return partnership


def expired_partnership_requests(now=None):
    """Closed requests not yet erased whose last activity (received, contact, conversation, any change) was before
    the retention period."""
    cutoff = start_of_retention(RETENTION_YEARS, now)
    return (
        PartnershipRequest.objects.filter(status__in=CLOSED_STATUSES, created_at__lt=cutoff, updated_at__lt=cutoff)
        .exclude(Q(contacted_at__gte=cutoff) | Q(conversation_logged_at__gte=cutoff))
        .exclude(email__endswith=f"@{ERASED_EMAIL_DOMAIN}")
    )
