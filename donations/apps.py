from django.apps import AppConfig


class DonationsConfig(AppConfig):
    name = "donations"
    verbose_name = "Donaties"

    def ready(self):
        # signals and privacy connect their receivers.
        from . import privacy, signals  # noqa: F401
