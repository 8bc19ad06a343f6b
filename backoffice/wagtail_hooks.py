from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from donations.admin_views import DonationViewSet, DonorViewSet, RecurringDonationViewSet, StripeEventViewSet
from partners.admin_views import PartnershipRequestViewSet


class FundraisingViewSetGroup(ViewSetGroup):
    menu_label = _("Fondsenwerving")
    menu_icon = "tasks"
    menu_order = 250
    items = (
        DonationViewSet("donation"),
        DonorViewSet("donor"),
        RecurringDonationViewSet("recurringdonation"),
        StripeEventViewSet("stripeevent"),
        PartnershipRequestViewSet("partnershiprequest"),
    )


@hooks.register("register_admin_viewset")
def register_fundraising_viewsets():
    return FundraisingViewSetGroup()


@hooks.register("construct_homepage_panels")
def add_fundraising_panel(request, panels):
    from donations.models import Donation

    if request.user.has_perm(f"{Donation._meta.app_label}.view_donation"):
        from .dashboard import FundraisingPanel

        panels.append(FundraisingPanel(request))
