from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "delivery"
    verbose_name = "Levering van pagina's"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

        from . import page_cache
        from .renditions import queue_renditions

        page_published.connect(queue_renditions, dispatch_uid="delivery-queue-renditions")
        # Pages show each other (cards, menus) and the site settings: any of these changes purges them all.
        for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
            signal.connect(page_cache.purge, dispatch_uid=f"delivery-purge-{id(signal)}")
        for model in ("pages.AnbiSettings", "pages.NavigationSettings", "pages.FooterText"):
            post_save.connect(page_cache.purge, sender=model, dispatch_uid=f"delivery-purge-save-{model}")
        post_delete.connect(page_cache.purge, sender="wagtailcore.Page", dispatch_uid="delivery-purge-delete")
        # Who may see a page: a page that became private must not be served to anonymous visitors from the cache.
        for signal in (post_save, post_delete):
            uid = f"delivery-purge-restriction-{id(signal)}"
            signal.connect(page_cache.purge, sender="wagtailcore.PageViewRestriction", dispatch_uid=uid)
