"""gunicorn's access and error lines use the site's log format and never show a donor's "mijn donaties" token."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.core import signing

REPO = Path(__file__).resolve().parents[1]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_one_request(tmp_path, log_format, path):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "leerkracht_site.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "LOG_FORMAT": log_format,
        "STATIC_ROOT": str(tmp_path),  # as after collectstatic, so whitenoise has nothing to warn about
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "leerkracht_site.wsgi", "--config", "gunicorn.conf.py"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _wait_until_listening(port)
        # Exactly one request, however long the worker takes to boot: it waits in the socket's backlog.
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=120)  # noqa: S310
        except urllib.error.HTTPError:
            pass  # any answer will do: the request was served and logged
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=30)
    return [line for line in output.splitlines() if line.strip()]


def _wait_until_listening(port, timeout=60):
    """Until the master has bound its socket; only TCP connects, so no request reaches the log."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def donor_token():
    return signing.TimestampSigner(salt="test").sign("donor-42")


def test_json_access_lines_hide_the_donor_link_token(tmp_path, settings):
    token = donor_token()
    lines = serve_one_request(tmp_path, "json", f"/mijn-donaties/{token}/")

    records = [json.loads(line) for line in lines]  # every line gunicorn writes is one JSON object
    access = [record for record in records if record["logger"] == "gunicorn.access"]
    assert len(access) == 1
    assert "/mijn-donaties/[token]/" in access[0]["message"]
    assert {"timestamp", "level"} <= access[0].keys()
    assert token not in "\n".join(lines)


def test_plain_access_lines_hide_it_too(tmp_path, settings):
    token = donor_token()
    lines = serve_one_request(tmp_path, "plain", f"/mijn-donaties/{token}/")

    assert any("gunicorn.access" in line and "/mijn-donaties/[token]/" in line for line in lines)
    assert token not in "\n".join(lines)
