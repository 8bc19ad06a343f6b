"""One small handler per Stripe event type, and the table that dispatches to them.

Each handler runs inside the transaction that marks its event processed, locks the rows it changes, and moves
donations only through the state machine. Follow-up work (receipts, e-mails) is queued on commit.

A handler never returns without its effect: it applies the event, or raises `NotInLedgerYet` (the gift, recurring
gift or charge it is about is not known yet; the event waits and is applied when it is), `NotOurs` (an object this
site never made) or `MalformedEvent` (a shape no Stripe event has).
"""

import logging
import uuid

from django.db import transaction

from . import notifications, stripe_gateway
from .models import Donation, DonationStatus, Donor, EndReason, PaymentMethod, RecurringDonation, RecurringStatus
from .state import CHARGE_SETTLED, DISPUTE_WON, INVOICE_RETRY_PAID, MONEY_RECEIVED, recurring_transition, transition

logger = logging.getLogger(__name__)


class NotInLedgerYet(Exception):
    """The event is about a Stripe object (`waiting_for`) that no row of ours refers to yet."""

    def __init__(self, waiting_for):
        super().__init__(f"waiting for {waiting_for}")
        self.waiting_for = waiting_for


class NotOurs(Exception):
    """The event is about something this site did not make (a payment from another system on the account)."""


class MalformedEvent(Exception):
    """A correctly signed event whose object lacks what every event of its type has."""


# -- reading event objects -----------------------------------------------------------------------------------------


def _text(obj, key, required=False):
    value = obj.get(key)
    if value is None or value == "":
        if required:
            raise MalformedEvent(f"{key} is missing")
        return None
    if not isinstance(value, str):
        raise MalformedEvent(f"{key} is not a string")
    return value


def _metadata(obj):
    metadata = obj.get("metadata") or {}
    if not isinstance(metadata, dict):
        raise MalformedEvent("metadata is not an object")
    return metadata


def _cents(obj, key):
    value = obj.get(key) or 0
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise MalformedEvent(f"{key} is not an amount in cents")
    return value


# -- finding our rows ----------------------------------------------------------------------------------------------


def _locked_donation(**lookup):
    return Donation.objects.select_for_update().filter(**lookup).first()


def _donation_by_public_id(value):
    """The donation a `donation_id` in Stripe metadata names; None for a value that is no id of ours."""
    try:
        public_id = uuid.UUID(str(value))
    except ValueError:
        return None
    return _locked_donation(public_id=public_id)


def _donation_for_session(session):
    session_id = _text(session, "id", required=True)
    public_id = _metadata(session).get("donation_id")
    donation = (_donation_by_public_id(public_id) if public_id else None) or _locked_donation(
        stripe_checkout_session_id=session_id
    )
    if donation is None:
        # Every session of ours names a donation that was committed before the session was made.
        raise NotOurs(f"checkout session {session_id} belongs to no donation here")
    return donation


def _remember_customer(donor_id, customer_id):
    if customer_id and not Donor.objects.filter(stripe_customer_id=customer_id).exists():
        Donor.objects.filter(pk=donor_id, stripe_customer_id__isnull=True).update(stripe_customer_id=customer_id)


def _missing_ids(donation, ids):
    return {name: value for name, value in ids.items() if value and not getattr(donation, name)}


def _remember_stripe_ids(donation, **ids):
    """Store Stripe ids the donation does not have yet, whatever its status: refunds are matched through them."""
    missing = _missing_ids(donation, ids)
    if missing:
        for name, value in missing.items():
            setattr(donation, name, value)
        donation.save(update_fields=[*missing, "updated_at"])


def _subscription_details(invoice):
    details = (invoice.get("parent") or {}).get("subscription_details") or {}
    subscription_id = details.get("subscription") or invoice.get("subscription")
    if subscription_id is not None and not isinstance(subscription_id, str):
        raise MalformedEvent("subscription is not an id")
    return subscription_id, _metadata(details)


def _invoice_payment_intent(invoice):
    for payment in (invoice.get("payments") or {}).get("data", []):
        intent = (payment.get("payment") or {}).get("payment_intent")
        if intent:
            return intent
    return invoice.get("payment_intent")


def _ensure_recurring(subscription_id, initial_donation):
    """The RecurringDonation for a subscription, created from its first donation whichever event comes first."""
    recurring = RecurringDonation.objects.select_for_update().filter(stripe_subscription_id=subscription_id).first()
    if recurring is None:
        recurring = RecurringDonation.objects.create(
            donor_id=initial_donation.donor_id,
            campaign_id=initial_donation.campaign_id,
            amount_cents=initial_donation.amount_cents,
            frequency=initial_donation.frequency,
            stripe_subscription_id=subscription_id,
            agreement_number=initial_donation.agreement_number,
            # A gift starts with its first successful payment (a SEPA debit takes days).
            status=RecurringStatus.ACTIVE
            if initial_donation.status == DonationStatus.PAID
            else RecurringStatus.INCOMPLETE,
        )
    if initial_donation.recurring_id is None:
        initial_donation.recurring = recurring
        initial_donation.save(update_fields=["recurring", "updated_at"])
    return recurring


def _recurring_for_subscription(subscription_id, metadata):
    """The recurring gift and its first donation (found through the subscription's metadata).

    Raises NotInLedgerYet when neither the metadata nor an earlier event tells which gift it is yet.
    """
    public_id = metadata.get("donation_id")
    initial = _donation_by_public_id(public_id) if public_id else None
    if initial is not None:
        return _ensure_recurring(subscription_id, initial), initial
    recurring = RecurringDonation.objects.select_for_update().filter(stripe_subscription_id=subscription_id).first()
    if recurring is not None:
        return recurring, None
    if public_id:
        raise NotOurs(f"subscription {subscription_id} names a donation that is not here")
    raise NotInLedgerYet(subscription_id)


def _move(donation, target, cause=None, **fields):
    """A state-machine move; a gift that becomes paid gets its receipt (once: the task skips a sent one)."""
    moved = transition(donation, target, cause=cause, **fields)
    if moved and target == DonationStatus.PAID and donation.receipt_sent_at is None:
        notifications.queue_receipt(donation)
    return moved


def _mark_paid(donation, cause=None, **stripe_ids):
    """Mark the donation paid (once) and keep the Stripe ids it lacks, in a single save; True if it became paid."""
    if _move(donation, DonationStatus.PAID, cause=cause, **_missing_ids(donation, stripe_ids)):
        return True
    _remember_stripe_ids(donation, **stripe_ids)
    return False


def _start_recurring_of(donation):
    """A paid first payment starts its recurring gift (whichever of the session and invoice events came first)."""
    if donation.recurring_id:
        recurring = RecurringDonation.objects.select_for_update().get(pk=donation.recurring_id)
        recurring_transition(recurring, RecurringStatus.ACTIVE)


# -- checkout sessions ---------------------------------------------------------------------------------------------


def checkout_session_completed(session):
    donation = _donation_for_session(session)
    _remember_customer(donation.donor_id, _text(session, "customer"))
    subscription_id = _text(session, "subscription")
    if session.get("mode") == "subscription" and subscription_id:
        _ensure_recurring(subscription_id, donation)
    payment_intent = _text(session, "payment_intent")
    # SEPA and other delayed methods complete with payment_status "unpaid": the money follows later.
    if session.get("payment_status") == "paid":
        _mark_paid(donation, stripe_payment_intent_id=payment_intent)
        if donation.status == DonationStatus.PAID:
            _start_recurring_of(donation)
    else:
        _remember_stripe_ids(donation, stripe_payment_intent_id=payment_intent)


def checkout_session_async_payment_succeeded(session):
    donation = _donation_for_session(session)
    _mark_paid(donation, stripe_payment_intent_id=_text(session, "payment_intent"))
    if donation.status == DonationStatus.PAID:
        _start_recurring_of(donation)


def checkout_session_async_payment_failed(session):
    donation = _donation_for_session(session)
    _remember_stripe_ids(donation, stripe_payment_intent_id=_text(session, "payment_intent"))
    transition(donation, DonationStatus.FAILED)


def checkout_session_expired(session):
    transition(_donation_for_session(session), DonationStatus.EXPIRED)


# -- invoices (recurring gifts) ------------------------------------------------------------------------------------


def _recurring_for_invoice(invoice):
    subscription_id, metadata = _subscription_details(invoice)
    if not subscription_id:
        raise NotOurs(f"invoice {invoice.get('id')} belongs to no subscription")
    return _recurring_for_subscription(subscription_id, metadata)


def _gift_and_fee(invoice):
    """Split what an invoice collected: its first line is the gift, a second one the costs the donor covers."""
    paid = _cents(invoice, "amount_paid")
    lines = (invoice.get("lines") or {}).get("data") or []
    gift = min(paid, _cents(lines[0], "amount")) if lines else paid
    return gift, paid - gift


def _donation_for_paid_invoice(invoice, recurring, initial):
    donation = _locked_donation(stripe_invoice_id=_text(invoice, "id", required=True))
    if donation is not None:
        return donation
    if _is_first_invoice(invoice) and initial is not None and initial.stripe_invoice_id is None:
        return initial
    # A later period: its own donation, so every euro is counted once, in the period it was paid.
    gift, fee = _gift_and_fee(invoice)
    return Donation.objects.create(
        campaign_id=recurring.campaign_id,
        donor_id=recurring.donor_id,
        recurring=recurring,
        amount_cents=gift,
        fee_cents=fee,
        cover_fees=fee > 0,
        anonymous=initial.anonymous if initial else False,
        frequency=recurring.frequency,
        agreement_number=recurring.agreement_number,
        stripe_invoice_id=invoice["id"],
    )


def _is_first_invoice(invoice):
    return invoice.get("billing_reason") == "subscription_create"


def invoice_paid(invoice):
    _text(invoice, "id", required=True)
    recurring, initial = _recurring_for_invoice(invoice)
    donation = _donation_for_paid_invoice(invoice, recurring, initial)
    # An invoice stays open after a failed payment: Stripe may collect it on a retry, and then it is paid after all.
    _mark_paid(
        donation,
        cause=INVOICE_RETRY_PAID,
        stripe_invoice_id=invoice["id"],
        stripe_payment_intent_id=_invoice_payment_intent(invoice),
    )
    recurring_transition(recurring, RecurringStatus.ACTIVE)


def _ever_paid(recurring):
    return recurring.donations.filter(status__in=MONEY_RECEIVED).exists()


def invoice_payment_failed(invoice):
    invoice_id = _text(invoice, "id", required=True)
    recurring, initial = _recurring_for_invoice(invoice)
    if Donation.objects.filter(stripe_invoice_id=invoice_id, status__in=MONEY_RECEIVED).exists():
        return  # a late notice of an attempt that a retry has since paid
    if _is_first_invoice(invoice) and initial is not None:
        transition(initial, DonationStatus.FAILED)
    if _is_first_invoice(invoice) and not _ever_paid(recurring):
        # The first payment failed: the gift has not started, so nothing is past due.
        recurring_transition(recurring, RecurringStatus.FAILED)
    elif recurring.status == RecurringStatus.ACTIVE:
        recurring_transition(recurring, RecurringStatus.PAST_DUE)
    notifications.queue_payment_failed(recurring, invoice_id)


# -- subscriptions -------------------------------------------------------------------------------------------------

SUBSCRIPTION_STATUSES = {
    "active": RecurringStatus.ACTIVE,
    "trialing": RecurringStatus.ACTIVE,
    "past_due": RecurringStatus.PAST_DUE,
    "unpaid": RecurringStatus.PAST_DUE,
    "canceled": RecurringStatus.CANCELED,
    "incomplete_expired": RecurringStatus.EXPIRED,
}


def _end_reason(subscription):
    """Why Stripe ended the subscription, and for a requested stop, who asked (our own cancel requests say so)."""
    # Item access only: this may be a webhook's dict or the client's object re-read from Stripe (which has no .get).
    details = (subscription["cancellation_details"] if "cancellation_details" in subscription else None) or {}
    reason = details["reason"] if "reason" in details else None
    if reason == "payment_failed":
        return EndReason.PAYMENT_FAILED
    if reason == "payment_disputed":
        return EndReason.PAYMENT_DISPUTED
    if "comment" in details and details["comment"] == stripe_gateway.STOPPED_BY_STAFF:
        return EndReason.STAFF
    return EndReason.DONOR  # in mijn donaties, Stripe's customer portal, or by asking us


def _stop(recurring, reason=EndReason.DONOR):
    if recurring_transition(recurring, RecurringStatus.CANCELED, end_reason=reason):
        # The direct debit of a periodieke gift stops with its agreement, which sends the donor its own mail.
        if not recurring.agreement_number:
            notifications.queue_recurring_stopped(recurring)


def _expire(recurring):
    """The first payment never succeeded and Stripe gave up: the gift ends without a "gift stopped" e-mail."""
    recurring_transition(recurring, RecurringStatus.EXPIRED, end_reason=EndReason.FIRST_PAYMENT_FAILED)


def customer_subscription_updated(subscription):
    subscription_id = _text(subscription, "id", required=True)
    recurring, _initial = _recurring_for_subscription(subscription_id, _metadata(subscription))
    if recurring.has_ended:
        return  # an ended gift stays ended, whatever order the events come in
    # Update events arrive late and out of order, each with the state of its moment: ask Stripe for the state now.
    current = stripe_gateway.retrieve_subscription(subscription_id)
    status = SUBSCRIPTION_STATUSES.get(current["status"], recurring.status)
    if status == RecurringStatus.CANCELED:
        _stop(recurring, _end_reason(current))
        return
    if status == RecurringStatus.EXPIRED:
        _expire(recurring)
        return
    if status in (RecurringStatus.ACTIVE, RecurringStatus.PAST_DUE) and not _ever_paid(recurring):
        # Stripe may call a subscription active while its first SEPA debit is still on its way, and past due when
        # that debit bounced: until money came in, the gift has not started.
        failed = status == RecurringStatus.PAST_DUE or recurring.status == RecurringStatus.FAILED
        status = RecurringStatus.FAILED if failed else RecurringStatus.INCOMPLETE
    recurring_transition(recurring, status)
    items = current["items"]["data"]
    if items and items[0]["price"]["unit_amount"] and items[0]["price"]["unit_amount"] != recurring.amount_cents:
        recurring.amount_cents = items[0]["price"]["unit_amount"]
        recurring.save(update_fields=["amount_cents"])
    sync_frequency_and_pause(recurring, current)


def sync_frequency_and_pause(recurring, subscription):
    """The frequency and pause the donor chose (in "mijn donaties" or Stripe's portal), as Stripe has them now."""
    changed = []
    items = subscription["items"]["data"]
    interval = items[0]["price"]["recurring"] if items else None
    frequency = stripe_gateway.FREQUENCIES.get(interval["interval"]) if interval else None
    if frequency and interval["interval_count"] == 1 and frequency != recurring.frequency:
        recurring.frequency = frequency
        changed.append("frequency")
    paused, paused_until = stripe_gateway.pause_of(subscription)
    without_end = paused and paused_until is None
    if paused_until != recurring.paused_until:
        recurring.paused_until = paused_until
        changed.append("paused_until")
    if without_end != recurring.paused_without_end:
        recurring.paused_without_end = without_end
        changed.append("paused_without_end")
    if changed:
        recurring.save(update_fields=changed)


def customer_subscription_deleted(subscription):
    subscription_id = _text(subscription, "id", required=True)
    recurring, _initial = _recurring_for_subscription(subscription_id, _metadata(subscription))
    if recurring.has_ended:
        return
    if subscription.get("status") == "incomplete_expired":
        _expire(recurring)
    else:
        _stop(recurring, _end_reason(subscription))


def record_cancellation(subscription):
    """Stripe's answer to our own cancel request, recorded at once so the donor and staff see the gift stopped.

    The customer.subscription.deleted webhook that follows finds the gift ended and changes nothing.
    """
    with transaction.atomic():
        customer_subscription_deleted(subscription)


# -- charges -------------------------------------------------------------------------------------------------------


def _donation_for_payment(payment_intent_id, charge_id, metadata):
    """The donation a charge or dispute is about, whether or not its payment event reached us yet.

    Our ids first; then the `donation_id` the payment intent (and the charges it makes) carries, asked from Stripe
    when the event lacks it. A subscription's payments carry no metadata: they are known once their invoice is.
    """
    donation = (_locked_donation(stripe_payment_intent_id=payment_intent_id) if payment_intent_id else None) or (
        _locked_donation(stripe_charge_id=charge_id) if charge_id else None
    )
    if donation is not None:
        return donation
    public_id = metadata.get("donation_id")
    if not public_id and payment_intent_id:
        public_id = _metadata(stripe_gateway.retrieve_payment_intent(payment_intent_id)).get("donation_id")
    if public_id:
        donation = _donation_by_public_id(public_id)
        if donation is None:
            raise NotOurs(f"payment {payment_intent_id or charge_id} names a donation that is not here")
        return donation
    raise NotInLedgerYet(payment_intent_id or charge_id)


def charge_succeeded(charge):
    """How the gift was paid (iDEAL, card, SEPA…), and its charge id, which refunds, disputes and payouts name."""
    charge_id = _text(charge, "id", required=True)
    payment_intent_id = _text(charge, "payment_intent")
    donation = _donation_for_payment(payment_intent_id, charge_id, _metadata(charge))
    _remember_stripe_ids(donation, stripe_payment_intent_id=payment_intent_id, stripe_charge_id=charge_id)
    method_type = (charge.get("payment_method_details") or {}).get("type")
    method = method_type if method_type in PaymentMethod.values else PaymentMethod.OTHER
    if donation.payment_method != method:
        donation.payment_method = method
        donation.save(update_fields=["payment_method", "updated_at"])


def charge_refunded(charge):
    charge_id = _text(charge, "id", required=True)
    payment_intent_id = _text(charge, "payment_intent")
    # Stripe's running total of what went back, not a sum of deliveries: late and repeated events change nothing.
    amount_refunded = _cents(charge, "amount_refunded")
    donation = _donation_for_payment(payment_intent_id, charge_id, _metadata(charge))
    _remember_stripe_ids(donation, stripe_payment_intent_id=payment_intent_id, stripe_charge_id=charge_id)
    refunded = min(amount_refunded, donation.total_cents)
    if refunded <= donation.refunded_cents:
        return
    # The donor hears of each rise of the running total once (the task compares it with what they were told).
    notifications.queue_refund_notice(donation)
    if refunded == donation.total_cents:
        if _move(donation, DonationStatus.REFUNDED, cause=CHARGE_SETTLED, refunded_cents=refunded):
            return
    elif donation.status in (DonationStatus.PENDING, DonationStatus.FAILED):
        # A partial refund of a charge whose payment event has not reached us: the rest of the gift was paid.
        _move(donation, DonationStatus.PAID, cause=CHARGE_SETTLED)
    donation.refunded_cents = refunded
    donation.save(update_fields=["refunded_cents", "updated_at"])


# A closed dispute that left us the money: won, or an inquiry ("warning") closed without a chargeback.
DISPUTE_KEPT = ("won", "warning_closed")
DISPUTE_CLOSED = (*DISPUTE_KEPT, "lost")


def _donation_for_dispute(dispute):
    charge_id = _text(dispute, "charge")
    payment_intent_id = _text(dispute, "payment_intent")
    if not payment_intent_id and charge_id:
        payment_intent_id = _text(stripe_gateway.retrieve_charge(charge_id), "payment_intent")
    donation = _donation_for_payment(payment_intent_id, charge_id, {})
    _remember_stripe_ids(donation, stripe_payment_intent_id=payment_intent_id, stripe_charge_id=charge_id)
    return donation


def _remember_dispute(donation, dispute):
    donation.stripe_dispute_id = dispute["id"]
    donation.dispute_status = _text(dispute, "status") or ""
    donation.save(update_fields=["stripe_dispute_id", "dispute_status", "updated_at"])


def charge_dispute_created(dispute):
    _text(dispute, "id", required=True)
    donation = _donation_for_dispute(dispute)
    if donation.stripe_dispute_id == dispute["id"] and donation.dispute_status in DISPUTE_CLOSED:
        return  # arrived after the dispute's close: the close decided
    _move(donation, DonationStatus.DISPUTED, cause=CHARGE_SETTLED)
    _remember_dispute(donation, dispute)


def charge_dispute_closed(dispute):
    """Won (or an inquiry closed): the gift is paid and counted again. Lost: it stays out of the total."""
    _text(dispute, "id", required=True)
    if dispute.get("status") not in DISPUTE_CLOSED:
        raise MalformedEvent("a closed dispute without a closing status")
    donation = _donation_for_dispute(dispute)
    if donation.stripe_dispute_id and donation.stripe_dispute_id != dispute["id"]:
        return  # not the dispute this donation was taken out for
    if donation.dispute_status in DISPUTE_CLOSED:
        return  # closed before: a repeated or replayed close changes nothing
    if dispute["status"] in DISPUTE_KEPT:
        _move(donation, DonationStatus.PAID, cause=DISPUTE_WON)
    else:
        _move(donation, DonationStatus.DISPUTED, cause=CHARGE_SETTLED)  # if the dispute's opening never reached us
    _remember_dispute(donation, dispute)


HANDLERS = {
    "checkout.session.completed": checkout_session_completed,
    "checkout.session.async_payment_succeeded": checkout_session_async_payment_succeeded,
    "checkout.session.async_payment_failed": checkout_session_async_payment_failed,
    "checkout.session.expired": checkout_session_expired,
    "invoice.paid": invoice_paid,
    "invoice.payment_failed": invoice_payment_failed,
    "customer.subscription.updated": customer_subscription_updated,
    "customer.subscription.deleted": customer_subscription_deleted,
    "charge.succeeded": charge_succeeded,
    "charge.refunded": charge_refunded,
    "charge.dispute.created": charge_dispute_created,
    "charge.dispute.closed": charge_dispute_closed,
}


def register_handlers(handlers):
    """Another app handles these event types (the reconciliation: payouts); registered from its AppConfig.ready."""
    HANDLERS.update(handlers)
