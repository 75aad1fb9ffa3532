from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from borderzone.core.forms import DateField, set_queryset
from borderzone.gates.models import BorderGate, CapacityUnit, FacilityKind, FacilityStatus, GateType
from borderzone.zones.forms import code_field
from borderzone.zones.models import Commune, EconomicZone, FunctionalArea, GateArea


class GateForm(forms.Form):
    code = code_field(max_length=40)
    name = forms.CharField(label=_("Name"), max_length=200)
    name_en = forms.CharField(label=_("English name"), max_length=200, required=False)
    name_zh = forms.CharField(label=_("Chinese name"), max_length=200, required=False)
    gate_type = forms.ChoiceField(label=_("Type"), choices=GateType.choices)
    since = DateField(
        label=_("Type held since"),
        required=False,
        help_text=_("Starts the gate's status history. Later changes are recorded as dated status changes."),
    )
    gate_area = forms.ModelChoiceField(label=_("Gate area"), queryset=GateArea.objects.none(), required=False)
    parent = forms.ModelChoiceField(
        label=_("Belongs to gate"),
        queryset=BorderGate.objects.none(),
        required=False,
        help_text=_("For a crossing or opening: the gate it belongs to."),
    )
    partner_name = forms.CharField(label=_("Partner gate"), max_length=200, required=False)
    partner_name_zh = forms.CharField(label=_("Partner gate (Chinese)"), max_length=200, required=False)
    commune = forms.ModelChoiceField(label=_("Commune"), queryset=Commune.objects.none(), required=False)
    latitude = forms.DecimalField(
        label=_("Latitude"), max_digits=8, decimal_places=5, min_value=-90, max_value=90, required=False
    )
    longitude = forms.DecimalField(
        label=_("Longitude"), max_digits=8, decimal_places=5, min_value=-180, max_value=180, required=False
    )
    coordinate_source = forms.CharField(label=_("Coordinate source"), max_length=500, required=False)

    def __init__(self, *args: Any, zone: EconomicZone, gate: BorderGate | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "gate_area", GateArea.objects.filter(zone=zone))
        parents = BorderGate.objects.filter(zone=zone, parent__isnull=True)
        if gate is not None:
            parents = parents.exclude(pk=gate.pk)
            # The type of an existing gate changes through a dated status change.
            del self.fields["gate_type"]
            del self.fields["since"]
        set_queryset(self, "parent", parents)
        set_queryset(self, "commune", Commune.objects.filter(province=zone.province_id))


class GateStatusForm(forms.Form):
    gate_type = forms.ChoiceField(label=_("Type"), choices=GateType.choices)
    since = DateField(label=_("Since"))
    legal_basis = forms.CharField(label=_("Decided by"), max_length=300, required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class FacilityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=FacilityKind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    status = forms.ChoiceField(label=_("Status"), choices=FacilityStatus.choices)
    area_ha = forms.DecimalField(label=_("Area (ha)"), max_digits=10, decimal_places=2, min_value=0, required=False)
    capacity = forms.DecimalField(label=_("Capacity"), max_digits=14, decimal_places=2, min_value=0, required=False)
    capacity_unit = forms.ChoiceField(
        label=_("Capacity unit"), choices=[("", "—"), *CapacityUnit.choices], required=False
    )
    capacity_year = forms.IntegerField(label=_("Capacity by year"), min_value=2000, max_value=2100, required=False)
    functional_area = forms.ModelChoiceField(
        label=_("Functional area"), queryset=FunctionalArea.objects.none(), required=False
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, zone: EconomicZone, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "functional_area", FunctionalArea.objects.filter(zone=zone))
