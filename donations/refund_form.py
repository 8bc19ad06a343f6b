"""The amount staff refund from the admin: in euros, at least € 0,01 and never more than what is left of the gift."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.euro_fields import EuroAmountFormField, euro_input_text
from core.money import format_euro


def refundable_cents(donation):
    return donation.total_cents - donation.refunded_cents


class RefundForm(forms.Form):
    amount = EuroAmountFormField(label=_("Terug te betalen bedrag (in euro)"), min_value=1)

    def __init__(self, *args, record, **kwargs):
        super().__init__(*args, **kwargs)
        self.donation = record
        left = refundable_cents(record)
        self.fields["amount"].initial = left
        self.fields["amount"].help_text = _("Nog terug te betalen: %(left)s. Een deel terugbetalen kan ook.") % {
            "left": format_euro(left, always_cents=True)
        }
        self.fields["amount"].widget.attrs["placeholder"] = euro_input_text(left)

    def clean_amount(self):
        cents = self.cleaned_data["amount"]
        left = refundable_cents(self.donation)
        if cents > left:
            raise forms.ValidationError(
                _("Er is nog %(left)s terug te betalen; meer kan niet.")
                % {"left": format_euro(left, always_cents=True)}
            )
        return cents
