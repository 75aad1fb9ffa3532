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

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Context as DecimalContext
from decimal import Decimal
from typing import TYPE_CHECKING, Any, overload

from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Count,
    DecimalField,
    F,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)

from borderzone.access.permissions import is_admin, is_staff_member, restrict_to_visible, role_of, zones_visible_to
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
    ProjectInvestor,
    ProjectState,
    RuleCondition,
    Status,
    StatusChange,
    rule_name,
)
from borderzone.register.rules import DepositAssessment, assess_deposit
from borderzone.register.setwise import (
    LAND_USE_MILESTONES,
    Fragment,
    StateSQL,
    T,
    add_months,
    flag_count_sql,
    flagged_sql,
    late_count_sql,
    late_sql,
    rules_in_force,
    with_alias,
)
from borderzone.register.states import KINDS, on_day
from borderzone.zones.models import EconomicZone, GateArea

if TYPE_CHECKING:
    from borderzone.access.permissions import AnyUser

CURRENCIES = ("VND", "USD")


def projects_as_of(
    day: dt.date, projects: QuerySet[Project] | None = None, zone_id: int | None = None
) -> QuerySet[Any]:
    """The projects that exist on `day`, annotated with `as_of_version_id` and `as_of_status`: one join on
    the state interval covering `day` (an index range, see states.py), no subquery per project."""
    qs = Project.objects.all() if projects is None else projects
    # One filter() call, so the annotations below reuse its join (a single state row per project and day).
    # A zone given as a number lets the planner see its real size and use the states' (zone, range) index.
    in_zone = {} if zone_id is None else {"zone_id": zone_id, "states__zone_id": zone_id}
    return with_state(qs.filter(states__valid_from__lte=day, states__valid_to__gt=day, **in_zone))


def with_state(projects: QuerySet[Project]) -> QuerySet[Any]:
    """`projects`, already filtered on one state row each (a day's, or given rows), annotated with that row's
    `as_of_version_id` and `as_of_status` (the annotations reuse the filter's join)."""
    return projects.annotate(as_of_version_id=F("states__version_id"), as_of_status=F("states__status"))


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
    # The milestones concerned as codes (`detail` names them in the language of the evaluation), so that a
    # cache shared by every language names them at render time.
    milestones: tuple[str, ...] = ()
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


#: The milestone columns of a state row the evaluation reads.
STATE_DATES = tuple(f"{prefix}_{k}" for prefix in ("plan", "first", "reached") for k in KINDS)


def _evaluate_rows(
    day: dt.date,
    rows: list[_Row],
    projects: QuerySet[Project],
    rules: list[LegalRule] | None = None,
    dates: Iterable[tuple[Any, ...]] | None = None,
) -> dict[int, Evaluation]:
    """`dates`: the rows' (project id, *STATE_DATES) of their state row covering `day` when the caller read
    them already (a list's page query does); else they are read here."""
    if not rows:
        return {}
    # Everything the evaluation reads comes from the state interval covering `day` (one indexed read):
    # the version in force with its planned dates, the first approved date of each milestone among the
    # versions issued up to it, and the milestones reached by `day`.
    first_plan: dict[tuple[int, str], dt.date] = {}
    plan_in_force: dict[int, dict[str, dt.date]] = defaultdict(dict)
    actual: dict[int, dict[str, dt.date]] = defaultdict(dict)
    wanted = {r.pk for r in rows}
    if dates is None:
        states = (
            ProjectState.objects.filter(on_day(day), project_id__in=[r.pk for r in rows])
            if len(rows) < 900
            else (ProjectState.objects.filter(on_day(day), project_id__in=projects.values("pk")))
        )
        dates = states.values_list("project_id", *STATE_DATES)
    for project_id, *dates_of in dates:
        if project_id not in wanted:
            continue
        n = len(KINDS)
        for i, kind in enumerate(KINDS):
            planned_on, first_on, reached_on = dates_of[i], dates_of[n + i], dates_of[2 * n + i]
            if planned_on is not None:
                plan_in_force[project_id][kind] = planned_on
            if first_on is not None:
                first_plan[(project_id, kind)] = first_on
            if reached_on is not None and reached_on <= day:
                actual[project_id][kind] = reached_on
    # Every project is judged by the rules in force on `day` (not on its certificate's day), each rule
    # limited by its transitional condition on the project's first certificate.
    rules = rules_in_force(day) if rules is None else rules
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
    codes = {kind: str(kind) for kind in MilestoneKind.values}

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
        first_of = {k: first_plan[(row.pk, k)] for k in planned if (row.pk, k) in first_plan}
        for rule in rules_by_policy[row.policy_approval]:
            if row.pk in first_issued and not rule.covers_certificate(first_issued[row.pk]):
                continue
            concerned = rule_detail(rule, day, planned, first_of, reached, implied, late_since, codes)
            if concerned:
                kinds = tuple(concerned.split(", "))
                evaluation.flags.append(flag_of(rule, ", ".join(labels[k] for k in kinds), kinds))
    return result


def flag_of(rule: LegalRule, detail: str, milestones: tuple[str, ...] = ()) -> Flag:
    return Flag(
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
        milestones=milestones,
    )


def rule_detail(
    rule: LegalRule,
    day: dt.date,
    planned: dict[str, dt.date],
    first_planned: dict[str, dt.date],
    reached: dict[str, dt.date],
    implied: frozenset[str],
    late_since: dict[str, dt.date],
    labels: dict[str, str],
) -> str:
    """Why `rule` flags a project on `day` (the milestones concerned), or "" when it does not. The one place
    the conditions are decided: `planned` is the version in force's planned dates, `first_planned` the first
    approved date of each, `reached` the milestones reached by `day`, `implied` those its status implies,
    `late_since` the milestones late on `day` with their planned date."""
    if rule.condition == RuleCondition.OVERDUE:
        over = [k for k, since in late_since.items() if add_months(since, rule.months) < day]
        return ", ".join(str(labels[k]) for k in over)
    if rule.condition == RuleCondition.EXTENSION_BEYOND_FIRST:
        over = [
            k
            for k, planned_on in planned.items()
            if k not in reached and planned_on > add_months(first_planned.get(k, planned_on), rule.months)
        ]
        return ", ".join(str(labels[k]) for k in over)
    if rule.condition == RuleCondition.LAND_UNUSED:
        handed = reached.get(MilestoneKind.LAND_HANDOVER)
        if (
            handed is not None
            and add_months(handed, rule.months) < day
            and MilestoneKind.CONSTRUCTION_START not in reached
            and MilestoneKind.CONSTRUCTION_START not in implied
        ):
            return str(labels[MilestoneKind.LAND_HANDOVER])
        return ""
    if rule.condition == RuleCondition.LAND_BEHIND:
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
        return ", ".join(str(labels[k]) for k in over)
    return ""


def evaluate(day: dt.date, projects: QuerySet[Project]) -> dict[int, Evaluation]:
    """Lateness and legal flags on `day` of every project of `projects` that exists on that day."""
    rows = [
        _Row(pk, status, version_id, policy)
        for pk, status, version_id, policy in projects_as_of(day, projects).values_list(
            "pk", "as_of_status", "as_of_version_id", "policy_approval"
        )
    ]
    return _evaluate_rows(day, rows, projects)


def late_counts(late: int, flagged: int, late_flagged: int) -> dict[str, int]:
    """The late, flagged and both counts of a register with their "of which": every "of which" of a report
    comes from here, counted from the same rows as its whole, so a part can never exceed its whole."""
    return {"late": late, "flagged": flagged, "late_flagged": late_flagged, "flagged_not_late": flagged - late_flagged}


def _money_block() -> dict[str, dict[str, Decimal]]:
    return {o: dict.fromkeys(CURRENCIES, Decimal(0)) for o in Ownership.values}


def register_states(
    day: dt.date, zone: EconomicZone | None = None, gate_area: GateArea | None = None
) -> QuerySet[ProjectState]:
    """The state rows covering `day` of a zone (or of every zone), optionally of one gate area: one per
    project existing on `day` (an index range on (zone, valid_to, valid_from))."""
    states = ProjectState.objects.filter(on_day(day))
    if zone is not None:
        states = states.filter(zone_id=zone.pk)
    if gate_area is not None:
        states = states.filter(gate_area_id=gate_area.pk)
    return states


@dataclass(frozen=True)
class Attention:
    """A project a leader must look at, with its evaluation on the day."""

    pk: int
    code: str
    name: str
    evaluation: Evaluation


def summary(day: dt.date, zone: EconomicZone | None = None, gate_area: GateArea | None = None) -> dict[str, Any]:
    """The register's figures on `day` (every project, published or not); amounts in whole units."""
    return summary_and_attention(day, zone, gate_area, limit=0)[0]


def summary_and_attention(
    day: dt.date, zone: EconomicZone | None = None, gate_area: GateArea | None = None, *, limit: int = 10
) -> tuple[dict[str, Any], list[Attention]]:
    """`summary`, and the `limit` projects a leader must look at first: the most flags, then the most late
    milestones, then the project's id.

    Counted in the database from the state rows covering `day` (`register_states`), lateness and flags
    included (`setwise`): the count of late milestones and of flags of each row is computed once in an
    inner query that the figures and the list read; only the listed projects are evaluated in Python
    (for what their flags rest on). A fixed number of queries whatever the number of projects."""
    rules = rules_in_force(day)
    f = Fragment()
    where = []
    if zone is not None:
        where.append(f"{T}.zone_id = {f.p(zone.pk)}")
    if gate_area is not None:
        where.append(f"{T}.gate_area_id = {f.p(gate_area.pk)}")
    figures = _Figures()
    worst: list[tuple[Any, ...]] = []
    for row in _register_rows(f, day, rules, where, by_zone=False, limit=limit):
        if row[0] == 2:  # the list
            worst.append(row)
        else:
            figures.add(row)
    worst.sort(key=lambda r: (-r[5], -r[8], r[11]))  # most flags, then most late milestones, then the id
    listed = _evaluate_worst(day, worst, rules)
    return figures.summary(day, zone.code if zone else None), [a for _, a in listed]


def summaries_by_zone(
    day: dt.date, zones: Iterable[EconomicZone], *, limit: int = 10
) -> tuple[dict[int, dict[str, Any]], list[tuple[EconomicZone, Attention]]]:
    """`summary` of each zone (by its id) in one statement grouped by zone, and the `limit` projects a
    leader of all these zones must look at first: of each zone's own list (`summary_and_attention`), the
    most flags, then the most late milestones, then the zone's code and the project's code (the order of
    the board of all zones). Only those are evaluated in Python; a fixed number of queries whatever the
    number of zones and projects."""
    zones = list(zones)
    by_pk = {z.pk: z for z in zones}
    figures = {z.pk: _Figures() for z in zones}
    if not zones:
        return {}, []
    rules = rules_in_force(day)
    f = Fragment()
    where = [f"{T}.zone_id IN ({', '.join(f.p(z.pk) for z in zones)})"]
    worst: list[tuple[Any, ...]] = []
    for row in _register_rows(f, day, rules, where, by_zone=True, limit=limit):
        if row[0] == 2:  # each zone's list
            worst.append(row)
        else:
            figures[row[1]].add(row)
    # row: part, zone, status, ownership, currency, n_flags, total, total_vnd, n_late, ..., pk, version, policy, code
    worst.sort(key=lambda r: (-r[5], -r[8], by_pk[r[1]].code, r[14]))
    listed = _evaluate_worst(day, worst[:limit], rules)
    return (
        {pk: block.summary(day, by_pk[pk].code) for pk, block in figures.items()},
        [(by_pk[zone_pk], a) for zone_pk, a in listed if zone_pk is not None],
    )


def _register_rows(
    f: Fragment, day: dt.date, rules: list[LegalRule], where: list[str], *, by_zone: bool, limit: int
) -> list[tuple[Any, ...]]:
    """The rows of the register's one statement: figures (part 0), disbursed sums (1), the list (2) and
    the capital not converted (3), each with its zone when `by_zone` (the list then is each zone's own).
    `where`: conditions on the state row, its alias written `T`."""
    # Each state row covering `day` with the number of milestones it is late on and of rules flagging it,
    # computed once (MATERIALIZED) and read by the figures, the disbursed sums and the list.
    columns = f"{late_count_sql(f, day)} AS n_late, {flag_count_sql(f, day, rules)} AS n_flags"
    where_sql = " AND ".join([f"{T}.valid_from <= {f.p(day)}", f"{T}.valid_to > {f.p(day)}", *where])
    zone = "w.zone_id" if by_zone else "CAST(NULL AS INTEGER)"
    group = "w.zone_id, " if by_zone else ""
    states, projects = ProjectState._meta.db_table, Project._meta.db_table
    # The disbursements of one zone are found through their project's index from the materialised rows;
    # those of many zones (a million rows nationally) are joined to the state rows read again, not to the
    # materialised ones, so that the join may run in parallel workers (a scan of a CTE may not).
    paid_by = "w" if not by_zone else f"{states} w"
    paid_where = f"{with_alias(where_sql, 'w')} AND " if by_zone else ""
    sql = f"""WITH w AS MATERIALIZED (
        SELECT s.zone_id, s.project_id, s.status, s.ownership, s.currency, s.total_capital, s.total_capital_vnd,
            s.version_id, s.policy_approval, {with_alias(columns, "s")}
        FROM {states} s WHERE {with_alias(where_sql, "s")}
    )
    SELECT 0, {zone}, w.status, w.ownership, w.currency, COUNT(*), SUM(w.total_capital), SUM(w.total_capital_vnd),
        SUM(CASE WHEN w.n_late > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN w.n_flags > 0 THEN 1 ELSE 0 END),
        SUM(CASE WHEN w.n_late > 0 AND w.n_flags > 0 THEN 1 ELSE 0 END),
        CAST(NULL AS INTEGER), CAST(NULL AS INTEGER), CAST(NULL AS BOOLEAN), CAST(NULL AS VARCHAR(200)),
        CAST(NULL AS VARCHAR(500))
    FROM w GROUP BY {group}w.status, w.ownership, w.currency
    UNION ALL
    SELECT 1, {zone}, NULL, w.ownership, d.currency, NULL, SUM(d.amount), NULL, NULL, NULL, NULL, NULL, NULL, NULL,
        NULL, NULL
    FROM {paid_by} JOIN {Disbursement._meta.db_table} d ON d.project_id = w.project_id
    WHERE {paid_where}w.status <> {f.p(Status.TERMINATED.value)} AND d.paid_on <= {f.p(day)}
    GROUP BY {group}w.ownership, d.currency
    UNION ALL
    SELECT 3, {zone}, NULL, w.ownership, w.currency, COUNT(*), SUM(w.total_capital), NULL, NULL, NULL, NULL, NULL,
        NULL, NULL, NULL, NULL
    FROM w WHERE w.total_capital_vnd IS NULL AND w.status <> {f.p(Status.TERMINATED.value)}
    GROUP BY {group}w.ownership, w.currency"""  # noqa: S608  # nosec B608 - our table names and %s parameters only
    if limit:
        listed = "w.zone_id, w.project_id, w.status, w.version_id, w.policy_approval, w.n_flags, w.n_late"
        order = "w.n_flags DESC, w.n_late DESC, w.project_id"
        if by_zone:  # each zone's own list: its first `limit` rows in the order of `summary_and_attention`
            first = f"""SELECT * FROM (
            SELECT {listed}, ROW_NUMBER() OVER (PARTITION BY w.zone_id ORDER BY {order}) AS place
            FROM w WHERE w.n_flags > 0 OR w.n_late > 0
        ) ranked WHERE ranked.place <= {f.p(int(limit))}"""  # noqa: S608  # nosec B608 - our SQL and %s parameters
        else:
            first = f"SELECT {listed} FROM w WHERE w.n_flags > 0 OR w.n_late > 0"  # noqa: S608  # nosec B608
            first += f" ORDER BY {order} LIMIT {f.p(int(limit))}"
        # The projects' code and name read for the listed rows only.
        sql += f"""
    UNION ALL
    SELECT 2, {"r.zone_id" if by_zone else zone}, r.status, NULL, NULL, r.n_flags, CAST(NULL AS NUMERIC),
        CAST(NULL AS NUMERIC), r.n_late, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), r.project_id, r.version_id,
        r.policy_approval, (SELECT p.code FROM {projects} p WHERE p.id = r.project_id),
        (SELECT p.name FROM {projects} p WHERE p.id = r.project_id)
    FROM ({first}) r"""  # noqa: S608  # nosec B608 - our table names and %s parameters only
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # JIT compiles the statement's long conditions for longer than it runs them (all zones of the
            # national dataset: 6-7 s with JIT, 2 s without); off for this statement's transaction only.
            cursor.execute("SET LOCAL jit = off")
        cursor.execute(*f.render(sql))
        return list(cursor.fetchall())


class _Figures:
    """The register's figures of one zone (or of all the rows read), summed from the statement's rows."""

    def __init__(self) -> None:
        self.by_status = dict.fromkeys(Status.values, 0)
        self.counts = dict.fromkeys(Ownership.values, 0)
        self.registered = _money_block()
        self.registered_vnd = dict.fromkeys(Ownership.values, Decimal(0))
        self.unconverted_n, self.unconverted_usd = 0, Decimal(0)
        self.disbursed = _money_block()
        self.late_n = self.flagged_n = self.both_n = 0

    def add(self, row: tuple[Any, ...]) -> None:
        part, _, status, ownership, currency, n, total, total_vnd, n_late, n_flagged, n_both = row[:11]
        if part == 1:  # disbursed by the projects not terminated on `day`
            self.disbursed[ownership][currency] += _decimal(total)
            return
        if part == 3:  # capital in USD whose rate is not known yet: kept apart, never counted as zero
            self.unconverted_n += n
            self.unconverted_usd += _decimal(total)
            return
        self.by_status[status] += n
        if status == Status.TERMINATED.value:  # neither late nor flagged (counts of 0), left out of the totals
            return
        self.counts[ownership] += n
        self.registered[ownership][currency] += _decimal(total)
        self.registered_vnd[ownership] += _decimal(total_vnd)
        self.late_n += n_late
        self.flagged_n += n_flagged
        self.both_n += n_both

    def summary(self, day: dt.date, zone_code: str | None) -> dict[str, Any]:
        whole = Decimal(1)

        def money(block: dict[str, dict[str, Decimal]]) -> dict[str, dict[str, Decimal]]:
            return {
                o: {c: v.quantize(whole) for c, v in block[o].items()} for o in (Ownership.FOREIGN, Ownership.DOMESTIC)
            }

        counts, registered_vnd = self.counts, self.registered_vnd
        return {
            "as_of": day.isoformat(),
            "zone": zone_code,
            "projects": {"total": sum(counts.values()), "foreign": counts["foreign"], "domestic": counts["domestic"]},
            # Existing on `day` but left out of every count and amount above.
            "terminated": self.by_status[Status.TERMINATED],
            "by_status": self.by_status,
            "registered_capital": money(self.registered),
            "registered_capital_vnd_equivalent": {
                "foreign": registered_vnd["foreign"].quantize(whole),
                "domestic": registered_vnd["domestic"].quantize(whole),
                "total": sum(registered_vnd.values(), Decimal(0)).quantize(whole),
            },
            # The projects (not terminated) whose capital in USD has no VND equivalent yet (no reference rate
            # known on or before their certificate date): left out of the VND equivalent above, said beside it.
            "unconverted_usd": {"projects": self.unconverted_n, "amount": self.unconverted_usd.quantize(whole)},
            "disbursed_capital": money(self.disbursed),
            **late_counts(self.late_n, self.flagged_n, self.both_n),
        }


def _evaluate_worst(
    day: dt.date, worst: list[tuple[Any, ...]], rules: list[LegalRule]
) -> list[tuple[int | None, Attention]]:
    """The listed rows (part 2 of `_register_rows`), in their order, evaluated for what their flags rest on."""
    listed = [_Row(r[11], r[2], r[12], bool(r[13])) for r in worst]
    evaluations = _evaluate_rows(day, listed, Project.objects.filter(pk__in=[r.pk for r in listed]), rules)
    return [(r[1], Attention(r[11], r[14], r[15], evaluations[r[11]])) for r in worst]


def _decimal(value: Any) -> Decimal:
    """A sum read from the database (SQLite gives an int, or a float for what it stored as a real; the sum
    of no amount, e.g. of the VND equivalents of capital not converted yet, is NULL: zero)."""
    if value is None:
        return Decimal(0)
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return DecimalContext(prec=15).create_decimal_from_float(value).quantize(Decimal(1))
    return Decimal(value)


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
    #: The id of the zone named by `zone`, when the caller has it already (saves looking it up again).
    zone_id: int | None = None


def _listed_states(user: AnyUser, filters: ListFilters) -> QuerySet[ProjectState]:
    """The state rows covering `filters.as_of` of the projects `user` may list with `filters`, one per project.

    Every filter is a condition on the state row (zone, status, ownership, gate area, publication, late and
    flagged on the day: `setwise`), except the sector and the search words, which read the project."""
    day = filters.as_of
    states = ProjectState.objects.filter(on_day(day))
    if filters.zone:
        zone_id = filters.zone_id or (
            EconomicZone.objects.filter(code=filters.zone).values_list("pk", flat=True).first()
        )
        if zone_id is None:
            return states.none()
        states = states.filter(zone_id=zone_id)
    # Who may read what (as `visible_projects`): staff their zones' register (and others' published projects
    # when they ask for another zone), an investor the published projects and their own, anyone else the
    # published ones.
    if is_staff_member(user):
        if not is_admin(user):
            theirs = Q(zone_id__in=zones_visible_to(user).values("pk"))
            states = states.filter(theirs | Q(published=True)) if filters.zone else states.filter(theirs)
    elif role_of(user) == "investor":
        own = Project.objects.filter(Q(shares__investor__users=user)).values("pk")
        states = states.filter(Q(published=True) | Q(project_id__in=own))
    else:
        states = states.filter(published=True)
    if filters.status:
        states = states.filter(status=filters.status)
    if filters.ownership:
        states = states.filter(ownership=filters.ownership)
    if filters.gate_area:
        states = states.filter(gate_area__code=filters.gate_area)
    if filters.sector:
        states = states.filter(
            Q(project__sector__code=filters.sector) | Q(project__sector__section__code=filters.sector)
        )
    if filters.q:
        for word in search_key(filters.q).split():
            states = states.filter(project__search_text__contains=word)
    if filters.late is not None:
        # "Late on D" is a condition on the state row covering D: no evaluation of the zone for it.
        states = states.filter(_holds(late_sql, day, filters.late))
    if filters.flagged is not None:
        # The rules in force on D as conditions on the state row covering D (`setwise`): no evaluation.
        rules = rules_in_force(day)
        states = states.filter(_holds(lambda f, d: flagged_sql(f, d, rules), day, filters.flagged))
    return states


def _holds(condition: Callable[[Fragment, dt.date], str], day: dt.date, yes: bool) -> Q:
    """The state rows for which `condition` on `day` holds (`yes`) or does not: written as a CASE, so that a
    condition that is unknown (NULL) on a row counts as not holding, as the evaluator judges it."""
    f = Fragment()
    sql = f"(CASE WHEN {condition(f, day)} THEN 1 ELSE 0 END) = {1 if yes else 0}"
    return Q(StateSQL.of(f, sql, BooleanField()))


#: The fields of the version in force a list's row shows (`presenters.project_rows`).
LISTED_VERSION_FIELDS = (
    "number",
    "issued_on",
    "currency",
    "total_capital",
    "equity",
    "total_capital_vnd",
    "vnd_rate",
    "rate_date",
)


class ProjectListing:
    """The projects of a list on a day, read from their state rows covering the day (one per project), in
    code order: the count is one query on the state rows, a page one query whose keys come from the index on
    (zone, code, range) before any project is read. Sliced (`listing[a:b]`) it gives the projects of that
    page annotated with `as_of_version_id` and `as_of_status`; Django's Paginator takes it as it is."""

    def __init__(self, day: dt.date, states: QuerySet[ProjectState]) -> None:
        self.day = day
        self.states = states.order_by("code")
        self._counts: tuple[int, int] | None = None

    def _count_both(self) -> tuple[int, int]:
        if self._counts is None:
            found = self.states.order_by().aggregate(
                n=Count("pk"), terminated=Count("pk", filter=Q(status=Status.TERMINATED))
            )
            self._counts = (int(found["n"]), int(found["terminated"]))
        return self._counts

    def count(self) -> int:
        """How many projects the list holds (the page's count, from the state rows alone)."""
        return self._count_both()[0]

    def terminated(self) -> int:
        """How many of them were terminated on the day (counted with `count`, in the same query)."""
        return self._count_both()[1]

    def __len__(self) -> int:
        return self.count()

    def _projects(self, states: QuerySet[ProjectState]) -> QuerySet[Any]:
        # What a row shows comes with the page in the same query: the state row's milestone dates (for the
        # evaluation of the rows shown), the version in force and the capital disbursed by the day.
        dates = {f"as_of_{c}": F(f"states__{c}") for c in STATE_DATES}
        version = {f"as_of_v_{f}": F(f"states__version__{f}") for f in LISTED_VERSION_FIELDS}
        paid = Disbursement.objects.filter(project_id=OuterRef("pk"), paid_on__lte=self.day).order_by()
        disbursed = {
            f"as_of_paid_{c}": Subquery(
                paid.filter(currency=c).values("project_id").annotate(total=Sum("amount")).values("total"),
                output_field=DecimalField(max_digits=22, decimal_places=0),
            )
            for c in CURRENCIES
        }
        return (
            self._joined(states)
            .annotate(**dates, **version, **disbursed)
            .select_related("zone", "gate_area", "sector")
            .prefetch_related(Prefetch("shares", queryset=ProjectInvestor.objects.select_related("investor")))
            .order_by("code")
        )

    @staticmethod
    def _joined(states: QuerySet[ProjectState]) -> QuerySet[Any]:
        return with_state(Project.objects.filter(states__in=states.values("pk")))

    def joined(self) -> QuerySet[Any]:
        """Every listed project joined to its state row on the day (as `projects_as_of` joins them), with
        nothing else read: the query the export annotates."""
        return self._joined(self.states)

    def _read(self, projects: QuerySet[Any]) -> list[Project]:
        found = list(projects)
        for p in found:
            # Read by `presenters.project_rows` instead of asking the database again.
            p.as_of_day = self.day
            p.as_of_version = CertificateVersion(
                pk=p.as_of_version_id,
                project_id=p.pk,
                **{f: getattr(p, f"as_of_v_{f}") for f in LISTED_VERSION_FIELDS},
            )
            p.as_of_disbursed = {c: getattr(p, f"as_of_paid_{c}") or Decimal(0) for c in CURRENCIES}
        return found

    @overload
    def __getitem__(self, index: int) -> Project: ...

    @overload
    def __getitem__(self, index: slice) -> list[Project]: ...

    def __getitem__(self, index: int | slice) -> Project | list[Project]:
        if isinstance(index, slice):
            return self._read(self._projects(self.states[index]))
        if index < 0:
            raise IndexError("a listing is read from its start")
        found = self[index : index + 1]
        if not found:
            raise IndexError(index)
        return found[0]

    def projects(self) -> QuerySet[Any]:
        """Every listed project, annotated like a page's (for lists read whole, such as a gate area's)."""
        return self._projects(self.states)

    def __iter__(self) -> Iterator[Project]:
        return iter(self.projects())

    def chunks(self, size: int) -> Iterator[list[Project]]:
        """The listed projects `size` at a time, each chunk found by the last code of the one before (an
        index seek on (zone, code), not an OFFSET that reads every earlier row again)."""
        last: str | None = None
        while True:
            states = self.states if last is None else self.states.filter(code__gt=last)
            chunk = self._read(self._projects(states[:size]))
            if not chunk:
                return
            yield chunk
            if len(chunk) < size:
                return
            last = chunk[-1].code


def project_list(
    user: AnyUser, filters: ListFilters, *, with_evaluations: bool = True
) -> tuple[ProjectListing, dict[int, Evaluation]]:
    """The filtered list on `filters.as_of`, with each listed project's evaluation (none when not asked
    for: pages that show only the status save that work). Only the rows a page shows get evaluated (see
    `PageEvaluations.load`, called by `project_rows`)."""
    evaluations: dict[int, Evaluation] = PageEvaluations(filters.as_of) if with_evaluations else {}
    return ProjectListing(filters.as_of, _listed_states(user, filters)), evaluations


def terminated_count(listed: ProjectListing) -> int:
    """How many projects of a list from `project_list` were terminated on its day: listed, but left
    out of every summary figure."""
    return listed.terminated()


class PageEvaluations(dict[int, Evaluation]):
    """Evaluations computed on demand for the projects a page lists (a fixed number of queries a page)."""

    def __init__(self, day: dt.date) -> None:
        super().__init__()
        self.day = day

    def load(self, projects: Iterable[Project]) -> None:
        shown = [p for p in projects if p.pk not in self and getattr(p, "as_of_version_id", None)]
        missing = [
            _Row(p.pk, getattr(p, "as_of_status", ""), version_id, p.policy_approval)
            for p in shown
            if (version_id := getattr(p, "as_of_version_id", None))
        ]
        # A listing's page carries its state row's dates (`ProjectListing`): no second read of the states.
        dates = (
            [(p.pk, *(getattr(p, f"as_of_{c}") for c in STATE_DATES)) for p in shown]
            if all(hasattr(p, f"as_of_{STATE_DATES[0]}") for p in shown)
            else None
        )
        if missing:
            self.update(
                _evaluate_rows(self.day, missing, Project.objects.filter(pk__in=[r.pk for r in missing]), dates=dates)
            )


def load_evaluations(evaluations: dict[int, Evaluation], projects: Iterable[Project]) -> None:
    """Make sure `evaluations` holds those of `projects` (lists evaluate only the rows they show)."""
    if isinstance(evaluations, PageEvaluations):
        evaluations.load(projects)


def keyset_chunks(listed: ProjectListing, size: int) -> Iterator[list[Project]]:
    """The projects of a list ordered by code, `size` at a time (keyset on the code, see `ProjectListing`)."""
    return listed.chunks(size)


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

    assessment: DepositAssessment | None  # None while the capital in USD is not converted
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
    assessment = (
        None
        if version.total_capital_vnd is None
        else assess_deposit(
            capital_vnd=version.total_capital_vnd,
            land_charges_vnd=project.land_charges_vnd,
            area_level=area_level_on(project.commune_id, day),
            sector_level=project.sector_incentive,
            exempt=project.deposit_exempt,
            day=day,
        )
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
