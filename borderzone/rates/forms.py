from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from borderzone.core.forms import DateField


class RateForm(forms.Form):
    currency = forms.ChoiceField(label=_("Currency"), choices=[("USD", "USD")])
    day = DateField(label=_("Day"))
    vnd_per_unit = forms.DecimalField(label=_("VND per unit"), max_digits=12, decimal_places=2, min_value=0)
    source = forms.CharField(
        label=_("Source"),
        max_length=300,
        help_text=_("Where the rate was read: the State Bank of Vietnam's central rate notice of the day, say."),
    )


class RateImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "Columns as in the exported file (day, currency, VND per unit, source), whose second header row names "
            "them for the import; one row a day."
        ),
    )
