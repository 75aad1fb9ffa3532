from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from borderzone.core.forms import DateField, apply_validation_error, set_queryset
from borderzone.core.spans import check_span_order
from borderzone.core.uploads import UploadField
from borderzone.infrastructure.models import FundingSource, PlanPeriod, WorkKind, WorkStatus
from borderzone.infrastructure.services import FIRST_YEAR, LAST_YEAR
from borderzone.zones.models import Commune, EconomicZone, GateArea


def vnd_field(label: Any, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=18,
        decimal_places=0,
        min_value=0,
        required=required,
        help_text=_("In đồng, digits only (1 tỷ đồng = 1000000000)."),
    )


class SummaryForm(forms.Form):
    from_year = forms.IntegerField(label=_("From year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    to_year = forms.IntegerField(label=_("To year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("from_year") and data.get("to_year"):
            try:
                check_span_order(data["from_year"], data["to_year"])
            except ValidationError as exc:
                apply_validation_error(self, exc)
        return data


class WorkForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=300)
    name_en = forms.CharField(label=_("English name"), max_length=300, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=WorkKind.choices)
    gate_area = forms.ModelChoiceField(label=_("Gate area"), queryset=GateArea.objects.none(), required=False)
    location = forms.CharField(label=_("Location"), max_length=300)
    commune = forms.ModelChoiceField(label=_("Commune"), queryset=Commune.objects.none(), required=False)
    owner = forms.CharField(label=_("Owner (investor)"), max_length=300)
    plan_period = forms.ChoiceField(label=_("Plan period"), choices=PlanPeriod.choices)
    capital_need_vnd = vnd_field(_("Capital need (VND)"))
    medium_term_allocation_vnd = vnd_field(_("Medium-term allocation (VND)"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=WorkStatus.choices)
    physical_progress_percent = forms.IntegerField(label=_("Physical progress (%)"), min_value=0, max_value=100)
    start_date = DateField(label=_("Start date"), required=False)
    planned_completion = DateField(label=_("Planned completion"), required=False)
    completed_on = DateField(label=_("Completed on"), required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    is_published = forms.BooleanField(label=_("Published"), required=False, initial=True)

    def __init__(self, *args: Any, zone: EconomicZone, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "gate_area", GateArea.objects.filter(zone=zone))
        set_queryset(self, "commune", Commune.objects.filter(province=zone.province_id))

    def clean_medium_term_allocation_vnd(self) -> Any:
        from decimal import Decimal

        return self.cleaned_data.get("medium_term_allocation_vnd") or Decimal(0)


class FundingForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    source = forms.ChoiceField(label=_("Funding source"), choices=FundingSource.choices)
    allocated_vnd = vnd_field(_("Allocated (VND)"))
    disbursed_vnd = vnd_field(_("Disbursed (VND)"))
    treasury_confirmed_vnd = vnd_field(_("Confirmed by the State Treasury (VND)"))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ImportForm(forms.Form):
    file = UploadField(label=_("File (CSV or XLSX)"))
