from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from borderzone.core.forms import set_queryset
from borderzone.zones.models import EconomicZone, FunctionalAreaKind, GateArea, Province


def code_field(max_length: int) -> forms.RegexField:
    """A required code field of gate areas and gates: capital letters, digits, - and _."""
    return forms.RegexField(
        label=_("Code"),
        max_length=max_length,
        regex=r"^[A-Z0-9_-]+$",
        error_messages={"invalid": _("Use capital letters, digits, - and _ only.")},
    )


class FunctionalAreaForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=FunctionalAreaKind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    name_en = forms.CharField(label=_("English name"), max_length=200, required=False)
    name_zh = forms.CharField(label=_("Chinese name"), max_length=200, required=False)
    gate_area = forms.ModelChoiceField(label=_("Gate area"), queryset=GateArea.objects.none(), required=False)
    area_ha = forms.DecimalField(label=_("Area (ha)"), max_digits=12, decimal_places=2, min_value=0, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args: Any, zone: EconomicZone, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "gate_area", GateArea.objects.filter(zone=zone))


class GateAreaForm(forms.Form):
    code = code_field(max_length=30)
    name = forms.CharField(label=_("Name"), max_length=200)
    name_en = forms.CharField(label=_("English name"), max_length=200, required=False)
    name_zh = forms.CharField(label=_("Chinese name"), max_length=200, required=False)
    area_ha = forms.DecimalField(label=_("Area (ha)"), max_digits=12, decimal_places=2, min_value=0, required=False)
    former_district = forms.CharField(label=_("District before 2025"), max_length=100, required=False)
    former_district_en = forms.CharField(label=_("District before 2025 (English)"), max_length=100, required=False)
    former_district_zh = forms.CharField(label=_("District before 2025 (Chinese)"), max_length=100, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    sort_order = forms.IntegerField(label=_("Order"), min_value=0, initial=0, required=False)

    def clean_sort_order(self) -> int:
        return self.cleaned_data.get("sort_order") or 0


class EconomicZoneForm(forms.Form):
    """An economic zone as an administrator adds or edits it; the code is fixed once created."""

    code = forms.RegexField(
        label=_("Code"),
        max_length=20,
        regex=r"^[A-Z0-9_-]+$",
        help_text=_("Short code used in addresses and files, e.g. CB or LS; it cannot be changed later."),
        error_messages={"invalid": _("Use capital letters, digits, - and _ only.")},
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    name_en = forms.CharField(label=_("English name"), max_length=200, required=False)
    name_zh = forms.CharField(label=_("Chinese name"), max_length=200, required=False)
    short_name = forms.CharField(label=_("Short name"), max_length=100, required=False)
    province = forms.ModelChoiceField(label=_("Province"), queryset=Province.objects.all())
    board_name = forms.CharField(label=_("Management board"), max_length=200, required=False)
    board_name_en = forms.CharField(label=_("Management board (English)"), max_length=200, required=False)
    area_ha = forms.DecimalField(label=_("Area (ha)"), max_digits=12, decimal_places=2, min_value=0, required=False)
    legal_basis = forms.CharField(label=_("Established by"), max_length=300, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    description_en = forms.CharField(
        label=_("Description (English)"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    description_zh = forms.CharField(
        label=_("Description (Chinese)"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )

    def __init__(self, *args: Any, creating: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not creating:
            del self.fields["code"]
