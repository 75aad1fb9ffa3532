"""Writes on inspections: each validates, saves, writes its audit row and bumps the data version in one
transaction (docs/inspections.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from borderzone.access.actors import Actor
from borderzone.access.audit import audit_record
from borderzone.access.services import ModelWrites
from borderzone.core.cache import bump_version
from borderzone.core.models import AuditAction
from borderzone.inspections.models import DecisionKind, Finding, FollowUp, Inspection, MinutesFile, Recommendation
from borderzone.register.models import Project
from borderzone.zones.models import EconomicZone

SCOPE = "inspections"

INSPECTION_FIELDS = ("kind", "title", "title_en", "title_zh", "planned_on", "team", "scope")
MINUTES_FIELDS = ("held_on", "minutes")
FINDING_FIELDS = ("project", "text", "confirms_rule", "decision_kind", "decision_no", "decision_on")
RECOMMENDATION_FIELDS = ("finding", "project", "text", "deadline")
FOLLOW_UP_FIELDS = ("happened_on", "note", "closes")


def today() -> dt.date:
    return timezone.localdate()


def _check_inspection(inspection: Inspection) -> None:
    if inspection.held_on and inspection.held_on > today():
        raise ValidationError({"held_on": _("The date held cannot be in the future.")})


def _check_finding(finding: Finding) -> None:
    if finding.project is not None and finding.project.zone_id != finding.inspection.zone_id:
        raise ValidationError({"project": _("The project belongs to another zone.")})
    if finding.decision_kind and not finding.decision_on:
        raise ValidationError({"decision_on": _("Give the date of the decision.")})
    if finding.decision_on and not finding.decision_kind:
        raise ValidationError({"decision_kind": _("Say which decision followed.")})
    if finding.decision_on and finding.decision_on > today():
        raise ValidationError({"decision_on": _("The decision date cannot be in the future.")})
    if finding.confirms_rule is not None and finding.project is None:
        raise ValidationError({"project": _("Name the project whose legal flag the inspection confirmed.")})


def _check_recommendation(recommendation: Recommendation) -> None:
    inspection = recommendation.inspection
    if recommendation.project is not None and recommendation.project.zone_id != inspection.zone_id:
        raise ValidationError({"project": _("The project belongs to another zone.")})
    if recommendation.finding is not None and recommendation.finding.inspection_id != inspection.pk:
        raise ValidationError({"finding": _("The finding belongs to another inspection.")})
    start = inspection.held_on or inspection.planned_on
    if recommendation.deadline < start:
        raise ValidationError({"deadline": _("The deadline cannot precede the inspection.")})


# The plan (`inspection_create`/`_update` take INSPECTION_FIELDS) and the minutes (`minutes_record`).
INSPECTIONS = ModelWrites(
    Inspection,
    (*INSPECTION_FIELDS, *MINUTES_FIELDS),
    SCOPE,
    check=_check_inspection,
    clash_field="title",
    zone_of=lambda inspection: inspection.zone_id,
)
FINDINGS = ModelWrites(
    Finding, FINDING_FIELDS, SCOPE, check=_check_finding, zone_of=lambda finding: finding.inspection.zone_id
)
RECOMMENDATIONS = ModelWrites(
    Recommendation,
    RECOMMENDATION_FIELDS,
    SCOPE,
    check=_check_recommendation,
    zone_of=lambda recommendation: recommendation.inspection.zone_id,
)


def _projects_of(zone: EconomicZone, projects: Iterable[Project] | None) -> list[Project]:
    chosen = list(projects or [])
    if any(p.zone_id != zone.pk for p in chosen):
        raise ValidationError({"projects": _("Every project inspected must belong to the inspection's zone.")})
    return chosen


@transaction.atomic
def inspection_create(
    *, zone: EconomicZone, actor: Actor, projects: Iterable[Project] | None = None, **fields: Any
) -> Inspection:
    """Plan an inspection or a supervision visit of the zone: date, team, scope, projects inspected."""
    chosen = _projects_of(zone, projects)
    planned = {k: v for k, v in fields.items() if k in INSPECTION_FIELDS}
    relations = {"projects": [None, sorted(p.pk for p in chosen)]}
    inspection = INSPECTIONS.create(actor, planned, relations=relations, zone=zone)
    inspection.projects.set(chosen)
    return inspection


@transaction.atomic
def inspection_update(
    *, inspection: Inspection, actor: Actor, projects: Iterable[Project] | None = None, **fields: Any
) -> Inspection:
    """Change the plan; the projects inspected are replaced by `projects` when given."""
    relations: dict[str, Any] = {}
    if projects is not None:
        before_projects = sorted(inspection.projects.values_list("pk", flat=True))
        chosen = _projects_of(inspection.zone, projects)
        after_projects = sorted(p.pk for p in chosen)
        if after_projects != before_projects:
            inspection.projects.set(chosen)
            relations["projects"] = [before_projects, after_projects]
    planned = {k: v for k, v in fields.items() if k in INSPECTION_FIELDS}
    return INSPECTIONS.update(inspection, actor, planned, relations=relations)


@transaction.atomic
def minutes_record(
    *, inspection: Inspection, actor: Actor, held_on: dt.date, minutes: str, file: UploadedFile | None = None
) -> Inspection:
    """Record that the inspection was held: the day, the minutes, and a file of them (checked by content)."""
    INSPECTIONS.update(inspection, actor, {"held_on": held_on, "minutes": minutes})
    if file is not None:
        minutes_file_add(inspection=inspection, upload=file, actor=actor)
    return inspection


@transaction.atomic
def minutes_file_add(*, inspection: Inspection, upload: UploadedFile, actor: Actor) -> MinutesFile:
    from borderzone.documents.files import check_upload

    checked, data = check_upload(upload, field="file")
    stored = MinutesFile(
        inspection=inspection,
        original_name=(upload.name or "file")[:255],
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
    )
    stored.file.save(upload.name or f"file.{checked.kind}", ContentFile(data), save=False)
    stored.save()
    audit_record(actor=actor, instance=stored, action=AuditAction.CREATED)
    bump_version(SCOPE, inspection.zone_id)
    return stored


def _require_held(inspection: Inspection, field: str = "text") -> None:
    if inspection.held_on is None:
        raise ValidationError({field: _("Record the minutes of the inspection first.")})


@transaction.atomic
def finding_add(*, inspection: Inspection, actor: Actor, **fields: Any) -> Finding:
    """A finding of a held inspection, possibly confirming a project's legal flag."""
    _require_held(inspection)
    fields.setdefault("decision_kind", DecisionKind.NONE)
    return FINDINGS.create(actor, fields, inspection=inspection)


@transaction.atomic
def finding_update(*, finding: Finding, actor: Actor, **fields: Any) -> Finding:
    """Change a finding, typically to record the decision that followed (extension, fine, termination)."""
    return FINDINGS.update(finding, actor, fields)


@transaction.atomic
def recommendation_add(*, inspection: Inspection, actor: Actor, **fields: Any) -> Recommendation:
    """A recommendation of a held inspection, with its deadline."""
    _require_held(inspection)
    if fields.get("finding") is not None and fields.get("project") is None:
        fields["project"] = fields["finding"].project
    return RECOMMENDATIONS.create(actor, fields, inspection=inspection)


@transaction.atomic
def follow_up_add(
    *, recommendation: Recommendation, actor: Actor, happened_on: dt.date, note: str, closes: bool = False
) -> FollowUp:
    """One step on a recommendation; `closes` closes it on that day. A closed recommendation takes no more."""
    if recommendation.closed_on is not None:
        raise ValidationError({"note": _("This recommendation is closed.")})
    if happened_on > today():
        raise ValidationError({"happened_on": _("The date cannot be in the future.")})
    held = recommendation.inspection.held_on
    if held and happened_on < held:
        raise ValidationError({"happened_on": _("The date cannot precede the inspection.")})
    follow_up = FollowUp(recommendation=recommendation, happened_on=happened_on, note=note, closes=closes)
    follow_up.full_clean()
    follow_up.save()
    audit_record(actor=actor, instance=follow_up, action=AuditAction.CREATED)
    if closes:
        RECOMMENDATIONS.update(recommendation, actor, {}, also={"closed_on": happened_on})
    bump_version(SCOPE, recommendation.inspection.zone_id)
    return follow_up
