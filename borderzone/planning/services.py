"""Writes on the development plan and cooperation agreements: validate, save, audit, in one transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from borderzone.access.actors import Actor
from borderzone.access.audit import audit_record
from borderzone.access.services import ModelWrites
from borderzone.access.services import save_checked as _save
from borderzone.core.cache import bump_version
from borderzone.core.models import AuditAction
from borderzone.core.storage import delete_files
from borderzone.core.uploads import check_upload_content
from borderzone.planning.evidence import check_evidence_file
from borderzone.planning.models import (
    AgreementAction,
    CooperationAgreement,
    CooperationField,
    Evidence,
    Goal,
    GoalStatus,
    Milestone,
)
from borderzone.zones.models import EconomicZone

PLANNING_SCOPE = "planning"

GOAL_FIELDS = (
    "gate_area",
    "code",
    "title",
    "title_en",
    "title_zh",
    "description",
    "phase_start_year",
    "phase_end_year",
    "start_date",
    "target_date",
    "responsible_agency",
    "target_description",
    "target_description_en",
    "target_description_zh",
    "target_value",
    "current_value",
    "target_unit",
    "target_unit_en",
    "target_unit_zh",
    "status",
    "progress_percent",
    "achieved_on",
    "is_published",
)
MILESTONE_FIELDS = ("title", "title_en", "title_zh", "target_date", "done_on", "note")
AGREEMENT_FIELDS = (
    "title",
    "title_en",
    "title_zh",
    "vietnamese_party",
    "partner_party",
    "signed_on",
    "fields",
    "summary",
    "summary_en",
    "summary_zh",
    "is_published",
)
ACTION_FIELDS = (
    "description",
    "description_en",
    "description_zh",
    "responsible",
    "due_date",
    "started",
    "started_on",
    "note",
)


def _check_goal(goal: Goal) -> None:
    if goal.gate_area is not None and goal.gate_area.zone_id != goal.zone_id:
        raise ValidationError({"gate_area": _("The gate area belongs to another zone.")})
    if goal.phase_start_year and goal.phase_end_year and goal.phase_end_year < goal.phase_start_year:
        raise ValidationError({"phase_end_year": _("The phase cannot end before it starts.")})
    if goal.start_date and goal.target_date and goal.target_date < goal.start_date:
        raise ValidationError({"target_date": _("The target date cannot precede the start date.")})
    if goal.progress_percent is not None and goal.progress_percent > 100:
        raise ValidationError({"progress_percent": _("Progress is at most 100%.")})
    if goal.status == GoalStatus.ACHIEVED and goal.achieved_on is None:
        raise ValidationError({"achieved_on": _("Give the date the goal was achieved.")})
    if goal.status != GoalStatus.ACHIEVED and goal.achieved_on is not None:
        raise ValidationError({"achieved_on": _("Only an achieved goal has a date achieved.")})
    if goal.achieved_on and goal.start_date and goal.achieved_on < goal.start_date:
        raise ValidationError({"achieved_on": _("A goal cannot be achieved before it starts.")})
    if goal.target_value is not None and goal.target_value < 0:
        raise ValidationError({"target_value": _("This cannot be negative.")})
    if goal.current_value is not None and goal.target_value is None:
        raise ValidationError({"target_value": _("Give the target value the reached value is measured against.")})
    if goal.status == GoalStatus.ACHIEVED:
        goal.progress_percent = 100


GOALS = ModelWrites(
    Goal,
    GOAL_FIELDS,
    PLANNING_SCOPE,
    check=_check_goal,
    unique=("zone", "code"),
    clash_message=gettext_lazy("This zone already has a goal with this code."),
    zone_of=lambda goal: goal.zone_id,
)


@transaction.atomic
def goal_create(*, zone: EconomicZone, actor: Actor, **fields: Any) -> Goal:
    """Add a goal to the zone's development plan (for a gate area, or zone-wide)."""
    return GOALS.create(actor, fields, zone=zone)


@transaction.atomic
def goal_update(*, goal: Goal, actor: Actor, expected_version: str | None = None, **fields: Any) -> Goal:
    """Change a goal. Its target date is the original one: a late goal stays late when it is reached."""
    return GOALS.update(goal, actor, fields, status_field="status", expected_version=expected_version)


def _check_milestone(milestone: Milestone) -> None:
    goal = milestone.goal
    if goal.start_date and milestone.target_date and milestone.target_date < goal.start_date:
        raise ValidationError({"target_date": _("A milestone cannot fall before its goal starts.")})
    if milestone.done_on and milestone.done_on > timezone.localdate() + dt.timedelta(days=1):
        raise ValidationError({"done_on": _("A milestone cannot be done in the future.")})


MILESTONES = ModelWrites(
    Milestone,
    MILESTONE_FIELDS,
    PLANNING_SCOPE,
    check=_check_milestone,
    clash_field="title",
    clash_message=gettext_lazy("This milestone could not be saved."),
    zone_of=lambda milestone: milestone.goal.zone_id,
)


@transaction.atomic
def milestone_create(*, goal: Goal, actor: Actor, **fields: Any) -> Milestone:
    """Add a milestone to a goal."""
    return MILESTONES.create(actor, fields, goal=goal)


@transaction.atomic
def milestone_update(
    *, milestone: Milestone, actor: Actor, expected_version: str | None = None, **fields: Any
) -> Milestone:
    """Change a milestone (e.g. mark it done); its target date stays as planned unless changed here."""
    return MILESTONES.update(milestone, actor, fields, expected_version=expected_version)


@transaction.atomic
def evidence_add(
    *,
    milestone: Milestone,
    actor: Actor,
    kind: str,
    title: str,
    dated: dt.date,
    data: bytes,
    filename: str,
    reference: str = "",
) -> Evidence:
    """Attach a dated document, photo or decision to a milestone, after checking what the file really is."""
    check_upload_content(data)
    sniffed = check_evidence_file(data, kind)
    digest = hashlib.sha256(data).hexdigest()
    if milestone.evidence.filter(sha256=digest).exists():
        raise ValidationError({"file": _("This file is already attached to this milestone.")})
    if milestone.goal.start_date and dated < milestone.goal.start_date - dt.timedelta(days=366 * 5):
        raise ValidationError({"dated": _("This date lies years before the goal started; check it.")})
    evidence = Evidence(
        milestone=milestone,
        kind=kind,
        title=title,
        dated=dated,
        reference=reference,
        original_name=filename[-255:],
        content_type=sniffed.content_type,
        extension=sniffed.extension,
        size=len(data),
        sha256=digest,
    )
    evidence.file.save(f"evidence{sniffed.extension}", ContentFile(data), save=False)
    try:
        _save(evidence, "file", _("This file is already attached to this milestone."))
    except ValidationError:
        delete_files(evidence.file.storage, [evidence.file.name])
        raise
    audit_record(actor=actor, instance=evidence, action=AuditAction.CREATED)
    bump_version(PLANNING_SCOPE, milestone.goal.zone_id)
    return evidence


def _check_agreement(agreement: CooperationAgreement) -> None:
    known = set(CooperationField.values)
    if not isinstance(agreement.fields, list) or any(f not in known for f in agreement.fields):
        raise ValidationError({"fields": _("Choose the fields from the list.")})
    if agreement.signed_on and agreement.signed_on > timezone.localdate():
        raise ValidationError({"signed_on": _("An agreement cannot be signed in the future.")})


AGREEMENTS = ModelWrites(
    CooperationAgreement,
    AGREEMENT_FIELDS,
    PLANNING_SCOPE,
    check=_check_agreement,
    clash_field="title",
    clash_message=gettext_lazy("This agreement could not be saved."),
    zone_of=lambda agreement: agreement.zone_id,
)


@transaction.atomic
def agreement_create(*, zone: EconomicZone, actor: Actor, **fields: Any) -> CooperationAgreement:
    """Record a cooperation agreement with the partner side."""
    return AGREEMENTS.create(actor, fields, zone=zone)


@transaction.atomic
def agreement_update(
    *, agreement: CooperationAgreement, actor: Actor, expected_version: str | None = None, **fields: Any
) -> CooperationAgreement:
    """Change an agreement's details."""
    return AGREEMENTS.update(agreement, actor, fields, expected_version=expected_version)


def _check_action(action: AgreementAction) -> None:
    if action.started and action.started_on is None:
        raise ValidationError({"started_on": _("Give the date the action started.")})
    if not action.started and action.started_on is not None:
        raise ValidationError({"started": _("Tick 'started' to give a start date.")})
    signed = action.agreement.signed_on
    if signed and action.started_on and action.started_on < signed:
        raise ValidationError({"started_on": _("An action cannot start before its agreement was signed.")})


ACTIONS = ModelWrites(
    AgreementAction,
    ACTION_FIELDS,
    PLANNING_SCOPE,
    check=_check_action,
    clash_field="description",
    clash_message=gettext_lazy("This action could not be saved."),
    zone_of=lambda action: action.agreement.zone_id,
)


@transaction.atomic
def action_create(*, agreement: CooperationAgreement, actor: Actor, **fields: Any) -> AgreementAction:
    """Add an action the agreement commits to."""
    return ACTIONS.create(actor, fields, agreement=agreement)


@transaction.atomic
def action_update(
    *, action: AgreementAction, actor: Actor, expected_version: str | None = None, **fields: Any
) -> AgreementAction:
    """Change an action, e.g. record that it started."""
    return ACTIONS.update(action, actor, fields, expected_version=expected_version)
