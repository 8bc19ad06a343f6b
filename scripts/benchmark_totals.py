"""Campaign totals against the number of gifts: a page render that misses every cache costs the same at 50 and 50,000.

Run by hand (not part of the tests), from the repository:

    .venv/bin/python scripts/benchmark_totals.py [--renders 200]

It needs PostgreSQL on 127.0.0.1:5432 (user `postgres`, no password, an existing database `test` to connect to) and
the development set in .venv; no Redis (Django's local-memory cache) and no other service. It (re)creates the
PostgreSQL database `leerkracht_totals_bench`, migrates it, loads the demo content (`load_demo_content`, its images
into a temporary MEDIA_ROOT) and drops the database again at the end, also after an error or Ctrl-C.

Everything runs in this process with the test settings (`leerkracht_site.settings.test`: DEBUG off, as in
production) pointed at that database. Requests reach the site through Django's test client, so the figures are those
of the site's code, not of a web server. Phases:

- 50 paid gifts on the campaign "besturenprogramma" (rows bulk-created for a few donors, then `totals.recount()` sets
  the counters from the ledger, as an operator would after a restore); then 50,000 (bulk-created in batches of 5,000,
  recounted again). After each, the table is analysed, as autovacuum would, so the planner knows its size;
- at each size, --renders renders of the campaign page and of the home page (which shows the campaign's card), each
  a miss: the cache is emptied before every request, so the page cache misses, the cached figures miss and the
  page reads the counter row. A few warm-up renders of each page come first and are not counted;
- at each size, the way a total was computed before the counters: the ledger aggregate (sum of what each paid gift
  counts for, distinct donors) over the campaign's rows, 50 times: what every miss used to cost on top.

It prints a table: gifts, page, median and p95 render time in ms, SQL queries per render, whether any query read
the donations_donation table, whether the page read the counter row (donations_campaigntotal); then the old
aggregate's median ms at each size. The figures depend on the machine's load: compare runs made under the same load.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
DATABASE = "leerkracht_totals_bench"
CAMPAIGN_SLUG = "besturenprogramma"
PAGES = {"campaign": f"/campagnes/{CAMPAIGN_SLUG}/", "home": "/"}
SIZES = (50, 50_000)
BATCH = 5_000
DONORS = 7
WARM_UP = 5
AGGREGATE_RUNS = 50
MAX_RENDERS = 2_000
DONATIONS_TABLE = re.compile(r'"donations_donation"')
COUNTER_TABLE = re.compile(r'"donations_campaigntotal"')


def main():
    options = _arguments()
    media_root = Path(tempfile.mkdtemp(prefix="leerkracht-totals-bench-media-"))
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "leerkracht_site.settings.test",
            "DATABASE_URL": f"postgres://postgres@{HOST}:5432/{DATABASE}",
            "CACHE_URL": "locmemcache://",
            "MEDIA_ROOT": str(media_root),
            "MEDIA_STORAGE": "local",
            "LOG_LEVEL": "WARNING",  # not the demo loader's line per published page
        }
    )
    _psql(f"DROP DATABASE IF EXISTS {DATABASE}")
    _psql(f"CREATE DATABASE {DATABASE}")
    try:
        _benchmark(options)
    finally:
        _close_connections()
        _psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        shutil.rmtree(media_root, ignore_errors=True)


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=200, help=f"renders per page and size (1 to {MAX_RENDERS})")
    options = parser.parse_args()
    if not 1 <= options.renders <= MAX_RENDERS:
        parser.error(f"--renders must be between 1 and {MAX_RENDERS}")
    return options


def _psql(statement):
    subprocess.run(  # noqa: S603 - fixed statements against the local server only
        ["psql", "-h", HOST, "-U", "postgres", "-d", "test", "-v", "ON_ERROR_STOP=1", "-q", "-c", statement],  # noqa: S607
        check=True,
        env={**os.environ, "PGOPTIONS": "-c client_min_messages=warning"},  # no notice for a database not there
    )


def _close_connections():
    if "django.db" in sys.modules:
        from django.db import connections

        connections.close_all()


def _benchmark(options):
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    # Static files are not collected for this benchmark: pages link to them, nothing serves them.
    warnings.filterwarnings("ignore", message="No directory at")

    from django.core.management import call_command

    started = time.perf_counter()
    print(f"Database {DATABASE}: migrating and loading the demo content…", flush=True)
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo_content", verbosity=0)
    print(f"  ready in {time.perf_counter() - started:.0f} s", flush=True)

    from campaigns.models import CampaignPage

    campaign = CampaignPage.objects.get(slug=CAMPAIGN_SLUG, locale__language_code="nl")
    donors = _donors()
    rows, aggregates = [], {}
    for size in SIZES:
        _fill_ledger(campaign, donors, size)
        for name, path in PAGES.items():
            rows.append((size, name, *_time_misses(path, options.renders)))
        aggregates[size] = _time_old_aggregate(campaign.translation_key)
    _report(rows, aggregates, options.renders)


def _donors():
    from donations.models import Donor

    return Donor.objects.bulk_create(
        Donor(email=f"benchmark-{number}@example.org", name=f"Donateur {number}") for number in range(DONORS)
    )


def _fill_ledger(campaign, donors, size):
    """Bulk-create paid gifts up to `size` on the campaign, then set the counters from the ledger."""
    from django.db import connection
    from django.utils import timezone

    from donations import totals
    from donations.models import Donation, DonationStatus, Frequency

    started = time.perf_counter()
    existing = Donation.objects.filter(campaign=campaign, status=DonationStatus.PAID).count()
    now = timezone.now()
    for first in range(existing, size, BATCH):
        Donation.objects.bulk_create(
            Donation(
                campaign=campaign,
                donor=donors[number % len(donors)],
                amount_cents=100 * (5 + number % 20),
                frequency=Frequency.ONCE,
                status=DonationStatus.PAID,
                paid_at=now,
            )
            for number in range(first, min(first + BATCH, size))
        )
    with connection.cursor() as cursor:  # the planner's statistics, as autovacuum keeps them in production
        cursor.execute("ANALYZE donations_donation")
    totals.recount()
    ledger = totals.ledger_figures()[str(campaign.translation_key)]
    shown = totals.totals_for(campaign)
    if (shown.raised_cents, shown.donor_count) != ledger:
        raise SystemExit(f"the counter shows {shown} but the ledger has {ledger}")
    paid = Donation.objects.filter(campaign=campaign, status=DonationStatus.PAID).count()
    print(
        f"{paid:,} paid gifts (€ {ledger[0] / 100:,.0f} from {ledger[1]} donors) "
        f"in {time.perf_counter() - started:.1f} s",
        flush=True,
    )


def _time_misses(path, renders):
    """Median and p95 ms of `renders` renders of `path` with an empty cache, and what SQL each ran."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    for _ in range(WARM_UP):
        cache.clear()
        _get(client, path)
    times, query_counts = [], set()
    touches_donations = reads_counter = False
    for _ in range(renders):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            _get(client, path)
            times.append((time.perf_counter() - started) * 1000)
        query_counts.add(len(queries.captured_queries))
        sql = [query["sql"] for query in queries.captured_queries]
        touches_donations |= any(DONATIONS_TABLE.search(text) for text in sql)
        reads_counter |= any(COUNTER_TABLE.search(text) for text in sql)
    counts = "–".join(str(count) for count in sorted({min(query_counts), max(query_counts)}))
    return statistics.median(times), _percentile(times, 95), counts, touches_donations, reads_counter


def _get(client, path):
    response = client.get(path)
    if response.status_code != 200 or response.get("X-Page-Cache") != "miss":
        raise SystemExit(f"{path}: {response.status_code}, X-Page-Cache {response.get('X-Page-Cache')!r}")
    return response


def _time_old_aggregate(translation_key):
    """Median ms of the ledger aggregate a page miss ran for each campaign before the counters."""
    from django.db.models import Count, Sum

    from donations.models import Donation, counted_cents_expression

    times = []
    for _ in range(AGGREGATE_RUNS):
        started = time.perf_counter()
        Donation.objects.filter(campaign__translation_key=translation_key, status="paid").aggregate(
            raised=Sum(counted_cents_expression()), donors=Count("donor", distinct=True)
        )
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _percentile(values, percent):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]


def _report(rows, aggregates, renders):
    print()
    print(f"Page renders that miss every cache ({renders} per row, after {WARM_UP} warm-up renders):")
    header = ("gifts", "page", "median ms", "p95 ms", "queries", "touches donations", "reads counter row")
    lines = [
        (f"{size:,}", name, f"{median:.1f}", f"{p95:.1f}", counts, _yes(touches), _yes(counter))
        for size, name, median, p95, counts, touches, counter in rows
    ]
    widths = [max(len(cell) for cell in column) for column in zip(header, *lines, strict=True)]
    for line in (header, tuple("-" * width for width in widths), *lines):
        print(
            "  ".join(
                cell.rjust(width) if index != 1 else cell.ljust(width)
                for index, (cell, width) in enumerate(zip(line, widths, strict=True))
            )
        )
    print()
    print(f"The old way, the ledger aggregate per campaign (median of {AGGREGATE_RUNS} runs):")
    for size, median in aggregates.items():
        print(f"  {size:>7,} gifts: {median:.2f} ms")


def _yes(flag):
    return "yes" if flag else "no"


if __name__ == "__main__":
    main()
