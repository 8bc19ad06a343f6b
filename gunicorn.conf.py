"""gunicorn settings for production; each value can be overridden with GUNICORN_CMD_ARGS."""

import gc
import multiprocessing
import os
import sys

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
timeout = 30
graceful_timeout = 30
max_requests = 2000  # recycle workers now and then to bound memory growth
max_requests_jitter = 200
# The site is loaded once, in the master (see _load_what_every_worker_needs), and each worker is forked from it: the
# workers share those memory pages instead of each loading a copy, and a worker that replaces a recycled one answers
# at once. A new release therefore needs a restart of the web process; HUP starts new workers with the old code.
preload_app = True
accesslog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# gunicorn's own lines (access and errors) go through the site's formatters, so they are JSON in production like
# every other line and never show a donor's "mijn donaties" token or e-mail address.
_log_format = os.environ.get("LOG_FORMAT", "json")
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "leerkracht_site.log_format.JsonFormatter"},
        "plain": {
            "()": "leerkracht_site.log_format.PlainFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if _log_format == "json" else "plain",
            "stream": "ext://sys.stderr",
        }
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}


def on_starting(server):
    """Refuse to start a web process for a site that is not ready to go live, before any port is opened.

    The settings already refuse a wrong environment on import; what only the database can tell is checked here,
    once in the master: the deployment checks tagged "database" (pages/checks.py: no placeholder ANBI numbers when
    DEBUG is off). Any error is logged and gunicorn exits; the other checks are `manage.py check --deploy`'s job.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerkracht_site.settings.production")  # as wsgi.py
    import django
    from django.apps import apps
    from django.core import checks
    from django.db import connections

    if not apps.ready:  # preload_app has loaded the site (wsgi.py) before this hook runs
        django.setup()
    try:
        messages = checks.run_checks(tags=[checks.Tags.database], include_deployment_checks=True, databases=["default"])
    finally:
        connections.close_all()  # the workers are forked from this process and must open their own
    errors = [message for message in messages if message.is_serious() and not message.is_silenced()]
    for error in errors:
        server.log.error("System check %s failed: %s %s", error.id, error.msg, error.hint or "")
    if errors:
        server.log.error("Not starting: %d system check error(s)", len(errors))
        sys.exit(1)
    _load_what_every_worker_needs()


def _load_what_every_worker_needs():
    """Import in the master what each worker would import on its first request, then freeze it for the workers.

    wsgi.py (preloaded) has set up Django and the middleware; the URLconf brings Wagtail's admin hooks and views and
    the site's own. gc.freeze() moves all of it out of the garbage collector's reach, so that the collections in the
    workers do not write to (and thereby copy) the pages they share with the master.
    """
    from django.db import connections
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - importing the URLconf is the point
    connections.close_all()  # nothing above should have connected; a connection must never be shared with a fork
    gc.freeze()
