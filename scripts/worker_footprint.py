"""Memory of each gunicorn worker, time from start to first answer, and the modules a web worker has loaded.

Run by hand (not part of the tests):  .venv/bin/python scripts/worker_footprint.py [--workers 4] [--requests 200]

It creates the PostgreSQL database `leerkracht_footprint` on 127.0.0.1:5432 (dropped again at the end), loads the
demo content, collects static files into var/footprint-static, and starts gunicorn with gunicorn.conf.py and the
production settings (DEBUG off, Redis cache on 127.0.0.1:6379/11, broker 127.0.0.1:6379/12) on 127.0.0.1:8251. It
prints the seconds from starting gunicorn to the first 200 answer of `/`, then, after --requests requests spread over
the home, campaign and story pages (half of them rendered, half from the page cache), each worker's RSS, PSS (pages
shared with the master and the other workers count divided among them) and USS (its private pages), and the number of
modules a process holds after rendering those pages. RSS counts shared pages in full: PSS and USS say what a worker
costs.
Only 127.0.0.1 is targeted; every wait is bounded.

Other benchmark scripts import the pieces: `time_to_first_answer(popen_args, url)`, `measure_workers(base_url,
master_pid)` and `modules_after_serving(paths)`.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PORT = 8251
BASE = f"http://127.0.0.1:{PORT}"
DATABASE = "leerkracht_footprint"
PATHS = (
    "/",
    "/campagnes/besturenprogramma/",
    "/verhalen/mariaschool-rotterdam-bordsessies-groep-3/",
)
ENV = {
    "DJANGO_SETTINGS_MODULE": "leerkracht_site.settings.production",
    "DJANGO_SECRET_KEY": "benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
    "CACHE_URL": "redis://127.0.0.1:6379/11",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/12",
    "STRIPE_SECRET_KEY": "sk_test_benchmark",
    "STRIPE_WEBHOOK_SECRET": "whsec_benchmark",
    "STRIPE_ALLOW_TEST_KEYS": "true",
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "STATIC_ROOT": str(REPO / "var" / "footprint-static"),
    "MEDIA_ROOT": str(REPO / "var" / "footprint-media"),
    "PREGENERATE_RENDITIONS": "false",
    "LOG_LEVEL": "WARNING",
}


def _get(url, timeout=30):
    with urllib.request.urlopen(url, timeout=timeout) as answer:  # noqa: S310 - 127.0.0.1 only
        answer.read()
        return answer.status


def time_to_first_answer(popen_args, url, env=None, timeout=120):
    """Start `popen_args` and poll `url` until it answers 200: returns (process, seconds). Stop the process yourself.

    Raises TimeoutError (after stopping the process) when no 200 comes within `timeout` seconds.
    """
    started = time.monotonic()
    process = subprocess.Popen(  # noqa: S603
        popen_args,
        cwd=REPO,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    while time.monotonic() - started < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"{popen_args[0]} exited with {process.returncode} before answering")
        try:
            if _get(url, timeout=5) == 200:
                return process, time.monotonic() - started
        except (OSError, urllib.error.HTTPError):
            pass
        time.sleep(0.05)
    stop(process)
    raise TimeoutError(f"no 200 from {url} within {timeout} s")


def stop(process, timeout=30):
    process.terminate()
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout)


def _children(pid):
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return sorted(int(child) for child in children)


def _kilobytes(path, field):
    for line in Path(path).read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(f"{field} not in {path}")


def process_memory(pid):
    """RSS, PSS and USS (private pages) of one process, in MB (from /proc, Linux only)."""
    rollup = f"/proc/{pid}/smaps_rollup"
    private = _kilobytes(rollup, "Private_Clean") + _kilobytes(rollup, "Private_Dirty")
    return {
        "rss_mb": round(_kilobytes(f"/proc/{pid}/status", "VmRSS") / 1024, 1),
        "pss_mb": round(_kilobytes(rollup, "Pss") / 1024, 1),
        "uss_mb": round(private / 1024, 1),
    }


def measure_workers(base_url, master_pid, requests=200, paths=PATHS):
    """Send `requests` GETs spread over `paths`, then {worker pid: {"rss_mb", "pss_mb", "uss_mb"}} of the master's
    children. Every other request carries a query parameter the page cache does not keep (delivery/page_cache.py),
    so each worker renders pages, as it does after every publish or donation, besides answering from the cache."""
    for number in range(requests):
        path = paths[number % len(paths)]
        _get(base_url + path + (f"?footprint={number}" if number % 2 else ""))
    return {pid: process_memory(pid) for pid in _children(master_pid)}


# Import the site as gunicorn does, serve the pages through the WSGI application, report what is loaded (also the
# web-process import test's program: tests/test_web_process_imports.py).
SERVE_PAGES = """
import io, json, sys
from leerkracht_site.wsgi import application

statuses = []
for path in sys.argv[1:]:
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr, "wsgi.multithread": False,
        "wsgi.multiprocess": True, "wsgi.run_once": False, "wsgi.version": (1, 0),
    }
    answer = []
    body = application(environ, lambda status, headers, exc_info=None: answer.append(status))
    b"".join(body)
    statuses.append(answer[0])
print(json.dumps({"statuses": statuses, "modules": sorted(sys.modules)}))
"""


def modules_after_serving(paths=PATHS, env=None):
    """The names in sys.modules of a fresh process that imported the WSGI application and served `paths` through it
    (no gunicorn), with the statuses of the answers: {"statuses": [...], "modules": [...]}. The pages are rendered,
    not taken from the page cache (a cache in the process's memory unless `env` says otherwise)."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", SERVE_PAGES, *paths],
        cwd=REPO,
        env={**os.environ, **ENV, "CACHE_URL": "locmemcache://", **(env or {})},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(result.stdout.splitlines()[-1])


# The web process refuses to start with the demo's placeholder ANBI numbers (pages/checks.py, docs/deploy.md).
SET_ANBI_NUMBERS = (
    "from wagtail.models import Site; from pages.models import AnbiSettings; "
    "a = AnbiSettings.for_site(Site.objects.get(is_default_site=True)); "
    "a.rsin, a.kvk_number = '123456782', '12345678'; a.save()"
)


def _run(*command):
    env = {**os.environ, **ENV}
    subprocess.run(command, cwd=REPO, env=env, check=True, capture_output=True, text=True, timeout=300)  # noqa: S603


def _psql(sql):
    _run("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-c", sql)


def prepare():
    _psql(f"DROP DATABASE IF EXISTS {DATABASE}")
    _psql(f"CREATE DATABASE {DATABASE}")
    _run(sys.executable, "manage.py", "migrate", "--noinput")
    _run(sys.executable, "manage.py", "load_demo_content")
    _run(sys.executable, "manage.py", "collectstatic", "--noinput")
    _run(sys.executable, "manage.py", "shell", "-c", SET_ANBI_NUMBERS)
    modules_after_serving()  # the pages' image renditions are made once, as a first visitor would have


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--keep-database", action="store_true", help="reuse the database and do not drop it")
    args = parser.parse_args()
    if not args.keep_database:
        prepare()
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    command = [gunicorn, "leerkracht_site.wsgi", "--config", "gunicorn.conf.py"]
    command += ["--workers", str(args.workers), "--bind", f"127.0.0.1:{PORT}", "--access-logfile", "/dev/null"]
    try:
        server, seconds = time_to_first_answer(command, BASE + "/", env=ENV)
        try:
            print(f"gunicorn {args.workers} workers, production settings: first 200 of / after {seconds:.1f} s")
            workers = measure_workers(BASE, server.pid, requests=args.requests)
            master = process_memory(server.pid)
        finally:
            stop(server)
        print(f"after {args.requests} requests (home, campaign, story):")
        print(f"{'process':>12} {'RSS MB':>8} {'PSS MB':>8} {'USS MB':>8}")
        print(f"{'master':>12} {master['rss_mb']:>8} {master['pss_mb']:>8} {master['uss_mb']:>8}")
        for pid, memory in workers.items():
            print(f"{'worker ' + str(pid):>12} {memory['rss_mb']:>8} {memory['pss_mb']:>8} {memory['uss_mb']:>8}")
        served = modules_after_serving()
        print(f"modules loaded after serving those pages: {len(served['modules'])} (answers {served['statuses']})")
    finally:
        if not args.keep_database:
            _psql(f"DROP DATABASE IF EXISTS {DATABASE}")


if __name__ == "__main__":
    main()
