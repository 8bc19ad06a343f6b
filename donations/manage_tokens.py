"""The signed token of a donor's "mijn donaties" link: made for the receipts and mails, read by the donor's pages."""

from django.conf import settings
from django.core import signing

from .models import Donor

SALT = "mijn-donaties"
MAX_DONOR_ID = 2**63 - 1  # a BigAutoField


def donor_from_token(token):
    """The donor of a link as the receipt makes it ({"donor": pk}); None for an expired, tampered or other token."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.DONOR_LINK_MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    donor_id = _donor_id(data.get("donor")) if isinstance(data, dict) else None
    if donor_id is None:
        return None
    return Donor.objects.filter(pk=donor_id).first()


def _donor_id(value):
    # Well signed is not well formed: only a whole positive number (or its digits) in the id's range names a donor.
    if isinstance(value, str) and value.isascii() and value.isdecimal():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_DONOR_ID:
        return None
    return value


def token_for(donor):
    return signing.dumps({"donor": donor.pk}, salt=SALT)
