from django import forms
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from campaigns.models import CampaignPage
from core.money import format_euro, parse_euro_amount

from .fees import fee_for
from .models import Frequency, MonthlyOffer
from .monthly_offer import MINIMUM_CENTS, monthly_offer_cents

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
        help_text=_(
            "Voor uw bevestiging. Op de campagnepagina staat alleen uw voornaam bij uw gift, of “Anoniem” als u "
            "hieronder anoniem geeft."
        ),
        required=False,
        max_length=160,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    anonymous = forms.BooleanField(label=_("Geef anoniem: toon mijn naam nergens bij mijn gift"), required=False)
    cover_fees = forms.BooleanField(
        label=_("Ik betaal de transactiekosten, zodat mijn hele gift aankomt"), required=False
    )
    newsletter = forms.BooleanField(label=_("Houd mij op de hoogte via de nieuwsbrief"), required=False)
    # The donor's answer to the offer to give monthly instead (set by the offer's buttons, with or without script).
    monthly_offer = forms.ChoiceField(
        choices=[(MonthlyOffer.ACCEPTED, ""), (MonthlyOffer.DECLINED, "")], required=False, widget=forms.HiddenInput
    )
    # Left empty by people; bots fill every field.
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False)

    def __init__(self, *args, campaign=None, prefill=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.monthly_offer_cents = None
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
        if prefill and not self.is_bound:
            self._fill_in(prefill)
        self.fee_description = _("%(percent)s + %(fixed)s") % {
            "percent": number_format(settings.DONATION_FEE_PERCENT_BASIS_POINTS / 100) + "%",
            "fixed": format_euro(settings.DONATION_FEE_FIXED_CENTS, always_cents=True),
        }

    def _fill_in(self, prefill):
        """Start from earlier answers (a checkout the donor broke off, or a link offering a monthly gift)."""
        cents = prefill.get("amount_cents")
        if cents:
            if str(cents) in {value for value, _ in self.fields["amount_choice"].choices}:
                self.fields["amount_choice"].initial = str(cents)
            else:
                self.fields["amount_choice"].initial = OTHER_AMOUNT
                self.fields["other_amount"].initial = format_euro(cents).replace("€", "").strip()
        for name in ("frequency", "email", "name", "anonymous", "cover_fees", "newsletter", "monthly_offer"):
            if prefill.get(name) not in (None, ""):
                self.fields[name].initial = prefill[name]

    @property
    def chosen_amount_cents(self):
        """The amount the form shows as chosen (what the submit button and the fee line start from), or None."""
        value = self["amount_choice"].value()
        if value == OTHER_AMOUNT:
            return parse_euro_amount(self["other_amount"].value() or "")
        return int(value) if value and str(value).isdigit() else None

    @property
    def chosen_fee_cents(self):
        amount = self.chosen_amount_cents
        return fee_for(amount) if amount else None

    @property
    def script_settings(self):
        """The figures the form's script needs to say what a choice costs and offers, as data attributes."""
        return {
            "fee-basis-points": settings.DONATION_FEE_PERCENT_BASIS_POINTS,
            "fee-fixed-cents": settings.DONATION_FEE_FIXED_CENTS,
            "offer-percent": self.campaign.monthly_offer_percent if self.campaign else 0,
            "offer-minimum-cents": MINIMUM_CENTS,
            "min-cents": settings.DONATION_MIN_CENTS,
            "max-cents": settings.DONATION_MAX_CENTS,
        }

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
            amount = self._answer_monthly_offer(cleaned, amount)
            cleaned["amount_cents"] = amount
            cleaned["fee_cents"] = fee_for(amount) if cleaned.get("cover_fees") else 0
        return cleaned

    def _answer_monthly_offer(self, cleaned, amount):
        """Apply an accepted offer (the monthly amount in place of the one-off one); note whether to make it."""
        answer = cleaned.get("monthly_offer", "")
        self.monthly_offer_cents = None
        if cleaned.get("frequency") != Frequency.ONCE:
            # Only an offer accepted earlier (and then broken off at checkout) comes back already monthly.
            cleaned["monthly_offer"] = answer if answer == MonthlyOffer.ACCEPTED else ""
            return amount
        offered = monthly_offer_cents(self.campaign, amount)
        if offered is None:
            cleaned["monthly_offer"] = ""
            return amount
        self.monthly_offer_cents = offered
        if answer == MonthlyOffer.ACCEPTED:
            cleaned["frequency"] = Frequency.MONTHLY
            return offered
        return amount

    @property
    def needs_monthly_offer(self):
        """A valid one-off gift that has not had its offer yet: the next step shows it (without script, a page)."""
        return self.monthly_offer_cents is not None and not self.cleaned_data.get("monthly_offer")
