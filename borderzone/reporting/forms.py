"""Forms of the reporting pages; the report form itself is built from the form version's fields."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from borderzone.core.forms import DateField, set_choices
from borderzone.reporting.models import Channel, FieldType, FormField, ReportForm
from borderzone.reporting.selectors import STATUS_LABELS, STATUSES


class FigureInput(forms.CharField):
    """The input of one field of the form version, which it keeps (`form_field`: the page marks it required)."""

    def __init__(self, *, form_field: FormField, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.form_field = form_field


class ReportValuesForm(forms.Form):
    """One text input a field of the form version (checked by the service, which names field and reason)."""

    def __init__(self, *args: Any, report_form: ReportForm, with_file: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lang = get_language() or "vi"
        self.report_form = report_form
        for field in report_form.fields.all():
            label = field.name_in(lang) + (f" ({field.unit_label})" if field.unit else "")
            if field.type == FieldType.TEXT:
                widget: forms.Widget = forms.Textarea(attrs={"rows": 3})
            else:
                widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
            self.fields[field.key] = FigureInput(form_field=field, label=label, required=False, widget=widget)
        if with_file:
            self.fields["attachment"] = forms.FileField(
                label=_("Attach a file (PDF, Word, Excel, OpenDocument)"), required=False
            )

    def values(self) -> dict[str, str]:
        return {
            f.key: self.data.get(f.key, "")
            for f in self.report_form.fields.all()
            if str(self.data.get(f.key, "")).strip()
        }


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Reason for returning"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class ChannelForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Received"), choices=[(Channel.PAPER, Channel.PAPER.label), (Channel.NATIONAL, Channel.NATIONAL.label)]
    )
    note = forms.CharField(label=_("Note (document number, date received)"), required=False, max_length=500)


class ObligationFilterForm(forms.Form):
    zone = forms.ChoiceField(label=_("Zone"), required=False)
    as_of = DateField(label=_("As of"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *[(s, s) for s in STATUSES]],
    )
    form = forms.CharField(label=_("Form code"), required=False, max_length=20)
    project = forms.CharField(label=_("Project code"), required=False, max_length=20)
    investor = forms.CharField(label=_("Investor"), required=False, max_length=100)

    def __init__(self, *args: Any, zones: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "zone", [(z.code, z.display_name) for z in zones])
        set_choices(self, "status", [("", _("All")), *STATUS_LABELS.items()])

    def clean_as_of(self) -> dt.date | None:
        day = self.cleaned_data.get("as_of")
        if day is not None and not dt.date(2000, 1, 1) <= day <= dt.date(2100, 12, 31):
            raise forms.ValidationError(_("Choose a day between 2000 and 2100."))
        return day


class LinkRequestForm(forms.Form):
    project_code = forms.CharField(label=_("Project code (on the investment registration certificate)"), max_length=20)
    tax_code = forms.CharField(label=_("Tax code of the investor"), max_length=50)


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)


class FormVersionForm(forms.Form):
    code = forms.ChoiceField(label=_("Form"))
    valid_from = DateField(label=_("Valid for periods ending from"))
    legal_basis = forms.CharField(label=_("Legal basis"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    legal_basis_en = forms.CharField(
        label=_("Legal basis (English)"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )
    legal_basis_zh = forms.CharField(
        label=_("Legal basis (Chinese)"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )
    legal_basis_confirmed = forms.BooleanField(label=_("Legal basis checked against the text"), required=False)
    fields_text = forms.CharField(
        label=_("Fields, one a line"),
        widget=forms.Textarea(attrs={"rows": 18, "class": "mono"}),
        max_length=20000,
    )

    def __init__(self, *args: Any, codes: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "code", [(c, c) for c in codes])
