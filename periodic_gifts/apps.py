from django.apps import AppConfig


class PeriodicGiftsConfig(AppConfig):
    name = "periodic_gifts"
    verbose_name = "Periodieke giften"

    def ready(self):
        from . import signals  # noqa: F401
