from django.apps import AppConfig


class DonationsConfig(AppConfig):
    name = "donations"
    verbose_name = "Donaties"

    def ready(self):
        from delivery import live_fragments

        # signals and privacy connect their receivers.
        from . import privacy, signals  # noqa: F401
        from . import progress, recent_gifts

        live_fragments.register(progress.KIND, progress.fill_progress)
        live_fragments.register(recent_gifts.KIND, recent_gifts.fill_recent_gifts)
