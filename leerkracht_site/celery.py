import gc
import logging.config
import os
from pathlib import Path

from celery import Celery
from celery.signals import setup_logging, worker_ready

from . import filesystem_broker  # noqa: F401 - filesystem:// URLs get the transport whose worker stops in time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerkracht_site.settings.dev")

app = Celery("leerkracht_site")
app.config_from_object("django.conf:settings", namespace="CELERY")


@app.on_after_configure.connect
def _create_filesystem_broker_folders(sender, **kwargs):
    # kombu's filesystem transport expects its folders to exist.
    options = sender.conf.broker_transport_options or {}
    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        if options.get(key):
            Path(options[key]).mkdir(parents=True, exist_ok=True)


@setup_logging.connect
def _use_django_logging(**kwargs):
    # With a receiver here Celery leaves the root logger alone: workers and beat log with Django's LOGGING (plain or
    # JSON lines, e-mail addresses masked) instead of Celery's own format. LOG_LEVEL sets the level, not --loglevel.
    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)


@worker_ready.connect
def _freeze_what_start_up_loaded(**kwargs):
    # Django, Wagtail and the tasks stay loaded for the worker's whole life: leave them out of garbage collection.
    # That also spares the second or two Python would spend collecting them all at exit, so a stopped worker ends in
    # time (honcho in `make run` kills a process that is still there five seconds after SIGTERM).
    gc.freeze()


app.autodiscover_tasks()
