from django.apps import AppConfig


class DonationsConfig(AppConfig):
    name = "donations"
    verbose_name = "Donaties"

    def ready(self):
        from . import signals  # noqa: F401 - connects the receivers
