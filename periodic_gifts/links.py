"""The donor's signed link to their agreement: it opens the page to download, upload and start paying."""

import uuid

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from .models import PeriodicGiftAgreement

SALT = "periodieke-gift"


def agreement_token(agreement):
    return signing.dumps({"agreement": str(agreement.public_id)}, salt=SALT)


def agreement_from_token(token):
    """The agreement a link names; None for an expired, tampered or foreign token."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.PERIODIC_GIFT_LINK_MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    try:
        public_id = uuid.UUID(str(data.get("agreement"))) if isinstance(data, dict) else None
    except ValueError:
        return None
    if public_id is None:
        return None
    return PeriodicGiftAgreement.objects.select_related("donor", "campaign").filter(public_id=public_id).first()


def agreement_path(agreement, name="periodic_gifts:agreement", language=None):
    with translation.override(language or agreement.language):
        return reverse(name, args=[agreement_token(agreement)])


def agreement_link(agreement, name="periodic_gifts:agreement"):
    """The absolute link for e-mails: always the Dutch address, like every mail's links."""
    return settings.WAGTAILADMIN_BASE_URL + agreement_path(agreement, name, language="nl")
