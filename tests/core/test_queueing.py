"""A task queued for a change goes to the broker once the change is committed, and a broker that is down never
breaks the change."""

import logging

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from kombu.exceptions import OperationalError

from core.queueing import queue_on_commit

pytestmark = pytest.mark.django_db


class FakeTask:
    name = "tests.fake_task"

    def __init__(self, broker_up=True):
        self.broker_up = broker_up
        self.queued = []

    def delay(self, *args):
        if not self.broker_up:
            raise OperationalError("[Errno 111] Connection refused")
        self.queued.append(args)


def test_the_task_is_queued_once_the_change_is_committed(django_capture_on_commit_callbacks):
    task, marks = FakeTask(), []
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            Group.objects.create(name="Vrijwilligers")
            queue_on_commit(task, 7, "a", on_queued=lambda: marks.append("queued"))
            assert task.queued == []

    assert task.queued == [(7, "a")]
    assert marks == ["queued"]


def test_a_rolled_back_change_queues_nothing(django_capture_on_commit_callbacks):
    task = FakeTask()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            queue_on_commit(task, 7)
            raise RuntimeError("the change fails")

    assert callbacks == []
    assert task.queued == []


def test_a_broker_that_is_down_is_logged_and_the_change_stays(django_capture_on_commit_callbacks, caplog):
    task, marks = FakeTask(broker_up=False), []
    with caplog.at_level(logging.ERROR, logger="core.queueing"):
        with django_capture_on_commit_callbacks(execute=True):
            with transaction.atomic():
                Group.objects.create(name="Vrijwilligers")
                queue_on_commit(task, 7, on_queued=lambda: marks.append("queued"))

    assert Group.objects.filter(name="Vrijwilligers").exists()
    assert marks == []  # not marked as queued: the sweep queues it again
    (record,) = caplog.records
    assert record.getMessage() == "Could not queue tests.fake_task(7,)"
