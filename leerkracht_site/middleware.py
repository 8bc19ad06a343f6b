from django.middleware.locale import LocaleMiddleware


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
