"""Log formatters: plain lines for development, one JSON object per line for production; a filter for task noise.

Both formatters mask e-mail addresses, Stripe secrets and Django-signed tokens (the "mijn donaties" links carry one in
their path) wherever they appear (message, exception, extra fields), so a donor's address in an SMTP error, a task's
arguments or a link that opens someone's donations never reaches the log.
"""

import datetime
import logging
import re

from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

EMAIL_ADDRESS = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)+")
STRIPE_SECRET = re.compile(r"\b(?:sk|rk)_(?:live|test)_\w+|\bwhsec_\w+")
# django.core.signing output with a timestamp: payload:timestamp:signature (URL-safe base64).
SIGNED_TOKEN = re.compile(r"[\w-]+:[\w-]{6,}:[\w-]{27,}")


def redact(text):
    text = EMAIL_ADDRESS.sub("[e-mail]", text)
    text = STRIPE_SECRET.sub("[secret]", text)
    return SIGNED_TOKEN.sub("[token]", text)


class PlainFormatter(logging.Formatter):
    def format(self, record):
        return redact(super().format(record))


def _redacted(value):
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {key: _redacted(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_redacted(item) for item in value]
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return redact(str(value))


class JsonFormatter(BaseJsonFormatter):
    """timestamp, level, logger, message; status_code, method and path for request logs; other extras as given."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", "%(levelname)s %(name)s %(message)s")
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("timestamp", True)
        super().__init__(*args, **kwargs)

    def process_log_record(self, log_data):
        request = log_data.pop("request", None)
        # Django's request logs pass the request itself; keep method and path, never the query string or headers.
        if request is not None and hasattr(request, "path") and hasattr(request, "method"):
            log_data["method"] = request.method
            log_data["path"] = request.path
        return _redacted(super().process_log_record(log_data))


class QuietTasks(logging.Filter):
    """Leaves out Celery's "received" and "succeeded" lines of the tasks named; their retries and failures stay."""

    def __init__(self, tasks=()):
        super().__init__()
        from celery.app.trace import LOG_RECEIVED, LOG_SUCCESS

        self.tasks = frozenset(tasks)
        self.quiet_messages = (LOG_RECEIVED, LOG_SUCCESS)

    def filter(self, record):
        args = record.args
        return not (record.msg in self.quiet_messages and isinstance(args, dict) and args.get("name") in self.tasks)
