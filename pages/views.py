from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page, Site

from .i18n import locale_id_for

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.none()
    if query:
        # Results in the language of the search page: /zoeken/ finds Dutch pages, /en/zoeken/ English ones.
        results = Page.objects.live().public().filter(locale_id=locale_id_for()).specific().search(query)
        Query.get(query).add_hit()
    paginator = Paginator(results, RESULTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("pagina"))
    return TemplateResponse(request, "search/search.html", {"search_query": query, "search_results": page})


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    # The sitemap's address as the sitemap writes its pages' addresses: from the Site (SITE_BASE_URL).
    site = Site.find_for_request(request)
    root_url = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /zoeken/",
        "Disallow: /en/zoeken/",
        f"Sitemap: {root_url}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
