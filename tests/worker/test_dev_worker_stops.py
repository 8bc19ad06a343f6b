"""`make run`'s worker (Procfile.dev) stops within honcho's five seconds when told to, exits 0, and logs no warning."""

import os
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

from .conftest import wait_for

pytestmark = pytest.mark.worker

REPO = Path(__file__).resolve().parents[2]
HONCHO_KILL_WAIT_SECONDS = 5  # honcho sends SIGKILL to what still runs this long after its SIGTERM
OUR_PROGRAMS = {"celery": f"{sys.executable} -m celery", "python": sys.executable}


def procfile_command(name):
    """The Procfile.dev line of this process, with this test run's Python for the virtualenv's."""
    for line in (REPO / "Procfile.dev").read_text().splitlines():
        if line.startswith(f"{name}:"):
            command = line.split(":", 1)[1].strip()
            return re.sub(r"\.venv/bin/(celery|python)\b", lambda program: OUR_PROGRAMS[program[1]], command)
    raise AssertionError(f"no {name} in Procfile.dev")


def test_the_dev_worker_stops_in_time_and_cleanly(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "leerkracht_site.settings.test",
        "CELERY_BROKER_URL": "filesystem://localhost//",
        "CELERY_BROKER_FOLDER": str(tmp_path / "broker"),
        "CELERY_TASK_DEFAULT_QUEUE": f"test-{uuid.uuid4().hex[:12]}",
    }
    # As honcho runs it: through a shell, in a process group of its own, which its SIGTERM goes to as a whole.
    worker = subprocess.Popen(  # noqa: S602 - the Procfile's own command line
        procfile_command("worker"),
        shell=True,
        cwd=REPO,
        env=env,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines = []
    reader = threading.Thread(target=lambda: lines.extend(worker.stdout), daemon=True)
    reader.start()
    try:
        ready = wait_for(lambda: worker.poll() is not None or any(" ready." in line for line in lines), timeout=90)
        assert ready and worker.poll() is None, "".join(lines)
        told = time.monotonic()
        os.killpg(worker.pid, signal.SIGTERM)
        assert worker.wait(timeout=30) == 0, "".join(lines)
        assert time.monotonic() - told < HONCHO_KILL_WAIT_SECONDS
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
    reader.join(5)
    output = "".join(lines)
    assert "WARNING" not in output and "No hostname was supplied" not in output, output
    assert "Warm shutdown" in output
