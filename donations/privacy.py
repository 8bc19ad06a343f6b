"""AVG: erasing a donor's personal data while the financial records stay for the 7 years the tax rules require.

Donations keep amount, date, campaign, Stripe payment ids and receipt number; the donor row keeps only its id so
those records still add up per donor. The Stripe customer id goes too: refunds work from the payment intent on the
donation, and the customer record at Stripe, which holds the name and e-mail this erasure is meant to remove, is
deleted. The stored Stripe events about the donor and the audit-log entries of their records lose the name, e-mail,
address and phone number; amounts, dates, ids and statuses stay.
"""

import json
import logging
from functools import partial

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, TextField
from django.db.models.functions import Cast, Coalesce
from django.db.models.signals import pre_save
from django.dispatch import receiver

from core.privacy import REDACTED, personal_value_pattern, redact_log_entries, start_of_retention

from . import recent_gifts, stripe_gateway
from .models import ENDED_RECURRING_STATUSES, Donation, Donor, RecurringDonation, StripeEvent

logger = logging.getLogger(__name__)

# Gifts are kept 7 years counted from the end of the calendar year they were made in.
RETENTION_YEARS = 7
ERASED_EMAIL_DOMAIN = "invalid"

# Stripe fields that name, reach or locate a person, wherever they appear in an event.
PERSONAL_STRIPE_FIELDS = {
    "address",
    "billing_address",
    "customer_address",
    "customer_email",
    "customer_email_address",
    "customer_name",
    "customer_phone",
    "customer_purchase_ip",
    "customer_shipping",
    "email",
    "individual_name",
    "phone",
    "receipt_email",
    "shipping",
    "shipping_address",
    "shipping_details",
    "verified_name",
}
# Objects that describe one person; in these (and in a customer) the name and description are personal too.
PERSON_STRIPE_FIELDS = {"billing_details", "customer_details", "owner"}
PERSON_NAME_FIELDS = {"name", "business_name", "description"}


class DonorStillGiving(Exception):
    """A donor with a running recurring gift cannot be erased: Stripe would keep collecting from an unknown person."""


def erased_email(donor):
    return f"verwijderd-{donor.pk}@{ERASED_EMAIL_DOMAIN}"


def is_erased(donor):
    return donor.email == erased_email(donor)


# Other apps' records about a donor (the periodieke-gift agreements): registered in their AppConfig.ready().
_DONOR_RECORDS = []


def register_donor_records(key, label, records_of, still_running=None):
    """Include `records_of(donor)` (dicts) in access requests under `key`/`label`; `still_running(donor)` True
    refuses an erasure, like a running recurring gift does."""
    _DONOR_RECORDS.append((key, label, records_of, still_running))


def erase_donor(donor):
    """Remove the donor's personal fields, here and at Stripe; their gifts stay as they are."""
    running = donor.recurring_donations.exclude(status__in=ENDED_RECURRING_STATUSES)
    if running.exists() or any(still_running and still_running(donor) for *_, still_running in _DONOR_RECORDS):
        raise DonorStillGiving(donor.pk)
    with transaction.atomic():
        locked = Donor.objects.select_for_update().get(pk=donor.pk)
        Donor.objects.filter(pk=donor.pk).update(
            email=erased_email(donor),
            name="",
            newsletter_opt_in=False,
            newsletter_opt_in_at=None,
            newsletter_opt_out_at=None,
            stripe_customer_id=None,
        )
        # The first name shown with a gift on the campaign page goes with the rest; the gifts then read "Anoniem".
        erased_names = Donation.objects.filter(donor=donor).exclude(public_name="")
        translation_keys = set(erased_names.values_list("campaign__translation_key", flat=True))
        erased_names.update(public_name="")
        for translation_key in translation_keys:
            transaction.on_commit(partial(recent_gifts.refresh, translation_key))
        redact_stripe_events(locked.stripe_customer_id, locked.email, locked.name)
        personal = [locked.email, locked.name]
        redact_log_entries(Donor.objects.filter(pk=donor.pk), personal, label=REDACTED)
        redact_log_entries(Donation.objects.filter(donor=donor), personal)
        redact_log_entries(RecurringDonation.objects.filter(donor=donor), personal)
        if locked.stripe_customer_id:
            # Only once the erasure is committed: a rolled-back erasure must leave the customer at Stripe.
            transaction.on_commit(partial(delete_customer_soon, locked.stripe_customer_id))
    donor.refresh_from_db()
    return donor


def inactive_donors(now=None):
    """Donors not yet erased with no gift in the retention period and no running recurring gift.

    A gift in year Y keeps its donor through 31 December of Y+7.
    """
    cutoff = start_of_retention(RETENTION_YEARS, now)
    # A paid gift dates from its payment (as its receipt does), any other from when it was started.
    recent_gift = Donation.objects.annotate(gift_date=Coalesce("paid_at", "created_at")).filter(
        donor=OuterRef("pk"), gift_date__gte=cutoff
    )
    running_gift = RecurringDonation.objects.filter(donor=OuterRef("pk")).exclude(status__in=ENDED_RECURRING_STATUSES)
    return (
        Donor.objects.filter(created_at__lt=cutoff)
        .exclude(Exists(recent_gift))
        .exclude(Exists(running_gift))
        .exclude(email__endswith=f"@{ERASED_EMAIL_DOMAIN}")
    )


def redact_stripe_events(customer_id, email, name=""):
    """Remove the personal data from the stored Stripe events about this customer or e-mail address."""
    needles = {customer_id, email, json.dumps(email or "")[1:-1]} - {None, ""}  # SQLite stores non-ASCII escaped
    if not needles:
        return 0
    # The database narrows the events down by their text; a JSON lookup would look in one key only.
    mentions = Q()
    for needle in needles:
        mentions |= Q(payload_text__icontains=needle)
    candidates = StripeEvent.objects.annotate(payload_text=Cast("payload", TextField())).filter(mentions).order_by()
    email_pattern = personal_value_pattern([email])
    name_key = (name or "").strip().casefold()

    def about_donor(text):
        return text == customer_id or bool(email_pattern and email_pattern.search(text))

    def personal(text):
        # The e-mail anywhere (metadata, a description); the name as a whole value only.
        return bool(email_pattern and email_pattern.search(text)) or bool(
            name_key and text.strip().casefold() == name_key
        )

    changed = []
    for event in candidates.only("pk", "payload").iterator(chunk_size=200):
        # The text also matches longer ids and other addresses (cus_12 for cus_1, joanna@ for anna@): check values.
        if not _mentions(event.payload, about_donor):
            continue
        redacted = redacted_stripe_event(event.payload, personal)
        if redacted != event.payload:
            event.payload = redacted
            changed.append(event)
    StripeEvent.objects.bulk_update(changed, ["payload"], batch_size=200)
    return len(changed)


def _mentions(value, wanted):
    if isinstance(value, dict):
        return any(_mentions(item, wanted) for item in value.values())
    if isinstance(value, list):
        return any(_mentions(item, wanted) for item in value)
    return isinstance(value, str) and wanted(value)


def redacted_stripe_event(payload, personal=lambda text: False):
    """A copy of a Stripe event without personal fields, nor strings `personal` picks (the e-mail in metadata)."""
    redacted = _redacted(payload, personal)
    data = payload.get("data")
    if (
        isinstance(data, dict)
        and isinstance(data.get("previous_attributes"), dict)
        and _is_customer(data.get("object"))
    ):
        # What a customer.updated changed is customer fields too: the old name, the old e-mail.
        redacted["data"]["previous_attributes"] = _redacted(data["previous_attributes"], personal, person=True)
    return redacted


def _is_customer(value):
    return isinstance(value, dict) and value.get("object") == "customer"


def _redacted(value, personal, person=False):
    if isinstance(value, dict):
        person = person or _is_customer(value)
        return {key: _redacted_field(key, item, personal, person) for key, item in value.items()}
    if isinstance(value, list):
        return [_redacted(item, personal) for item in value]
    if isinstance(value, str) and personal(value):
        return REDACTED
    return value


def _redacted_field(key, value, personal, person):
    if value in (None, "", [], {}):
        return value  # nothing to hide, and "not given" stays visible
    if key in PERSONAL_STRIPE_FIELDS or (person and key in PERSON_NAME_FIELDS):
        return REDACTED if isinstance(value, str) else None
    return _redacted(value, personal, person=key in PERSON_STRIPE_FIELDS)


@receiver(pre_save, sender=StripeEvent, dispatch_uid="stripe_event_customer_deleted_without_personal_data")
def store_deleted_customers_without_personal_data(sender, instance, **kwargs):
    """customer.deleted carries the customer as it was; it arrives after the erasure that deleted it, when nothing
    is left to match it by. The site has no use for a deleted customer's details, so they are never stored."""
    if instance._state.adding and instance.type == "customer.deleted" and isinstance(instance.payload, dict):
        instance.payload = redacted_stripe_event(instance.payload)


DONOR_FIELDS = [
    "id",
    "email",
    "name",
    "language",
    "newsletter_opt_in",
    "newsletter_opt_in_at",
    "newsletter_opt_out_at",
    "created_at",
]
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
    "public_name",
    "monthly_offer",
    "receipt_number",
]
RECURRING_FIELDS = ["id", "created_at", "campaign__title", "amount_cents", "frequency", "status", "canceled_at"]


def donor_data(donor):
    """Everything stored about one donor, for an access request: the donor, their gifts and recurring gifts."""
    data = {
        "donor": Donor.objects.filter(pk=donor.pk).values(*DONOR_FIELDS).get(),
        "donations": list(donor.donations.order_by("created_at").values(*DONATION_FIELDS)),
        "recurring_donations": list(donor.recurring_donations.order_by("created_at").values(*RECURRING_FIELDS)),
    }
    for key, _label, records_of, _still_running in _DONOR_RECORDS:
        data[key] = list(records_of(donor))
    return data


def donor_data_rows(donor):
    """The same data as one table: a row per record, with its kind first, for a CSV download."""
    data = donor_data(donor)
    yield ["soort", "veld", "waarde"]
    for field, value in data["donor"].items():
        yield ["donateur", field, value]
    kinds = [("donatie", data["donations"]), ("terugkerende gift", data["recurring_donations"])]
    kinds += [(label, data[key]) for key, label, *_ in _DONOR_RECORDS]
    for kind, records in kinds:
        for record in records:
            for field, value in record.items():
                yield [f"{kind} {record['id']}", field, value]


# -- the customer at Stripe: deleted now, or by a task that keeps trying (the id travels only in its argument) --


def delete_customer_at_stripe(customer_id):
    """Delete the customer; one Stripe no longer knows (deleted before, by a retry or by hand) counts as done."""
    try:
        stripe_gateway.delete_customer(customer_id)
    except stripe_gateway.StripeError as error:
        if error.code == "resource_missing":
            return "already deleted"
        raise
    return "deleted"


def delete_customer_soon(customer_id):
    """Delete the customer now if Stripe answers; otherwise queue the task, which retries with backoff."""
    try:
        return delete_customer_at_stripe(customer_id)
    except stripe_gateway.StripeError as error:
        logger.warning("Stripe did not delete customer %s now (%s); the deletion is queued", customer_id, error)
    from .tasks import delete_stripe_customer

    try:
        delete_stripe_customer.delay(customer_id)
    except Exception:  # noqa: BLE001 - the broker is down too: the log is all that is left to act on
        logger.exception("Could not queue the deletion of Stripe customer %s; delete it at Stripe by hand", customer_id)
        return "failed"
    return "queued"
