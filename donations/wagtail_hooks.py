from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .admin_views import (
    DONOR_DATA_EXPORTED,
    DONOR_ERASED,
    RECEIPT_RESENT,
    RECURRING_PAUSED,
    RECURRING_STOP_REQUESTED,
    REFUND_REQUESTED,
    DonationViewSet,
    DonorViewSet,
    RecurringDonationViewSet,
    StripeEventViewSet,
)

# The "Fondsenwerving" admin menu (backoffice) lists the menu items registered with this hook.
FUNDRAISING_MENU_HOOK = "register_fundraising_menu_item"


@hooks.register("register_admin_viewset")
def register_donation_viewsets():
    in_menu = {"menu_hook": FUNDRAISING_MENU_HOOK}
    return [
        DonationViewSet("donation", menu_order=100, **in_menu),
        DonorViewSet("donor", menu_order=200, **in_menu),
        RecurringDonationViewSet("recurringdonation", menu_order=300, **in_menu),
        StripeEventViewSet("stripeevent", menu_order=400, **in_menu),
    ]


@hooks.register("register_log_actions")
def register_donation_log_actions(actions):
    actions.register_action(REFUND_REQUESTED, _("Terugbetaling aangevraagd"), _("Terugbetaling aangevraagd bij Stripe"))
    actions.register_action(RECEIPT_RESENT, _("Bevestiging opnieuw verstuurd"), _("Bevestiging opnieuw verstuurd"))
    actions.register_action(
        RECURRING_STOP_REQUESTED, _("Stoppen aangevraagd"), _("Stoppen van de terugkerende gift aangevraagd bij Stripe")
    )
    actions.register_action(
        RECURRING_PAUSED, _("Gepauzeerd"), _("Terugkerende gift gepauzeerd bij Stripe, namens de donateur")
    )
    actions.register_action(DONOR_DATA_EXPORTED, _("Gegevens gedownload"), _("Gegevens van de donateur gedownload"))
    actions.register_action(DONOR_ERASED, _("Persoonsgegevens gewist"), _("Persoonsgegevens van de donateur gewist"))
