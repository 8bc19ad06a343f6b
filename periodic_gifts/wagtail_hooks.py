from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from donations.wagtail_hooks import FUNDRAISING_MENU_HOOK

from .admin_views import (
    AGREEMENT_ENDED,
    BANK_PAYMENT_RECORDED,
    COUNTERSIGNED,
    SIGNED_COPY_RECEIVED,
    PeriodicGiftAgreementViewSet,
)


@hooks.register("register_admin_viewset")
def register_agreement_viewset():
    return PeriodicGiftAgreementViewSet("periodicgiftagreement", menu_order=350, menu_hook=FUNDRAISING_MENU_HOOK)


@hooks.register("register_log_actions")
def register_agreement_log_actions(actions):
    actions.register_action(SIGNED_COPY_RECEIVED, _("Getekend exemplaar ontvangen"), _("Getekend exemplaar bewaard"))
    actions.register_action(COUNTERSIGNED, _("Ondertekend"), _("Ondertekend namens de stichting"))
    actions.register_action(BANK_PAYMENT_RECORDED, _("Betaling geregistreerd"), _("Betaling per bank geregistreerd"))
    actions.register_action(AGREEMENT_ENDED, _("Beëindigd"), _("Overeenkomst beëindigd"))
