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
import functools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Count, F, Min, Prefetch, Q, QuerySet, Sum

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
    MilestoneKind,
    Ownership,
    Project,
    ProjectState,
    RuleCondition,
    Status,
    StatusChange,
    rule_name,
)
from borderzone.register.rules import DepositAssessment, assess_deposit
from borderzone.register.states import KINDS, late_on, on_day
from borderzone.zones.models import EconomicZone, GateArea

if TYPE_CHECKING:
    from borderzone.access.permissions import AnyUser

CURRENCIES = ("VND", "USD")


@functools.lru_cache(maxsize=65536)
def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def projects_as_of(
    day: dt.date, projects: QuerySet[Project] | None = None, zone_id: int | None = None
) -> QuerySet[Any]:
    """The projects that exist on `day`, annotated with `as_of_version_id` and `as_of_status`: one join on
    the state interval covering `day` (an index range, see states.py), no subquery per project."""
    qs = Project.objects.all() if projects is None else projects
    # One filter() call, so the annotations below reuse its join (a single state row per project and day).
    # A zone given as a number lets the planner see its real size and use the states' (zone, range) index.
    in_zone = {} if zone_id is None else {"zone_id": zone_id, "states__zone_id": zone_id}
    return qs.filter(states__valid_from__lte=day, states__valid_to__gt=day, **in_zone).annotate(
        as_of_version_id=F("states__version_id"), as_of_status=F("states__status")
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

    @property
    def name(self) -> str:
        """The rule's name in the reader's language (`code` is internal)."""
        return rule_name(self.condition, self.months)


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
    # Everything the evaluation reads comes from the state interval covering `day` (one indexed read):
    # the version in force with its planned dates, the first approved date of each milestone among the
    # versions issued up to it, and the milestones reached by `day`.
    first_plan: dict[tuple[int, str], dt.date] = {}
    plan_in_force: dict[int, dict[str, dt.date]] = defaultdict(dict)
    actual: dict[int, dict[str, dt.date]] = defaultdict(dict)
    wanted = {r.pk for r in rows}
    columns = [f"{prefix}_{k}" for prefix in ("plan", "first", "reached") for k in KINDS]
    states = (
        ProjectState.objects.filter(on_day(day), project_id__in=[r.pk for r in rows])
        if len(rows) < 900
        else (ProjectState.objects.filter(on_day(day), project_id__in=projects.values("pk")))
    )
    for project_id, *dates in states.values_list("project_id", *columns):
        if project_id not in wanted:
            continue
        n = len(KINDS)
        for i, kind in enumerate(KINDS):
            planned_on, first_on, reached_on = dates[i], dates[n + i], dates[2 * n + i]
            if planned_on is not None:
                plan_in_force[project_id][kind] = planned_on
            if first_on is not None:
                first_plan[(project_id, kind)] = first_on
            if reached_on is not None and reached_on <= day:
                actual[project_id][kind] = reached_on
    # Every project is judged by the rules in force on `day` (not on its certificate's day), each rule
    # limited by its transitional condition on the project's first certificate.
    rules = rules_in_force(day)
    first_issued: dict[int, dt.date] = {}
    if any(r.certificates_issued_before or r.certificates_issued_from for r in rules):
        first_issued = dict(
            CertificateVersion.objects.filter(project__in=projects.values("pk"))
            .values("project_id")
            .annotate(first=Min("issued_on"))
            .values_list("project_id", "first")
        )
    rules_by_policy = {policy: [r for r in rules if policy or not r.policy_approved_only] for policy in (True, False)}
    # Translated once per evaluation, not once per project (lazy labels cost a translation lookup each).
    labels = {kind: str(label) for kind, label in MilestoneKind.choices}

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
        for rule in rules_by_policy[row.policy_approval]:
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


def late_counts(evaluations: dict[int, Evaluation]) -> dict[str, int]:
    """How many of the evaluated projects are late, flagged, and both: every "of which" of a report
    comes from here, so a part can never exceed its whole."""
    late = flagged = both = 0
    for e in evaluations.values():
        late += e.is_late
        flagged += e.is_flagged
        both += e.is_late and e.is_flagged
    return {"late": late, "flagged": flagged, "late_flagged": both, "flagged_not_late": flagged - both}


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
    by_status = dict.fromkeys(Status.values, 0)
    counts = dict.fromkeys(Ownership.values, 0)
    registered = _money_block()
    registered_vnd = dict.fromkeys(Ownership.values, Decimal(0))
    # One read of the state intervals covering `day`: status, version in force and its capital.
    for pk, ownership, status, version_id, policy, currency, total, total_vnd in projects_as_of(
        day, projects
    ).values_list(
        "pk",
        "ownership",
        "as_of_status",
        "as_of_version_id",
        "policy_approval",
        "states__currency",
        "states__total_capital",
        "states__total_capital_vnd",
    ):
        by_status[status] += 1
        if status == Status.TERMINATED:
            continue
        counts[ownership] += 1
        rows.append(_Row(pk, status, version_id, policy))
        registered[ownership][currency] += total
        registered_vnd[ownership] += total_vnd
    disbursed = _money_block()
    # Disbursed by the projects not terminated on `day`: a join on the same intervals (no NOT IN).
    live = [s for s in Status.values if s != Status.TERMINATED]
    for ownership, currency, total in (
        Disbursement.objects.filter(
            project__in=projects,
            paid_on__lte=day,
            project__states__valid_from__lte=day,
            project__states__valid_to__gt=day,
            project__states__status__in=live,
        )
        .values_list("project__ownership", "currency")
        .annotate(total=Sum("amount"))
        .values_list("project__ownership", "currency", "total")
    ):
        disbursed[ownership][currency] += total
    evaluations = _evaluate_rows(day, rows, projects)
    whole = Decimal(1)

    def money(block: dict[str, dict[str, Decimal]]) -> dict[str, dict[str, Decimal]]:
        return {o: {c: v.quantize(whole) for c, v in block[o].items()} for o in (Ownership.FOREIGN, Ownership.DOMESTIC)}

    figures = {
        "as_of": day.isoformat(),
        "zone": zone.code if zone else None,
        "projects": {"total": sum(counts.values()), "foreign": counts["foreign"], "domestic": counts["domestic"]},
        # Existing on `day` but left out of every count and amount above.
        "terminated": by_status[Status.TERMINATED],
        "by_status": by_status,
        "registered_capital": money(registered),
        "registered_capital_vnd_equivalent": {
            "foreign": registered_vnd["foreign"].quantize(whole),
            "domestic": registered_vnd["domestic"].quantize(whole),
            "total": sum(registered_vnd.values(), Decimal(0)).quantize(whole),
        },
        "disbursed_capital": money(disbursed),
        **late_counts(evaluations),
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
    zone_id = (
        EconomicZone.objects.filter(code=filters.zone).values_list("pk", flat=True).first() if filters.zone else None
    )
    listed = projects_as_of(filters.as_of, base, zone_id)
    if filters.status:
        listed = listed.filter(as_of_status=filters.status)
    if filters.late is not None:
        # "Late on D" is a condition on the state interval covering D: no evaluation of the zone for it.
        late = ProjectState.objects.filter(on_day(filters.as_of), late_on(filters.as_of)).values("project_id")
        listed = listed.filter(pk__in=late) if filters.late else listed.exclude(pk__in=late)
    evaluations: dict[int, Evaluation]
    if filters.flagged is not None:
        # The legal rules are data evaluated in Python: this filter still evaluates every listed project.
        evaluations = evaluate(filters.as_of, base)
        wanted = [pk for pk, e in evaluations.items() if e.is_flagged == filters.flagged]
        listed = listed.filter(pk__in=wanted)
    else:
        # Only the rows a page shows get evaluated (see `PageEvaluations.load`, called by `project_rows`).
        evaluations = PageEvaluations(filters.as_of) if with_evaluations else {}
    listed = listed.select_related("zone", "gate_area", "sector").prefetch_related("shares__investor").order_by("code")
    return listed, evaluations


def terminated_count(listed: QuerySet[Any]) -> int:
    """How many projects of a list from `project_list` were terminated on its day: listed, but left
    out of every summary figure."""
    return listed.filter(as_of_status=Status.TERMINATED).count()


class PageEvaluations(dict[int, Evaluation]):
    """Evaluations computed on demand for the projects a page lists (a fixed number of queries a page)."""

    def __init__(self, day: dt.date) -> None:
        super().__init__()
        self.day = day

    def load(self, projects: Iterable[Project]) -> None:
        missing = [
            _Row(p.pk, p.as_of_status, p.as_of_version_id, p.policy_approval)  # type: ignore[attr-defined]
            for p in projects
            if p.pk not in self and getattr(p, "as_of_version_id", None)
        ]
        if missing:
            self.update(_evaluate_rows(self.day, missing, Project.objects.filter(pk__in=[r.pk for r in missing])))


def load_evaluations(evaluations: dict[int, Evaluation], projects: Iterable[Project]) -> None:
    """Make sure `evaluations` holds those of `projects` (lists evaluate only the rows they show)."""
    if isinstance(evaluations, PageEvaluations):
        evaluations.load(projects)


def keyset_chunks(listed: QuerySet[Project], size: int) -> Iterator[list[Project]]:
    """The projects of a list ordered by code, `size` at a time, each chunk found by the last code of the
    one before (an index seek, not an OFFSET that reads every earlier row again)."""
    last: str | None = None
    while True:
        qs = listed.order_by("code")
        chunk = list((qs if last is None else qs.filter(code__gt=last))[:size])
        if not chunk:
            return
        yield chunk
        if len(chunk) < size:
            return
        last = chunk[-1].code


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
