from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from donations import webhooks
from leerkracht_site.health import health
from pages import views as page_views
from pages.sitemaps import AllLanguagesSitemap

# One address for every language: the admin, documents, machine-read files and the Stripe webhook.
urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": AllLanguagesSitemap}}, name="sitemap"),
    path("robots.txt", page_views.robots_txt, name="robots_txt"),
    path("health/", health, name="health"),
    path("stripe/webhook/", webhooks.stripe_webhook, name="stripe_webhook"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# What visitors read: Dutch at the addresses without a prefix (as before), English under /en/. The language of the
# address is the language of the page (LocaleMiddleware); a browser's Accept-Language never moves a visitor.
urlpatterns += i18n_patterns(
    path("zoeken/", page_views.search, name="search"),
    path("", include("donations.urls")),
    path("", include("partners.urls")),
    path("", include("periodic_gifts.urls")),
    path("", include("newsletter.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
