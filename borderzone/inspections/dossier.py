"""What inspections put into a project's dossier (core.registry.dossier_sources): each visit that inspected
the project (planned, then held, with its minutes files), the findings about it (a legal flag confirmed, the
decision that followed), its recommendations with their deadlines, and the follow-up until each is closed.
A fixed number of queries whatever the number of entries."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from borderzone.access.history import Recorded, audit_of, edit_entries, first_recorded, key_of
from borderzone.core import formatting
from borderzone.core.registry import DossierEntry, DossierSource
from borderzone.inspections.models import Finding, FollowUp, Inspection, Recommendation
from borderzone.inspections.services import today

SLOT = "investments.project"


def _url(inspection_id: int) -> str:
    return reverse("inspections:detail", args=[inspection_id])


def inspection_entries(project: Any, user: Any) -> list[DossierEntry]:
    inspections = list(
        Inspection.objects.filter(
            Q(projects=project) | Q(findings__project=project) | Q(recommendations__project=project)
        )
        .distinct()
        .prefetch_related("files")
        .order_by("planned_on", "id")
    )
    findings = list(
        Finding.objects.filter(project=project).select_related("confirms_rule", "inspection").order_by("id")
    )
    recommendations = list(
        Recommendation.objects.filter(project=project).select_related("inspection").order_by("deadline", "id")
    )
    follow_ups = list(
        FollowUp.objects.filter(recommendation__in=[r.pk for r in recommendations])
        .select_related("recommendation")
        .order_by("happened_on", "id")
    )
    audit = audit_of([*inspections, *findings, *recommendations, *follow_ups])

    def recorded(instance: Any) -> Recorded:
        return first_recorded(audit.get(key_of(instance), []))

    day = today()
    out: list[DossierEntry] = []
    for inspection in inspections:
        kind = str(inspection.get_kind_display())
        details = ((_("Team"), inspection.team), (_("Scope"), inspection.scope))
        out.append(
            DossierEntry(
                day=inspection.planned_on,
                kind=kind,
                title=_("Planned: %(title)s") % {"title": inspection.display_title},
                details=details,
                url=_url(inspection.pk),
                **recorded(inspection),
            )
        )
        if inspection.held_on:
            held_details: list[tuple[str, str]] = []
            if inspection.minutes:
                held_details.append((_("Minutes"), inspection.minutes))
            files = [f.original_name for f in inspection.files.all()]
            if files:
                held_details.append((_("Files of the minutes"), ", ".join(files)))
            out.append(
                DossierEntry(
                    day=inspection.held_on,
                    kind=kind,
                    title=_("Held: %(title)s") % {"title": inspection.display_title},
                    details=tuple(held_details),
                    url=_url(inspection.pk),
                )
            )
    for finding in findings:
        about: list[tuple[str, str]] = [(_("Inspection"), finding.inspection.display_title)]
        law = ""
        if finding.confirms_rule is not None:
            rule = finding.confirms_rule
            about.append((_("Legal flag confirmed"), str(rule.condition_text())))
            law = rule.law + (f", {formatting.format_legal_reference(rule.article)}" if rule.article else "")
        if finding.decision_kind:
            decision = str(finding.get_decision_kind_display())
            if finding.decision_no:
                decision += f", {finding.decision_no}"
            if finding.decision_on:
                decision += f" ({formatting.format_date(finding.decision_on)})"
            about.append((_("Decision that followed"), decision))
        out.append(
            DossierEntry(
                day=finding.inspection.held_on or finding.inspection.planned_on,
                kind=_("Finding"),
                title=finding.text,
                details=tuple(about),
                law=law,
                url=_url(finding.inspection_id),
                tone="warn" if finding.confirms_rule_id else "",
                **recorded(finding),
            )
        )
        if finding.decision_kind and finding.decision_on:
            out.append(
                DossierEntry(
                    day=finding.decision_on,
                    kind=_("Decision"),
                    title=_("%(decision)s after the inspection") % {"decision": finding.get_decision_kind_display()},
                    details=((_("Decision number"), finding.decision_no or "—"), (_("Finding"), finding.text)),
                    law=law,
                    url=_url(finding.inspection_id),
                )
            )
    for recommendation in recommendations:
        overdue = recommendation.is_overdue(day)
        state = (
            _("closed on %(day)s") % {"day": formatting.format_date(recommendation.closed_on)}
            if recommendation.closed_on
            else (_("past its deadline") if overdue else _("within its deadline"))
        )
        out.append(
            DossierEntry(
                day=recommendation.inspection.held_on or recommendation.inspection.planned_on,
                kind=_("Recommendation"),
                title=recommendation.text,
                details=(
                    (_("Deadline"), formatting.format_date(recommendation.deadline)),
                    (_("State"), str(state)),
                ),
                url=_url(recommendation.inspection_id),
                tone="warn" if overdue else "",
                **recorded(recommendation),
            )
        )
    for follow_up in follow_ups:
        out.append(
            DossierEntry(
                day=follow_up.happened_on,
                kind=_("Follow-up"),
                title=(_("Recommendation closed: %(text)s") if follow_up.closes else _("Follow-up: %(text)s"))
                % {"text": follow_up.recommendation.text},
                details=((_("What was done"), follow_up.note),),
                url=_url(follow_up.recommendation.inspection_id),
                tone="ok" if follow_up.closes else "",
                **recorded(follow_up),
            )
        )
    out.extend(edit_entries(audit))
    return out


SOURCES = [DossierSource(SLOT, inspection_entries, order=50)]
