from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from campaigns.models import CampaignPage
from core.money import format_euro, parse_euro_amount

from .fees import fee_for
from .models import Frequency

OTHER_AMOUNT = "other"


class OpenCampaignField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class DonationForm(forms.Form):
    campaign = OpenCampaignField(
        queryset=CampaignPage.objects.none(),
        label=_("Campagne"),
        empty_label=None,
        error_messages={
            "required": _("Kies een campagne."),
            "invalid_choice": _("Deze campagne bestaat niet of is gesloten."),
        },
    )
    amount_choice = forms.ChoiceField(
        label=_("Bedrag"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een bedrag."),
            "invalid_choice": _("Kies een van de bedragen of vul een ander bedrag in."),
        },
    )
    other_amount = forms.CharField(
        label=_("Ander bedrag (in euro)"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    frequency = forms.ChoiceField(
        label=_("Hoe vaak?"),
        choices=Frequency.choices,
        initial=Frequency.ONCE,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies eenmalig, maandelijks of jaarlijks.")},
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        help_text=_("Voor uw bevestiging en het jaaroverzicht voor de belastingaangifte."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": _("Vul uw e-mailadres in."), "invalid": _("Vul een geldig e-mailadres in.")},
    )
    name = forms.CharField(
        label=_("Naam (niet verplicht)"),
        required=False,
        max_length=160,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    anonymous = forms.BooleanField(label=_("Geef anoniem: toon mijn naam nergens bij mijn gift"), required=False)
    cover_fees = forms.BooleanField(
        label=_("Ik betaal de transactiekosten, zodat mijn hele gift aankomt"), required=False
    )
    newsletter = forms.BooleanField(label=_("Houd mij op de hoogte via de nieuwsbrief"), required=False)
    # Left empty by people; bots fill every field.
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False)

    def __init__(self, *args, campaign=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The campaigns in the language of the form's page: /doneren/ offers the Dutch ones, /en/doneren/ the English.
        open_campaigns = (
            CampaignPage.objects.live().public().filter(locale__language_code=get_language()).order_by("path")
        )
        self.fields["campaign"].queryset = open_campaigns
        amounts = list(campaign.suggested_amounts.all()) if campaign else []
        self.suggested_amounts = amounts
        self.fields["amount_choice"].choices = [
            (str(amount.amount_cents), format_euro(amount.amount_cents)) for amount in amounts
        ] + [(OTHER_AMOUNT, _("Ander bedrag"))]
        if campaign:
            self.fields["campaign"].initial = campaign.pk
            self.fields["campaign"].widget = forms.HiddenInput()
        if amounts and not self.is_bound:
            self.fields["amount_choice"].initial = str(amounts[min(1, len(amounts) - 1)].amount_cents)
        self.fee_description = _("1,5% + € 0,25")

    def clean_campaign(self):
        campaign = self.cleaned_data["campaign"]
        if not campaign.is_open:
            raise forms.ValidationError(_("Deze campagne is gesloten. Kies een andere campagne."))
        return campaign

    def clean_website(self):
        if self.cleaned_data["website"]:
            # The field is hidden from people; one whose browser filled it in anyway needs to know what to do.
            self.add_error(
                None,
                _(
                    "Uw gift is niet verwerkt omdat een verborgen veld is ingevuld, bijvoorbeeld door automatisch "
                    "aanvullen. Vul het formulier zelf in en probeer het opnieuw."
                ),
            )
        return ""

    def clean(self):
        cleaned = super().clean()
        choice = cleaned.get("amount_choice")
        if choice is None:
            return cleaned
        if choice == OTHER_AMOUNT:
            text = cleaned.get("other_amount", "")
            if not text:
                self.add_error("other_amount", _("Vul een bedrag in."))
                return cleaned
            amount = parse_euro_amount(text)
            if amount is None:
                self.add_error("other_amount", _("Vul een bedrag in euro in, bijvoorbeeld 25 of 25,50."))
                return cleaned
        else:
            amount = int(choice)
        if amount < settings.DONATION_MIN_CENTS:
            self.add_error(
                "other_amount", _("Het kleinste bedrag is %(min)s.") % {"min": format_euro(settings.DONATION_MIN_CENTS)}
            )
        elif amount > settings.DONATION_MAX_CENTS:
            self.add_error(
                "other_amount",
                _(
                    "Online kunt u tot %(max)s geven. Voor een grotere gift gaan we graag met u in gesprek via de "
                    "partnerpagina."
                )
                % {"max": format_euro(settings.DONATION_MAX_CENTS)},
            )
        else:
            cleaned["amount_cents"] = amount
            cleaned["fee_cents"] = fee_for(amount) if cleaned.get("cover_fees") else 0
        return cleaned
