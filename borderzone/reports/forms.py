from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderzone.core.forms import DateField
from borderzone.reports.registry import report_kinds
from borderzone.zones.models import EconomicZone, GateArea


class ReportRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"))
    zone = forms.ModelChoiceField(label=_("Zone"), queryset=EconomicZone.objects.none(), empty_label=None)
    as_of = DateField(label=_("As of"))
    from_year = forms.IntegerField(label=_("From year"), min_value=1990, max_value=2100)
    to_year = forms.IntegerField(label=_("To year"), min_value=1990, max_value=2100)
    format = forms.ChoiceField(label=_("Format"), choices=[("xlsx", "Excel (XLSX)"), ("pdf", "PDF")])
    language = forms.ChoiceField(label=_("Language"), choices=[("vi", _("Vietnamese")), ("en", _("English"))])

    def __init__(self, *args: Any, zones: QuerySet[EconomicZone], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.code, k.title) for k in report_kinds().values()]  # type: ignore[attr-defined]
        self.fields["zone"].queryset = zones  # type: ignore[attr-defined]
        today = timezone.localdate()
        self.fields["as_of"].initial = today
        self.fields["from_year"].initial = today.year - 1
        self.fields["to_year"].initial = today.year

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("from_year") and data.get("to_year") and data["from_year"] > data["to_year"]:
            self.add_error("to_year", _("The span ends before it starts."))
        kind = report_kinds().get(data.get("kind", ""))
        if kind and data.get("format") and data["format"] not in kind.formats:
            self.add_error("format", _("This report is not made in that format."))
        return data


class SummaryTextForm(forms.Form):
    zone = forms.ModelChoiceField(
        label=_("Zone"), queryset=EconomicZone.objects.none(), required=False, empty_label=None
    )
    as_of = DateField(label=_("As of"), required=False)
    from_year = forms.IntegerField(label=_("From year"), min_value=1990, max_value=2100, required=False)
    to_year = forms.IntegerField(label=_("To year"), min_value=1990, max_value=2100, required=False)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("vi", _("Vietnamese")), ("en", _("English"))], required=False
    )

    def __init__(self, *args: Any, zones: QuerySet[EconomicZone], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = zones  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("from_year") and data.get("to_year") and data["from_year"] > data["to_year"]:
            self.add_error("to_year", _("The span ends before it starts."))
        return data


class DashboardForm(forms.Form):
    zone = forms.ModelChoiceField(
        label=_("Zone"), queryset=EconomicZone.objects.none(), required=False, empty_label=None
    )
    gate_area = forms.ModelChoiceField(
        label=_("Gate area"), queryset=GateArea.objects.none(), required=False, empty_label=_("All gate areas")
    )
    as_of = DateField(label=_("As of"), required=False)
    from_year = forms.IntegerField(label=_("From year"), min_value=1990, max_value=2100, required=False)
    to_year = forms.IntegerField(label=_("To year"), min_value=1990, max_value=2100, required=False)

    def __init__(self, *args: Any, zones: QuerySet[EconomicZone], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = zones  # type: ignore[attr-defined]
        self.fields["gate_area"].queryset = GateArea.objects.filter(zone__in=zones).select_related("zone")  # type: ignore[attr-defined]
        if zones.count() > 1:
            # An empty choice means every zone the user may read: the combined dashboard.
            self.fields["zone"].empty_label = _("All zones")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("from_year") and data.get("to_year") and data["from_year"] > data["to_year"]:
            self.add_error("to_year", _("The span ends before it starts."))
        zone, area = data.get("zone"), data.get("gate_area")
        if zone and area and area.zone_id != zone.pk:
            self.add_error("gate_area", _("The gate area belongs to another zone."))
        elif area and not zone:
            data["zone"] = area.zone
        return data
