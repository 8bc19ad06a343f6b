"""'Mijn donaties': donors see their gifts and stop or change a recurring gift through a signed, expiring link."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.money import parse_euro_amount

from . import handlers, stripe_gateway
from .manage_tokens import donor_from_token
from .models import RecurringDonation


def _donor_or_expired(request, token):
    donor = donor_from_token(token)
    if donor is None:
        return None, TemplateResponse(request, "donations/link_expired.html", status=403)
    return donor, None


class ChangeAmountForm(forms.Form):
    amount = forms.CharField(label=gettext_lazy("Nieuw bedrag per termijn (in euro)"), max_length=20)

    def clean_amount(self):
        cents = parse_euro_amount(self.cleaned_data["amount"])
        if cents is None:
            raise forms.ValidationError(_("Vul een bedrag in euro in, bijvoorbeeld 25 of 25,50."))
        if not settings.DONATION_MIN_CENTS <= cents <= settings.DONATION_MAX_CENTS:
            raise forms.ValidationError(_("Kies een bedrag tussen € 1 en € 25.000."))
        return cents


@never_cache
@require_http_methods(["GET"])
def my_donations(request, token):
    donor, refusal = _donor_or_expired(request, token)
    if refusal:
        return refusal
    context = {
        "donor": donor,
        "token": token,
        "donations": donor.donations.select_related("campaign").order_by("-created_at")[:100],
        "recurring_gifts": donor.recurring_donations.select_related("campaign").order_by("-created_at"),
        "change_form": ChangeAmountForm(),
    }
    return TemplateResponse(request, "donations/my_donations.html", context)


def _recurring_of(donor, pk):
    # The direct debit of a periodieke gift follows its agreement: equal yearly amounts, stopped only as it says.
    return get_object_or_404(
        RecurringDonation.objects.select_related("campaign"), pk=pk, donor=donor, agreement_number=""
    )


@never_cache
@require_http_methods(["GET", "POST"])
def stop_recurring(request, token, pk):
    """GET asks whether the donor really wants to stop (one click must not end a gift); POST stops it."""
    donor, refusal = _donor_or_expired(request, token)
    if refusal:
        return refusal
    recurring = _recurring_of(donor, pk)
    if request.method == "GET":
        return _confirm_stop(request, token, recurring)
    if not recurring.has_ended:
        try:
            subscription = stripe_gateway.cancel_subscription(recurring.stripe_subscription_id)
        except stripe_gateway.StripeError:
            messages.error(request, _("Stoppen lukte nu niet. Probeer het later opnieuw of mail ons."))
            return HttpResponseRedirect(_overview_url(token))
        handlers.record_cancellation(subscription)
        messages.success(request, _("Uw terugkerende gift is gestopt. Er worden geen nieuwe betalingen afgeschreven."))
    return HttpResponseRedirect(_overview_url(token))


def _confirm_stop(request, token, recurring):
    if recurring.has_ended:
        return HttpResponseRedirect(_overview_url(token))
    context = {"gift": recurring, "token": token, "overview_url": _overview_url(token)}
    return TemplateResponse(request, "donations/stop_confirm.html", context)


@require_POST
def change_recurring_amount(request, token, pk):
    donor, refusal = _donor_or_expired(request, token)
    if refusal:
        return refusal
    recurring = _recurring_of(donor, pk)
    form = ChangeAmountForm(request.POST)
    if recurring.has_ended or not form.is_valid():
        messages.error(request, form.errors.get("amount", [_("Deze gift kan niet meer worden gewijzigd.")])[0])
        return HttpResponseRedirect(_overview_url(token))
    try:
        stripe_gateway.change_subscription_amount(recurring.stripe_subscription_id, form.cleaned_data["amount"])
    except stripe_gateway.StripeError:
        messages.error(request, _("Wijzigen lukte nu niet. Probeer het later opnieuw."))
        return HttpResponseRedirect(_overview_url(token))
    messages.success(request, _("Uw nieuwe bedrag geldt vanaf de volgende termijn."))
    return HttpResponseRedirect(_overview_url(token))


@require_POST
def customer_portal(request, token):
    donor, refusal = _donor_or_expired(request, token)
    if refusal:
        return refusal
    if not donor.stripe_customer_id:
        raise Http404
    try:
        session = stripe_gateway.create_billing_portal_session(
            donor.stripe_customer_id, request.build_absolute_uri(_overview_url(token))
        )
    except stripe_gateway.StripeError:
        messages.error(request, _("Het betaalportaal is nu niet bereikbaar. Probeer het later opnieuw."))
        return HttpResponseRedirect(_overview_url(token))
    return HttpResponseRedirect(session.url, status=303)


def _overview_url(token):
    return reverse("donations:my_donations", args=[token])
