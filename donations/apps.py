from django.apps import AppConfig


class DonationsConfig(AppConfig):
    name = "donations"
    verbose_name = "Donaties"

    def ready(self):
        from delivery import live_fragments

        # signals and privacy connect their receivers.
        from . import privacy, progress, recent_gifts, signals  # noqa: F401

        live_fragments.register(progress.KIND, progress.fill_progress)
        live_fragments.register(recent_gifts.KIND, recent_gifts.fill_recent_gifts)
