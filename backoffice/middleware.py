"""Staff login attempts are limited per client address, so passwords cannot be guessed at speed."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited


class StaffLoginRateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path == reverse("wagtailadmin_login"):
            limited = is_ratelimited(
                request, group="staff-login", key="ip", rate=settings.STAFF_LOGIN_RATE_LIMIT, increment=True
            )
            if limited:
                message = _("Te veel inlogpogingen. Wacht een paar minuten en probeer het opnieuw.")
                return HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
