from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    """A six-digit code from the staff member's authenticator app."""

    token = forms.CharField(
        label=_("Code uit je authenticator-app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*"}),
        error_messages={
            "required": _("Vul de code van zes cijfers in."),
            "min_length": _("Een code heeft zes cijfers."),
            "max_length": _("Een code heeft zes cijfers."),
        },
    )

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError(_("Een code bestaat alleen uit cijfers."))
        return token
