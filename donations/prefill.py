"""Starting the donation form from earlier answers: a checkout the donor broke off, or a link that chooses for them.

Stripe sends a donor who breaks off the checkout back to the campaign page, with their answers filled in again. The
cancel address carries a signed, short-lived reference to the pending donation (never its id in the clear), so
only the donor's own browser, which Stripe redirects, can fill the form with their e-mail address and name.
"""

from django.conf import settings
from django.core import signing

from campaigns.models import BROKEN_OFF_QUERY_PARAMETER as QUERY_PARAMETER

from .models import Donation, DonationStatus, Frequency

SALT = "afgebroken-betaling"
MAX_AGE_SECONDS = 24 * 3600  # as long as Stripe keeps a Checkout Session open


def return_token(donation):
    return signing.dumps(str(donation.public_id), salt=SALT, compress=True)


def broken_off_donation(request):
    """The donation whose checkout this request comes back from, or None (no, expired or tampered token)."""
    token = request.GET.get(QUERY_PARAMETER, "") if request is not None else ""
    if not token:
        return None
    try:
        public_id = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    # Only a gift not paid yet: a paid one is done, and its donor has no reason to see the form filled in again.
    unpaid = (DonationStatus.PENDING, DonationStatus.EXPIRED, DonationStatus.FAILED)
    return Donation.objects.select_related("donor").filter(public_id=public_id, status__in=unpaid).first()


def form_start(request):
    """What the donation form on this page starts from: the broken-off gift's answers, a link's choice, or None."""
    donation = broken_off_donation(request)
    return (answers_of(donation) if donation else chosen_in_link(request)), donation is not None


def answers_of(donation):
    """The donation form's answers as the donor gave them, to start the form from."""
    return {
        "amount_cents": donation.amount_cents,
        "frequency": donation.frequency,
        "email": donation.donor.email,
        "name": donation.donor.name,
        "anonymous": donation.anonymous,
        "cover_fees": donation.cover_fees,
        "newsletter": donation.donor.newsletter_opt_in,
        "monthly_offer": donation.monthly_offer,
    }


def chosen_in_link(request):
    """A link may choose how often and how much (`?frequentie=monthly&bedrag=1000`, in cents); anything else is None."""
    if request is None:
        return None
    frequency, cents = request.GET.get("frequentie", ""), request.GET.get("bedrag", "")
    chosen = {}
    if frequency in Frequency.values:
        chosen["frequency"] = frequency
    if cents.isascii() and cents.isdigit() and settings.DONATION_MIN_CENTS <= int(cents) <= settings.DONATION_MAX_CENTS:
        chosen["amount_cents"] = int(cents)
    return chosen or None
