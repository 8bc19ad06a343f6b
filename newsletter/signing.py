"""The donor's unsubscribe link: signed, with a salt of its own, and never expiring.

It must work from any mail the donor ever got (the law asks for an easy opt-out, also years later), so it carries no
time. It can do one thing only, switch the newsletter off, which is why it needs no expiry; a "mijn donaties" token
(another salt) is never accepted here, nor this one there.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

SALT = "nieuwsbrief-afmelden"
MAX_DONOR_ID = 2**63 - 1  # a BigAutoField


def unsubscribe_token(donor):
    return signing.dumps({"donor": donor.pk}, salt=SALT)


def unsubscribe_link(donor, language):
    """The absolute address of the donor's unsubscribe page in `language` (/en/nieuwsbrief/afmelden/… in English)."""
    with translation.override(language):
        return settings.WAGTAILADMIN_BASE_URL + reverse("newsletter:unsubscribe", args=[unsubscribe_token(donor)])


def donor_id_from_token(token):
    """The donor id an unsubscribe token names; None for a tampered, foreign or malformed one."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    value = data.get("donor") if isinstance(data, dict) else None
    # Well signed is not well formed: only a whole positive number in the id's range names a donor.
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_DONOR_ID:
        return None
    return value
