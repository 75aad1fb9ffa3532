from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from borderzone.core.forms import DateField, OtherLanguagesForm, set_queryset
from borderzone.core.uploads import UploadField
from borderzone.inspections.models import DecisionKind, Finding, Inspection, InspectionKind
from borderzone.register.models import LegalRule, Project
from borderzone.zones.models import EconomicZone


def _projects(zone: EconomicZone) -> Any:
    return Project.objects.filter(zone=zone).order_by("code")


class InspectionForm(OtherLanguagesForm):
    translated = ("title",)

    kind = forms.ChoiceField(label=_("Kind"), choices=InspectionKind.choices)
    title = forms.CharField(label=_("Subject"), max_length=300)
    planned_on = DateField(label=_("Planned date"))
    team = forms.CharField(label=_("Team (members and their units)"), widget=forms.Textarea(attrs={"rows": 3}))
    scope = forms.CharField(label=_("Scope"), widget=forms.Textarea(attrs={"rows": 3}))
    projects = forms.ModelMultipleChoiceField(
        label=_("Projects inspected"),
        queryset=Project.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, zone: EconomicZone, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "projects", _projects(zone), label=lambda p: f"{p.code} · {p.name}")


class MinutesForm(forms.Form):
    held_on = DateField(label=_("Date held"))
    minutes = forms.CharField(label=_("Minutes (summary)"), widget=forms.Textarea(attrs={"rows": 6}))
    file = UploadField(label=_("File of the minutes (PDF, Word, image)"), required=False)


class FindingForm(forms.Form):
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.none(), required=False)
    text = forms.CharField(label=_("Finding"), widget=forms.Textarea(attrs={"rows": 4}))
    confirms_rule = forms.ModelChoiceField(
        label=_("Legal flag confirmed"),
        queryset=LegalRule.objects.none(),
        required=False,
        help_text=_("The rule whose flag on the project the inspection confirmed on the ground."),
    )
    decision_kind = forms.ChoiceField(label=_("Decision that followed"), choices=DecisionKind.choices, required=False)
    decision_no = forms.CharField(label=_("Decision number"), max_length=100, required=False)
    decision_on = DateField(label=_("Decision date"), required=False)

    def __init__(self, *args: Any, zone: EconomicZone, inspection: Inspection | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        projects = (
            inspection.projects.all() if inspection is not None and inspection.projects.exists() else _projects(zone)
        )
        set_queryset(self, "project", projects, label=lambda p: f"{p.code} · {p.name}")
        set_queryset(self, "confirms_rule", LegalRule.objects.order_by("-valid_from", "code"), label=_rule_label)


def _rule_label(rule: LegalRule) -> str:
    article = f", {rule.article}" if rule.article else ""
    return f"{rule.condition_text()} — {rule.law}{article}"


class RecommendationForm(forms.Form):
    finding = forms.ModelChoiceField(label=_("Finding"), queryset=Finding.objects.none(), required=False)
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.none(), required=False)
    text = forms.CharField(label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 4}))
    deadline = DateField(label=_("Deadline"))

    def __init__(self, *args: Any, inspection: Inspection, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "finding", inspection.findings.all())
        set_queryset(self, "project", _projects(inspection.zone), label=lambda p: f"{p.code} · {p.name}")


class FollowUpForm(forms.Form):
    happened_on = DateField(label=_("Date"))
    note = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 4}))
    closes = forms.BooleanField(label=_("This closes the recommendation"), required=False)
