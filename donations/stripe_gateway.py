"""The one module that talks to Stripe. Real Stripe and the offline stand-in both sit behind it."""

import datetime
import functools

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from .fees import fee_for

WEBHOOK_TOLERANCE_SECONDS = 300
BALANCE_TRANSACTIONS_PER_PAGE = 100  # Stripe's largest page

INTERVALS = {"monthly": "month", "yearly": "year"}
FREQUENCIES = {interval: frequency for frequency, interval in INTERVALS.items()}
ONE_OFF_METHODS = ["ideal", "card", "bancontact"]
# Recurring gifts: iDEAL or card for the first payment; Stripe continues them as SEPA Direct Debit.
RECURRING_METHODS = ["ideal", "card", "sepa_debit"]
# A periodieke gift (5-year agreement): iDEAL for the first payment, or a SEPA mandate straight away.
AGREEMENT_METHODS = ["ideal", "sepa_debit"]


def _stripe():
    # The client library is imported when a payment, webhook or refund first needs it, not with this module: the
    # admin imports this module at start, and a web process serving pages would carry the library for nothing.
    import stripe

    return stripe


def __getattr__(name):
    # StripeError and SignatureVerificationError, for `except stripe_gateway.StripeError:`; Python evaluates such an
    # `except` only once something was raised.
    if name in ("StripeError", "SignatureVerificationError"):
        return getattr(_stripe(), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.cache
def _client():
    base_addresses = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else {}
    return _stripe().StripeClient(
        api_key=settings.STRIPE_SECRET_KEY, base_addresses=base_addresses, max_network_retries=2
    )


def reset_client():
    """Forget the configured client (tests point it at a fresh stand-in)."""
    _client.cache_clear()


def create_checkout_session(donation, *, success_url, cancel_url, idempotency_key):
    campaign_name = donation.campaign.title
    metadata = {"donation_id": str(donation.public_id), "campaign_id": str(donation.campaign_id)}
    # The checkout page speaks the language of the page the donor gave on (/en/… is English, the rest Dutch).
    language = "en" if translation.get_language() == "en" else "nl"
    gift_name = _("Gift aan Stichting leerKRACHT – %(campaign)s") % {"campaign": campaign_name}
    recurring_methods = RECURRING_METHODS
    if donation.agreement_number:
        metadata["agreement_number"] = donation.agreement_number
        gift_name = _("Periodieke gift %(number)s aan Stichting leerKRACHT – %(campaign)s") % {
            "number": donation.agreement_number,
            "campaign": campaign_name,
        }
        # The agreement promises iDEAL for the first payment and SEPA Direct Debit after it.
        recurring_methods = AGREEMENT_METHODS
    line_items = [_line_item(gift_name, donation.amount_cents, donation)]
    if donation.fee_cents:
        line_items.append(_line_item(_("Bijdrage transactiekosten"), donation.fee_cents, donation))
    params = {
        "line_items": line_items,
        "locale": language,
        "success_url": success_url,
        "cancel_url": cancel_url,
        "client_reference_id": str(donation.public_id),
        "metadata": metadata,
    }
    returning_customer = donation.donor.stripe_customer_id
    if returning_customer:
        params["customer"] = returning_customer
    else:
        params["customer_email"] = donation.donor.email
    if donation.frequency == "once":
        params.update(
            mode="payment",
            payment_method_types=ONE_OFF_METHODS,
            payment_intent_data={"metadata": metadata, "description": campaign_name},
        )
        if not returning_customer:
            # A customer, so that "mijn donaties" can open the customer portal; Stripe refuses this with `customer`.
            params["customer_creation"] = "always"
    else:
        params.update(
            mode="subscription",
            payment_method_types=recurring_methods,
            subscription_data={"metadata": metadata, "description": campaign_name},
        )
    return _client().v1.checkout.sessions.create(params=params, options={"idempotency_key": idempotency_key})


def _line_item(name, cents, donation):
    price_data = {"currency": "eur", "unit_amount": cents, "product_data": {"name": name}}
    if donation.frequency != "once":
        price_data["recurring"] = {"interval": INTERVALS[donation.frequency]}
    return {"price_data": price_data, "quantity": 1}


def retrieve_checkout_session(session_id):
    return _client().v1.checkout.sessions.retrieve(session_id)


def expire_checkout_session(session_id):
    """Close an unfinished Checkout Session, so it can no longer be paid; raises StripeError if it was completed."""
    return _client().v1.checkout.sessions.expire(session_id)


def retrieve_payment_intent(payment_intent_id):
    """The payment intent as a plain dict, shaped like the objects inside webhook events."""
    return _client().v1.payment_intents.retrieve(payment_intent_id).to_dict()


def retrieve_charge(charge_id):
    """The charge as a plain dict, shaped like the objects inside webhook events."""
    return _client().v1.charges.retrieve(charge_id).to_dict()


def retrieve_payout(payout_id):
    """The payout as a plain dict, shaped like the object of payout.paid."""
    return _client().v1.payouts.retrieve(payout_id).to_dict()


def paid_payouts():
    """Every paid payout, newest first, page after page, each as a plain dict."""
    first_page = _client().v1.payouts.list(params={"status": "paid", "limit": 100})
    for payout in first_page.auto_paging_iter():
        yield payout.to_dict()


def payout_balance_transactions(payout_id):
    """Every balance transaction the payout holds (its own `payout` one too), page after page, each as a plain dict
    with its `source` (charge, refund or dispute) expanded, so it can be traced to a gift without a call per row."""
    first_page = _client().v1.balance_transactions.list(
        params={"payout": payout_id, "limit": BALANCE_TRANSACTIONS_PER_PAGE, "expand": ["data.source"]}
    )
    for transaction in first_page.auto_paging_iter():
        yield transaction.to_dict()


def retrieve_subscription(subscription_id):
    return _client().v1.subscriptions.retrieve(subscription_id)


# Who asked us to stop a gift, in the subscription's cancellation comment: the churn report tells them apart.
STOPPED_BY_DONOR = "Gestopt door de donateur via mijn donaties"
STOPPED_BY_STAFF = "Gestopt door een medewerker namens de donateur"


def cancel_subscription(subscription_id, comment=STOPPED_BY_DONOR):
    """The canceled subscription as a plain dict, shaped like the object of customer.subscription.deleted."""
    params = {"cancellation_details": {"comment": comment}}
    return _client().v1.subscriptions.cancel(subscription_id, params=params).to_dict()


def change_subscription_amount(subscription_id, amount_cents):
    """Bill `amount_cents` per period from the next period on; covered transaction costs follow the new amount."""
    subscription = retrieve_subscription(subscription_id)
    gift_item, *fee_items = subscription["items"]["data"]
    new_amounts = [(gift_item, amount_cents)] + [(item, fee_for(amount_cents)) for item in fee_items]
    return _client().v1.subscriptions.update(
        subscription_id,
        params={
            "items": [
                {"id": item["id"], "price_data": _price_data_like(item["price"], cents)} for item, cents in new_amounts
            ],
            "proration_behavior": "none",
        },
    )


def change_subscription_frequency(subscription_id, frequency):
    """Bill the same amounts monthly or yearly ("monthly"/"yearly"), from the next period on.

    Stripe starts a new billing cycle, and bills it at once, when the interval changes; a trial until the end of the
    period the donor already paid for moves that first bill of the new interval to where the next one was due.
    """
    subscription = retrieve_subscription(subscription_id)
    interval = {"interval": INTERVALS[frequency], "interval_count": 1}
    paid_until = subscription["items"]["data"][0]["current_period_end"]
    return _client().v1.subscriptions.update(
        subscription_id,
        params={
            "items": [
                {
                    "id": item["id"],
                    "price_data": {
                        **_price_data_like(item["price"], item["price"]["unit_amount"]),
                        "recurring": interval,
                    },
                }
                for item in subscription["items"]["data"]
            ],
            "proration_behavior": "none",
            "trial_end": paid_until,
        },
    )


def pause_subscription(subscription_id, resumes_at):
    """Collect nothing until `resumes_at` (an aware datetime): the invoices of the periods in between are voided."""
    return _client().v1.subscriptions.update(
        subscription_id,
        params={"pause_collection": {"behavior": "void", "resumes_at": int(resumes_at.timestamp())}},
    )


def resume_subscription(subscription_id):
    """End a pause now: the next period is collected again."""
    return _client().v1.subscriptions.update(subscription_id, params={"pause_collection": ""})


def pause_of(subscription):
    """Whether a subscription (as Stripe returns it) collects nothing, and until when: (paused, until), where until
    is None for a pause without an end date (the Stripe dashboard can make one) and for no pause."""
    pause = subscription["pause_collection"]
    if not pause:
        return False, None
    resumes_at = pause["resumes_at"]
    if resumes_at is None:
        return True, None
    if not isinstance(resumes_at, int) or isinstance(resumes_at, bool):
        raise ValueError(f"pause_collection.resumes_at is not a timestamp: {resumes_at!r}")
    return True, datetime.datetime.fromtimestamp(resumes_at, datetime.UTC)


def _price_data_like(price, unit_amount):
    """The same product, currency and interval at another amount (Stripe prices cannot be changed, only replaced)."""
    recurring = price["recurring"]
    return {
        "currency": price["currency"],
        "product": price["product"],
        "recurring": {"interval": recurring["interval"], "interval_count": recurring["interval_count"]},
        "unit_amount": unit_amount,
    }


def create_refund(payment_intent_id, idempotency_key, amount_cents=None):
    """Refund `amount_cents` of the payment (all that is left when None)."""
    params = {"payment_intent": payment_intent_id}
    if amount_cents is not None:
        params["amount"] = amount_cents
    return _client().v1.refunds.create(params=params, options={"idempotency_key": idempotency_key})


def delete_customer(customer_id):
    """Remove the customer (name, e-mail, payment methods) at Stripe; payments and refunds stay in Stripe's books."""
    return _client().v1.customers.delete(customer_id)


def create_billing_portal_session(customer_id, return_url):
    return _client().v1.billing_portal.sessions.create(params={"customer": customer_id, "return_url": return_url})


def verify_webhook_signature(payload: bytes, signature_header: str):
    """Check the signature and its timestamp on the raw body; raises stripe.SignatureVerificationError."""
    _stripe().WebhookSignature.verify_header(
        payload, signature_header, settings.STRIPE_WEBHOOK_SECRET, tolerance=WEBHOOK_TOLERANCE_SECONDS
    )
