from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .admin_views import PARTNERSHIP_ERASED, PartnershipRequestViewSet
from .pipeline import CONVERSATION_LOGGED, PIPELINE_UPDATED

# The "Fondsenwerving" admin menu (backoffice) lists the menu items registered with this hook.
FUNDRAISING_MENU_HOOK = "register_fundraising_menu_item"


@hooks.register("register_admin_viewset")
def register_partnership_viewsets():
    return PartnershipRequestViewSet("partnershiprequest", menu_hook=FUNDRAISING_MENU_HOOK, menu_order=500)


@hooks.register("register_log_actions")
def register_partnership_log_actions(actions):
    actions.register_action(PIPELINE_UPDATED, _("Pijplijn bijgewerkt"), _("Status en eigenaar bijgewerkt"))
    actions.register_action(CONVERSATION_LOGGED, _("Gesprek vastgelegd"), _("Gesprek vastgelegd"))
    actions.register_action(
        PARTNERSHIP_ERASED, _("Persoonsgegevens gewist"), _("Persoonsgegevens van de partneraanvraag gewist")
    )
