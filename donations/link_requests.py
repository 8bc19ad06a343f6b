"""A fresh "mijn donaties" link by e-mail, for a donor whose link expired or got lost.

The answer is the same whether or not the address is known, and whether or not a limit was reached: the page must
not tell anyone who gives to the foundation.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from . import notifications
from .models import Donor


class LinkRequestForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Uw e-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": gettext_lazy("Vul uw e-mailadres in."),
            "invalid": gettext_lazy("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."),
            "max_length": gettext_lazy("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."),
        },
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()  # donors are stored by their lower-case address


# Shown after every well-formed request, whatever was done with it.
SAME_ANSWER = gettext_lazy(
    "Als dit adres bij ons bekend is, ontvangt u binnen enkele minuten een e-mail met een nieuwe link."
)


@never_cache
@require_http_methods(["GET", "POST"])
def request_link(request):
    if request.method == "GET":
        return _render(request, LinkRequestForm())
    form = LinkRequestForm(request.POST)
    if not form.is_valid():
        return _render(request, form, status=400)
    address = form.cleaned_data["email"]
    if not _limited(request, address):
        donor = Donor.objects.filter(email=address).first()
        if donor is not None:
            notifications.queue_new_manage_link(donor)
    messages.success(request, SAME_ANSWER)
    return HttpResponseRedirect(reverse("donations:request_link"))


def _limited(request, address):
    # Both counters count every request, so that the limit per IP also covers addresses that are not known.
    by_ip = is_ratelimited(
        request,
        group="donor-link-ip",
        key="ip",
        rate=settings.DONOR_LINK_RATE_LIMIT_PER_IP,
        increment=True,
    )
    by_address = is_ratelimited(
        request,
        group="donor-link-address",
        key=lambda _group, _request: address,
        rate=settings.DONOR_LINK_RATE_LIMIT_PER_ADDRESS,
        increment=True,
    )
    return by_ip or by_address


def _render(request, form, status=200):
    return TemplateResponse(request, "donations/request_link.html", {"form": form}, status=status)
