from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
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
