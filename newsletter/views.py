"""Unsubscribing from the newsletter through the signed link in a donor's e-mail."""

from django.db import transaction
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from donations.models import Donor

from .signing import donor_id_from_token


# No CSRF token: mail programs send the RFC 8058 one-click POST (body `List-Unsubscribe=One-Click`) from their own
# servers, without a page or cookie. The signed token in the address is what authorises the change, and all it can
# do is switch the newsletter off, so a forged post could do no more than the link itself.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    donor_id = donor_id_from_token(token)
    donor = Donor.objects.filter(pk=donor_id).first() if donor_id else None
    if donor is None:
        return TemplateResponse(request, "newsletter/invalid_link.html", status=400)
    if request.method == "GET":
        # Only a POST unsubscribes: link checkers and mail scanners open links with GET.
        return TemplateResponse(request, "newsletter/unsubscribe.html", {"token": token, "done": False})
    _opt_out(donor.pk)
    return TemplateResponse(request, "newsletter/unsubscribe.html", {"token": token, "done": True})


def _opt_out(donor_id):
    """Switch the newsletter off (once: a repeated click keeps the time of the first opt-out)."""
    with transaction.atomic():
        Donor.objects.filter(pk=donor_id, newsletter_opt_in=True).update(
            newsletter_opt_in=False, newsletter_opt_out_at=timezone.now()
        )
