from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .admin_views import CONVERSATION_LOGGED, PARTNERSHIP_ERASED, PIPELINE_UPDATED


@hooks.register("register_log_actions")
def register_partnership_log_actions(actions):
    actions.register_action(PIPELINE_UPDATED, _("Pijplijn bijgewerkt"), _("Status en eigenaar bijgewerkt"))
    actions.register_action(CONVERSATION_LOGGED, _("Gesprek vastgelegd"), _("Gesprek vastgelegd"))
    actions.register_action(
        PARTNERSHIP_ERASED, _("Persoonsgegevens gewist"), _("Persoonsgegevens van de partneraanvraag gewist")
    )
