from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .admin_views import (
    DONOR_DATA_EXPORTED,
    DONOR_ERASED,
    RECEIPT_RESENT,
    RECURRING_STOP_REQUESTED,
    REFUND_REQUESTED,
)


@hooks.register("register_log_actions")
def register_donation_log_actions(actions):
    actions.register_action(REFUND_REQUESTED, _("Terugbetaling aangevraagd"), _("Terugbetaling aangevraagd bij Stripe"))
    actions.register_action(RECEIPT_RESENT, _("Bevestiging opnieuw verstuurd"), _("Bevestiging opnieuw verstuurd"))
    actions.register_action(
        RECURRING_STOP_REQUESTED, _("Stoppen aangevraagd"), _("Stoppen van de periodieke gift aangevraagd bij Stripe")
    )
    actions.register_action(DONOR_DATA_EXPORTED, _("Gegevens gedownload"), _("Gegevens van de donateur gedownload"))
    actions.register_action(DONOR_ERASED, _("Persoonsgegevens gewist"), _("Persoonsgegevens van de donateur gewist"))
