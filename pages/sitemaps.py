"""sitemap.xml with every language's pages: the site's root page and its translations, with what lies below."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class AllLanguagesSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key).values_list("path", flat=True)
        under_a_root = Q()
        for path in roots:
            under_a_root |= Q(path__startswith=path)
        return Page.objects.filter(under_a_root).live().public().order_by("path").defer_streamfields().specific()
