"""Speed of the giving path: webhook events handled per second, and the time from donation POST to the 303.

Run by hand (not part of the tests):

    .venv/bin/python scripts/benchmark_donations.py [--gifts 200] [--max-seconds 60]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python scripts/benchmark_donations.py

It measures on SQLite (a temporary database file, as production SQLite would be a file) and, when DATABASE_URL
names a PostgreSQL server, on PostgreSQL too (in a throwaway database `leerkracht_benchmark_donations` beside the
one named). Each database is measured in its own child process, because Django's settings are per process.

Everything runs against 127.0.0.1 only: the Stripe stand-in on a free local port, called by the site's own
stripe client over HTTP. Requests reach the site through Django's test client rather than a running server: the
figures are then those of the site's code (form, ledger, Stripe call, signature check, row locks, handler), not of
a web server's worker count, and nothing has to be started first. Receipts are queued on an in-memory broker, as
a web process hands them to a worker in production, and not sent. Each phase is bounded by --gifts requests and
--max-seconds.
"""

import argparse
import io
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
BENCHMARK_DATABASE = "leerkracht_benchmark_donations"
MAX_GIFTS = 1000
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def main():
    options = _arguments()
    if options.measure:
        _measure(options)
        return
    without_database_url = {name: value for name, value in os.environ.items() if name != "DATABASE_URL"}
    targets = {"SQLite": without_database_url}
    database_url = os.environ.get("DATABASE_URL", "")
    if database_url.startswith(("postgres://", "postgresql://")):
        if urlsplit(database_url).hostname not in LOCAL_HOSTS:
            sys.exit("DATABASE_URL must name a PostgreSQL server on this machine (127.0.0.1)")
        targets["PostgreSQL"] = dict(os.environ)
    for name, environment in targets.items():
        print(f"== {name}", flush=True)
        subprocess.run(  # noqa: S603 - this same script, with fixed arguments
            [
                sys.executable,
                __file__,
                "--measure",
                "--gifts",
                str(options.gifts),
                "--max-seconds",
                str(options.max_seconds),
            ],
            cwd=REPO,
            env=environment,
            check=True,
        )


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--gifts", type=int, default=200, help=f"donation POSTs and webhook events (at most {MAX_GIFTS})"
    )
    parser.add_argument("--max-seconds", type=float, default=60, help="time limit per phase")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    options.gifts = max(2, min(options.gifts, MAX_GIFTS))
    return options


# -- in the child process: one database --------------------------------------------------------------------------


def _measure(options):
    django_settings = _set_up_django()
    from django.core.management import call_command
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    from donations import stripe_gateway
    from stripe_standin.server import StandinServer

    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        call_command("load_demo_content", stdout=io.StringIO())
        with StandinServer(host="127.0.0.1", port=0) as standin:
            django_settings.STRIPE_API_BASE = standin.base_url
            django_settings.DONATION_RATE_LIMIT = "1000000/m"  # every POST comes from one address here
            stripe_gateway.reset_client()
            latencies, session_ids = _time_donation_posts(options)
            events = _completed_session_events(standin, session_ids)
            handled, seconds = _time_webhooks(events, options)
        _report(latencies, handled, seconds)
    finally:
        teardown_databases(databases, verbosity=0)


def _set_up_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerkracht_site.settings.test")
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "false"
    os.environ["CELERY_BROKER_URL"] = "memory://"
    os.environ["LOG_LEVEL"] = "WARNING"
    sys.path.insert(0, str(REPO))
    import django
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        database["TEST"] = {"NAME": str(Path(tempfile.mkdtemp()) / "benchmark.sqlite3")}
    else:
        database["TEST"] = {"NAME": BENCHMARK_DATABASE}
    django.setup()
    logging.getLogger("stripe").setLevel(logging.WARNING)
    logging.getLogger("kombu").setLevel(logging.ERROR)  # the in-memory broker needs no host name
    warnings.filterwarnings("ignore", message="No directory at")  # static files are not collected here
    return settings


def _donation_form(number):
    from campaigns.models import CampaignPage

    campaign = CampaignPage.objects.get(slug="besturenprogramma")
    return {
        "campaign": campaign.pk,
        "amount_choice": "5000",
        "frequency": "once",
        "email": f"donor{number}@example.org",
    }


def _time_donation_posts(options):
    """POST the donation form; returns each request's seconds and the checkout session each one started."""
    from django.test import Client

    client = Client()
    forms = [_donation_form(number) for number in range(options.gifts)]
    latencies, session_ids = [], []
    deadline = time.monotonic() + options.max_seconds
    for form in forms:
        if time.monotonic() > deadline:
            break
        started = time.perf_counter()
        response = client.post("/doneren/", form)
        latencies.append(time.perf_counter() - started)
        assert response.status_code == 303, response.status_code
        session_ids.append(urlsplit(response["Location"]).path.rsplit("/", 1)[-1])
    return latencies, session_ids


def _completed_session_events(standin, session_ids):
    """Pay every session at the stand-in (it sends no webhooks here) and return its checkout.session.completed."""
    from stripe_standin import checkout
    from stripe_standin.payment_methods import PaymentDetails

    for session_id in session_ids:
        checkout.complete_session(standin.standin, session_id, PaymentDetails("ideal", ideal_bank="ing"), "succeeded")
    return [json.dumps(event) for event in standin.events("checkout.session.completed")]


def _time_webhooks(events, options):
    """POST each signed event once, one after another; returns how many were handled and the seconds it took."""
    import stripe
    from django.conf import settings
    from django.test import Client

    client = Client()
    signed = [
        (body, stripe.WebhookSignature.generate_signature_header(body, settings.STRIPE_WEBHOOK_SECRET))
        for body in events
    ]
    handled = 0
    deadline = time.monotonic() + options.max_seconds
    started = time.perf_counter()
    for body, signature in signed:
        if time.monotonic() > deadline:
            break
        response = client.post(
            "/stripe/webhook/", body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature
        )
        assert response.status_code == 200, response.status_code
        handled += 1
    return handled, time.perf_counter() - started


def _report(latencies, handled, seconds):
    from django.db import connection

    from donations.models import Donation, DonationStatus

    paid = Donation.objects.filter(status=DonationStatus.PAID).count()
    p99 = statistics.quantiles(latencies, n=100, method="inclusive")[98]
    print(f"database: {connection.vendor}")
    print(
        f"donation POST -> 303 to the stand-in: median {statistics.median(latencies) * 1000:.1f} ms, "
        f"p99 {p99 * 1000:.1f} ms over {len(latencies)} requests"
    )
    print(
        f"webhooks: {handled} signed checkout.session.completed events in {seconds:.2f} s = "
        f"{handled / seconds:.1f} events/s, one at a time ({paid} donations paid)"
    )


if __name__ == "__main__":
    main()
