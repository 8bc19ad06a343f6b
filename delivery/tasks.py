"""The app's Celery tasks, here so the worker finds them (autodiscovery looks in each app's tasks.py)."""

from celery import shared_task

from . import cdn, renditions


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def purge_cdn():
    return cdn.purge_every_live_page()


@shared_task
def generate_renditions(page_id):
    return renditions.make_renditions(page_id)
