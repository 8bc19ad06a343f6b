from django.http import HttpResponseBadRequest
from django.middleware.locale import LocaleMiddleware

NUL = "\x00"
FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class PermissionsPolicyMiddleware:
    """Adds the Permissions-Policy header (Django has no setting for it)."""

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        self.policy = settings.PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.policy)
        return response


class RefuseNulCharactersMiddleware:
    """Answers 400 to a request with a NUL character in its path, its query string or its form fields.

    PostgreSQL text cannot hold NUL, so such a value reaching a query ends in a 500 (the search does, for one); no
    browser sends one. Checked before any other middleware or view looks at the request. Only form posts are read:
    other bodies (the JSON Stripe webhook) are the view's to read and judge.
    """

    MESSAGE = "Ongeldig verzoek: het verzoek bevat een niet-toegestaan teken."

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._holds_nul(request):
            return HttpResponseBadRequest(self.MESSAGE, content_type="text/plain; charset=utf-8")
        # A cookie is not the visitor's to fix: one with a NUL (a forged session key, say) is dropped, as if absent.
        for name in [name for name, value in request.COOKIES.items() if NUL in name or NUL in value]:
            del request.COOKIES[name]
        return self.get_response(request)

    @staticmethod
    def _holds_nul(request):
        if NUL in request.path or _any_nul(request.GET.lists()):
            return True
        if request.method != "POST" or request.content_type not in FORM_CONTENT_TYPES:
            return False
        # Django parses a form once, on first access: the CSRF check and the view reuse this parse.
        file_names = ((field, [upload.name or "" for upload in uploads]) for field, uploads in request.FILES.lists())
        return _any_nul(request.POST.lists()) or _any_nul(file_names)


def _any_nul(fields):
    """Whether a NUL is in a name or a value of `fields`: pairs of a name and its values, like `QueryDict.lists()`."""
    return any(NUL in name or any(NUL in value for value in values) for name, values in fields)


class LanguageFromAddressMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, without its `Vary: Accept-Language`.

    With `i18n_patterns(prefix_default_language=False)` the address alone decides the language: English under /en/,
    Dutch everywhere else (the admin included), whatever the browser asks for. So a response does not vary with
    Accept-Language, and a shared cache (the CDN) keeps one copy per address.
    """

    def process_response(self, request, response):
        vary_before = response.get("Vary", "")
        response = super().process_response(request, response)
        if "accept-language" not in vary_before.lower() and response.has_header("Vary"):
            kept = [
                value.strip() for value in response["Vary"].split(",") if value.strip().lower() != "accept-language"
            ]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response
