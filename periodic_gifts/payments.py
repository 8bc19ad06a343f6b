"""The agreement's money: the first payment that starts its Stripe subscription, bank transfers, the stop at the end.

Payments are ordinary donations in the ledger (counted in their campaign, with a receipt), carrying the agreement's
transaction number; Stripe's webhooks record them as for any recurring gift.
"""

import datetime
import logging
import uuid

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from donations import notifications, stripe_gateway
from donations.models import ENDED_RECURRING_STATUSES, Donation, DonationStatus, Frequency, RecurringDonation
from donations.state import transition

from .agreements import StepRefused
from .links import agreement_path
from .models import STRIPE_FREQUENCY, AgreementStatus, PeriodicGiftAgreement

logger = logging.getLogger(__name__)


def may_start_paying(agreement, on=None):
    """Direct debit starts once both have signed, in the agreement's first year or later, and only once."""
    on = on or timezone.localdate()
    return (
        agreement.is_direct_debit
        and agreement.status == AgreementStatus.COUNTERSIGNED
        and agreement.start_year <= on.year
        and not has_payments(agreement)
    )


def has_payments(agreement):
    return Donation.objects.filter(
        agreement_number=agreement.transaction_number, status__in=(DonationStatus.PAID, DonationStatus.REFUNDED)
    ).exists()


def start_first_payment(request, agreement):
    """A Checkout Session for the first payment; Stripe turns it into the subscription. Returns its URL.

    An earlier unfinished session is closed first, so the donor can never start two subscriptions.
    """
    with transaction.atomic():
        agreement = (
            PeriodicGiftAgreement.objects.select_for_update().select_related("campaign", "donor").get(pk=agreement.pk)
        )
        if not may_start_paying(agreement):
            raise StepRefused(_("Voor deze overeenkomst kan nu geen eerste betaling worden gestart."))
        earlier = agreement.first_donation
        if earlier is not None and earlier.status == DonationStatus.PENDING and earlier.stripe_checkout_session_id:
            try:
                stripe_gateway.expire_checkout_session(earlier.stripe_checkout_session_id)
            except stripe_gateway.StripeError as error:
                # A session that cannot be closed was completed: its payment is on its way.
                raise StepRefused(_("Uw eerste betaling is al onderweg; u hoeft niets meer te doen.")) from error
            transition(earlier, DonationStatus.EXPIRED)
        donation = Donation.objects.create(
            campaign=agreement.campaign,
            donor=agreement.donor,
            amount_cents=agreement.instalment_cents,
            frequency=STRIPE_FREQUENCY[agreement.payment_method],
            agreement_number=agreement.transaction_number,
        )
        agreement.first_donation = donation
        agreement.save(update_fields=["first_donation"])
    success_url = request.build_absolute_uri(reverse("donations:thank_you")) + "?session_id={CHECKOUT_SESSION_ID}"
    cancel_url = request.build_absolute_uri(agreement_path(agreement, language=request.LANGUAGE_CODE))
    try:
        session = stripe_gateway.create_checkout_session(
            donation,
            success_url=success_url,
            cancel_url=cancel_url,
            idempotency_key=f"agreement-{agreement.public_id}-{uuid.uuid4()}",
        )
    except stripe_gateway.StripeError:
        logger.exception("Checkout session for agreement %s failed", agreement.transaction_number)
        transition(donation, DonationStatus.FAILED)
        raise
    Donation.objects.filter(pk=donation.pk).update(stripe_checkout_session_id=session.id)
    return session.url


def record_bank_transfer(agreement, amount_cents, paid_on):
    """A yearly payment that arrived by bank transfer, as staff saw it on the bank statement; it gets a receipt."""
    if agreement.is_direct_debit:
        raise StepRefused(_("Deze overeenkomst wordt per incasso betaald; Stripe meldt die betalingen zelf."))
    if agreement.status not in (AgreementStatus.COUNTERSIGNED, AgreementStatus.RUNNING):
        raise StepRefused(_("Betalingen horen bij een ondertekende, lopende overeenkomst."))
    with transaction.atomic():
        donation = Donation.objects.create(
            campaign=agreement.campaign,
            donor=agreement.donor,
            amount_cents=amount_cents,
            frequency=Frequency.YEARLY,
            agreement_number=agreement.transaction_number,
        )
        paid_at = timezone.make_aware(datetime.datetime.combine(paid_on, datetime.time(12)))
        transition(donation, DonationStatus.PAID, paid_at=paid_at)
        notifications.queue_receipt(donation)
    return donation


def subscription_of(agreement):
    return (
        RecurringDonation.objects.filter(agreement_number=agreement.transaction_number)
        .exclude(status__in=ENDED_RECURRING_STATUSES)
        .first()
    )


def stop_direct_debit(agreement):
    """Cancel the agreement's Stripe subscription, if one runs; the subscription.deleted webhook records the stop."""
    recurring = subscription_of(agreement)
    if recurring is None:
        return False
    try:
        stripe_gateway.cancel_subscription(recurring.stripe_subscription_id)
    except stripe_gateway.StripeError as error:
        logger.exception("Stopping the subscription of agreement %s failed", agreement.transaction_number)
        raise StepRefused(_("Stripe kon de incasso nu niet stoppen; probeer het later opnieuw.")) from error
    return True
