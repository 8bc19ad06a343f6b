from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    """The newsletter consent donors give with a gift: the unsubscribe link in their mails and the list export.

    No models of its own: the consent is on `donations.Donor`."""

    name = "newsletter"
    verbose_name = _("Nieuwsbrief")
