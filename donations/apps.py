from django.apps import AppConfig


class DonationsConfig(AppConfig):
    name = "donations"
    verbose_name = "Donaties"

    def ready(self):
        from delivery import live_fragments

        # signals and privacy connect their receivers.
        from . import privacy, signals  # noqa: F401
        from .progress import KIND, fill_progress

        live_fragments.register(KIND, fill_progress)
