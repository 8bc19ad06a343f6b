"""The filters the reports share: campaign (a campaign and its translation are one), period, frequency, method."""

import django_filters
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from campaigns.models import CampaignPage
from donations.models import Donation, Frequency, PaymentMethod, RecurringDonation


def dutch_campaigns(request=None):
    return CampaignPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by("path")


class CampaignFilter(django_filters.ModelChoiceFilter):
    """A campaign with its translation: gifts made on the English page count for the Dutch one."""

    def __init__(self, **kwargs):
        super().__init__(label=_("Campagne"), empty_label=_("Alle campagnes"), queryset=dutch_campaigns, **kwargs)

    def filter(self, queryset, value):
        return queryset.filter(campaign__translation_key=value.translation_key) if value else queryset


class DonationReportFilterSet(WagtailFilterSet):
    campaign = CampaignFilter()
    period = django_filters.DateFromToRangeFilter(
        label=_("Betaald in de periode"), field_name="paid_at", widget=DateRangePickerWidget
    )
    frequency = django_filters.ChoiceFilter(label=_("Frequentie"), choices=Frequency.choices, empty_label=_("Alle"))
    payment_method = django_filters.ChoiceFilter(
        label=_("Betaalmethode"), choices=PaymentMethod.choices, empty_label=_("Alle")
    )

    class Meta:
        model = Donation
        fields = []


class CheckoutReportFilterSet(DonationReportFilterSet):
    period = django_filters.DateFromToRangeFilter(
        label=_("Gestart in de periode"), field_name="created_at", widget=DateRangePickerWidget
    )


class RecurringReportFilterSet(WagtailFilterSet):
    campaign = CampaignFilter()
    frequency = django_filters.ChoiceFilter(
        label=_("Frequentie"),
        choices=[(Frequency.MONTHLY, Frequency.MONTHLY.label), (Frequency.YEARLY, Frequency.YEARLY.label)],
        empty_label=_("Alle"),
    )

    class Meta:
        model = RecurringDonation
        fields = []
