"""Throughput and latency of the public pages, served the way production serves them.

Run by hand (not part of the tests):  .venv/bin/python scripts/benchmark_pages.py [--seconds 10]

It creates the PostgreSQL database `leerkracht_bench` on 127.0.0.1:5432, loads the demo content, collects static files,
starts gunicorn with the production settings (DEBUG off, WhiteNoise with compressed manifest files, Redis cache on
127.0.0.1:6379/9; gunicorn.conf.py, without its worker recycling) and measures each URL with wrk (Debian package
`wrk`) at 1 and 16 connections. Only 127.0.0.1 is targeted; every run is bounded by --seconds. The errors column counts
non-2xx/3xx answers and socket errors (timeouts included): a row with errors is disturbed, run it again. It also prints
the compressed size of the home page with its CSS and JS.
"""

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PORT = 8231
BASE = f"http://127.0.0.1:{PORT}"
PATHS = {
    "home": "/",
    "campaign": "/campagnes/besturenprogramma/",
    "story": "/verhalen/mariaschool-rotterdam-bordsessies-groep-3/",
    "story index": "/verhalen/",
}
ENV = {
    "DJANGO_SETTINGS_MODULE": "leerkracht_site.settings.production",
    "DJANGO_SECRET_KEY": "benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/leerkracht_bench",
    "CACHE_URL": "redis://127.0.0.1:6379/9",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/10",
    "STRIPE_SECRET_KEY": "sk_test_benchmark",
    "STRIPE_WEBHOOK_SECRET": "whsec_benchmark",
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "STATIC_ROOT": str(REPO / "var" / "bench-static"),
    "MEDIA_ROOT": str(REPO / "var" / "bench-media"),
    "PREGENERATE_RENDITIONS": "false",
    "LOG_LEVEL": "WARNING",
}


def run(*command, env=None, check=True):
    return subprocess.run(
        command,
        cwd=REPO,
        env={**os.environ, **ENV, **(env or {})},
        check=check,  # noqa: S603
        capture_output=True,
        text=True,
    )


def prepare():
    run("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-c", "DROP DATABASE IF EXISTS leerkracht_bench")
    run("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-c", "CREATE DATABASE leerkracht_bench")
    python = sys.executable
    run(python, "manage.py", "migrate", "--noinput")
    run(python, "manage.py", "load_demo_content")
    run(python, "manage.py", "collectstatic", "--noinput")


def start_gunicorn(workers):
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    process = subprocess.Popen(  # noqa: S603
        [
            gunicorn,
            "leerkracht_site.wsgi",
            "--config",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(workers),
            "--threads",
            "1",
            "--access-logfile",
            "/dev/null",
            # gunicorn.conf.py recycles a worker after ~2000 requests, which production reaches in hours and a
            # static-file row in seconds: the four workers would restart together mid-row, every connection would
            # time out while they boot, and the row would measure worker start-up instead of the site.
            "--max-requests",
            "0",
        ],
        cwd=REPO,
        env={**os.environ, **ENV},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(BASE + "/health/", timeout=1)  # noqa: S310 - 127.0.0.1 only
            break
        except OSError:
            time.sleep(0.2)
    for path in PATHS.values():  # warm caches and make renditions once, as a visitor before us would have
        urllib.request.urlopen(BASE + path, timeout=30)  # noqa: S310
    return process


def wrk(path, connections, seconds):
    result = subprocess.run(  # noqa: S603
        ["wrk", "--latency", "-t", str(min(connections, 2)), "-c", str(connections), "-d", f"{seconds}s", BASE + path],
        capture_output=True,
        text=True,
        check=True,
    )
    output = result.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.MULTILINE))
    # Non-2xx/3xx answers and socket errors (connect, read, write, timeout): a row with either is no measurement.
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    error_count = (int(errors.group(1)) if errors else 0) + (
        sum(int(count) for count in socket_errors.groups()) if socket_errors else 0
    )
    return rate, latency.get("50", "?"), latency.get("99", "?"), error_count


def page_weight():
    html = urllib.request.urlopen(BASE + "/", timeout=10).read()  # noqa: S310
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html)
    total = len(gzip.compress(html))
    for asset in assets:
        total += len(gzip.compress(urllib.request.urlopen(BASE + asset.decode(), timeout=10).read()))  # noqa: S310
    return total, len(assets)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    prepare()
    server = start_gunicorn(args.workers)
    try:
        html = urllib.request.urlopen(BASE + "/", timeout=10).read().decode()  # noqa: S310
        static_path = re.search(r'href="(/static/css/[^"]+)"', html).group(1)
        targets = {**PATHS, "static css (ceiling)": static_path}
        print(f"gunicorn {args.workers} workers, PostgreSQL, Redis cache, DEBUG off; wrk {args.seconds}s per row")
        print(f"{'page':24} {'conns':>5} {'req/s':>9} {'p50':>9} {'p99':>9} {'errors':>7}")
        for name, path in targets.items():
            for connections in (1, 16):
                rate, p50, p99, errors = wrk(path, connections, args.seconds)
                print(f"{name:24} {connections:>5} {rate:>9.1f} {p50:>9} {p99:>9} {errors:>7}")
        weight, assets = page_weight()
        print(f"home page HTML + {assets} CSS/JS files, gzip-compressed: {weight / 1024:.1f} KB (budget 60 KB)")
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
