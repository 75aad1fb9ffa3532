from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from borderzone.core.forms import set_choices
from borderzone.core.uploads import UploadField
from borderzone.trade.models import FigureStatus


class ImportForm(forms.Form):
    file = UploadField(label=_("File (CSV or XLSX)"))
    source = forms.CharField(
        label=_("Source"),
        required=False,
        max_length=300,
        help_text=_("Used for rows whose source column is empty, e.g. “Hải quan cửa khẩu Tà Lùng, báo cáo tháng”."),
    )


class ScenarioForm(forms.Form):
    start = forms.CharField(label=_("From month (YYYY-MM)"), max_length=7)
    closed_gate = forms.ChoiceField(label=_("Gate closed"), required=False)
    closed_months = forms.IntegerField(label=_("Closed for (months)"), min_value=0, max_value=24, required=False)
    fall_percent = forms.DecimalField(
        label=_("Fall (%)"), min_value=0, max_value=100, max_digits=5, decimal_places=1, required=False
    )
    fall_direction = forms.ChoiceField(
        label=_("Direction that falls"),
        choices=[
            ("import", pgettext_lazy("trade direction", "import")),
            ("export", pgettext_lazy("trade direction", "export")),
        ],
        required=False,
    )
    fall_months = forms.IntegerField(
        label=_("Fall lasts (months)"),
        min_value=0,
        max_value=24,
        required=False,
        help_text=_("0 or empty: to the end of the forecast."),
    )
    recovery_months = forms.IntegerField(
        label=_("Linear recovery over (months)"), min_value=0, max_value=24, required=False
    )

    def __init__(self, *args: Any, gates: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "closed_gate", [("", _("none")), *gates])

    def clean_start(self) -> object:
        from django.core.exceptions import ValidationError as DjangoValidationError

        from borderzone.trade.query import parse_month_param

        try:
            return parse_month_param(self.cleaned_data["start"], "start")
        except DjangoValidationError as exc:
            raise forms.ValidationError(exc.message_dict["start"]) from None


class BudgetForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    estimate_vnd = forms.DecimalField(
        label=_("Province's budget revenue estimate (VND)"),
        min_value=1,
        max_digits=20,
        decimal_places=0,
        help_text=_("Dự toán thu ngân sách trên địa bàn."),
    )
    actual_vnd = forms.DecimalField(
        label=_("Province's actual revenue (VND)"), min_value=0, max_digits=20, decimal_places=0, required=False
    )
    collection_target_vnd = forms.DecimalField(
        label=_("Zone's annual collection target (VND)"),
        min_value=0,
        max_digits=20,
        decimal_places=0,
        required=False,
    )
    status = forms.ChoiceField(label=_("Status"), choices=FigureStatus.choices, initial=FigureStatus.FINAL)
    source = forms.CharField(label=_("Source"), max_length=300)
