"""One small handler per Stripe event type, and the table that dispatches to them.

Each handler runs inside the transaction that marks its event processed, locks the rows it changes, and moves
donations only through the state machine. Follow-up work (receipts, e-mails) is queued on commit.
"""

import logging

from django.utils import timezone

from . import notifications, stripe_gateway
from .models import Donation, DonationStatus, Donor, RecurringDonation, RecurringStatus
from .state import DISPUTE_WON, INVOICE_RETRY_PAID, transition

logger = logging.getLogger(__name__)


# -- finding our rows ----------------------------------------------------------------------------------------------


def _locked_donation(**lookup):
    return Donation.objects.select_for_update().filter(**lookup).first()


def _donation_for_session(session):
    public_id = (session.get("metadata") or {}).get("donation_id")
    if public_id:
        donation = _locked_donation(public_id=public_id)
        if donation:
            return donation
    return _locked_donation(stripe_checkout_session_id=session["id"])


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
    return details.get("subscription") or invoice.get("subscription"), details.get("metadata") or {}


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
    """The recurring gift and its first donation (found through the subscription's metadata), if we know them."""
    initial = _locked_donation(public_id=metadata["donation_id"]) if metadata.get("donation_id") else None
    if initial is not None:
        return _ensure_recurring(subscription_id, initial), initial
    recurring = RecurringDonation.objects.select_for_update().filter(stripe_subscription_id=subscription_id).first()
    return recurring, None


def _mark_paid(donation, cause=None, **stripe_ids):
    """Mark the donation paid (once) and keep the Stripe ids it lacks, in a single save; True if it became paid."""
    if transition(donation, DonationStatus.PAID, cause=cause, **_missing_ids(donation, stripe_ids)):
        notifications.queue_receipt(donation)
        return True
    _remember_stripe_ids(donation, **stripe_ids)
    return False


NOT_STARTED = (RecurringStatus.INCOMPLETE, RecurringStatus.FAILED)


def _set_recurring_status(recurring, status, only_from):
    if recurring.status in only_from:
        recurring.status = status
        recurring.save(update_fields=["status"])


def _start_recurring_of(donation):
    """A paid first payment starts its recurring gift (whichever of the session and invoice events came first)."""
    if donation.recurring_id:
        recurring = RecurringDonation.objects.select_for_update().get(pk=donation.recurring_id)
        _set_recurring_status(recurring, RecurringStatus.ACTIVE, only_from=NOT_STARTED)


# -- checkout sessions ---------------------------------------------------------------------------------------------


def checkout_session_completed(session):
    donation = _donation_for_session(session)
    if donation is None:
        logger.warning("checkout.session.completed for unknown session %s", session["id"])
        return
    _remember_customer(donation.donor_id, session.get("customer"))
    if session.get("mode") == "subscription" and session.get("subscription"):
        _ensure_recurring(session["subscription"], donation)
    # SEPA and other delayed methods complete with payment_status "unpaid": the money follows later.
    if session.get("payment_status") == "paid":
        if _mark_paid(donation, stripe_payment_intent_id=session.get("payment_intent")):
            _start_recurring_of(donation)
    else:
        _remember_stripe_ids(donation, stripe_payment_intent_id=session.get("payment_intent"))


def checkout_session_async_payment_succeeded(session):
    donation = _donation_for_session(session)
    if donation and _mark_paid(donation, stripe_payment_intent_id=session.get("payment_intent")):
        _start_recurring_of(donation)


def checkout_session_async_payment_failed(session):
    donation = _donation_for_session(session)
    if donation:
        transition(donation, DonationStatus.FAILED)


def checkout_session_expired(session):
    donation = _donation_for_session(session)
    if donation:
        transition(donation, DonationStatus.EXPIRED)


# -- invoices (recurring gifts) ------------------------------------------------------------------------------------


def _recurring_for_invoice(invoice):
    subscription_id, metadata = _subscription_details(invoice)
    if not subscription_id:
        return None, None
    return _recurring_for_subscription(subscription_id, metadata)


def _gift_and_fee(invoice):
    """Split what an invoice collected: its first line is the gift, a second one the costs the donor covers."""
    paid = invoice["amount_paid"]
    lines = (invoice.get("lines") or {}).get("data") or []
    gift = min(paid, lines[0]["amount"]) if lines else paid
    return gift, paid - gift


def _donation_for_paid_invoice(invoice, recurring, initial):
    donation = _locked_donation(stripe_invoice_id=invoice["id"])
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
        stripe_invoice_id=invoice["id"],
    )


def _is_first_invoice(invoice):
    return invoice.get("billing_reason") == "subscription_create"


def invoice_paid(invoice):
    recurring, initial = _recurring_for_invoice(invoice)
    if recurring is None:
        logger.warning("invoice.paid %s belongs to no known recurring gift", invoice["id"])
        return
    donation = _donation_for_paid_invoice(invoice, recurring, initial)
    # An invoice stays open after a failed payment: Stripe may collect it on a retry, and then it is paid after all.
    _mark_paid(
        donation,
        cause=INVOICE_RETRY_PAID,
        stripe_invoice_id=invoice["id"],
        stripe_payment_intent_id=_invoice_payment_intent(invoice),
    )
    _set_recurring_status(recurring, RecurringStatus.ACTIVE, only_from=(*NOT_STARTED, RecurringStatus.PAST_DUE))


def _ever_paid(recurring):
    return recurring.donations.filter(
        status__in=(DonationStatus.PAID, DonationStatus.REFUNDED, DonationStatus.DISPUTED)
    ).exists()


def invoice_payment_failed(invoice):
    if Donation.objects.filter(stripe_invoice_id=invoice["id"], status=DonationStatus.PAID).exists():
        return  # a late notice of an attempt that a retry has since paid
    recurring, initial = _recurring_for_invoice(invoice)
    if recurring is None:
        return
    if _is_first_invoice(invoice) and initial is not None:
        transition(initial, DonationStatus.FAILED)
    if _is_first_invoice(invoice) and not _ever_paid(recurring):
        # The first payment failed: the gift has not started, so nothing is past due.
        _set_recurring_status(
            recurring, RecurringStatus.FAILED, only_from=(RecurringStatus.INCOMPLETE, RecurringStatus.ACTIVE)
        )
    else:
        _set_recurring_status(recurring, RecurringStatus.PAST_DUE, only_from=(RecurringStatus.ACTIVE,))
    notifications.queue_payment_failed(recurring, invoice["id"])


# -- subscriptions -------------------------------------------------------------------------------------------------

SUBSCRIPTION_STATUSES = {
    "active": RecurringStatus.ACTIVE,
    "trialing": RecurringStatus.ACTIVE,
    "past_due": RecurringStatus.PAST_DUE,
    "unpaid": RecurringStatus.PAST_DUE,
    "canceled": RecurringStatus.CANCELED,
    "incomplete_expired": RecurringStatus.EXPIRED,
}


def _stop(recurring):
    recurring.status = RecurringStatus.CANCELED
    recurring.canceled_at = timezone.now()
    recurring.save(update_fields=["status", "canceled_at"])
    notifications.queue_recurring_stopped(recurring)


def _expire(recurring):
    """The first payment never succeeded and Stripe gave up: the gift ends without a "gift stopped" e-mail."""
    recurring.status = RecurringStatus.EXPIRED
    recurring.canceled_at = timezone.now()
    recurring.save(update_fields=["status", "canceled_at"])


def customer_subscription_updated(subscription):
    recurring, _initial = _recurring_for_subscription(subscription["id"], subscription.get("metadata") or {})
    if recurring is None or recurring.has_ended:
        return  # an ended gift stays ended, whatever order the events come in
    # Update events arrive late and out of order, each with the state of its moment: ask Stripe for the state now.
    current = stripe_gateway.retrieve_subscription(subscription["id"])
    status = SUBSCRIPTION_STATUSES.get(current["status"], recurring.status)
    if status == RecurringStatus.CANCELED:
        _stop(recurring)
        return
    if status == RecurringStatus.EXPIRED:
        _expire(recurring)
        return
    if status in (RecurringStatus.ACTIVE, RecurringStatus.PAST_DUE) and not _ever_paid(recurring):
        # Stripe may call a subscription active while its first SEPA debit is still on its way, and past due when
        # that debit bounced: until money came in, the gift has not started.
        failed = status == RecurringStatus.PAST_DUE or recurring.status == RecurringStatus.FAILED
        status = RecurringStatus.FAILED if failed else RecurringStatus.INCOMPLETE
    items = current["items"]["data"]
    if items and items[0]["price"]["unit_amount"]:
        recurring.amount_cents = items[0]["price"]["unit_amount"]
    recurring.status = status
    recurring.save(update_fields=["amount_cents", "status"])


def customer_subscription_deleted(subscription):
    recurring, _initial = _recurring_for_subscription(subscription["id"], subscription.get("metadata") or {})
    if recurring is None or recurring.has_ended:
        return
    if subscription.get("status") == "incomplete_expired":
        _expire(recurring)
    else:
        _stop(recurring)


# -- charges -------------------------------------------------------------------------------------------------------


def _donation_for_charge(charge):
    if charge.get("payment_intent"):
        donation = _locked_donation(stripe_payment_intent_id=charge["payment_intent"])
        if donation:
            return donation
    return _locked_donation(stripe_charge_id=charge["id"])


def charge_refunded(charge):
    donation = _donation_for_charge(charge)
    if donation is None:
        return
    refunded = min(int(charge.get("amount_refunded") or 0), donation.total_cents)
    if refunded <= donation.refunded_cents:
        return  # an older or repeated refund event
    if refunded == donation.total_cents and transition(donation, DonationStatus.REFUNDED, refunded_cents=refunded):
        return
    # A partial refund: the gift keeps counting for what was kept.
    donation.refunded_cents = refunded
    donation.save(update_fields=["refunded_cents", "updated_at"])


# A closed dispute that left us the money: won, or an inquiry ("warning") closed without a chargeback.
DISPUTE_KEPT = ("won", "warning_closed")
DISPUTE_CLOSED = (*DISPUTE_KEPT, "lost")


def _donation_for_dispute(dispute):
    charge_id = dispute.get("charge")
    donation = (
        _locked_donation(stripe_payment_intent_id=dispute.get("payment_intent"))
        if dispute.get("payment_intent")
        else None
    )
    return donation or (_locked_donation(stripe_charge_id=charge_id) if charge_id else None)


def _remember_dispute(donation, dispute):
    donation.stripe_dispute_id = dispute["id"]
    donation.dispute_status = dispute.get("status") or ""
    donation.save(update_fields=["stripe_dispute_id", "dispute_status", "updated_at"])


def charge_dispute_created(dispute):
    donation = _donation_for_dispute(dispute)
    if donation is None:
        return
    if donation.stripe_dispute_id == dispute["id"] and donation.dispute_status in DISPUTE_CLOSED:
        return  # arrived after the dispute's close: the close decided
    transition(donation, DonationStatus.DISPUTED)
    _remember_dispute(donation, dispute)


def charge_dispute_closed(dispute):
    """Won (or an inquiry closed): the gift is paid and counted again. Lost: it stays out of the total."""
    donation = _donation_for_dispute(dispute)
    if donation is None or dispute.get("status") not in DISPUTE_CLOSED:
        return
    if donation.stripe_dispute_id and donation.stripe_dispute_id != dispute["id"]:
        return  # not the dispute this donation was taken out for
    if donation.dispute_status in DISPUTE_CLOSED:
        return  # closed before: a repeated or replayed close changes nothing
    if dispute["status"] in DISPUTE_KEPT:
        transition(donation, DonationStatus.PAID, cause=DISPUTE_WON)
    else:
        transition(donation, DonationStatus.DISPUTED)  # if the dispute's opening never reached us
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
    "charge.refunded": charge_refunded,
    "charge.dispute.created": charge_dispute_created,
    "charge.dispute.closed": charge_dispute_closed,
}
