from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderzone.core.forms import DateField, set_choices, set_queryset
from borderzone.core.spans import clean_span
from borderzone.reports.registry import report_kinds
from borderzone.zones.models import EconomicZone, GateArea


class ReportRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"))
    zone = forms.ModelChoiceField(
        label=_("Zone"), queryset=EconomicZone.objects.none(), empty_label=None, to_field_name="code"
    )
    as_of = DateField(label=_("As of"))
    from_year = forms.IntegerField(label=_("From year"), min_value=1990, max_value=2100)
    to_year = forms.IntegerField(label=_("To year"), min_value=1990, max_value=2100)
    format = forms.ChoiceField(label=_("Format"), choices=[("xlsx", "Excel (XLSX)"), ("pdf", "PDF")])
    language = forms.ChoiceField(label=_("Language"), choices=[("vi", _("Vietnamese")), ("en", _("English"))])

    def __init__(self, *args: Any, zones: QuerySet[EconomicZone], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "kind", [(k.code, k.title) for k in report_kinds().values()])
        set_queryset(self, "zone", zones)
        today = timezone.localdate()
        self.fields["as_of"].initial = today
        self.fields["from_year"].initial = today.year - 1
        self.fields["to_year"].initial = today.year

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        clean_span(self, data)
        kind = report_kinds().get(data.get("kind", ""))
        if kind and data.get("format") and data["format"] not in kind.formats:
            self.add_error("format", _("This report is not made in that format."))
        return data


class SummaryTextForm(forms.Form):
    zone = forms.ModelChoiceField(
        label=_("Zone"), queryset=EconomicZone.objects.none(), required=False, empty_label=None, to_field_name="code"
    )
    as_of = DateField(label=_("As of"), required=False)
    from_year = forms.IntegerField(label=_("From year"), min_value=1990, max_value=2100, required=False)
    to_year = forms.IntegerField(label=_("To year"), min_value=1990, max_value=2100, required=False)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("vi", _("Vietnamese")), ("en", _("English"))], required=False
    )

    def __init__(self, *args: Any, zones: QuerySet[EconomicZone], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "zone", zones)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        clean_span(self, data)
        return data


class DashboardForm(forms.Form):
    zone = forms.ModelChoiceField(
        label=_("Zone"), queryset=EconomicZone.objects.none(), required=False, empty_label=None, to_field_name="code"
    )
    gate_area = forms.ModelChoiceField(
        label=_("Gate area"), queryset=GateArea.objects.none(), required=False, empty_label=_("All gate areas")
    )
    as_of = DateField(label=_("As of"), required=False)
    from_year = forms.IntegerField(label=_("From year"), min_value=1990, max_value=2100, required=False)
    to_year = forms.IntegerField(label=_("To year"), min_value=1990, max_value=2100, required=False)

    def __init__(self, *args: Any, zones: QuerySet[EconomicZone], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "zone", zones)
        set_queryset(self, "gate_area", GateArea.objects.filter(zone__in=zones).select_related("zone"))
        if zones.count() > 1:
            # An empty choice means every zone the user may read: the combined dashboard.
            zone = self.fields["zone"]
            if isinstance(zone, forms.ModelChoiceField):
                zone.empty_label = _("All zones")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        clean_span(self, data)
        zone, area = data.get("zone"), data.get("gate_area")
        if zone and area and area.zone_id != zone.pk:
            self.add_error("gate_area", _("The gate area belongs to another zone."))
        elif area and not zone:
            data["zone"] = area.zone
        return data
