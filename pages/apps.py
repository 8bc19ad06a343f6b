from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Inhoud"

    def ready(self):
        from wagtail.signals import page_published

        from .renditions import queue_renditions

        page_published.connect(queue_renditions, dispatch_uid="pages-queue-renditions")
