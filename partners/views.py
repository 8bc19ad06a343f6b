from django.conf import settings
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.core import is_ratelimited

from core.same_origin import same_origin_post

from .forms import PartnershipRequestForm
from .pipeline import receive_request


@never_cache
@require_http_methods(["GET", "POST"])
@same_origin_post
def request_partnership(request):
    """The partner page posts its form here; invalid input is shown again here, with the errors on top."""
    if request.method == "GET":
        return _render_form(request, PartnershipRequestForm())

    form = PartnershipRequestForm(request.POST)
    rate = getattr(settings, "PARTNER_RATE_LIMIT", "5/m")
    if is_ratelimited(request, group="partner-form", key="ip", rate=rate, increment=True):
        form.add_error(
            None, _("U heeft in korte tijd te vaak een aanvraag verstuurd. Probeer het over een minuut opnieuw.")
        )
        return _render_form(request, form, status=429)
    if not form.is_valid():
        return _render_form(request, form, status=400)

    receive_request(form)
    return HttpResponseRedirect(reverse("partners:thank_you"), status=303)


def _render_form(request, form, status=200):
    description = _(
        "Heeft u een stichting of bedrijf, of wilt u als vermogend particulier bijdragen? "
        "We gaan graag met u in gesprek."
    )
    context = {"form": form, "meta_description": description}
    return TemplateResponse(request, "partners/request.html", context, status=status)


@require_GET
def thank_you(request):
    return TemplateResponse(request, "partners/thank_you.html")
