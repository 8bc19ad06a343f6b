"""Amounts staff enter in euros ("50.000", "25,50", "€ 1.250") and the site stores as integer cents."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .money import format_euro, parse_euro_amount


def euro_input_text(cents):
    """How an amount reads in its input: `50.000` or `25,50` (no € sign: the label says "in euro")."""
    return format_euro(cents).replace("€", "").strip()


class EuroAmountFormField(forms.CharField):
    default_error_messages = {
        "invalid": _("Vul een bedrag in euro in, bijvoorbeeld 50.000 of 25,50."),
        "min_value": _("Het bedrag is minstens %(limit)s."),
        "max_value": _("Het bedrag is hoogstens %(limit)s."),
    }

    def __init__(self, *, min_value=None, max_value=None, **kwargs):
        # min_value and max_value are in cents, as the model field's own limits are.
        self.min_cents, self.max_cents = min_value, max_value
        kwargs.pop("max_length", None)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return euro_input_text(value) if isinstance(value, int) else value

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        cents = parse_euro_amount(text)
        if cents is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if self.min_cents is not None and cents < self.min_cents:
            raise ValidationError(
                self.error_messages["min_value"], code="min_value", params={"limit": format_euro(self.min_cents)}
            )
        if self.max_cents is not None and cents > self.max_cents:
            raise ValidationError(
                self.error_messages["max_value"], code="max_value", params={"limit": format_euro(self.max_cents)}
            )
        return cents

    def has_changed(self, initial, data):
        try:
            return self.to_python(data) != initial
        except ValidationError:
            return True


class EuroCentsField(models.PositiveBigIntegerField):
    """Integer cents in the database; a euro amount in every form. `min_cents`/`max_cents` bound what forms take."""

    def __init__(self, *args, min_cents=None, max_cents=None, **kwargs):
        self.min_cents, self.max_cents = min_cents, max_cents
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for option in ("min_cents", "max_cents"):
            if getattr(self, option) is not None:
                kwargs[option] = getattr(self, option)
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(
            **{"form_class": EuroAmountFormField, "min_value": self.min_cents, "max_value": self.max_cents, **kwargs}
        )
