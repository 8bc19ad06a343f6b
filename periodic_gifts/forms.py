"""The donor's request for a periodieke gift, and the upload of their signed copy."""

import datetime
import re

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from campaigns.models import CampaignPage
from core.money import format_euro, parse_euro_amount

from .models import MIN_DURATION_YEARS, PaymentMethod

# A BSN has nine digits (older ones eight, written without the leading zero), often typed in groups: 1234.56.789.
# Eight digits in groups are a date (09-03-1970), not a BSN.
BSN_LIKE = re.compile(r"(?<!\d)(?:\d{8,9}|\d(?:[ .\-]?\d){8})(?!\d)")
INDEFINITE = "indefinite"
OTHER_DURATION = "other"
YEARS_AHEAD = 1  # the first payment is this year or next


def looks_like_a_bsn(text):
    return bool(BSN_LIKE.search(text or ""))


class AgreementRequestForm(forms.Form):
    yearly_amount = forms.CharField(
        label=_("Bedrag per jaar (in euro)"),
        max_length=20,
        help_text=_("Elk jaar hetzelfde bedrag, bijvoorbeeld 240 of 600."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={"required": _("Vul het bedrag per jaar in.")},
    )
    duration = forms.ChoiceField(
        label=_("Looptijd"),
        choices=[("5", _("5 jaar")), (OTHER_DURATION, _("Langer, namelijk:")), (INDEFINITE, _("Onbepaalde tijd"))],
        initial="5",
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een looptijd."), "invalid_choice": _("Kies een looptijd.")},
    )
    # Read with the choice above it (`_clean_duration`): a number only counts with "Langer, namelijk".
    duration_years = forms.CharField(
        label=_("Aantal jaren"), required=False, max_length=3, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    start_year = forms.TypedChoiceField(
        label=_("Jaar van de eerste betaling"),
        coerce=int,
        error_messages={"invalid_choice": _("Kies dit jaar of volgend jaar.")},
    )
    payment_method = forms.ChoiceField(
        label=_("Hoe betaalt u?"),
        choices=PaymentMethod.choices,
        initial=PaymentMethod.DIRECT_DEBIT_YEARLY,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe u betaalt."), "invalid_choice": _("Kies hoe u betaalt.")},
    )
    campaign = forms.ModelChoiceField(
        queryset=CampaignPage.objects.none(),
        label=_("Voor welke campagne?"),
        empty_label=None,
        error_messages={
            "required": _("Kies een campagne."),
            "invalid_choice": _("Deze campagne bestaat niet of is gesloten."),
        },
    )
    first_names = forms.CharField(
        label=_("Voornamen (voluit)"), max_length=160, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Achternaam"), max_length=120, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    birth_date = forms.DateField(
        label=_("Geboortedatum"),
        help_text=_("Bijvoorbeeld 17-03-1968."),
        input_formats=["%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"autocomplete": "bday", "inputmode": "numeric"}, format="%d-%m-%Y"),
        error_messages={"invalid": _("Vul de datum in als dag-maand-jaar, bijvoorbeeld 17-03-1968.")},
    )
    birth_place = forms.CharField(label=_("Geboorteplaats"), max_length=120)
    street_and_number = forms.CharField(
        label=_("Straat en huisnummer"),
        max_length=160,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    postcode = forms.CharField(
        label=_("Postcode"), max_length=12, widget=forms.TextInput(attrs={"autocomplete": "postal-code"})
    )
    city = forms.CharField(
        label=_("Woonplaats"), max_length=120, widget=forms.TextInput(attrs={"autocomplete": "address-level2"})
    )
    country = forms.CharField(
        label=_("Land"),
        max_length=80,
        initial="Nederland",
        widget=forms.TextInput(attrs={"autocomplete": "country-name"}),
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        help_text=_("We sturen de overeenkomst en de link om uw getekende exemplaar terug te sturen naar dit adres."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": _("Vul uw e-mailadres in."), "invalid": _("Vul een geldig e-mailadres in.")},
    )
    other_person_name = forms.CharField(
        label=_("Eindigt de gift ook bij het overlijden van iemand anders? Naam van die persoon (niet verplicht)"),
        max_length=160,
        required=False,
    )
    ends_on_loss_of_income = forms.BooleanField(
        label=_("De gift eindigt als ik onvrijwillig werkloos of arbeidsongeschikt word"), required=False
    )
    has_partner = forms.BooleanField(label=_("Ik heb een echtgeno(o)t(e) of geregistreerd partner"), required=False)
    partner_first_names = forms.CharField(label=_("Voornamen partner (voluit)"), max_length=160, required=False)
    partner_last_name = forms.CharField(label=_("Achternaam partner"), max_length=120, required=False)
    partner_birth_date = forms.DateField(
        label=_("Geboortedatum partner"),
        required=False,
        input_formats=["%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"inputmode": "numeric"}, format="%d-%m-%Y"),
        error_messages={"invalid": _("Vul de datum in als dag-maand-jaar, bijvoorbeeld 17-03-1968.")},
    )
    partner_birth_place = forms.CharField(label=_("Geboorteplaats partner"), max_length=120, required=False)
    partner_country = forms.CharField(label=_("Land partner"), max_length=80, required=False)
    # Left empty by people; bots fill every field.
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False)

    PARTNER_FIELDS = ("partner_first_names", "partner_last_name", "partner_birth_date", "partner_birth_place")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        years = [this_year + offset for offset in range(YEARS_AHEAD + 1)]
        self.fields["start_year"].choices = [(year, str(year)) for year in years]
        self.fields["start_year"].initial = this_year
        self.fields["campaign"].queryset = (
            CampaignPage.objects.live().public().filter(locale__language_code=get_language()).order_by("path")
        )
        self.bsn_fields = []

    def full_clean(self):
        super().full_clean()
        if self.bsn_fields and self.is_bound:
            # What was typed is not shown again: a BSN must not travel back into the page either.
            data = self.data.copy()
            for name in self.bsn_fields:
                data[self.add_prefix(name)] = ""
            self.data = data

    def clean(self):
        cleaned = super().clean()
        # Every field, whatever it asks for: a BSN typed anywhere is refused and never shown again.
        for name in self.fields:
            if looks_like_a_bsn(self.data.get(self.add_prefix(name), "")):
                self.bsn_fields.append(name)
                self.add_error(
                    name,
                    _(
                        "Vul hier geen burgerservicenummer (BSN) of ander lang nummer in. Uw BSN schrijft u zelf op "
                        "de overeenkomst die u van ons krijgt; de site vraagt en bewaart het nooit."
                    ),
                )
        self._clean_amount(cleaned)
        self._clean_duration(cleaned)
        self._clean_partner(cleaned)
        self._clean_birth_date(cleaned.get("birth_date"), "birth_date")
        self._clean_birth_date(cleaned.get("partner_birth_date"), "partner_birth_date")
        campaign = cleaned.get("campaign")
        if campaign is not None and not campaign.is_open:
            self.add_error("campaign", _("Deze campagne is gesloten. Kies een andere campagne."))
        if cleaned.get("website"):
            self.add_error(
                None,
                _(
                    "Uw aanvraag is niet verwerkt omdat een verborgen veld is ingevuld, bijvoorbeeld door automatisch "
                    "aanvullen. Vul het formulier zelf in en probeer het opnieuw."
                ),
            )
        return cleaned

    def _clean_amount(self, cleaned):
        text = cleaned.get("yearly_amount")
        if not text or "yearly_amount" in self.bsn_fields:
            return
        cents = parse_euro_amount(text)
        minimum, maximum = settings.PERIODIC_GIFT_MIN_YEARLY_CENTS, settings.PERIODIC_GIFT_MAX_YEARLY_CENTS
        if cents is None:
            self.add_error("yearly_amount", _("Vul een bedrag in euro in, bijvoorbeeld 240 of 600."))
        elif cents < minimum:
            self.add_error(
                "yearly_amount",
                _("Een periodieke gift is minstens %(min)s per jaar.") % {"min": format_euro(minimum)},
            )
        elif cents > maximum:
            self.add_error(
                "yearly_amount",
                _(
                    "Online kunt u een periodieke gift tot %(max)s per jaar aanvragen. Voor een groter bedrag gaan we "
                    "graag met u in gesprek via de partnerpagina."
                )
                % {"max": format_euro(maximum)},
            )
        elif cleaned.get("payment_method") == PaymentMethod.DIRECT_DEBIT_MONTHLY and cents % 12:
            self.add_error(
                "yearly_amount",
                _(
                    "Bij maandelijkse betaling moet elke maand hetzelfde bedrag zijn: kies een jaarbedrag dat door 12 "
                    "te delen is, bijvoorbeeld %(lower)s of %(higher)s (%(lower_month)s of %(higher_month)s per maand)."
                )
                % {
                    "lower": format_euro(cents - cents % 1200),
                    "higher": format_euro(cents - cents % 1200 + 1200),
                    "lower_month": format_euro((cents - cents % 1200) // 12),
                    "higher_month": format_euro((cents - cents % 1200 + 1200) // 12),
                },
            )
        else:
            cleaned["yearly_amount_cents"] = cents

    def _clean_duration(self, cleaned):
        choice = cleaned.get("duration")
        typed = (cleaned.get("duration_years") or "").strip()
        if "duration_years" in self.bsn_fields:
            return
        if choice != OTHER_DURATION:
            if typed:
                self.add_error(
                    "duration_years",
                    _("Wilt u dit aantal jaren? Kies dan 'Langer, namelijk'. Anders laat u dit veld leeg."),
                )
            cleaned["duration_years"] = None if choice == INDEFINITE else (int(choice) if choice else None)
            return
        if not typed:
            self.add_error("duration_years", _("Vul het aantal jaren in (minstens 5)."))
        elif not typed.isdecimal():
            self.add_error("duration_years", _("Vul het aantal jaren in als getal, bijvoorbeeld 10."))
        elif int(typed) < MIN_DURATION_YEARS:
            self.add_error("duration_years", _("Een periodieke gift loopt minstens 5 jaar."))
        elif int(typed) > 50:
            self.add_error("duration_years", _("Kies een looptijd van hoogstens 50 jaar, of onbepaalde tijd."))
        else:
            cleaned["duration_years"] = int(typed)

    def _clean_partner(self, cleaned):
        if not cleaned.get("has_partner"):
            if any(self.data.get(self.add_prefix(name)) for name in self.PARTNER_FIELDS):
                self.add_error(
                    "has_partner",
                    _("U vulde gegevens van een partner in: vink dit aan, of maak die velden leeg."),
                )
            for name in (*self.PARTNER_FIELDS, "partner_country"):
                cleaned[name] = None if name == "partner_birth_date" else ""
            return
        for name in self.PARTNER_FIELDS:
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, _("Vul dit in voor uw partner, of zet het vinkje bij 'partner' uit."))
        cleaned["partner_country"] = cleaned.get("partner_country") or cleaned.get("country") or "Nederland"

    def _clean_birth_date(self, value, name):
        if value is None:
            return
        today = timezone.localdate()
        if value > today - datetime.timedelta(days=18 * 365):
            self.add_error(name, _("Een periodieke gift kan alleen worden aangegaan door iemand van 18 jaar of ouder."))
        elif value.year < 1900:
            self.add_error(name, _("Controleer het geboortejaar."))


class SignedCopyForm(forms.Form):
    signed_copy = forms.FileField(
        label=_("Uw getekende overeenkomst (PDF)"),
        help_text=_("Een scan of foto als PDF, of de PDF met uw digitale handtekening. Hoogstens %(size)s MB."),
        error_messages={
            "required": _("Kies het PDF-bestand van uw getekende overeenkomst."),
            "empty": _("Dit bestand is leeg. Kies het PDF-bestand van uw getekende overeenkomst."),
            "invalid": _("Kies het PDF-bestand van uw getekende overeenkomst."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["signed_copy"]
        field.help_text = field.help_text % {"size": settings.PERIODIC_GIFT_UPLOAD_MAX_BYTES // (1024 * 1024)}

    def clean_signed_copy(self):
        upload = self.cleaned_data["signed_copy"]
        limit = settings.PERIODIC_GIFT_UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _(
                    "Dit bestand is te groot: hoogstens %(size)s MB. "
                    "Scan in een lagere resolutie en probeer het opnieuw."
                )
                % {"size": limit // (1024 * 1024)}
            )
        # Imported here: a web process serving pages never loads the PDF libraries.
        from .agreement_pdf import is_readable_pdf

        upload.seek(0)
        content = upload.read()
        upload.seek(0)
        if not is_readable_pdf(content):
            raise forms.ValidationError(_("Dit is geen leesbaar PDF-bestand. Stuur uw getekende overeenkomst als PDF."))
        return upload
