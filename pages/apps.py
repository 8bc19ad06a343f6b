from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Inhoud"

    def ready(self):
        from django.core.checks import Tags, register
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

        from . import checks, page_cache
        from .models import AnbiSettings, FooterText, NavigationSettings
        from .renditions import queue_renditions

        register(checks.check_anbi_numbers, Tags.database, deploy=True)
        page_published.connect(queue_renditions, dispatch_uid="pages-queue-renditions")
        for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
            signal.connect(page_cache.purge, dispatch_uid=f"pages-purge-{id(signal)}")
        for model in (AnbiSettings, NavigationSettings, FooterText):
            post_save.connect(page_cache.purge, sender=model, dispatch_uid=f"pages-purge-save-{model.__name__}")
        post_delete.connect(page_cache.purge, sender="wagtailcore.Page", dispatch_uid="pages-purge-delete")
