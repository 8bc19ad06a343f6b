from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import urls
from .views import TWO_FACTOR_DISABLED, TWO_FACTOR_ENABLED


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [path("", include(urls))]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("staff_two_factor_setup"),
        "label": _("Tweestapsverificatie"),
        "help_text": _("Log in met je wachtwoord én een code uit een authenticator-app."),
    }


@hooks.register("register_log_actions")
def register_two_factor_log_actions(actions):
    actions.register_action(TWO_FACTOR_ENABLED, _("Tweestapsverificatie aangezet"), _("Tweestapsverificatie aangezet"))
    actions.register_action(TWO_FACTOR_DISABLED, _("Tweestapsverificatie uitgezet"), _("Tweestapsverificatie uitgezet"))
