"""What donors, banks and Stripe do in the donation tests, through the stand-in's control API and signed webhooks."""

import json
import re
import time

import requests
import stripe
from django.conf import settings
from django.core import mail

from campaigns.models import CampaignPage
from donations.models import Donation
from donations.totals import totals_for

WEBHOOK_PATH = "/stripe/webhook/"


def campaign(slug="besturenprogramma"):
    return CampaignPage.objects.get(slug=slug)


def raised_cents(slug="besturenprogramma"):
    """What the campaign page shows as raised."""
    return totals_for(campaign(slug)).raised_cents


def session_id_from(checkout_url):
    return checkout_url.rstrip("/").rsplit("/", 1)[-1]


def wait_until(predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def mails_with(subject_part):
    return [message for message in mail.outbox if subject_part in message.subject]


def receipts():
    return mails_with("Bedankt voor uw gift")


# -- the stand-in's control API: what the donor's click, the bank or the passing of time would do ------------------


def control(standin, path, **payload):
    response = requests.post(f"{standin.base_url}/_standin/{path}", json=payload, timeout=10)
    response.raise_for_status()
    return response.json()


def delivered(standin):
    """Wait until every queued webhook reached the site (and its answer came back)."""
    assert standin.wait_for_deliveries(15), "webhook deliveries did not finish"


def pay(standin, session_id, method="ideal", outcome="succeeded", **details):
    result = control(standin, f"checkout/{session_id}/complete", payment_method=method, outcome=outcome, **details)
    delivered(standin)
    return result


def pay_by_sepa(standin, session_id, planned_outcome="succeeded"):
    return pay(
        standin,
        session_id,
        method="sepa_debit",
        outcome=planned_outcome,
        iban="NL39RABO0300065264",
        name="Anna de Vries",
    )


def settle(standin, session_id, outcome):
    result = control(standin, f"checkout/{session_id}/settle", outcome=outcome)
    delivered(standin)
    return result


def advance(standin, subscription_id, outcome="paid"):
    result = control(standin, f"subscriptions/{subscription_id}/advance", outcome=outcome)
    delivered(standin)
    return result


def dispute(standin, payment_intent_id):
    charge_id = standin.get_object(payment_intent_id)["latest_charge"]
    result = control(standin, f"charges/{charge_id}/dispute", reason="fraudulent")
    delivered(standin)
    return result


def stripe_client(standin):
    """The official client as the Stripe dashboard would act: for expiring sessions and such."""
    return stripe.StripeClient(api_key=settings.STRIPE_SECRET_KEY, base_addresses={"api": standin.base_url})


# -- signed webhook deliveries made by hand -------------------------------------------------------------------------


def signature_header(body, *, age_seconds=0, secret=None):
    return stripe.WebhookSignature.generate_signature_header(
        body, secret or settings.STRIPE_WEBHOOK_SECRET, timestamp=int(time.time()) - age_seconds
    )


def post_webhook(base_url, body, headers=None):
    """POST a raw body to the webhook endpoint; `headers` None means correctly signed now."""
    if headers is None:
        headers = {"Stripe-Signature": signature_header(body)}
    return requests.post(
        base_url + WEBHOOK_PATH,
        data=body.encode(),
        headers={"Content-Type": "application/json", **headers},
        timeout=30,
    )


def event_body(event_id, event_type, data_object):
    return json.dumps(
        {
            "id": event_id,
            "object": "event",
            "api_version": "2026-10-28.clover",
            "created": int(time.time()),
            "livemode": False,
            "type": event_type,
            "data": {"object": data_object},
        }
    )


# -- the donor's side ----------------------------------------------------------------------------------------------


def donation_form_data(**changes):
    """What the campaign page's form posts for a one-off € 50 gift whose donor declined the offer to give monthly."""
    return {
        "campaign": campaign().pk,
        "amount_choice": "5000",
        "other_amount": "",
        "frequency": "once",
        "email": "anna@example.org",
        "name": "Anna de Vries",
        "monthly_offer": "declined",
        **changes,
    }


def give_with(client, **changes):
    """POST the form the way the campaign page's form does, after opening the page."""
    client.get(campaign().url)
    return client.post("/doneren/", donation_form_data(**changes))


def csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


class Donor:
    """A browser-less donor: GETs the form page, POSTs the form like a browser does (saying where it comes from)."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.http = requests.Session()

    def get(self, path):
        return self.http.get(self.base_url + path, timeout=30)

    def post_form(self, form_path, action_path, data):
        """POST `data` to `action_path` from the form page at `form_path`, with its CSRF token if it has one.

        The public forms (a gift, a partnership request) have none; the donor's own pages (mijn donaties) do.
        """
        page = self.get(form_path).text
        token = {"csrfmiddlewaretoken": csrf_token(page)} if "csrfmiddlewaretoken" in page else {}
        return self.http.post(
            self.base_url + action_path,
            data={**token, **data},
            allow_redirects=False,
            headers={"Origin": self.base_url, "Referer": self.base_url + form_path},
            timeout=30,
        )

    def give(self, campaign, *, amount="5000", other_amount="", frequency="once", email="anna@example.org", **extra):
        data = {
            "campaign": campaign.pk,
            "amount_choice": amount,
            "other_amount": other_amount,
            "frequency": frequency,
            "email": email,
            "name": "Anna de Vries",
            "monthly_offer": "declined",  # the donor answered the one offer to give monthly instead
            **extra,
        }
        return self.post_form(campaign.url, "/doneren/", data)

    def start_gift(self, **form):
        """Submit the form on the campaign page; returns the checkout session id Stripe sent the donor to."""
        response = self.give(campaign(), **form)
        assert response.status_code == 303, response.text
        return session_id_from(response.headers["Location"])


def paid_gift(donor, standin, method="ideal", **form):
    """A gift the donor started and paid on the checkout page; returns the completed checkout session."""
    session_id = donor.start_gift(**form)
    pay(standin, session_id, method=method)
    return standin.get_object(session_id)


def only_donation():
    return Donation.objects.get()
