from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from donations.wagtail_hooks import FUNDRAISING_MENU_HOOK

from .admin_views import EXPORT_PERMISSION, NEWSLETTER_EXPORTED, export_subscribers


@hooks.register("register_admin_urls")
def register_newsletter_admin_urls():
    return [path("nieuwsbrief/export/", export_subscribers, name="newsletter_export")]


class NewsletterExportMenuItem(MenuItem):
    """Shown only to staff who may download the list; the view checks the permission again."""

    def is_shown(self, request):
        return request.user.has_perm(EXPORT_PERMISSION)


@hooks.register(FUNDRAISING_MENU_HOOK)
def register_newsletter_export_menu_item():
    return NewsletterExportMenuItem(
        _("Nieuwsbrieflijst (CSV)"), reverse("newsletter_export"), icon_name="download", order=250
    )


@hooks.register("register_log_actions")
def register_newsletter_log_actions(actions):
    actions.register_action(
        NEWSLETTER_EXPORTED, _("Nieuwsbrieflijst gedownload"), _("Opgenomen in de gedownloade nieuwsbrieflijst")
    )
