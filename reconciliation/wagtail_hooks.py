from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from donations.wagtail_hooks import FUNDRAISING_MENU_HOOK

from . import admin_views


class TreasurerMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.VIEW_PERMISSION)


@hooks.register("register_admin_urls")
def register_reconciliation_urls():
    return [
        path("afstemming/uitbetalingen/", admin_views.payout_index, name="reconciliation_payouts"),
        path("afstemming/uitbetalingen/<int:pk>/", admin_views.payout_detail, name="reconciliation_payout"),
        path("afstemming/per-maand/", admin_views.month_view, name="reconciliation_month"),
    ]


@hooks.register(FUNDRAISING_MENU_HOOK)
def register_payouts_menu_item():
    return TreasurerMenuItem(_("Uitbetalingen"), reverse("reconciliation_payouts"), icon_name="list-ul", order=600)


@hooks.register(FUNDRAISING_MENU_HOOK)
def register_month_menu_item():
    return TreasurerMenuItem(_("Afstemming per maand"), reverse("reconciliation_month"), icon_name="table", order=610)
