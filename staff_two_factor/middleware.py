"""Staff who turned on two-factor login reach the admin only after entering a code from their authenticator app."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import resolve, reverse
from django.urls.exceptions import Resolver404
from django_otp import user_has_device

# Admin views a signed-in but not yet verified staff member may still open.
OPEN_BEFORE_VERIFICATION = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "staff_two_factor_verify",
}
# Views to set up a first device, open when staff must set one up but have none yet.
OPEN_FOR_SETUP = {"staff_two_factor_setup"}


class RequireVerifiedStaffMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/"):
            response = self._redirect_if_unverified(request)
            if response is not None:
                return response
        return self.get_response(request)

    def _redirect_if_unverified(self, request):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        try:
            url_name = resolve(request.path_info).url_name
        except Resolver404:
            return None
        if url_name in OPEN_BEFORE_VERIFICATION:
            return None
        query = urlencode({"next": request.get_full_path()})
        if user_has_device(user, confirmed=True):
            return redirect(f"{reverse('staff_two_factor_verify')}?{query}")
        if settings.STAFF_2FA_REQUIRED and url_name not in OPEN_FOR_SETUP:
            return redirect(f"{reverse('staff_two_factor_setup')}?{query}")
        return None
