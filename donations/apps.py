from django.apps import AppConfig


class DonationsConfig(AppConfig):
    name = "donations"
    verbose_name = "Donaties"

    def ready(self):
        # signals and privacy connect their receivers; privacy also imports privacy_tasks, whose task the worker needs
        # (Celery's autodiscovery only looks in tasks.py).
        from . import privacy, signals  # noqa: F401
