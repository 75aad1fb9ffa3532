"""Reads on the investment register, "as of" any day D.

D is a calendar day in the zone's time zone (settings.TIME_ZONE) and is read to its end: every fact
dated on or before D counts. On D:
- a project exists when a version of its certificate was issued on or before D;
- its status is the latest change effective on or before D (`preparing` before any);
- its capital and schedule are those of the latest certificate version issued on or before D;
- its disbursed capital sums the records dated on or before D;
- it is late when a milestone planned in the version in force is before D and was not reached on or
  before D (a status implying the milestone counts as reaching it);
- it is flagged by the legal rules in force on D (valid_from <= D < valid_to), whatever law was in force when
  its certificate was issued, within a rule's transitional condition (certificates first issued before or
  from a day).
Terminated projects exist but are not counted in the totals.

Everything is computed set-wise: a fixed number of queries whatever the number of projects.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Min, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from borderzone.access.permissions import is_staff_member, restrict_to_visible, role_of
from borderzone.core.text import search_key
from borderzone.register.models import (
    IMPLIED_BY_STATUS,
    AreaClassification,
    CertificateVersion,
    DepositEvent,
    DepositEventKind,
    Disbursement,
    LegalRule,
    MilestoneActual,
    MilestoneKind,
    MilestonePlan,
    Ownership,
    Project,
    RuleCondition,
    Status,
    StatusChange,
)
from borderzone.register.rules import DepositAssessment, assess_deposit
from borderzone.zones.models import EconomicZone, GateArea

if TYPE_CHECKING:
    from borderzone.access.permissions import AnyUser

CURRENCIES = ("VND", "USD")


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def version_in_force(day: dt.date) -> Subquery:
    return Subquery(
        CertificateVersion.objects.filter(project=OuterRef("pk"), issued_on__lte=day)
        .order_by("-issued_on", "-number")
        .values("pk")[:1]
    )


def status_on(day: dt.date) -> Coalesce:
    return Coalesce(
        Subquery(
            StatusChange.objects.filter(project=OuterRef("pk"), effective_on__lte=day)
            .order_by("-effective_on", "-id")
            .values("status")[:1]
        ),
        Value(Status.PREPARING),
    )


def projects_as_of(day: dt.date, projects: QuerySet[Project] | None = None) -> QuerySet[Any]:
    """The projects that exist on `day`, annotated with `as_of_version_id` and `as_of_status`."""
    qs = Project.objects.all() if projects is None else projects
    return qs.annotate(as_of_version_id=version_in_force(day), as_of_status=status_on(day)).filter(
        as_of_version_id__isnull=False
    )


@dataclass(frozen=True)
class Flag:
    rule_id: int
    code: str
    law: str
    article: str
    condition: str
    months: int
    detail: str
    article_confirmed: bool = True
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    transitional_note: str = ""
    basis_note: str = ""
    description: str = ""
    source: str = ""


def rules_in_force(day: dt.date) -> list[LegalRule]:
    """The legal rules in force on `day`: valid_from <= day < valid_to."""
    return list(LegalRule.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day), valid_from__lte=day))


#: The milestones that put land into use, for the "behind its land-use schedule" limb.
LAND_USE_MILESTONES = (MilestoneKind.CONSTRUCTION_START, MilestoneKind.CONSTRUCTION_COMPLETION)


@dataclass
class Evaluation:
    """One project on one day: the milestones it is late on and the rules that flag it."""

    late: list[str] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)

    @property
    def is_late(self) -> bool:
        return bool(self.late)

    @property
    def is_flagged(self) -> bool:
        return bool(self.flags)


@dataclass
class _Row:
    pk: int
    status: str
    version_id: int
    policy_approval: bool


def _evaluate_rows(day: dt.date, rows: list[_Row], projects: QuerySet[Project]) -> dict[int, Evaluation]:
    if not rows:
        return {}
    in_force = {r.version_id for r in rows}
    first_plan: dict[tuple[int, str], dt.date] = {}
    plan_in_force: dict[int, dict[str, dt.date]] = defaultdict(dict)
    plans = (
        MilestonePlan.objects.filter(version__project__in=projects.values("pk"), version__issued_on__lte=day)
        .order_by("version__issued_on", "version__number")
        .values_list("version__project_id", "version_id", "kind", "planned_on")
    )
    for project_id, version_id, kind, planned_on in plans.iterator(chunk_size=5000):
        first_plan.setdefault((project_id, kind), planned_on)
        if version_id in in_force:
            plan_in_force[project_id][kind] = planned_on
    actual: dict[int, dict[str, dt.date]] = defaultdict(dict)
    for project_id, kind, reached_on in MilestoneActual.objects.filter(
        project__in=projects.values("pk"), reached_on__lte=day
    ).values_list("project_id", "kind", "reached_on"):
        actual[project_id][kind] = reached_on
    rules = rules_in_force(day)
    first_issued: dict[int, dt.date] = {}
    if any(r.certificates_issued_before or r.certificates_issued_from for r in rules):
        first_issued = dict(
            CertificateVersion.objects.filter(project__in=projects.values("pk"))
            .values("project_id")
            .annotate(first=Min("issued_on"))
            .values_list("project_id", "first")
        )
    labels = dict(MilestoneKind.choices)

    result: dict[int, Evaluation] = {}
    for row in rows:
        evaluation = Evaluation()
        result[row.pk] = evaluation
        if row.status == Status.TERMINATED:
            continue
        implied = IMPLIED_BY_STATUS.get(row.status, frozenset())
        reached = actual.get(row.pk, {})
        planned = plan_in_force.get(row.pk, {})
        late_since: dict[str, dt.date] = {}
        for kind, planned_on in planned.items():
            if planned_on < day and kind not in reached and kind not in implied:
                evaluation.late.append(kind)
                late_since[kind] = planned_on
        for rule in rules:
            if rule.policy_approved_only and not row.policy_approval:
                continue
            if row.pk in first_issued and not rule.covers_certificate(first_issued[row.pk]):
                continue
            detail = ""
            if rule.condition == RuleCondition.OVERDUE:
                over = [k for k, since in late_since.items() if add_months(since, rule.months) < day]
                if over:
                    detail = ", ".join(str(labels[k]) for k in over)
            elif rule.condition == RuleCondition.EXTENSION_BEYOND_FIRST:
                over = [
                    k
                    for k, planned_on in planned.items()
                    if k not in reached
                    and planned_on > add_months(first_plan.get((row.pk, k), planned_on), rule.months)
                ]
                if over:
                    detail = ", ".join(str(labels[k]) for k in over)
            elif rule.condition == RuleCondition.LAND_UNUSED:
                handed = reached.get(MilestoneKind.LAND_HANDOVER)
                if (
                    handed is not None
                    and add_months(handed, rule.months) < day
                    and MilestoneKind.CONSTRUCTION_START not in reached
                    and MilestoneKind.CONSTRUCTION_START not in implied
                ):
                    detail = str(labels[MilestoneKind.LAND_HANDOVER])
            elif rule.condition == RuleCondition.LAND_BEHIND:
                shift = dt.timedelta(0)
                handed = reached.get(MilestoneKind.LAND_HANDOVER)
                planned_handover = planned.get(MilestoneKind.LAND_HANDOVER)
                if rule.counts_from_handover and handed and planned_handover and handed > planned_handover:
                    shift = handed - planned_handover  # the State handed the land over late
                over = [
                    k
                    for k in LAND_USE_MILESTONES
                    if k in planned
                    and k not in reached
                    and k not in implied
                    and add_months(planned[k] + shift, rule.months) < day
                ]
                if over:
                    detail = ", ".join(str(labels[k]) for k in over)
            if detail:
                evaluation.flags.append(
                    Flag(
                        rule.pk,
                        rule.code,
                        rule.law,
                        rule.article,
                        rule.condition,
                        rule.months,
                        detail,
                        article_confirmed=rule.article_confirmed,
                        valid_from=rule.valid_from,
                        valid_to=rule.valid_to,
                        transitional_note=rule.transitional_note,
                        basis_note=rule.basis_note,
                        description=rule.description,
                        source=rule.source,
                    )
                )
    return result


def evaluate(day: dt.date, projects: QuerySet[Project]) -> dict[int, Evaluation]:
    """Lateness and legal flags on `day` of every project of `projects` that exists on that day."""
    rows = [
        _Row(pk, status, version_id, policy)
        for pk, status, version_id, policy in projects_as_of(day, projects).values_list(
            "pk", "as_of_status", "as_of_version_id", "policy_approval"
        )
    ]
    return _evaluate_rows(day, rows, projects)


def _money_block() -> dict[str, dict[str, Decimal]]:
    return {o: dict.fromkeys(CURRENCIES, Decimal(0)) for o in Ownership.values}


def summary(day: dt.date, zone: EconomicZone | None = None, gate_area: GateArea | None = None) -> dict[str, Any]:
    """The register's figures on `day` (every project, published or not); amounts in whole units."""
    return summary_with_evaluations(day, zone, gate_area)[0]


def summary_with_evaluations(
    day: dt.date, zone: EconomicZone | None = None, gate_area: GateArea | None = None
) -> tuple[dict[str, Any], dict[int, Evaluation]]:
    """`summary` and the evaluation of each project it counts, from one pass over the register."""
    projects = Project.objects.all() if zone is None else Project.objects.filter(zone=zone)
    if gate_area is not None:
        projects = projects.filter(gate_area=gate_area)
    rows: list[_Row] = []
    ownership_of: dict[int, str] = {}
    by_status = dict.fromkeys(Status.values, 0)
    counts = dict.fromkeys(Ownership.values, 0)
    for pk, ownership, status, version_id, policy in projects_as_of(day, projects).values_list(
        "pk", "ownership", "as_of_status", "as_of_version_id", "policy_approval"
    ):
        by_status[status] += 1
        if status == Status.TERMINATED:
            continue
        counts[ownership] += 1
        ownership_of[pk] = ownership
        rows.append(_Row(pk, status, version_id, policy))
    registered = _money_block()
    registered_vnd = dict.fromkeys(Ownership.values, Decimal(0))
    versions = (
        CertificateVersion.objects.filter(pk__in=[r.version_id for r in rows])
        if len(rows) < 900
        else (
            CertificateVersion.objects.filter(
                pk__in=projects_as_of(day, projects).exclude(as_of_status=Status.TERMINATED).values("as_of_version_id")
            )
        )
    )
    for project_id, currency, total, total_vnd in versions.values_list(
        "project_id", "currency", "total_capital", "total_capital_vnd"
    ):
        ownership = ownership_of[project_id]
        registered[ownership][currency] += total
        registered_vnd[ownership] += total_vnd
    disbursed = _money_block()
    terminated = projects_as_of(day, projects).filter(as_of_status=Status.TERMINATED).values("pk")
    for ownership, currency, total in (
        Disbursement.objects.filter(project__in=projects, paid_on__lte=day)
        .exclude(project__in=terminated)
        .values_list("project__ownership", "currency")
        .annotate(total=Sum("amount"))
        .values_list("project__ownership", "currency", "total")
    ):
        disbursed[ownership][currency] += total
    evaluations = _evaluate_rows(day, rows, projects)

    def money(block: dict[str, dict[str, Decimal]]) -> dict[str, dict[str, str]]:
        return {
            o: {c: str(v.quantize(Decimal(1))) for c, v in block[o].items()}
            for o in (Ownership.FOREIGN, Ownership.DOMESTIC)
        }

    figures = {
        "as_of": day.isoformat(),
        "zone": zone.code if zone else None,
        "projects": {"total": sum(counts.values()), "foreign": counts["foreign"], "domestic": counts["domestic"]},
        "by_status": by_status,
        "registered_capital": money(registered),
        "registered_capital_vnd_equivalent": {
            "foreign": str(registered_vnd["foreign"]),
            "domestic": str(registered_vnd["domestic"]),
            "total": str(sum(registered_vnd.values(), Decimal(0))),
        },
        "disbursed_capital": money(disbursed),
        "late": sum(1 for e in evaluations.values() if e.is_late),
        "flagged": sum(1 for e in evaluations.values() if e.is_flagged),
    }
    return figures, evaluations


# --- lists and pages ---


def visible_projects(user: AnyUser) -> QuerySet[Project]:
    """Projects the user may read: staff their zones' projects, investors their own, everyone published."""
    qs = Project.objects.all()
    if is_staff_member(user):
        return restrict_to_visible(user, qs) | qs.filter(published=True)
    if role_of(user) == "investor":
        return qs.filter(Q(published=True) | Q(shares__investor__users=user)).distinct()
    return qs.filter(published=True)


def editable_projects(user: AnyUser) -> QuerySet[Project]:
    return restrict_to_visible(user, Project.objects.all())


@dataclass
class ListFilters:
    as_of: dt.date
    zone: str | None = None
    status: str | None = None
    ownership: str | None = None
    gate_area: str | None = None
    sector: str | None = None
    late: bool | None = None
    flagged: bool | None = None
    q: str | None = None


def project_list(
    user: AnyUser, filters: ListFilters, *, with_evaluations: bool = True
) -> tuple[QuerySet[Project], dict[int, Evaluation]]:
    """The filtered list on `filters.as_of`, with each listed project's evaluation (none when not asked
    for and not needed by the late/flagged filters: pages that show only the status save that work)."""
    qs = visible_projects(user)
    if filters.zone:
        qs = qs.filter(zone__code=filters.zone)
    elif is_staff_member(user):
        # The register of the zones one works on; other zones' published projects are on the portal.
        qs = restrict_to_visible(user, Project.objects.all())
    if filters.ownership:
        qs = qs.filter(ownership=filters.ownership)
    if filters.gate_area:
        qs = qs.filter(gate_area__code=filters.gate_area)
    if filters.sector:
        qs = qs.filter(Q(sector__code=filters.sector) | Q(sector__section__code=filters.sector))
    if filters.q:
        for word in search_key(filters.q).split():
            qs = qs.filter(search_text__contains=word)
    base = Project.objects.filter(pk__in=qs.values("pk"))
    listed = projects_as_of(filters.as_of, base)
    if filters.status:
        listed = listed.filter(as_of_status=filters.status)
    needed = with_evaluations or filters.late is not None or filters.flagged is not None
    evaluations = evaluate(filters.as_of, base) if needed else {}
    if filters.late is not None:
        wanted = [pk for pk, e in evaluations.items() if e.is_late == filters.late]
        listed = listed.filter(pk__in=wanted)
    if filters.flagged is not None:
        wanted = [pk for pk, e in evaluations.items() if e.is_flagged == filters.flagged]
        listed = listed.filter(pk__in=wanted)
    listed = listed.select_related("zone", "gate_area", "sector").prefetch_related("shares__investor").order_by("code")
    return listed, evaluations


def versions_by_id(ids: Iterable[int]) -> dict[int, CertificateVersion]:
    return {v.pk: v for v in CertificateVersion.objects.filter(pk__in=list(ids))}


def disbursed_by_project(day: dt.date, ids: Iterable[int]) -> dict[int, dict[str, Decimal]]:
    out: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for project_id, currency, total in (
        Disbursement.objects.filter(project_id__in=list(ids), paid_on__lte=day)
        .values("project_id", "currency")
        .annotate(total=Sum("amount"))
        .values_list("project_id", "currency", "total")
    ):
        out[project_id][currency] = total
    return out


def project_detail_queryset() -> QuerySet[Project]:
    return Project.objects.select_related("zone", "gate_area", "functional_area", "commune", "sector").prefetch_related(
        "shares__investor",
        Prefetch(
            "versions", queryset=CertificateVersion.objects.order_by("issued_on", "number").prefetch_related("plans")
        ),
        Prefetch("status_changes", queryset=StatusChange.objects.order_by("effective_on", "id")),
        Prefetch("disbursements", queryset=Disbursement.objects.order_by("paid_on", "id")),
        "actuals",
    )


def status_counts(day: dt.date, projects: QuerySet[Project]) -> dict[str, int]:
    return dict(
        projects_as_of(day, projects)
        .values_list("as_of_status")
        .annotate(n=Count("pk"))
        .values_list("as_of_status", "n")
    )


# --- deposit (ký quỹ) ---


def area_level_on(commune_id: int | None, day: dt.date) -> str:
    """The commune's classification in force on `day` ("" when none is recorded)."""
    if commune_id is None:
        return ""
    row = (
        AreaClassification.objects.filter(commune_id=commune_id, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
        .values_list("level", flat=True)
        .first()
    )
    return row or ""


@dataclass
class DepositPosition:
    """A project's deposit on a day: what it owes and what happened to what it paid."""

    assessment: DepositAssessment
    events: list[DepositEvent]
    paid: Decimal
    refunded: Decimal
    forfeited: Decimal
    last_refund_on: dt.date | None

    @property
    def held(self) -> Decimal:
        return self.paid - self.refunded - self.forfeited


def deposit_position(project: Project, version: CertificateVersion | None, day: dt.date) -> DepositPosition | None:
    """None for a project not on State-allocated or leased land or without a certificate on `day`."""
    if version is None or not project.state_land:
        return None
    assessment = assess_deposit(
        capital_vnd=version.total_capital_vnd,
        land_charges_vnd=project.land_charges_vnd,
        area_level=area_level_on(project.commune_id, day),
        sector_level=project.sector_incentive,
        exempt=project.deposit_exempt,
        day=day,
    )
    events = list(project.deposit_events.filter(happened_on__lte=day).order_by("happened_on", "id"))
    totals = dict.fromkeys(DepositEventKind.values, Decimal(0))
    for event in events:
        totals[event.kind] += event.amount
    refunds = [e.happened_on for e in events if e.kind == DepositEventKind.REFUNDED]
    return DepositPosition(
        assessment=assessment,
        events=events,
        paid=totals[DepositEventKind.PAID],
        refunded=totals[DepositEventKind.REFUNDED],
        forfeited=totals[DepositEventKind.FORFEITED],
        last_refund_on=refunds[-1] if refunds else None,
    )


def area_levels_on(commune_ids: Iterable[int | None], day: dt.date) -> dict[int, str]:
    """Each commune's classification in force on `day`, in one query (communes without one are left out)."""
    ids = {c for c in commune_ids if c is not None}
    if not ids:
        return {}
    return dict(
        AreaClassification.objects.filter(commune_id__in=ids, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
        .values_list("commune_id", "level")
    )
