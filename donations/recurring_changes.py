"""Changing how a recurring gift runs in "mijn donaties": monthly or yearly, or a pause of 1, 2 or 3 months."""

import datetime

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.dates import add_months
from core.money import format_euro

from . import handlers, stripe_gateway
from .models import Frequency, RecurringStatus
from .my_donations import _donor_or_expired, _overview_url, _recurring_of


class ChangeFrequencyForm(forms.Form):
    frequency = forms.ChoiceField(
        label=gettext_lazy("Hoe vaak"),
        choices=[(Frequency.MONTHLY, Frequency.MONTHLY.label), (Frequency.YEARLY, Frequency.YEARLY.label)],
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Kies maandelijks of jaarlijks."),
            "invalid_choice": gettext_lazy("Kies maandelijks of jaarlijks."),
        },
    )


class PauseForm(forms.Form):
    months = forms.TypedChoiceField(
        label=gettext_lazy("Pauzeer 1, 2 of 3 maanden"),
        choices=[
            (1, gettext_lazy("1 maand")),
            (2, gettext_lazy("2 maanden")),
            (3, gettext_lazy("3 maanden")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Kies hoe lang u wilt pauzeren: 1, 2 of 3 maanden."),
            "invalid_choice": gettext_lazy("Kies hoe lang u wilt pauzeren: 1, 2 of 3 maanden."),
        },
    )


def months_later(moment, months):
    """`months` calendar months on, counted the way Stripe counts its periods: in UTC, on the month's last day where
    that day is missing (31 January + 1 month = 28 or 29 February). A pause of N months so skips N monthly payments."""
    return add_months(moment.astimezone(datetime.UTC), months)


def change_recurring_frequency(request, token, pk):
    donor, refusal = _donor_or_expired(request, token)
    if refusal:
        return refusal
    recurring = _recurring_of(donor, pk)
    form = ChangeFrequencyForm(request.POST)
    if recurring.has_ended or not form.is_valid():
        messages.error(request, form.errors.get("frequency", [_("Deze gift kan niet meer worden gewijzigd.")])[0])
        return HttpResponseRedirect(_overview_url(token))
    frequency = form.cleaned_data["frequency"]
    if frequency == recurring.frequency:
        messages.error(
            request, _("Uw gift is al %(frequency)s.") % {"frequency": recurring.get_frequency_display().lower()}
        )
        return HttpResponseRedirect(_overview_url(token))
    try:
        subscription = stripe_gateway.change_subscription_frequency(recurring.stripe_subscription_id, frequency)
    except stripe_gateway.StripeError:
        messages.error(request, _("Wijzigen lukte nu niet. Probeer het later opnieuw."))
        return HttpResponseRedirect(_overview_url(token))
    handlers.sync_frequency_and_pause(recurring, subscription)
    amount = format_euro(recurring.amount_cents, always_cents=True)
    if frequency == Frequency.YEARLY:
        text = _("Uw gift is nu jaarlijks: %(amount)s per jaar, vanaf de volgende termijn.")
    else:
        text = _("Uw gift is nu maandelijks: %(amount)s per maand, vanaf de volgende termijn.")
    messages.success(request, text % {"amount": amount})
    return HttpResponseRedirect(_overview_url(token))


@require_POST
def pause_recurring(request, token, pk):
    donor, refusal = _donor_or_expired(request, token)
    if refusal:
        return refusal
    recurring = _recurring_of(donor, pk)
    form = PauseForm(request.POST)
    if recurring.status != RecurringStatus.ACTIVE or not form.is_valid():
        messages.error(request, form.errors.get("months", [_("Deze gift kan nu niet worden gepauzeerd.")])[0])
        return HttpResponseRedirect(_overview_url(token))
    resumes_at = months_later(timezone.now(), form.cleaned_data["months"])
    try:
        subscription = stripe_gateway.pause_subscription(recurring.stripe_subscription_id, resumes_at)
    except stripe_gateway.StripeError:
        messages.error(request, _("Pauzeren lukte nu niet. Probeer het later opnieuw."))
        return HttpResponseRedirect(_overview_url(token))
    # Stored from Stripe's answer, so the page shows the pause at once; customer.subscription.updated keeps it in sync.
    handlers.sync_frequency_and_pause(recurring, subscription)
    messages.success(
        request,
        _("Uw gift is gepauzeerd tot %(date)s. Tot dan wordt er niets afgeschreven; daarna loopt uw gift vanzelf door.")
        % {"date": date_format(timezone.localtime(resumes_at), "j F Y")},
    )
    return HttpResponseRedirect(_overview_url(token))


@require_POST
def resume_recurring(request, token, pk):
    donor, refusal = _donor_or_expired(request, token)
    if refusal:
        return refusal
    recurring = _recurring_of(donor, pk)
    if recurring.has_ended or not recurring.is_paused:
        messages.error(request, _("Deze gift is niet gepauzeerd."))
        return HttpResponseRedirect(_overview_url(token))
    try:
        subscription = stripe_gateway.resume_subscription(recurring.stripe_subscription_id)
    except stripe_gateway.StripeError:
        messages.error(request, _("Hervatten lukte nu niet. Probeer het later opnieuw."))
        return HttpResponseRedirect(_overview_url(token))
    handlers.sync_frequency_and_pause(recurring, subscription)
    messages.success(request, _("Uw gift loopt weer: de volgende termijn wordt weer afgeschreven."))
    return HttpResponseRedirect(_overview_url(token))
