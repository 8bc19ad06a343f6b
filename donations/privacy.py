"""AVG: erasing a donor's personal data while the financial records stay for the 7 years the tax rules require.

Donations keep amount, date, campaign, Stripe payment ids and receipt number; the donor row keeps only its id so
those records still add up per donor. The Stripe customer id goes too: refunds work from the payment intent on the
donation, and the customer record at Stripe holds the name and e-mail this erasure is meant to remove.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from .models import ENDED_RECURRING_STATUSES, Donation, Donor, RecurringDonation

RETENTION = timedelta(days=7 * 365)
ERASED_EMAIL_DOMAIN = "invalid"


class DonorStillGiving(Exception):
    """A donor with a running recurring gift cannot be erased: Stripe would keep collecting from an unknown person."""


def erased_email(donor):
    return f"verwijderd-{donor.pk}@{ERASED_EMAIL_DOMAIN}"


def is_erased(donor):
    return donor.email == erased_email(donor)


def erase_donor(donor):
    """Remove the donor's personal fields; their gifts stay as they are."""
    running = donor.recurring_donations.exclude(status__in=ENDED_RECURRING_STATUSES)
    if running.exists():
        raise DonorStillGiving(donor.pk)
    with transaction.atomic():
        Donor.objects.filter(pk=donor.pk).update(
            email=erased_email(donor),
            name="",
            newsletter_opt_in=False,
            newsletter_opt_in_at=None,
            stripe_customer_id=None,
        )
    donor.refresh_from_db()
    return donor


def inactive_donors(now=None):
    """Donors not yet erased with no gift and no running recurring gift within the retention period."""
    cutoff = (now or timezone.now()) - RETENTION
    recent_gift = Donation.objects.filter(donor=OuterRef("pk"), created_at__gte=cutoff)
    running_gift = RecurringDonation.objects.filter(donor=OuterRef("pk")).exclude(status__in=ENDED_RECURRING_STATUSES)
    return (
        Donor.objects.filter(created_at__lt=cutoff)
        .exclude(Exists(recent_gift))
        .exclude(Exists(running_gift))
        .exclude(email__endswith=f"@{ERASED_EMAIL_DOMAIN}")
    )


DONOR_FIELDS = ["id", "email", "name", "newsletter_opt_in", "newsletter_opt_in_at", "created_at"]
DONATION_FIELDS = [
    "id",
    "created_at",
    "paid_at",
    "campaign__title",
    "amount_cents",
    "fee_cents",
    "refunded_cents",
    "frequency",
    "status",
    "anonymous",
    "receipt_number",
]
RECURRING_FIELDS = ["id", "created_at", "campaign__title", "amount_cents", "frequency", "status", "canceled_at"]


def donor_data(donor):
    """Everything stored about one donor, for an access request: the donor, their gifts and recurring gifts."""
    return {
        "donor": Donor.objects.filter(pk=donor.pk).values(*DONOR_FIELDS).get(),
        "donations": list(donor.donations.order_by("created_at").values(*DONATION_FIELDS)),
        "recurring_donations": list(donor.recurring_donations.order_by("created_at").values(*RECURRING_FIELDS)),
    }


def donor_data_rows(donor):
    """The same data as one table: a row per record, with its kind first, for a CSV download."""
    data = donor_data(donor)
    yield ["soort", "veld", "waarde"]
    for field, value in data["donor"].items():
        yield ["donateur", field, value]
    for kind, records in (("donatie", data["donations"]), ("periodieke gift", data["recurring_donations"])):
        for record in records:
            for field, value in record.items():
                yield [f"{kind} {record['id']}", field, value]
