from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup


class FundraisingViewSetGroup(ViewSetGroup):
    """The "Fondsenwerving" menu. Each app registers its own view sets and puts them in this menu by giving them
    `menu_hook = "register_fundraising_menu_item"` (their `menu_order` orders the menu)."""

    menu_label = _("Fondsenwerving")
    menu_icon = "tasks"
    menu_order = 250
    submenu_hook = "register_fundraising_menu_item"


@hooks.register("register_admin_viewset")
def register_fundraising_menu():
    return FundraisingViewSetGroup()


@hooks.register("construct_homepage_panels")
def add_fundraising_panel(request, panels):
    from donations.models import Donation

    if request.user.has_perm(f"{Donation._meta.app_label}.view_donation"):
        from .dashboard import FundraisingPanel

        panels.append(FundraisingPanel(request))


@hooks.register("insert_global_admin_css")
def fundraising_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


REPORTS = (
    ("gifts_by_month", "giften-per-maand", "backoffice.reports.gifts.GiftsByMonthReport"),
    ("recurring", "terugkerende-giften", "backoffice.reports.recurring.RecurringGiftsReport"),
    ("conversion", "conversie", "backoffice.reports.conversion.ConversionReport"),
)


def _report_class(dotted):
    from django.utils.module_loading import import_string

    return import_string(dotted)


@hooks.register("register_admin_urls")
def fundraising_report_urls():
    patterns = []
    for name, slug, dotted in REPORTS:
        view = _report_class(dotted)
        patterns += [
            path(f"{slug}/", view.as_view(), name=name),
            path(f"{slug}/resultaten/", view.as_view(results_only=True), name=f"{name}_results"),
        ]
    return [path("fondsenwerving-rapporten/", include((patterns, "fundraising_reports")))]


class FundraisingReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("donations.view_donation")


def _report_menu_item(dotted, name, order):
    def menu_item():
        view = _report_class(dotted)
        return FundraisingReportMenuItem(
            view.page_title, reverse(f"fundraising_reports:{name}"), icon_name=view.header_icon, order=order
        )

    return menu_item


for _order, (_name, _slug, _dotted) in enumerate(REPORTS):
    hooks.register("register_reports_menu_item", _report_menu_item(_dotted, _name, 900 + _order))
