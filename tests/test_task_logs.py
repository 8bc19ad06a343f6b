"""Celery's received/succeeded lines of the rendition tasks (dozens after a publish) stay out of the log; other tasks'
lines, and every failure, stay in."""

import logging

from celery.app.trace import LOG_FAILURE, LOG_RECEIVED, LOG_SUCCESS
from django.conf import settings

from leerkracht_site.log_format import QuietTasks

RENDITIONS = "delivery.tasks.generate_renditions"


def configured_filter():
    options = {key: value for key, value in settings.LOGGING["filters"]["quiet_tasks"].items() if key != "()"}
    return QuietTasks(**options)


def celery_line(logger, message, task, level=logging.INFO):
    # As Celery logs them: one dict of values for the format string.
    values = {"id": "3f6c", "name": task, "runtime": 0.01, "return_value": 5, "description": "raised", "exc": "Boom"}
    return logging.LogRecord(logger, level, __file__, 1, message, (values,), None)


def test_the_rendition_tasks_received_and_succeeded_lines_are_left_out():
    quiet = configured_filter()
    assert settings.LOGGING["handlers"]["console"]["filters"] == ["quiet_tasks"]
    assert not quiet.filter(celery_line("celery.worker.strategy", LOG_RECEIVED, RENDITIONS))
    assert not quiet.filter(celery_line("celery.app.trace", LOG_SUCCESS, RENDITIONS))


def test_other_tasks_and_failures_are_logged():
    quiet = configured_filter()
    assert quiet.filter(celery_line("celery.worker.strategy", LOG_RECEIVED, "donations.tasks.send_receipt"))
    assert quiet.filter(celery_line("celery.app.trace", LOG_SUCCESS, "delivery.tasks.purge_cdn"))
    assert quiet.filter(celery_line("celery.app.trace", LOG_FAILURE, RENDITIONS, level=logging.ERROR))
    assert quiet.filter(logging.LogRecord("delivery", logging.INFO, __file__, 1, "Renditions: %s", (5,), None))
