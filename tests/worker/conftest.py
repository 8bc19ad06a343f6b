"""A real Celery worker process and a real SMTP server for the tests that check nothing is lost.

The broker is kombu's filesystem transport in a temporary folder, or Redis when TEST_CELERY_BROKER_URL is set (CI).
Each test gets its own queue, so parallel test processes never take each other's tasks.
"""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.db import connection
from kombu import pools as kombu_pools

from leerkracht_site.celery import app as celery_app
from tests.donations.conftest import _quiet_standin, live_demo_site, stripe_standin  # noqa: F401 - the Stripe path
from tests.donations.helpers import wait_until

REPO = Path(__file__).resolve().parents[2]


class RecordingMailServer:
    """An SMTP server that keeps what it accepts; it can refuse the next messages, hold a delivery, or take a
    message and answer late (`reply_delay` seconds), when the sender cannot know yet that it was delivered."""

    def __init__(self):
        self.messages = []
        self.refuse_next = 0
        self.hold = threading.Event()
        self.hold.set()
        self.held = threading.Event()
        self.reply_delay = 0
        self.accepted = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd's API
        if not self.hold.is_set():
            self.held.set()
            while not self.hold.is_set():  # a mail server that hangs mid-conversation
                time.sleep(0.05)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's API
        if self.refuse_next:
            self.refuse_next -= 1
            return "451 4.3.0 Tijdelijk niet beschikbaar"
        self.messages.append(envelope.content.decode("utf-8", "replace"))
        self.accepted.set()
        if self.reply_delay:
            await asyncio.sleep(self.reply_delay)
        return "250 Message accepted"


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mail_server():
    handler = RecordingMailServer()
    handler.port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=handler.port)
    controller.start()
    yield handler
    handler.hold.set()
    controller.stop()


def _database_url():
    settings = connection.settings_dict
    if settings["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings['NAME']}"
    return f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT'] or 5432}/{settings['NAME']}"


class WorkerProcess:
    def __init__(self, env, queue):
        self.env, self.queue, self.process = env, queue, None

    def start(self):
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "leerkracht_site",
            "worker",
            "--pool",
            "solo",
            "--queues",
            self.queue,
            "--loglevel",
            "INFO",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--hostname",
            f"{self.queue}@%h",
        ]
        self.process = subprocess.Popen(command, cwd=REPO, env=self.env, start_new_session=True)  # noqa: S603

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def celery_worker(transactional_db, mail_server, tmp_path, settings):
    """Start a worker with the test database and the recording mail server; point this process's app at it.

    The worker's Stripe is this process's: the stand-in, when the test asked for `stripe_standin` first."""
    queue = f"test-{uuid.uuid4().hex[:12]}"
    broker_url = os.environ.get("TEST_CELERY_BROKER_URL", "filesystem://localhost//")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "leerkracht_site.settings.test",
        "DATABASE_URL": _database_url(),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "CELERY_BROKER_URL": broker_url,
        "CELERY_BROKER_FOLDER": str(tmp_path / "broker"),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(mail_server.port),
        "TASK_RETRY_BACKOFF_SECONDS": "1",
        "RECEIPT_SWEEP_AFTER_SECONDS": "0",
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "STRIPE_API_BASE": settings.STRIPE_API_BASE,
    }
    previous = {
        key: celery_app.conf[key]
        for key in ("task_always_eager", "broker_url", "broker_transport_options", "task_default_queue")
    }
    transport_options = (
        {key: str(tmp_path / "broker") for key in ("data_folder_in", "data_folder_out")}
        | {
            "processed_folder": str(tmp_path / "broker" / "processed"),
            "control_folder": str(tmp_path / "broker" / "control"),
        }
        if broker_url.startswith("filesystem")
        else {"visibility_timeout": 5}
    )
    (tmp_path / "broker" / "processed").mkdir(parents=True)
    celery_app.conf.update(
        task_always_eager=False,
        broker_url=broker_url,
        broker_transport_options=transport_options,
        task_default_queue=queue,
    )
    _forget_broker_connections()
    worker = WorkerProcess(env, queue)
    worker.start()
    yield worker
    worker.stop()
    celery_app.conf.update(previous)
    _forget_broker_connections()


def _forget_broker_connections():
    # Pooled connections and the cached queue table remember the broker and queue they were made for;
    # each test has its own.
    kombu_pools.reset()
    celery_app._pool = None
    celery_app.__dict__.pop("amqp", None)


def wait_for(predicate, timeout=30.0):
    """Waiting for another process: a longer default than the in-process donation tests use."""
    return wait_until(predicate, timeout=timeout)
