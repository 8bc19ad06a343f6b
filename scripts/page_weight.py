"""The weight of the home page and a campaign page as a browser first loads them: HTML, CSS and JS, gzip-compressed.

Run by hand from the repository (not part of the tests):

    .venv/bin/python scripts/page_weight.py

It builds the demo content in a temporary SQLite database (development settings, nothing else needed), fetches each
page through Django's test client, then every stylesheet and script the page links to from /static/, and prints
each file's compressed size and the page's total against the budget (PRODUCT.md: 60 KB). Images and the logo's
fonts are not counted: the budget is about what blocks the first paint. The exit status is 1 when a page is over.
"""

import gzip
import io
import os
import re
import sys
import tempfile
from pathlib import Path

BUDGET_BYTES = 60 * 1024
ROOT = Path(__file__).resolve().parent.parent


def main():
    sys.path.insert(0, str(ROOT))
    database = Path(tempfile.mkdtemp()) / "page-weight.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerkracht_site.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from campaigns.models import CampaignPage

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", stdout=io.StringIO())
    client = Client(HTTP_HOST="127.0.0.1")
    campaign = CampaignPage.objects.live().filter(locale__language_code="nl").first()
    over = False
    for name, path in (("home", "/"), ("campaign", campaign.url), ("home (English)", "/en/")):
        html = client.get(path).content
        files = [(path, len(gzip.compress(html)))]
        for asset in dict.fromkeys(re.findall(rb'(?:href|src)="(/static/[^"?]+\.(?:css|js))', html)):
            body = b"".join(client.get(asset.decode()).streaming_content)
            files.append((asset.decode(), len(gzip.compress(body))))
        total = sum(size for _, size in files)
        over |= total > BUDGET_BYTES
        print(f"{name}: {total / 1024:.1f} KB of {BUDGET_BYTES // 1024} KB")
        for file, size in files:
            print(f"    {size / 1024:6.1f} KB  {file}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
