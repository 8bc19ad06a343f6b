from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from .models import IndicativeBudget, PartnerInterest, PartnerKind, PartnershipRequest

MESSAGE_MAX_LENGTH = 5000

phone_number = RegexValidator(
    r"^\+?[0-9][0-9 ()\-]{7,24}$",
    _("Vul een geldig telefoonnummer in, bijvoorbeeld 030 123 45 67 of +31 6 12345678."),
)


def _single_line(text):
    return " ".join(text.split())


class PartnershipRequestForm(forms.ModelForm):
    kind = forms.ChoiceField(
        label=_("Wie bent u?"),
        choices=PartnerKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies wat voor partner u bent."),
            "invalid_choice": _("Kies een van de soorten partner uit de lijst."),
        },
    )
    organisation = forms.CharField(
        label=_("Naam van uw organisatie"),
        help_text=_("Niet nodig als u als particulier geeft."),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    contact_name = forms.CharField(
        label=_("Uw naam"),
        max_length=160,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Vul uw naam in.")},
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.nl."),
        },
    )
    phone = forms.CharField(
        label=_("Telefoonnummer (niet verplicht)"),
        help_text=_("Als u liever gebeld wordt."),
        required=False,
        max_length=40,
        validators=[phone_number],
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    interest = forms.ChoiceField(
        label=_("Waar gaat uw interesse naar uit?"),
        choices=PartnerInterest.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies waar uw interesse naar uitgaat."),
            "invalid_choice": _("Kies een van de mogelijkheden uit de lijst."),
        },
    )
    budget = forms.ChoiceField(
        label=_("Indicatief budget (niet verplicht)"),
        help_text=_("Zo kunnen we het gesprek goed voorbereiden."),
        choices=[("", _("Zeg ik liever in het gesprek")), *IndicativeBudget.choices],
        required=False,
        error_messages={"invalid_choice": _("Kies een budget uit de lijst, of laat het open.")},
    )
    message = forms.CharField(
        label=_("Uw bericht"),
        help_text=_("Vertel kort wat u voor ogen heeft."),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Vertel ons kort wat u voor ogen heeft."),
            "max_length": _("Uw bericht is te lang: gebruik hoogstens %(limit_value)d tekens."),
        },
    )
    consent_to_contact = forms.BooleanField(
        label=_("Stichting leerKRACHT mag contact met mij opnemen over deze aanvraag."),
        error_messages={
            "required": _("Geef toestemming om contact met u op te nemen, anders kunnen we niet reageren.")
        },
    )
    # Left empty by people; bots fill every field.
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False)

    class Meta:
        model = PartnershipRequest
        fields = [
            "kind",
            "organisation",
            "contact_name",
            "email",
            "phone",
            "interest",
            "budget",
            "message",
            "consent_to_contact",
        ]

    # These end up in e-mail subjects and headers, where a line break would be refused.
    def clean_organisation(self):
        return _single_line(self.cleaned_data["organisation"])

    def clean_contact_name(self):
        return _single_line(self.cleaned_data["contact_name"])

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("Dit veld moet leeg blijven."))
        return ""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") not in (None, PartnerKind.WEALTHY_INDIVIDUAL) and not cleaned.get("organisation"):
            self.add_error("organisation", _("Vul de naam van uw organisatie in."))
        return cleaned
