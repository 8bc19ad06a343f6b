"""The site's address, SITE_BASE_URL, as Wagtail's default Site holds it: a host name and a port.

Wagtail builds every absolute page URL from the Site (`root_url`): sitemap.xml, the canonical and Open Graph links,
and robots.txt's `Sitemap:` line, which asks the Site too. The default Site takes SITE_BASE_URL's address on every
`migrate` (a deploy, `make run`) and when the demo content creates it, so a changed SITE_BASE_URL reaches the Site
with the next migrate. The Site knows no scheme of its own: port 443 is https, any other port http, so an https
address must be on port 443.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS

DEFAULT_PORTS = {"http": 80, "https": 443}


def default_site_address(base_url=None):
    """`hostname` and `port` for the default Site: https://doneren.example.org → doneren.example.org, 443."""
    base_url = base_url or settings.SITE_BASE_URL
    address = urlsplit(base_url)
    if address.scheme not in DEFAULT_PORTS or not address.hostname:
        raise ImproperlyConfigured(
            f"SITE_BASE_URL must be an address like https://doneren.example.org, not {base_url!r}"
        )
    return {"hostname": address.hostname, "port": address.port or DEFAULT_PORTS[address.scheme]}


def follow_site_base_url(apps=None, using=DEFAULT_DB_ALIAS, verbosity=1, stdout=None, **kwargs):
    """post_migrate receiver: give the default Site the address of SITE_BASE_URL when it has another.

    `migrate` passes the migrated state's `apps`; `flush` sends post_migrate without it: then the current models.
    """
    from django.apps import apps as current_apps
    from wagtail.models import Site as CurrentSite

    apps = apps or current_apps
    try:
        Site = apps.get_model("wagtailcore", "Site")
    except LookupError:
        return  # Wagtail is not migrated (yet)
    address = default_site_address()
    site = Site.objects.using(using).filter(is_default_site=True).first()
    if site is None or {"hostname": site.hostname, "port": site.port} == address:
        return
    if Site.objects.using(using).filter(**address).exists():
        return  # another site has this address (host name and port are unique together); left to the admin
    site.hostname, site.port = address["hostname"], address["port"]
    site.save(update_fields=["hostname", "port"])
    CurrentSite.clear_site_root_paths_cache()  # the cached root URLs name the old address
    if verbosity and stdout:
        stdout.write(f"The default site's address is now {settings.SITE_BASE_URL} (SITE_BASE_URL)\n")
