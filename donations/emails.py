"""What donor e-mails add to the site's Dutch messages (core.emails): the donor's link to "mijn donaties"."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from .my_donations import SALT


def manage_link(donor):
    token = signing.dumps({"donor": donor.pk}, salt=SALT)
    with translation.override("nl"):
        return settings.WAGTAILADMIN_BASE_URL + reverse("donations:my_donations", args=[token])
