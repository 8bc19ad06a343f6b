"""The staff member's authenticator device: create, confirm, check a code, remove."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "Authenticator-app"


def confirmed_device(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_device(user):
    """The device being set up: made once and kept, so reloading the page keeps the same QR code."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def check_code(device, token):
    """Return None when the code is right, else the message to show. Wrong codes slow down further tries."""
    allowed, details = device.verify_is_allowed()
    if not allowed:
        return _wait_message(details)
    if device.verify_token(token):
        return None
    return _("Deze code klopt niet. Controleer de tijd op je telefoon en probeer de nieuwste code.")


def _wait_message(details):
    locked_until = details.get("locked_until")
    seconds = max(1, int((locked_until - timezone.now()).total_seconds()) + 1) if locked_until else 1
    return _("Te veel onjuiste codes. Probeer het over %(seconds)s seconden opnieuw.") % {"seconds": seconds}


def remove_devices(user):
    TOTPDevice.objects.filter(user=user).delete()
