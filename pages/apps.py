from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Inhoud"

    def ready(self):
        from django.core.checks import Tags, register
        from django.db.models.signals import post_migrate

        from . import checks, site_address

        register(checks.check_anbi_numbers, Tags.database, deploy=True)
        post_migrate.connect(site_address.follow_site_base_url, sender=self, dispatch_uid="pages-site-address")
