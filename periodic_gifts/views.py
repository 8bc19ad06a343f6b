"""The donor's side: the request form ("Periodiek schenken") and their agreement's page behind a signed link."""

import logging

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from core.same_origin import same_origin_post
from donations import stripe_gateway

from . import documents
from .agreements import StepRefused, receive_signed_copy, request_agreement
from .forms import AgreementRequestForm, SignedCopyForm
from .links import agreement_from_token, agreement_path
from .models import AgreementStatus
from .payments import may_start_paying, start_first_payment, subscription_of
from .schedule import schedule_for

logger = logging.getLogger(__name__)

# What a multipart request may carry beside the file itself (boundaries, headers, the CSRF token).
UPLOAD_OVERHEAD_BYTES = 64 * 1024


@never_cache
@require_http_methods(["GET", "POST"])
@same_origin_post
def request_form(request):
    if request.method == "GET":
        return _render_request(request, AgreementRequestForm())
    form = AgreementRequestForm(request.POST)
    if is_ratelimited(request, group="periodic-gift-form", key="ip", rate=settings.PARTNER_RATE_LIMIT, increment=True):
        form.add_error(
            None, _("U heeft in korte tijd te vaak een aanvraag verstuurd. Probeer het over een minuut opnieuw.")
        )
        return _render_request(request, form, status=429)
    if not form.is_valid():
        return _render_request(request, form, status=400)
    agreement = request_agreement(form.cleaned_data, language=get_language())
    messages.success(
        request,
        _("Uw aanvraag is ontvangen. We hebben de overeenkomst ook naar %(email)s gestuurd.")
        % {"email": agreement.email},
    )
    return HttpResponseRedirect(agreement_path(agreement, language=get_language()), status=303)


def _render_request(request, form, status=200):
    description = _(
        "Geef vijf jaar of langer een vast bedrag per jaar: uw gift is dan volledig aftrekbaar, zonder drempel."
    )
    context = {"form": form, "meta_description": description}
    return TemplateResponse(request, "periodic_gifts/request.html", context, status=status)


def _agreement_or_refusal(request, token):
    agreement = agreement_from_token(token)
    if agreement is None:
        return None, TemplateResponse(request, "periodic_gifts/link_expired.html", status=403)
    return agreement, None


def _back_to_page(token):
    return HttpResponseRedirect(reverse("periodic_gifts:agreement", args=[token]), status=303)


@never_cache
@require_GET
def agreement_page(request, token):
    agreement, refusal = _agreement_or_refusal(request, token)
    if refusal:
        return refusal
    return _render_agreement(request, token, agreement, SignedCopyForm())


def _render_agreement(request, token, agreement, upload_form, status=200):
    recurring = subscription_of(agreement) if agreement.is_direct_debit else None
    context = {
        "agreement": agreement,
        "token": token,
        "upload_form": upload_form,
        "may_upload": agreement.status in (AgreementStatus.REQUESTED, AgreementStatus.SIGNED_BY_DONOR),
        "may_pay_now": may_start_paying(agreement),
        "schedule": schedule_for(agreement, timezone.localdate(), recurring=recurring),
    }
    return TemplateResponse(request, "periodic_gifts/agreement.html", context, status=status)


def pdf_response(content, filename):
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
@require_GET
def agreement_pdf(request, token):
    """The agreement to sign; once countersigned, the signed copy both sides keep."""
    agreement, refusal = _agreement_or_refusal(request, token)
    if refusal:
        return refusal
    return pdf_response(*documents.current_pdf(agreement))


@never_cache
@require_GET
def signed_copy(request, token):
    """The donor's own uploaded copy, for the donor alone (and staff, in the admin)."""
    agreement, refusal = _agreement_or_refusal(request, token)
    if refusal:
        return refusal
    signed = documents.donor_signed_copy(agreement)
    if signed is None:
        raise Http404
    return pdf_response(*signed)


@require_POST
def upload_signed_copy(request, token):
    agreement, refusal = _agreement_or_refusal(request, token)
    if refusal:
        return refusal
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if declared.isdigit() and int(declared) > settings.PERIODIC_GIFT_UPLOAD_MAX_BYTES + UPLOAD_OVERHEAD_BYTES:
        # Refused before the body is read: an oversized upload never reaches the disk.
        form = SignedCopyForm()
        form.add_error(
            None,
            _("Dit bestand is te groot: hoogstens %(size)s MB. Scan in een lagere resolutie en probeer het opnieuw.")
            % {"size": settings.PERIODIC_GIFT_UPLOAD_MAX_BYTES // (1024 * 1024)},
        )
        return _render_agreement(request, token, agreement, form, status=413)
    form = SignedCopyForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_agreement(request, token, agreement, form, status=400)
    try:
        receive_signed_copy(agreement, form.cleaned_data["signed_copy"])
    except StepRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            _(
                "Dank u wel: we hebben uw getekende overeenkomst ontvangen. "
                "U hoort van ons zodra wij ook hebben getekend."
            ),
        )
    return _back_to_page(token)


@require_POST
def start_payment(request, token):
    agreement, refusal = _agreement_or_refusal(request, token)
    if refusal:
        return refusal
    try:
        checkout_url = start_first_payment(request, agreement)
    except StepRefused as refused:
        messages.error(request, str(refused))
    except stripe_gateway.StripeError:
        messages.error(request, _("De betaalpagina is even niet bereikbaar. Probeer het zo opnieuw."))
    else:
        return HttpResponseRedirect(checkout_url, status=303)
    return _back_to_page(token)
