"""Turning two-factor login on and off, and the code step after signing in."""

import base64

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from wagtail.log_actions import log

from .devices import check_code, confirmed_device, pending_device, remove_devices
from .forms import TokenForm
from .qr import qr_svg

TWO_FACTOR_ENABLED = "staff_two_factor.enabled"
TWO_FACTOR_DISABLED = "staff_two_factor.disabled"


def _log_for_staff_member(request, action):
    # request.user is a lazy wrapper (twice, with django-otp); the audit log needs the model instance itself.
    staff_member = get_user_model().objects.get(pk=request.user.pk)
    log(staff_member, action, user=staff_member)


def _next_url(request):
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_home")


@require_http_methods(["GET", "POST"])
def verify(request):
    next_url = _next_url(request)
    device = confirmed_device(request.user)
    if device is None or request.user.is_verified():
        return redirect(next_url)
    form = TokenForm(request.POST or None)
    form.fields["token"].widget.attrs["autofocus"] = True  # the code is all this page asks for
    if form.is_valid():
        error = check_code(device, form.cleaned_data["token"])
        if error is None:
            otp_login(request, device)
            return redirect(next_url)
        form.add_error("token", error)
    return TemplateResponse(request, "staff_two_factor/verify.html", {"form": form, "next": next_url})


@require_http_methods(["GET", "POST"])
def setup(request):
    user = request.user
    title = _("Tweestapsverificatie")
    context = {"page_title": title, "header_title": title, "required": settings.STAFF_2FA_REQUIRED}
    if confirmed_device(user) is not None:
        context["disable_form"] = TokenForm()
        return TemplateResponse(request, "staff_two_factor/setup.html", context)

    device = pending_device(user)
    form = TokenForm(request.POST or None)
    if form.is_valid():
        error = check_code(device, form.cleaned_data["token"])
        if error is None:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            _log_for_staff_member(request, TWO_FACTOR_ENABLED)
            messages.success(request, _("Tweestapsverificatie staat aan: na je wachtwoord volgt voortaan een code."))
            return redirect(_next_url(request) if request.POST.get("next") else reverse("staff_two_factor_setup"))
        form.add_error("token", error)
    secret = base64.b32encode(device.bin_key).decode()
    context |= {
        "form": form,
        "qr_svg": qr_svg(device.config_url),
        "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
        "next": request.GET.get("next") or request.POST.get("next") or "",
    }
    return TemplateResponse(request, "staff_two_factor/setup.html", context)


@require_POST
def disable(request):
    user = request.user
    device = confirmed_device(user)
    if device is None:
        return redirect("staff_two_factor_setup")
    if settings.STAFF_2FA_REQUIRED:
        messages.error(request, _("Tweestapsverificatie is verplicht voor medewerkers en kan niet uit."))
        return redirect("staff_two_factor_setup")
    form = TokenForm(request.POST)
    error = check_code(device, form.cleaned_data["token"]) if form.is_valid() else None
    if not form.is_valid() or error:
        title = _("Tweestapsverificatie")
        if error:
            form.add_error("token", error)
        context = {"page_title": title, "header_title": title, "required": False, "disable_form": form}
        return TemplateResponse(request, "staff_two_factor/setup.html", context, status=400)
    remove_devices(user)
    _log_for_staff_member(request, TWO_FACTOR_DISABLED)
    messages.success(request, _("Tweestapsverificatie staat uit."))
    return redirect("staff_two_factor_setup")
