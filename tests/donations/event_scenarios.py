"""Gifts as they happen at Stripe, recorded as the real event sequences the stand-in makes for them.

A scenario starts a gift through the site's own donation form (so the pending donation and its Checkout Session
are the site's), then plays the donor's, the bank's and the dashboard's part on a stand-in that sends no webhooks.
What it leaves is the list of events Stripe would deliver, in Stripe's order, to be delivered in any other.
"""

import json
import random

import stripe
from django.conf import settings

from .helpers import session_id_from, signature_header

IBAN = "NL39RABO0300065264"


class Gift:
    """One donor's gift and what happens to it afterwards, on a stand-in without webhooks."""

    def __init__(self, standin, post_form, email):
        self.standin, self.post_form, self.email = standin, post_form, email
        self.session_id = None

    # -- the donor --

    def start(self, amount="5000", frequency="once", **form):
        data = {
            "amount_choice": amount,
            "other_amount": "",
            "frequency": frequency,
            "email": self.email,
            "monthly_offer": "declined",
            **form,
        }
        response = self.post_form({"name": "Anna de Vries", **data})
        assert response.status_code == 303, response.content
        self.session_id = session_id_from(response.headers["Location"])
        return self

    def pay(self, method="ideal", outcome="succeeded"):
        details = {"iban": IBAN, "name": "Anna de Vries"} if method == "sepa_debit" else {}
        self._control(f"checkout/{self.session_id}/complete", payment_method=method, outcome=outcome, **details)
        return self

    def settle(self, outcome):
        self._control(f"checkout/{self.session_id}/settle", outcome=outcome)
        return self

    def abandon(self):
        self._client().v1.checkout.sessions.expire(self.session_id)
        return self

    # -- the dashboard and the bank --

    def refund(self, amount=None, payment_intent=None):
        params = {"payment_intent": payment_intent or self.payment_intent}
        if amount is not None:
            params["amount"] = amount
        self._client().v1.refunds.create(params=params)
        return self

    def dispute(self, payment_intent=None):
        charge_id = self.standin.get_object(payment_intent or self.payment_intent)["latest_charge"]
        self.dispute_id = self._control(f"charges/{charge_id}/dispute", reason="fraudulent")["dispute"]["id"]
        return self

    def close_dispute(self, status):
        self._control(f"disputes/{self.dispute_id}/close", status=status)
        return self

    def next_period(self, outcome="paid"):
        self._control(f"subscriptions/{self.subscription}/advance", outcome=outcome)
        return self

    def retry_latest_invoice(self, outcome="paid"):
        invoice_id = self.standin.get_object(self.subscription)["latest_invoice"]
        self._control(f"invoices/{invoice_id}/pay", outcome=outcome)
        return self

    def cancel(self):
        self._client().v1.subscriptions.cancel(self.subscription)
        return self

    # -- what Stripe knows --

    @property
    def session(self):
        return self.standin.get_object(self.session_id)

    @property
    def payment_intent(self):
        return self.session["payment_intent"]

    @property
    def subscription(self):
        return self.session["subscription"]

    def first_invoice_payment_intent(self):
        invoice = self.standin.get_object(self.standin.get_object(self.subscription)["latest_invoice"])
        return invoice["payments"]["data"][0]["payment"]["payment_intent"]

    def _control(self, path, **payload):
        import requests

        response = requests.post(f"{self.standin.base_url}/_standin/{path}", json=payload, timeout=10)
        response.raise_for_status()
        return response.json()

    def _client(self):
        return stripe.StripeClient(api_key=settings.STRIPE_SECRET_KEY, base_addresses={"api": self.standin.base_url})


def _monthly_refunded(gift):
    # A subscription's payments carry no donation id: a refund that comes first waits for its invoice.
    gift.start(frequency="monthly", amount="2500").pay("card")
    gift.refund(payment_intent=gift.first_invoice_payment_intent())


# Each scenario with what its ledger must say at the end: the donations' statuses, what the campaign total counts,
# and how many receipts go out once the events are in.
SCENARIOS = {
    "one-off card": (lambda g: g.start().pay("card"), {"statuses": ["paid"], "raised": 5000, "receipts": 1}),
    "one-off iDEAL": (lambda g: g.start(amount="2500").pay("ideal"), {"statuses": ["paid"], "raised": 2500}),
    # SEPA Direct Debit is offered for recurring gifts; the debit settles days after checkout.
    "SEPA paid later": (
        lambda g: g.start(frequency="monthly").pay("sepa_debit").settle("succeeded"),
        {"statuses": ["paid"], "raised": 5000, "receipts": 1, "recurring": "active"},
    ),
    "SEPA failed": (
        lambda g: g.start(frequency="monthly").pay("sepa_debit", outcome="failed").settle("failed"),
        {"statuses": ["failed"], "raised": 0, "receipts": 0, "recurring": "failed"},
    ),
    "full refund": (
        lambda g: g.start(cover_fees="on").pay("card").refund(),
        {"statuses": ["refunded"], "raised": 0, "receipts": 0},
    ),
    "two partial refunds": (
        lambda g: g.start().pay("ideal").refund(1000).refund(1500),
        {"statuses": ["paid"], "raised": 2500, "receipts": 1},
    ),
    "dispute won": (
        lambda g: g.start().pay("card").dispute().close_dispute("won"),
        {"statuses": ["paid"], "raised": 5000, "receipts": 1},
    ),
    "dispute lost": (
        lambda g: g.start().pay("card").dispute().close_dispute("lost"),
        {"statuses": ["disputed"], "raised": 0, "receipts": 0},
    ),
    "monthly with two renewals": (
        lambda g: g.start(frequency="monthly", amount="2500").pay("card").next_period().next_period(),
        {"statuses": ["paid"] * 3, "raised": 7500, "receipts": 3, "recurring": "active"},
    ),
    "failed renewal then success": (
        lambda g: g.start(frequency="monthly", amount="2500").pay("card").next_period("failed").retry_latest_invoice(),
        {"statuses": ["paid"] * 2, "raised": 5000, "receipts": 2, "recurring": "active"},
    ),
    "subscription canceled": (
        lambda g: g.start(frequency="yearly", amount="10000").pay("ideal").cancel(),
        {"statuses": ["paid"], "raised": 10000, "receipts": 1, "recurring": "canceled"},
    ),
    "expired session": (lambda g: g.start().abandon(), {"statuses": ["expired"], "raised": 0, "receipts": 0}),
    "monthly first payment refunded": (
        _monthly_refunded,
        {"statuses": ["refunded"], "raised": 0, "receipts": 0, "recurring": "active"},
    ),
}


def signed_delivery(event):
    """The body and Stripe-Signature header of one delivery of `event`, signed now."""
    body = json.dumps(event)
    return body, signature_header(body)


def shuffled_with_repeats(events, rng, most=5):
    """Every event 1 to `most` times, all in random order: what a bad day of retries and races delivers."""
    deliveries = [event for event in events for _ in range(rng.randint(1, most))]
    rng.shuffle(deliveries)
    return deliveries


def random_generator(seed):
    return random.Random(seed)  # noqa: S311 - test data, not secrets
