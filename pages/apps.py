from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Inhoud"

    def ready(self):
        from django.core.checks import Tags, register

        from . import checks

        register(checks.check_anbi_numbers, Tags.database, deploy=True)
