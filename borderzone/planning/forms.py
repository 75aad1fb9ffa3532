from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from borderzone.core.forms import DateField, OtherLanguagesForm, set_choices, set_queryset
from borderzone.core.uploads import UploadField
from borderzone.planning.evidence import MAX_BYTES
from borderzone.planning.models import CooperationField, EvidenceKind, GoalStatus
from borderzone.zones.models import EconomicZone, GateArea


class GoalFilterForm(forms.Form):
    gate_area = forms.ChoiceField(label=_("Gate area"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All")), *GoalStatus.choices], required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args: Any, zone: EconomicZone, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        areas = [(a.code, a.display_name) for a in GateArea.objects.filter(zone=zone)]
        set_choices(self, "gate_area", [("", _("All")), ("zone", _("Zone-wide")), *areas])


class GoalForm(OtherLanguagesForm):
    translated = ("title", "target_description", "target_unit")

    code = forms.CharField(label=_("Code"), max_length=30)
    gate_area = forms.ModelChoiceField(
        label=_("Gate area"), queryset=GateArea.objects.none(), required=False, empty_label=_("Zone-wide")
    )
    title = forms.CharField(label=_("Goal"), max_length=300)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    phase_start_year = forms.IntegerField(label=_("Phase from (year)"), min_value=2000, max_value=2100)
    phase_end_year = forms.IntegerField(label=_("Phase to (year)"), min_value=2000, max_value=2100)
    start_date = DateField(label=_("Start date"), required=False)
    target_date = DateField(label=_("Target date"))
    responsible_agency = forms.CharField(label=_("Responsible agency"), max_length=200)
    target_description = forms.CharField(label=_("Measurable target"), max_length=200, required=False)
    target_value = forms.DecimalField(
        label=_("Target value"), max_digits=16, decimal_places=2, min_value=0, required=False
    )
    current_value = forms.DecimalField(
        label=_("Value reached"), max_digits=16, decimal_places=2, min_value=0, required=False
    )
    target_unit = forms.CharField(label=_("Unit"), max_length=40, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices)
    progress_percent = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    achieved_on = DateField(label=_("Achieved on"), required=False)
    is_published = forms.BooleanField(label=_("Published"), required=False)

    def __init__(self, *args: Any, zone: EconomicZone, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "gate_area", GateArea.objects.filter(zone=zone))


class MilestoneForm(OtherLanguagesForm):
    translated = ("title",)

    title = forms.CharField(label=_("Milestone"), max_length=300)
    target_date = DateField(label=_("Target date"))
    done_on = DateField(label=_("Done on"), required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EvidenceKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    dated = DateField(label=_("Dated"))
    reference = forms.CharField(label=_("Number or reference"), max_length=100, required=False)
    file = UploadField(
        label=_("File"),
        help_text=_("PDF or Word (.docx) for documents; JPEG, PNG or WebP for photos; at most 10 MB."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload


class AgreementForm(OtherLanguagesForm):
    translated = ("title", "summary")

    title = forms.CharField(label=_("Title"), max_length=300)
    vietnamese_party = forms.CharField(label=_("Vietnamese party"), max_length=300)
    partner_party = forms.CharField(label=_("Partner party"), max_length=300)
    signed_on = DateField(label=_("Signed on"), required=False)
    cooperation_fields = forms.MultipleChoiceField(
        label=_("Fields"), choices=CooperationField.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    is_published = forms.BooleanField(label=_("Published"), required=False)


class ActionForm(OtherLanguagesForm):
    translated = ("description",)

    description = forms.CharField(label=_("Action"), max_length=400)
    responsible = forms.CharField(label=_("Responsible"), max_length=200, required=False)
    due_date = DateField(label=_("Due by"), required=False)
    started = forms.BooleanField(label=_("Started"), required=False)
    started_on = DateField(label=_("Started on"), required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
