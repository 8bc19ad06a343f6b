import logging

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.core import is_ratelimited

from campaigns.models import CampaignPage
from core.same_origin import same_origin_post
from delivery.page_cache import answered_query, serve_cached

from . import stripe_gateway
from .checkout import create_pending_donation, start_checkout
from .forms import DonationForm
from .models import Donation, DonationStatus
from .prefill import form_start
from .state import transition
from .thank_you import thank_you_context

logger = logging.getLogger(__name__)


@require_http_methods(["GET", "POST"])
@same_origin_post
def donate(request):
    """The general donate page, from the page cache like the other pages; campaign pages post their form here too."""
    campaign = _campaign_from(request)
    if request.method == "GET":
        answered_query(request, campagne=campaign.pk if campaign else None)
        prefill, broken_off = form_start(request)
        form = DonationForm(campaign=campaign, prefill=prefill)
        response = serve_cached(request, lambda: _render_form(request, form, campaign, broken_off=broken_off))
        if broken_off:
            add_never_cache_headers(response)  # the page holds the donor's e-mail address
        return response
    response = _handle_gift(request, campaign)
    add_never_cache_headers(response)
    return response


def _handle_gift(request, campaign):
    form = DonationForm(request.POST, campaign=campaign)
    if is_ratelimited(request, group="donation-form", key="ip", rate=settings.DONATION_RATE_LIMIT, increment=True):
        form.add_error(
            None, _("U heeft in korte tijd te vaak geprobeerd te doneren. Probeer het over een minuut opnieuw.")
        )
        return _render_form(request, form, campaign, status=429)
    if not form.is_valid():
        return _render_form(request, form, campaign, status=400)
    if form.needs_monthly_offer:
        # Without the form's script the offer is a step of its own; with it, the form answered it already.
        return TemplateResponse(request, "donations/monthly_offer.html", {"form": form, "campaign": campaign})

    donation = create_pending_donation(form.cleaned_data, language=translation.get_language())
    try:
        checkout_url = start_checkout(request, donation)
    except stripe_gateway.StripeError:
        logger.exception("Checkout session for donation %s failed", donation.pk)
        transition(donation, DonationStatus.FAILED)
        form.add_error(
            None, _("De betaalpagina is even niet bereikbaar. Uw gift is niet verwerkt; probeer het zo opnieuw.")
        )
        return _render_form(request, form, campaign, status=503)
    return HttpResponseRedirect(checkout_url, status=303)


def _campaign_from(request):
    campaign_id = request.POST.get("campaign") or request.GET.get("campagne")
    if not campaign_id or not str(campaign_id).isdigit():
        return None
    return CampaignPage.objects.live().public().filter(pk=campaign_id).first()


def _render_form(request, form, campaign, status=200, broken_off=False):
    description = _("Uw gift helpt scholen een verbetercultuur op te bouwen, zodat ieder kind dezelfde kansen krijgt.")
    context = {"form": form, "campaign": campaign, "meta_description": description, "broken_off": broken_off}
    return TemplateResponse(request, "donations/donate.html", context, status=status)


@never_cache
@require_GET
def thank_you(request):
    """Where Stripe sends the donor back. It reads the session but never marks anything paid."""
    session_id = request.GET.get("session_id", "")
    donation = get_object_or_404(
        Donation.objects.select_related("campaign", "donor"), stripe_checkout_session_id=session_id
    )
    try:
        session = stripe_gateway.retrieve_checkout_session(session_id)
        payment_status = session.payment_status
    except stripe_gateway.StripeError:
        payment_status = "unknown"
    if donation.status == DonationStatus.PAID or payment_status in ("paid", "no_payment_required"):
        state = "paid"
    elif donation.status in (DonationStatus.FAILED, DonationStatus.EXPIRED):
        state = "failed"
    else:
        state = "processing"
    return TemplateResponse(request, "donations/thank_you.html", thank_you_context(request, donation, state))
