"""Reads of the reporting loop: what each project owes and its status on a day (the obligations
register), an investor's own projects, the figures investors reported, the board's deadlines."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Count, Min, Prefetch, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy

from borderzone.register.models import Project, ProjectInvestor, ProjectState, Status, StatusChange
from borderzone.register.states import on_day
from borderzone.reporting.models import Metric, Report, ReportedFigure, ReportForm, ReportStatus, Submitter
from borderzone.reporting.periods import Period, due_date, period_of, periods_ending_between

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    from borderzone.access.permissions import AnyUser
    from borderzone.zones.models import EconomicZone

DUE = "due"
SUBMITTED = "submitted"
ACCEPTED = "accepted"
RETURNED = "returned"
OVERDUE = "overdue"
STATUSES = (OVERDUE, DUE, RETURNED, SUBMITTED, ACCEPTED)
STATUS_LABELS = {
    "overdue": gettext_lazy("No report recorded, past due"),
    "due": gettext_lazy("Due"),
    "returned": gettext_lazy("Returned for correction"),
    "submitted": gettext_lazy("Submitted, waiting for the board"),
    "accepted": gettext_lazy("Accepted"),
}

#: Projects owe no report for periods that end while they are terminated.
NOT_OWING = {Status.TERMINATED}


@dataclass
class Obligation:
    project: Project
    investor: str
    form: ReportForm
    period: Period
    due_on: dt.date
    status: str
    report: Report | None = None
    days_late: int = 0

    @property
    def sort_key(self) -> tuple[Any, ...]:
        return (0 if self.status == OVERDUE else 1, self.due_on, self.project.code, self.form.code)


@dataclass
class ObligationFilters:
    status: str = ""
    form: str = ""
    project: str = ""
    investor: str = ""
    projects: QuerySet[Project] | None = field(default=None)


def window_start(as_of: dt.date) -> dt.date:
    """Obligations are listed for periods ending from 1 January of the previous year up to the day."""
    return dt.date(as_of.year - 1, 1, 1)


def investor_forms() -> list[ReportForm]:
    return list(ReportForm.objects.filter(submitter=Submitter.INVESTOR).prefetch_related("fields"))


def form_versions_for(forms: Iterable[ReportForm], period_kind: str, code: str, end: dt.date) -> ReportForm | None:
    best = None
    for form in forms:
        if form.code != code or form.period != period_kind:
            continue
        if form.valid_from <= end and (form.valid_to is None or end <= form.valid_to):
            if best is None or form.version > best.version:
                best = form
    return best


def _status_on(changes: list[StatusChange], day: dt.date) -> str | None:
    current = None
    for change in changes:  # ordered by effective_on
        if change.effective_on <= day:
            current = change.status
    return current


def _report_status(reports: list[Report], as_of: dt.date) -> tuple[str | None, Report | None]:
    """The status on `as_of` of one period's report versions (oldest first): None when none was submitted."""
    tz = timezone.get_current_timezone()
    found: tuple[str | None, Report | None] = (None, None)
    for report in reports:
        if report.submitted_at is None or report.submitted_at.astimezone(tz).date() > as_of:
            if report.status == ReportStatus.DRAFT and found[0] is None:
                found = (None, report)
            continue
        decided = report.decided_at is not None and report.decided_at.astimezone(tz).date() <= as_of
        if report.status == ReportStatus.ACCEPTED and decided:
            found = (ACCEPTED, report)
        elif report.status == ReportStatus.RETURNED and decided:
            found = (RETURNED, report)
        else:
            found = (SUBMITTED, report)
    return found


class FirstIssue(TypedDict):
    first_issue: dt.date  # the day the project's first certificate was issued


def _projects(
    zone: EconomicZone | None, projects: QuerySet[Project] | None
) -> list[WithAnnotations[Project, FirstIssue]]:
    qs = projects if projects is not None else Project.objects.all()
    if zone is not None:
        qs = qs.filter(zone=zone)
    return list(
        qs.annotate(first_issue=Min("versions__issued_on"))
        .filter(first_issue__isnull=False)
        .prefetch_related(
            Prefetch("status_changes", queryset=StatusChange.objects.order_by("effective_on", "id")),
            Prefetch(
                "shares", queryset=ProjectInvestor.objects.select_related("investor").order_by("-share_percent", "id")
            ),
        )
        .order_by("code")
    )


def obligations(
    *, zone: EconomicZone | None, as_of: dt.date, filters: ObligationFilters | None = None
) -> list[Obligation]:
    """Every report owed by the zone's projects for periods ended before `as_of` (from `window_start`),
    with its status on that day; overdue first, then by due date."""
    filters = filters or ObligationFilters()
    forms = investor_forms()
    projects = _projects(zone, filters.projects)
    if filters.project:
        projects = [p for p in projects if p.code == filters.project]
    by_key: dict[tuple[int, str, str], list[Report]] = defaultdict(list)
    for report in Report.objects.filter(
        project__in=[p.pk for p in projects], period_end__gte=window_start(as_of)
    ).order_by("revision"):
        by_key[(report.project_id, report.form_code, report.period)].append(report)
    codes = sorted({(f.code, f.period) for f in forms})
    if filters.form:
        codes = [c for c in codes if c[0] == filters.form]
    result: list[Obligation] = []
    needle = filters.investor.strip().lower()
    for project in projects:
        shares = list(project.shares.all())
        investor = shares[0].investor.name if shares else ""
        if needle and not any(needle in s.investor.name.lower() for s in shares):
            continue
        changes = list(project.status_changes.all())
        for code, kind in codes:
            for period in periods_ending_between(kind, window_start(as_of), as_of - dt.timedelta(days=1)):
                if project.first_issue > period.end:
                    continue
                if _status_on(changes, period.end) in NOT_OWING:
                    continue
                form = form_versions_for(forms, kind, code, period.end)
                if form is None:
                    continue
                due = due_date(period.end, form.due_months_after, form.due_day)
                status, found = _report_status(by_key.get((project.pk, code, period.key), []), as_of)
                if status is None:
                    status = DUE if as_of <= due else OVERDUE
                item = Obligation(project, investor, form, period, due, status, found)
                if status == OVERDUE:
                    item.days_late = (as_of - due).days
                if filters.status and status != filters.status:
                    continue
                result.append(item)
    result.sort(key=lambda o: o.sort_key)
    return result


def status_counts(items: Iterable[Obligation]) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for item in items:
        counts[item.status] += 1
    return counts


def investor_projects(user: AnyUser) -> QuerySet[Project]:
    """The projects of the investors the account is linked to (nothing for anyone else)."""
    if not getattr(user, "is_authenticated", False):
        return Project.objects.none()
    return Project.objects.filter(shares__investor__users=user.pk).distinct().select_related("zone")


def upcoming(project: Project, today: dt.date) -> list[tuple[ReportForm, Period, dt.date]]:
    """The next report of each investor form: the period that contains `today` and its due date."""
    out = []
    forms = investor_forms()
    for code, kind in sorted({(f.code, f.period) for f in forms}):
        period = period_of(kind, today)
        form = form_versions_for(forms, kind, code, period.end)
        if form is not None:
            out.append((form, period, due_date(period.end, form.due_months_after, form.due_day)))
    return sorted(out, key=lambda row: row[2])


def board_deadlines(today: dt.date, months_ahead: int = 12) -> list[tuple[ReportForm, Period, dt.date]]:
    """The board's own reports due from three months ago to `months_ahead` ahead, by due date."""
    forms = list(ReportForm.objects.filter(submitter=Submitter.BOARD))
    rows = []
    first = today - dt.timedelta(days=200)
    last = today + dt.timedelta(days=31 * months_ahead)
    for code, kind in sorted({(f.code, f.period) for f in forms}):
        for period in periods_ending_between(kind, first - dt.timedelta(days=400), last):
            form = form_versions_for(forms, kind, code, period.end)
            if form is None:
                continue
            due = due_date(period.end, form.due_months_after, form.due_day)
            if today - dt.timedelta(days=90) <= due <= last:
                rows.append((form, period, due))
    return sorted(rows, key=lambda row: row[2])


def owing_period_ends(*, start: dt.date, end: dt.date, as_of: dt.date) -> set[dt.date]:
    """The last days of the periods within [start, end] for which investors owe a report listed on `as_of`
    (as `obligations` lists them: a form version in force at the period's end)."""
    listed_on = max(as_of, end + dt.timedelta(days=1))
    forms = investor_forms()
    ends = set()
    for code, kind in {(f.code, f.period) for f in forms}:
        for period in periods_ending_between(kind, window_start(listed_on), listed_on - dt.timedelta(days=1)):
            if start <= period.start and period.end <= end and form_versions_for(forms, kind, code, period.end):
                ends.add(period.end)
    return ends


def _owing_counts(
    *, zone: EconomicZone, start: dt.date, end: dt.date, as_of: dt.date, figures: QuerySet[ReportedFigure]
) -> tuple[int, int]:
    """How many of the zone's projects owe a report for a period within [start, end], and how many of those
    have figures in `figures`. A project owes one for a period when it had its certificate and was not
    terminated on the period's last day: a project-state interval covering that day (one indexed range
    query, not every obligation built in Python; `obligations` lists them one by one)."""
    ends = owing_period_ends(start=start, end=end, as_of=as_of)
    if not ends:
        return 0, 0
    covering = Q()
    for day in ends:
        covering |= on_day(day)
    counts = (
        ProjectState.objects.filter(covering, zone_id=zone.pk)
        .exclude(status__in=NOT_OWING)
        .aggregate(
            owing=Count("project_id", distinct=True),
            reported=Count(
                "project_id", distinct=True, filter=Q(project_id__in=figures.values("project_id").order_by())
            ),
        )
    )
    return int(counts["owing"]), int(counts["reported"])


def reported_totals(*, zone: EconomicZone, start: dt.date, end: dt.date, as_of: dt.date) -> dict[str, Any]:
    """What investors reported for the periods within [start, end] in reports accepted by `as_of`: budget
    paid, revenue, exports, disbursed (sums of the quarterly figures), the latest employee count per
    project, and how many of the projects that owed a report for those periods have one accepted."""
    figures = ReportedFigure.objects.filter(
        project__zone=zone,
        period_start__gte=start,
        period_end__lte=end,
        report__status=ReportStatus.ACCEPTED,
        report__decided_at__date__lte=as_of,
    )
    sums = {
        row["metric"]: row["total"]
        for row in figures.exclude(metric=Metric.EMPLOYEES).values("metric").annotate(total=Sum("value"))
    }
    latest: dict[int, tuple[dt.date, Decimal]] = {}
    for project_id, day, value in figures.filter(metric=Metric.EMPLOYEES).values_list(
        "project_id", "period_end", "value"
    ):
        if project_id not in latest or day > latest[project_id][0]:
            latest[project_id] = (day, value)
    employees = sum((v for _d, v in latest.values()), Decimal(0))
    owing_n, reported = _owing_counts(zone=zone, start=start, end=end, as_of=as_of, figures=figures)
    return {
        "budget_paid": sums.get(Metric.BUDGET_PAID, Decimal(0)),
        "revenue": sums.get(Metric.REVENUE, Decimal(0)),
        "exports": sums.get(Metric.EXPORTS, Decimal(0)),
        "disbursed": sums.get(Metric.DISBURSED, Decimal(0)),
        "employees": int(employees),
        "projects_reported": reported,
        "projects_owing": owing_n,
        "share": (Decimal(reported) / owing_n) if owing_n else None,
    }


def consolidated_table(
    *, zone: EconomicZone, as_of: dt.date, year: int, start: dt.date | None = None, end: dt.date | None = None
) -> list[dict[str, Any]]:
    """One row a project of the zone not terminated on `as_of` (as the register's summary counts): investor, registered capital, disbursed capital (the register's, which
    includes what accepted reports put in), and what its accepted reports for the periods within [start, end]
    (default: the year) say."""
    start = start or dt.date(year, 1, 1)
    end = min(end or dt.date(year, 12, 31), as_of)
    from borderzone.register.selectors import disbursed_by_project, projects_as_of, versions_by_id

    projects = list(
        projects_as_of(as_of, Project.objects.filter(zone=zone))
        .exclude(as_of_status=Status.TERMINATED)
        .order_by("code")
        .prefetch_related(
            Prefetch("shares", queryset=ProjectInvestor.objects.select_related("investor").order_by("-share_percent"))
        )
    )
    ids = [p.pk for p in projects]
    versions = versions_by_id(p.as_of_version_id for p in projects if getattr(p, "as_of_version_id", None))
    disbursed = disbursed_by_project(as_of, ids)
    figures: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for project_id, metric, total in (
        ReportedFigure.objects.filter(
            project_id__in=ids, period_start__gte=start, period_end__lte=end, report__status=ReportStatus.ACCEPTED
        )
        .exclude(metric=Metric.EMPLOYEES)
        .values("project_id", "metric")
        .annotate(total=Sum("value"))
        .values_list("project_id", "metric", "total")
    ):
        figures[project_id][metric] = total
    staff: dict[int, tuple[dt.date, Decimal]] = {}
    for project_id, day, value in ReportedFigure.objects.filter(
        project_id__in=ids, metric=Metric.EMPLOYEES, period_end__lte=end, report__status=ReportStatus.ACCEPTED
    ).values_list("project_id", "period_end", "value"):
        if project_id not in staff or day > staff[project_id][0]:
            staff[project_id] = (day, value)
    rows = []
    for project in projects:
        version = versions.get(getattr(project, "as_of_version_id", 0) or 0)
        shares = list(project.shares.all())
        rows.append(
            {
                "project": project,
                "investor": shares[0].investor.name if shares else "",
                # None: capital in USD not converted yet (shown as a dash, left out of the total).
                "registered_vnd": version.total_capital_vnd if version else Decimal(0),
                "disbursed_vnd": disbursed.get(project.pk, {}).get("VND", Decimal(0)),
                "revenue": figures[project.pk].get(Metric.REVENUE),
                "budget_paid": figures[project.pk].get(Metric.BUDGET_PAID),
                "exports": figures[project.pk].get(Metric.EXPORTS),
                "employees": int(staff[project.pk][1]) if project.pk in staff else None,
            }
        )
    return rows
