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
            standin.reset()
            replay = _shuffled_replay_of_new_gifts(standin, options)
            replayed, replay_seconds = _time_webhooks(replay["deliveries"], options)
        _report_replay(replay, replayed, replay_seconds)
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


def _time_donation_posts(options, first_number=0):
    """POST the donation form; returns each request's seconds and the checkout session each one started."""
    from django.test import Client

    client = Client()
    forms = [_donation_form(number) for number in range(first_number, first_number + options.gifts)]
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


def _shuffled_replay_of_new_gifts(standin, options):
    """New gifts, every fifth refunded: all their events (of every type), each 1-5 times, shuffled (seeded)."""
    import random

    from donations import stripe_gateway
    from donations.models import Donation

    first_new_pk = (Donation.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    _latencies, session_ids = _time_donation_posts(options, first_number=options.gifts)
    _completed_session_events(standin, session_ids)
    refunded = 0
    for session_id in session_ids[::5]:
        payment_intent = standin.get_object(session_id)["payment_intent"]
        stripe_gateway.create_refund(payment_intent, idempotency_key=f"benchmark-{payment_intent}")
        refunded += 1
    events = [json.dumps(event) for event in standin.events()]
    rng = random.Random(20261201)  # noqa: S311 - a reproducible order, not a secret
    deliveries = [body for body in events for _ in range(rng.randint(1, 5))]
    rng.shuffle(deliveries)
    return {
        "gifts": len(session_ids),
        "first_pk": first_new_pk,
        "refunded": refunded,
        "events": len(events),
        "deliveries": deliveries,
    }


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


def _report_replay(replay, delivered, seconds):
    from donations.models import Donation, DonationStatus, StripeEvent

    counts = {
        status: Donation.objects.filter(pk__gte=replay["first_pk"], status=status).count()
        for status in (DonationStatus.PAID, DonationStatus.REFUNDED)
    }
    waiting = StripeEvent.objects.filter(outcome=StripeEvent.Outcome.WAITING).count()
    print(
        f"shuffled replay: {replay['events']} events of {replay['gifts']} gifts ({replay['refunded']} refunded), "
        f"each delivered 1-5 times in random order: {delivered} deliveries in {seconds:.2f} s = "
        f"{delivered / seconds:.1f} deliveries/s, {replay['events'] / seconds:.1f} distinct events/s"
    )
    print(
        f"  ledger afterwards: {counts[DonationStatus.PAID]} paid, {counts[DonationStatus.REFUNDED]} refunded, "
        f"{waiting} events waiting"
    )


if __name__ == "__main__":
    main()
