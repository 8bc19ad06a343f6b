"""Turning a valid donation form into a pending Donation and a Stripe Checkout Session."""

import uuid

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from . import stripe_gateway
from .models import Donation, Donor, DonorLanguage
from .prefill import QUERY_PARAMETER, return_token


@transaction.atomic
def create_pending_donation(cleaned_data, language=DonorLanguage.DUTCH) -> Donation:
    """`language`: that of the page the gift was made on; the donor's mails follow the language of their last gift."""
    email = cleaned_data["email"].strip().lower()
    donor, _ = Donor.objects.select_for_update().get_or_create(email=email)
    changed = []
    if language in DonorLanguage.values and donor.language != language:
        donor.language = language
        changed.append("language")
    if cleaned_data.get("name") and not donor.name:
        donor.name = cleaned_data["name"]
        changed.append("name")
    if cleaned_data.get("newsletter") and not donor.newsletter_opt_in:
        donor.newsletter_opt_in, donor.newsletter_opt_in_at = True, timezone.now()
        changed += ["newsletter_opt_in", "newsletter_opt_in_at"]
    if changed:
        donor.save(update_fields=changed)
    return Donation.objects.create(
        campaign=cleaned_data["campaign"],
        donor=donor,
        amount_cents=cleaned_data["amount_cents"],
        fee_cents=cleaned_data["fee_cents"],
        frequency=cleaned_data["frequency"],
        anonymous=cleaned_data.get("anonymous", False),
        public_name="" if cleaned_data.get("anonymous") else first_name(cleaned_data.get("name", "")),
        cover_fees=cleaned_data.get("cover_fees", False),
        monthly_offer=cleaned_data.get("monthly_offer", ""),
    )


def first_name(name):
    """What the campaign page shows of a name: its first word, never the surname (the name is for the receipt)."""
    words = name.split()
    return words[0][:40] if words else ""


def start_checkout(request, donation: Donation) -> str:
    """Create the Checkout Session for `donation`; returns the URL to send the donor to."""
    success_url = request.build_absolute_uri(reverse("donations:thank_you")) + "?session_id={CHECKOUT_SESSION_ID}"
    cancel_url = request.build_absolute_uri(donation.campaign.url) + f"?{QUERY_PARAMETER}={return_token(donation)}"
    session = stripe_gateway.create_checkout_session(
        donation,
        success_url=success_url,
        cancel_url=cancel_url,
        # One key per attempt: a network retry by the client reuses it, a new donation gets a new one.
        idempotency_key=f"donation-{donation.public_id}-{uuid.uuid4()}",
    )
    Donation.objects.filter(pk=donation.pk).update(stripe_checkout_session_id=session.id)
    return session.url
