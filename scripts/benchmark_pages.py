"""Giving-day benchmark: the public pages served as production serves them, without gifts and while gifts are paid.

Run by hand (not part of the tests), from the repository:

    .venv/bin/python scripts/benchmark_pages.py [--seconds 10] [--quick]

It needs, on this machine: PostgreSQL on 127.0.0.1:5432 (user `postgres`, no password, an existing database `test`
to connect to), Redis on 127.0.0.1:6379, Debian's `wrk` (`apt-get install wrk`), and the development set in .venv
(the Stripe stand-in `stripe_standin` and aiosmtpd). Ports 8231 (the site) and 12131 (the stand-in, or another free
one) are used. It (re)creates the PostgreSQL database `leerkracht_bench` with the demo content, empties Redis dbs 9
(cache) and 10 (Celery broker), collects static files into var/bench-static/ and writes the processes' logs to
var/bench-logs/.

What runs, all on 127.0.0.1 and all stopped at the end (also on Ctrl-C or an error):
- gunicorn with the production settings and gunicorn.conf.py, 4 workers, without its worker recycling; the only
  change to the production settings is STRIPE_API_BASE, pointed at the stand-in (a settings module written to a
  temporary folder: production pins it empty);
- the offline Stripe stand-in, sending signed webhooks to that gunicorn;
- a Celery worker (`celery -A leerkracht_site worker --pool solo`, production settings, broker Redis db 10), which
  sends the receipts to a local SMTP server in this process that only counts them.

Phases: each page (home, a campaign page, a story page, the donate page) and the site's CSS file get a wrk run of
--seconds at 16 connections without gifts, then again while a background payer gives 2 gifts per second through the
site and the stand-in, as a browser would (the campaign page's form, POSTed to /doneren/ with an Origin header and,
when the page has one, the CSRF token and cookie; then the stand-in's checkout completed with iDEAL, so the stand-in
sends the webhooks). Per row: requests/s, p50 and p99, errors (non-2xx/3xx answers and socket errors: a row with
errors is disturbed), the page-cache hits and misses (`X-Page-Cache`), and the CPU time of gunicorn (master and
workers) per request wrk made; the CSS file's CPU time per request as a share of each page's. The gifts phase's CPU
time includes the gifts' own requests and webhooks: that is what a giving day costs. Then the throughput with gifts as
a share of the throughput without, the page cache's generation before and after the gifts, the ledger (paid gifts in
the database against the gifts the payer completed) and the receipts mailed, each worker's RSS and PSS, gunicorn's
time from start to its first 200 on /, and the compressed weight of the home page. The machine's load shows in the
figures: compare runs made under the same load.
"""

import argparse
import contextlib
import gzip
import html.parser
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import redis
from aiosmtpd.controller import Controller

REPO = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
PORT = 8231
BASE = f"http://{HOST}:{PORT}"
ORIGIN = BASE
STANDIN_PORT = 12131
DATABASE = "leerkracht_bench"
CACHE_DB, BROKER_DB = 9, 10
GENERATION_KEY = ":1:page-cache:generation"  # delivery/page_cache.py's key as Django's Redis cache stores it
CAMPAIGN_PATH = "/campagnes/besturenprogramma/"
PAGES = {
    "home": "/",
    "campaign": CAMPAIGN_PATH,
    "story": "/verhalen/mariaschool-rotterdam-bordsessies-groep-3/",
    "donate": "/doneren/",
}
CONNECTIONS = 16
GIFTS_PER_SECOND = 2
WEBHOOK_SECRET = "whsec_benchmark"  # noqa: S105 - a throwaway secret shared with the local stand-in
LOG_DIR = REPO / "var" / "bench-logs"
STATIC_ROOT = REPO / "var" / "bench-static"
ENV = {
    "DJANGO_SETTINGS_MODULE": "leerkracht_site.settings.production",
    "DJANGO_SECRET_KEY": "benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DATABASE_URL": f"postgres://postgres@{HOST}:5432/{DATABASE}",
    "CACHE_URL": f"redis://{HOST}:6379/{CACHE_DB}",
    "CELERY_BROKER_URL": f"redis://{HOST}:6379/{BROKER_DB}",
    "STRIPE_SECRET_KEY": "sk_test_benchmark",
    "STRIPE_ALLOW_TEST_KEYS": "true",  # the stand-in takes test keys only
    "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
    "SITE_BASE_URL": BASE,
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "STATIC_ROOT": str(STATIC_ROOT),
    "MEDIA_ROOT": str(REPO / "var" / "bench-media"),
    "PREGENERATE_RENDITIONS": "false",
    "DONATION_RATE_LIMIT": "100000/m",  # every gift comes from 127.0.0.1 here
    "EMAIL_HOST": HOST,
}
# The wrapper settings module: production's, with the Stripe client pointed at the stand-in.
SETTINGS_MODULE = "giving_day_benchmark_settings"
SETTINGS_SOURCE = '''"""Production settings, the Stripe client pointed at the local stand-in (giving-day benchmark)."""

import os

from leerkracht_site.settings.production import *  # noqa: F403

STRIPE_API_BASE = os.environ["BENCHMARK_STRIPE_API_BASE"]
'''
# Counts X-Page-Cache per wrk thread (each has its own Lua state) and adds them up at the end.
WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) hits = 0; misses = 0; other = 0 end
function response(status, headers, body)
  local value = nil
  for name, content in pairs(headers) do
    if string.lower(name) == "x-page-cache" then value = content end
  end
  if value == "hit" then hits = hits + 1 elseif value == "miss" then misses = misses + 1 else other = other + 1 end
end
function done(summary, latency, requests)
  local h, m, o = 0, 0, 0
  for _, thread in ipairs(threads) do
    h = h + thread:get("hits"); m = m + thread:get("misses"); o = o + thread:get("other")
  end
  io.write(string.format("page-cache: hit %d miss %d other %d\\n", h, m, o))
end
"""
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# -- preparing ------------------------------------------------------------------------------------------------------


def run(*command, env=None):
    result = subprocess.run(  # noqa: S603 - fixed commands
        command, cwd=REPO, env={**os.environ, **ENV, **(env or {})}, capture_output=True, text=True, check=False
    )
    if result.returncode:
        sys.exit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def port_is_free(port):
    with socket.socket() as probe:
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


def free_port(preferred=None):
    if preferred and port_is_free(preferred):
        return preferred
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def prepare():
    psql = ("psql", "-h", HOST, "-U", "postgres", "-d", "test", "-v", "ON_ERROR_STOP=1", "-c")
    run(*psql, f"DROP DATABASE IF EXISTS {DATABASE}")
    run(*psql, f"CREATE DATABASE {DATABASE}")
    python = sys.executable
    run(python, "manage.py", "migrate", "--noinput")
    run(python, "manage.py", "load_demo_content")
    # The web process refuses the demo's placeholder ANBI numbers (pages/checks.py): give it well-formed ones.
    run(
        python,
        "manage.py",
        "shell",
        "-c",
        "from wagtail.models import Site; from pages.models import AnbiSettings; "
        "anbi = AnbiSettings.for_site(Site.objects.get(is_default_site=True)); "
        "anbi.rsin = '123456782'; anbi.kvk_number = '12345678'; anbi.save()",
    )
    run(python, "manage.py", "collectstatic", "--noinput")
    for db in (CACHE_DB, BROKER_DB):  # pages cached and tasks queued by an earlier run or by the steps above
        redis.Redis(host=HOST, port=6379, db=db).flushdb()


def static_css_path():
    manifest = json.loads((STATIC_ROOT / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/site.css"]


# -- the processes --------------------------------------------------------------------------------------------------


class Processes:
    """Every process this benchmark starts, each in its own session, stopped in reverse order."""

    def __init__(self):
        self.started = []

    def start(self, name, command, env):
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        log = open(LOG_DIR / f"{name}.log", "w")  # noqa: SIM115 - closed in stop_all
        process = subprocess.Popen(  # noqa: S603 - fixed commands
            command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.started.append((name, process, log))
        return process

    def stop_all(self):
        for _name, process, log in reversed(self.started):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)  # its own session: the process and its children only
                    process.wait(10)
            log.close()
        self.started.clear()


def get(path, timeout=10):
    connection = http.client.HTTPConnection(HOST, PORT, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def start_gunicorn(processes, env, workers):
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    command = [
        gunicorn,
        "leerkracht_site.wsgi",
        "--config",
        "gunicorn.conf.py",
        "--bind",
        f"{HOST}:{PORT}",
        "--workers",
        str(workers),
        # gunicorn.conf.py recycles a worker after ~2000 requests, which production reaches in hours and a
        # static-file row in seconds: the workers would restart together mid-row and the row would measure their
        # start-up instead of the site.
        "--max-requests",
        "0",
        # gunicorn's control socket is one path per user (~/.gunicorn/): another gunicorn on this machine would share
        # it. The benchmark does not use it.
        "--no-control-socket",
    ]
    started = time.monotonic()
    server = processes.start("gunicorn", command, env)
    deadline = started + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped at start; see {LOG_DIR / 'gunicorn.log'}")
        with contextlib.suppress(OSError):
            if get("/", timeout=5)[0] == 200:
                return server, time.monotonic() - started
        time.sleep(0.05)
    sys.exit(f"gunicorn gave no 200 on / within 90 s; see {LOG_DIR / 'gunicorn.log'}")


def start_standin(processes, env, port):
    command = [
        sys.executable,
        "-m",
        "stripe_standin",
        "--host",
        HOST,
        "--port",
        str(port),
        "--webhook-url",
        f"{BASE}/stripe/webhook/",
        "--webhook-secret",
        WEBHOOK_SECRET,
        "--quiet",
    ]
    standin = processes.start("stripe-standin", command, env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if standin.poll() is not None:
            sys.exit(f"the Stripe stand-in stopped at start; see {LOG_DIR / 'stripe-standin.log'}")
        with contextlib.suppress(OSError):
            if standin_call(port, "GET", "/_standin/health", timeout=2)[0] == 200:
                return standin
        time.sleep(0.1)
    sys.exit("the Stripe stand-in did not answer within 30 s")


def start_celery_worker(processes, env):
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "leerkracht_site",
        "--quiet",
        "worker",
        "--pool",
        "solo",
        "--hostname",
        "giving-day-benchmark@%h",
    ]
    worker = processes.start("celery-worker", command, env)
    log = LOG_DIR / "celery-worker.log"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            sys.exit(f"the Celery worker stopped at start; see {log}")
        if " ready." in log.read_text(errors="replace"):
            return worker
        time.sleep(0.2)
    print("warning: the Celery worker did not say it was ready within 60 s; going on", file=sys.stderr)
    return worker


def standin_call(port, method, path, body=None, timeout=10):
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


class CountingMailServer:
    """The SMTP server the Celery worker sends the receipts to: it accepts everything and counts the recipients."""

    def __init__(self):
        self.recipients = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's API
        with self.lock:
            self.recipients.extend(envelope.rcpt_tos)
        return "250 Message accepted"

    def count(self, suffix):
        with self.lock:
            return sum(1 for address in self.recipients if address.endswith(suffix))


# -- measuring ------------------------------------------------------------------------------------------------------


def children(pid):
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError):
                if int(_stat_fields(entry.name)[1]) == pid:
                    found.append(int(entry.name))
    return sorted(found)


def _stat_fields(pid):
    # The fields after "(comm)", which may itself hold spaces and parentheses: state is [0], ppid [1], utime [11].
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2 :].split()


def cpu_ticks(pids):
    ticks = {}
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = _stat_fields(pid)
            ticks[pid] = int(fields[11]) + int(fields[12])  # utime + stime
    return ticks


def own_cpu_seconds():
    """CPU time of this process (the payer's threads included, wrk not: it is a child)."""
    times = os.times()
    return times.user + times.system


def helpers_cpu_seconds(processes):
    """CPU seconds each helper process (stand-in, Celery worker) has used so far, its children included."""
    used = {}
    for name, process, _log in processes.started:
        if name != "gunicorn":
            ticks = cpu_ticks([process.pid, *children(process.pid)])
            used[name] = sum(ticks.values()) / CLOCK_TICKS
    return used


def gunicorn_cpu_ticks(master):
    return cpu_ticks([master, *children(master)])


def cpu_ms_between(before, after):
    if set(before) != set(after):
        print("warning: gunicorn's workers changed during a run; its CPU time is not comparable", file=sys.stderr)
    ticks = sum(count - before.get(pid, 0) for pid, count in after.items())
    return ticks * 1000 / CLOCK_TICKS


def memory_mb(pid):
    status = Path(f"/proc/{pid}/status").read_text()
    rss = int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE).group(1))
    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    pss = int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE).group(1))
    return rss / 1024, pss / 1024


def wrk(path, seconds, lua_script):
    command = [
        "wrk",
        "--latency",
        "-t",
        "2",
        "-c",
        str(CONNECTIONS),
        "-d",
        f"{seconds}s",
        "-s",
        lua_script,
        BASE + path,
    ]
    result = subprocess.run(  # noqa: S603 - fixed command, 127.0.0.1 only
        command, capture_output=True, text=True, check=True, timeout=seconds + 30
    )
    output = result.stdout
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.MULTILINE))
    # Non-2xx/3xx answers and socket errors (connect, read, write, timeout): a row with either is no measurement.
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors = (int(non_2xx.group(1)) if non_2xx else 0) + (
        sum(int(count) for count in socket_errors.groups()) if socket_errors else 0
    )
    hits, misses, _other = (
        int(count) for count in re.search(r"page-cache: hit (\d+) miss (\d+) other (\d+)", output).groups()
    )
    return {
        "requests": requests,
        "rate": rate,
        "p50": latency.get("50", "?"),
        "p99": latency.get("99", "?"),
        "errors": errors,
        "hits": hits,
        "misses": misses,
    }


def measure(targets, seconds, master, lua_script):
    rows = {}
    for name, path in targets.items():
        before = gunicorn_cpu_ticks(master)
        row = wrk(path, seconds, lua_script)
        row["cpu_ms"] = cpu_ms_between(before, gunicorn_cpu_ticks(master)) / max(row["requests"], 1)
        rows[name] = row
    return rows


def cache_generation():
    value = redis.Redis(host=HOST, port=6379, db=CACHE_DB).get(GENERATION_KEY)
    return value.decode() if value is not None else "(none)"


# -- the payer ------------------------------------------------------------------------------------------------------


class DonationFormParser(html.parser.HTMLParser):
    """The fields a browser would send from the page's donation form: hidden inputs, the checked radio buttons."""

    def __init__(self):
        super().__init__()
        self.in_form = False
        self.fields = {}
        self.first_radio = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and "donate-form" in (attributes.get("class") or ""):
            self.in_form = True
        elif tag == "input" and self.in_form and attributes.get("name"):
            kind, name, value = attributes.get("type", "text"), attributes["name"], attributes.get("value") or ""
            if kind == "hidden":
                self.fields[name] = value
            elif kind == "radio":
                self.first_radio.setdefault(name, value)
                if "checked" in attributes:
                    self.fields[name] = value

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False

    def form(self):
        return {**self.first_radio, **self.fields}


class Payer(threading.Thread):
    """Gives GIFTS_PER_SECOND gifts a second through the site and the stand-in until stopped, as visitors would.

    Visitors do not wait for each other: each gift starts on time in its own thread, whatever the ones before it
    still wait for, up to MAX_GIFTS_IN_FLIGHT at once; a gift whose time comes while that many are under way is
    counted as not started.
    """

    DONOR_DOMAIN = "@giving-day.example.org"
    MAX_GIFTS_IN_FLIGHT = 8

    def __init__(self, standin_port):
        super().__init__(name="payer", daemon=True)
        self.standin_port = standin_port
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.in_flight = threading.BoundedSemaphore(self.MAX_GIFTS_IN_FLIGHT)
        self.gifts = []
        self.completed_sessions = []
        self.failures = {}
        self.not_started = 0
        self.with_csrf_token = 0
        self.number = 0

    def run(self):
        next_gift = time.monotonic()
        while not self.stopping.is_set():
            if self.in_flight.acquire(blocking=False):
                gift = threading.Thread(target=self._give_counted, name="gift", daemon=True)
                self.gifts.append(gift)
                gift.start()
            else:
                self.not_started += 1
            next_gift += 1 / GIFTS_PER_SECOND
            self.stopping.wait(max(0, next_gift - time.monotonic()))

    def _give_counted(self):
        try:
            self.give()
        except Exception as error:  # noqa: BLE001 - counted and shown at the end, the run goes on
            reason = f"{type(error).__name__}: {error}"[:120]
            with self.lock:
                self.failures[reason] = self.failures.get(reason, 0) + 1
        finally:
            self.in_flight.release()

    def give(self):
        with self.lock:
            self.number += 1
            number = self.number
        site = http.client.HTTPConnection(HOST, PORT, timeout=15)
        try:
            site.request("GET", CAMPAIGN_PATH)
            page = site.getresponse()
            body = page.read().decode()
            if page.status != 200:
                raise RuntimeError(f"form page answered {page.status}")
            cookies = {}
            for header in page.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                cookies[name.strip()] = rest.split(";", 1)[0]
            parser = DonationFormParser()
            parser.feed(body)
            form = parser.form()
            form["email"] = f"donor{number}{self.DONOR_DOMAIN}"
            form["name"] = f"Donateur {number}"
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": ORIGIN,
                "Referer": BASE + CAMPAIGN_PATH,
            }
            if "csrfmiddlewaretoken" in form and "csrftoken" in cookies:
                headers["Cookie"] = f"csrftoken={cookies['csrftoken']}"
                with self.lock:
                    self.with_csrf_token += 1
            else:
                form.pop("csrfmiddlewaretoken", None)
            site.request("POST", "/doneren/", body=urllib.parse.urlencode(form), headers=headers)
            answer = site.getresponse()
            answer.read()
            if answer.status != 303:
                raise RuntimeError(f"donation POST answered {answer.status}")
            session_id = urllib.parse.urlsplit(answer.headers["Location"]).path.rsplit("/", 1)[-1]
        finally:
            site.close()
        # What the donor's click on the stand-in's checkout page does (as benchmark_donations.py: iDEAL, ING).
        status, result = standin_call(
            self.standin_port,
            "POST",
            f"/_standin/checkout/{session_id}/complete",
            {"payment_method": "ideal", "ideal_bank": "ing", "outcome": "succeeded"},
            timeout=15,
        )
        if status != 200 or not json.loads(result).get("succeeded"):
            raise RuntimeError(f"checkout completion answered {status}")
        with self.lock:
            self.completed_sessions.append(session_id)

    def stop(self):
        self.stopping.set()
        self.join(30)
        for gift in self.gifts:  # each is bounded by its requests' timeouts
            gift.join(60)


def wait_for_webhooks(standin_port, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError, ValueError):
            status, body = standin_call(standin_port, "GET", "/_standin/deliveries/idle?wait=5", timeout=10)
            if status == 200 and json.loads(body).get("idle"):
                return True
        time.sleep(0.5)
    return False


def ledger(session_ids):
    """Paid donations in the database: of these checkout sessions, and in all."""
    ids = ",".join(f"'{session_id}'" for session_id in session_ids if re.fullmatch(r"[A-Za-z0-9_]+", session_id))
    query = "SELECT count(*) FILTER (WHERE status = 'paid'"
    query += f" AND stripe_checkout_session_id IN ({ids})" if ids else " AND false"
    query += "), count(*) FILTER (WHERE status = 'paid') FROM donations_donation"
    result = run("psql", "-h", HOST, "-U", "postgres", "-d", DATABASE, "-At", "-c", query)
    ours, everyone = result.stdout.strip().split("|")
    return int(ours), int(everyone)


def page_weight():
    status, page = get("/")
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', page)
    total = len(gzip.compress(page))
    for asset in assets:
        total += len(gzip.compress(get(asset.decode())[1]))
    return total, len(assets)


def log_errors(name):
    count = 0
    for line in (LOG_DIR / f"{name}.log").read_text(errors="replace").splitlines():
        try:
            count += json.loads(line).get("level") in ("ERROR", "CRITICAL")
        except (ValueError, AttributeError):
            count += " ERROR " in line or "Traceback" in line
    return count


# -- the report -----------------------------------------------------------------------------------------------------


def print_rows(phase, rows, static_name):
    static_ms = rows[static_name]["cpu_ms"]
    print(f"\n{phase}")
    print(
        f"{'page':10} {'req/s':>8} {'p50':>9} {'p99':>9} {'errors':>6} {'hit':>6} {'miss':>5} {'hit %':>6}"
        f" {'cpu ms/req':>10} {'static/page':>11}"
    )
    for name, row in rows.items():
        cached = row["hits"] + row["misses"]
        ratio = f"{100 * row['hits'] / cached:.1f}" if cached else "-"
        share = f"{100 * static_ms / row['cpu_ms']:.1f} %" if name != static_name and row["cpu_ms"] else "-"
        print(
            f"{name:10} {row['rate']:>8.1f} {row['p50']:>9} {row['p99']:>9} {row['errors']:>6} {row['hits']:>6}"
            f" {row['misses']:>5} {ratio:>6} {row['cpu_ms']:>10.2f} {share:>11}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk run (default 10)")
    parser.add_argument("--quick", action="store_true", help="2-second runs, to try the benchmark out")
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    seconds = 2 if args.quick else max(1, args.seconds)
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    if not port_is_free(PORT):
        sys.exit(f"port {PORT} is in use; stop what listens there first")
    standin_port = free_port(STANDIN_PORT)

    print(f"preparing the database {DATABASE}, static files and Redis dbs {CACHE_DB} and {BROKER_DB} ...", flush=True)
    prepare()
    static_path = static_css_path()
    settings_folder = Path(tempfile.mkdtemp(prefix="giving-day-benchmark-"))
    (settings_folder / f"{SETTINGS_MODULE}.py").write_text(SETTINGS_SOURCE)
    lua_script = settings_folder / "page_cache.lua"
    lua_script.write_text(WRK_SCRIPT)
    mail = CountingMailServer()
    mail_port = free_port()
    mail_server = Controller(mail, hostname=HOST, port=mail_port)
    env = {
        **os.environ,
        **ENV,
        "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
        "PYTHONPATH": os.pathsep.join([str(settings_folder), str(REPO)]),
        "BENCHMARK_STRIPE_API_BASE": f"http://{HOST}:{standin_port}",
        "EMAIL_PORT": str(mail_port),
    }
    processes = Processes()
    payer = None
    try:
        mail_server.start()
        start_standin(processes, env, standin_port)
        start_celery_worker(processes, env)
        server, start_seconds = start_gunicorn(processes, env, args.workers)
        smoke = Payer(standin_port)  # one gift first: the gifts phase must not be the first to find a broken path
        smoke.give()
        wait_for_webhooks(standin_port)  # its payment empties the page cache; then warm it, as visitors would have
        for path in [*PAGES.values(), static_path]:
            get(path, timeout=30)

        targets = {**PAGES, "static css": static_path}
        print(
            f"gunicorn {args.workers} workers (gunicorn.conf.py, no recycling), production settings, PostgreSQL, "
            f"Redis cache db {CACHE_DB} and broker db {BROKER_DB}, Celery worker (solo), Stripe stand-in on port "
            f"{standin_port}; wrk {CONNECTIONS} connections, {seconds} s per row; load average "
            f"{os.getloadavg()[0]:.1f}",
            flush=True,
        )
        without = measure(targets, seconds, server.pid, lua_script)
        print_rows("without gifts", without, "static css")

        # The gifts alone, no page traffic: what 2 gifts a second cost the web process (form POST, webhooks).
        alone = Payer(standin_port)
        before = gunicorn_cpu_ticks(server.pid)
        alone.start()
        time.sleep(seconds)
        alone.stop()
        wait_for_webhooks(standin_port)
        gift_cpu_ms = cpu_ms_between(before, gunicorn_cpu_ticks(server.pid))
        gifts_alone = len(alone.completed_sessions)
        print(
            f"\ngifts alone: {gifts_alone} in {seconds} s took gunicorn {gift_cpu_ms / 1000 / seconds:.2f} cores, "
            f"{gift_cpu_ms / max(gifts_alone, 1):.0f} ms CPU a gift (its form page, POST and webhooks)"
        )

        generation_before = cache_generation()
        _, paid_before = ledger([])
        payer = Payer(standin_port)
        helpers_before, own_before = helpers_cpu_seconds(processes), own_cpu_seconds()
        payer.start()
        payer_started = time.monotonic()
        with_gifts = measure(targets, seconds, server.pid, lua_script)
        payer.stop()
        payer_seconds = time.monotonic() - payer_started
        helpers_after, own_after = helpers_cpu_seconds(processes), own_cpu_seconds()
        print_rows(
            f"with gifts ({GIFTS_PER_SECOND} a second, paid through the site and the stand-in)",
            with_gifts,
            "static css",
        )
        idle = wait_for_webhooks(standin_port)
        generation_after = cache_generation()

        print("\nthroughput with gifts / without (target >= 90 %)")
        for name in targets:
            print(f"  {name:10} {100 * with_gifts[name]['rate'] / without[name]['rate']:6.1f} %")
        # On this machine the gifts' other half runs on the same 2 cores as the site: the stand-in plays Stripe, this
        # process plays the donors' browsers. What they took is CPU the pages did not get.
        taken = {name: helpers_after[name] - helpers_before.get(name, 0) for name in helpers_after}
        taken["payer (this process)"] = own_after - own_before
        print("CPU taken by the gifts outside gunicorn during the gifts phase (of 2 cores):")
        for name, used in taken.items():
            print(f"  {name:22} {used / payer_seconds:5.2f} cores")
        print(f"\npage-cache generation: {generation_before} before the gifts phase, {generation_after} after it")
        paid_ours, paid_all = ledger(payer.completed_sessions)
        print(
            f"gifts completed by the payer during the gifts phase: {len(payer.completed_sessions)} in "
            f"{payer_seconds:.1f} s ({len(payer.completed_sessions) / payer_seconds:.2f} a second; "
            f"{payer.with_csrf_token} with a CSRF token, the others on the Origin header alone); "
            f"failed: {sum(payer.failures.values())}; not started ({Payer.MAX_GIFTS_IN_FLIGHT} under way): "
            f"{payer.not_started}"
        )
        for reason, count in payer.failures.items():
            print(f"  {count} x {reason}")
        print(
            f"ledger: {paid_ours} of those gifts paid in the database; paid donations in all: {paid_before} before "
            f"the gifts phase, {paid_all} after (+{paid_all - paid_before})"
            + ("" if idle else "; the stand-in still had webhooks to deliver after 60 s")
        )
        deadline = time.monotonic() + 60
        while mail.count(Payer.DONOR_DOMAIN) < paid_ours + 1 and time.monotonic() < deadline:
            time.sleep(0.5)
        print(
            f"mails to the benchmark's donors accepted by the SMTP server: {mail.count(Payer.DONOR_DOMAIN)} "
            f"(for {paid_ours} gifts of the gifts phase and 1 given before it)"
        )
        print(f"\ngunicorn: first 200 on / {start_seconds:.2f} s after it was started")
        for label, pid in [("master", server.pid), *((f"worker {pid}", pid) for pid in children(server.pid))]:
            rss, pss = memory_mb(pid)
            print(f"  {label:14} RSS {rss:6.1f} MB  PSS {pss:6.1f} MB")
        print(f"error lines in the logs: gunicorn {log_errors('gunicorn')}, Celery {log_errors('celery-worker')}")
        weight, assets = page_weight()
        print(f"home page HTML + {assets} CSS/JS files, gzip-compressed: {weight / 1024:.1f} KB (budget 60 KB)")
        print(f"logs: {LOG_DIR}")
    finally:
        if payer is not None:
            payer.stop()
        processes.stop_all()
        with contextlib.suppress(AssertionError, RuntimeError):  # not started when something failed before it
            mail_server.stop()
        shutil.rmtree(settings_folder, ignore_errors=True)


if __name__ == "__main__":
    main()
