"""The worker finds the app's tasks by itself (Celery's autodiscovery of tasks.py), under the names callers use."""

from leerkracht_site.celery import app


def test_the_worker_finds_the_delivery_tasks():
    app.loader.import_default_modules()
    assert {"delivery.tasks.purge_cdn", "delivery.tasks.generate_renditions"} <= set(app.tasks)
