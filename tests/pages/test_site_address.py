"""sitemap.xml, robots.txt and the canonical links name the site's real address: SITE_BASE_URL, through the Site."""

import io
import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from wagtail.models import Site

from pages.site_address import default_site_address

ADDRESSES = ["https://doneren.example.org", "http://127.0.0.1:8400"]


@pytest.mark.parametrize("base_url", ADDRESSES)
def test_the_sitemap_and_robots_txt_name_site_base_url(client, db, settings, base_url):
    settings.SITE_BASE_URL = base_url
    call_command("load_demo_content", stdout=io.StringIO())

    xml = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]*)</loc>", xml)
    assert len(locations) > 20  # both languages' pages
    assert all(location.startswith(f"{base_url}/") for location in locations), locations
    assert f"<loc>{base_url}/verhalen/mariaschool-rotterdam-bordsessies-groep-3/</loc>" in xml
    assert f"<loc>{base_url}/en/</loc>" in xml

    robots = client.get("/robots.txt").content.decode()
    assert f"Sitemap: {base_url}/sitemap.xml\n" in robots
    assert f'<link rel="canonical" href="{base_url}/">' in client.get("/").content.decode()


def test_migrate_gives_the_default_site_the_address_of_site_base_url(client, demo_site, settings):
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)  # Wagtail's first site
    Site.clear_site_root_paths_cache()
    assert "Sitemap: http://localhost/sitemap.xml" in client.get("/robots.txt").content.decode()

    settings.SITE_BASE_URL = "https://doneren.example.org"
    output = io.StringIO()
    call_command("migrate", stdout=output)  # as a deploy or `make run` does
    assert "The default site's address is now https://doneren.example.org" in output.getvalue()

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("doneren.example.org", 443)
    assert "Sitemap: https://doneren.example.org/sitemap.xml" in client.get("/robots.txt").content.decode()
    assert "<loc>https://doneren.example.org/missie/</loc>" in client.get("/sitemap.xml").content.decode()


def test_site_base_url_becomes_a_host_name_and_a_port():
    assert default_site_address("https://doneren.example.org/") == {"hostname": "doneren.example.org", "port": 443}
    assert default_site_address("http://127.0.0.1:8000") == {"hostname": "127.0.0.1", "port": 8000}
    assert default_site_address("http://Localhost") == {"hostname": "localhost", "port": 80}
    for wrong in ("doneren.example.org", "ftp://doneren.example.org", "https://"):
        with pytest.raises(ImproperlyConfigured, match="SITE_BASE_URL"):
            default_site_address(wrong)
