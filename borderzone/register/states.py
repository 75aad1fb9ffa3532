"""The project-state table (`ProjectState`): each project's life cut into intervals in which nothing the
register reads "as of a day" changes, so that "as of D" is one indexed range condition
(valid_from <= D < valid_to) instead of a subquery per project and per fact.

An interval starts on the first issue of the certificate and on every later day a certificate version is
issued or a status change takes effect; the last one is open (`OPEN_END`). On each interval:
- the status is the latest change effective on or before its start (`preparing` before any), the last
  recorded on a day winning;
- the version in force is the latest issued on or before its start (by issue day, then number), with its
  capital and planned dates;
- `first_<kind>` is the first planned date of each milestone among the versions up to the one in force
  (the "first approved" date the extension rules compare with);
- `reached_<kind>` is the day the milestone was reached (a project fact; compare it with D);
- `code` and `published` are the project's (copied so that the lists read their count and page, in code
  order, from the state rows alone: `selectors.ProjectListing`).

The services call `refresh_project_states` (Python, per project) inside their transaction;
`rebuild_project_states` (the management command, one SQL statement written separately) recomputes every
project, and a test checks that both give the same rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.db.models import Q

from borderzone.register.models import (
    OPEN_END,
    CertificateVersion,
    MilestoneActual,
    MilestoneKind,
    MilestonePlan,
    Project,
    ProjectState,
    Status,
    StatusChange,
)

CHUNK = 2000
KINDS: tuple[str, ...] = tuple(MilestoneKind.values)
#: The columns compared between a rebuild and what the services maintained.
STATE_FIELDS: tuple[str, ...] = tuple(f.attname for f in ProjectState._meta.concrete_fields if f.attname not in ("id",))


def _states_for(projects: list[dict[str, Any]]) -> list[ProjectState]:
    """The states of these projects (dicts of pk, zone_id, gate_area_id, ownership, policy_approval, code,
    published)."""
    ids = [p["pk"] for p in projects]
    versions: dict[int, list[CertificateVersion]] = defaultdict(list)
    for v in CertificateVersion.objects.filter(project_id__in=ids).order_by("project_id", "issued_on", "number"):
        versions[v.project_id].append(v)
    plans: dict[int, dict[str, dt.date]] = defaultdict(dict)
    for version_id, kind, planned_on in MilestonePlan.objects.filter(version__project_id__in=ids).values_list(
        "version_id", "kind", "planned_on"
    ):
        plans[version_id][kind] = planned_on
    statuses: dict[int, list[tuple[dt.date, int, str]]] = defaultdict(list)
    for project_id, effective_on, pk, status in StatusChange.objects.filter(project_id__in=ids).values_list(
        "project_id", "effective_on", "pk", "status"
    ):
        statuses[project_id].append((effective_on, pk, status))
    reached: dict[int, dict[str, dt.date]] = defaultdict(dict)
    for project_id, kind, reached_on in MilestoneActual.objects.filter(project_id__in=ids).values_list(
        "project_id", "kind", "reached_on"
    ):
        reached[project_id][kind] = reached_on

    out: list[ProjectState] = []
    for project in projects:
        pk = project["pk"]
        project_versions = versions.get(pk)
        if not project_versions:
            continue  # a project without a certificate exists on no day
        changes = sorted(statuses.get(pk, []))
        start = project_versions[0].issued_on
        days = sorted({start} | {v.issued_on for v in project_versions} | {day for day, _, _ in changes if day > start})
        project_reached = reached.get(pk, {})
        for index, day in enumerate(days):
            in_force = [v for v in project_versions if v.issued_on <= day]
            version = in_force[-1]
            first: dict[str, dt.date] = {}
            for v in in_force:
                for kind, planned_on in plans.get(v.pk, {}).items():
                    first.setdefault(kind, planned_on)
            status = Status.PREPARING.value
            for effective_on, _, value in changes:
                if effective_on <= day:
                    status = value
            planned = plans.get(version.pk, {})
            out.append(
                ProjectState(
                    project_id=pk,
                    zone_id=project["zone_id"],
                    gate_area_id=project["gate_area_id"],
                    ownership=project["ownership"],
                    policy_approval=project["policy_approval"],
                    code=project["code"],
                    published=project["published"],
                    valid_from=day,
                    valid_to=days[index + 1] if index + 1 < len(days) else OPEN_END,
                    status=status,
                    version_id=version.pk,
                    issued_on=version.issued_on,
                    currency=version.currency,
                    total_capital=version.total_capital,
                    total_capital_vnd=version.total_capital_vnd,
                    **{f"plan_{k}": planned.get(k) for k in KINDS},
                    **{f"first_{k}": first.get(k) for k in KINDS},
                    **{f"reached_{k}": project_reached.get(k) for k in KINDS},
                )
            )
    return out


def _project_rows(projects: Any) -> list[dict[str, Any]]:
    return list(projects.values("pk", "zone_id", "gate_area_id", "ownership", "policy_approval", "code", "published"))


def refresh_project_states(project_ids: Iterable[int]) -> int:
    """Recompute the states of these projects (call it inside the writing transaction); returns the count."""
    ids = sorted(set(project_ids))
    total = 0
    with transaction.atomic():
        for start in range(0, len(ids), CHUNK):  # bounded IN lists (an import writes thousands)
            chunk = ids[start : start + CHUNK]
            ProjectState.objects.filter(project_id__in=chunk).delete()
            rows = _states_for(_project_rows(Project.objects.filter(pk__in=chunk).order_by("pk")))
            ProjectState.objects.bulk_create(rows, batch_size=2000)
            total += len(rows)
    return total


def _rebuild_sql() -> str:
    """One INSERT ... SELECT computing every state from the register, written independently of
    `_states_for` (window functions and grouped plans), so that the test comparing a rebuild with what
    the services maintained compares two computations. Runs on PostgreSQL and SQLite alike."""
    plan_columns = ", ".join(f"MAX(CASE WHEN mp.kind = '{k}' THEN mp.planned_on END) AS plan_{k}" for k in KINDS)
    # Only the milestone kinds (fixed choices) are interpolated; no value comes from outside.
    first_columns = ", ".join(
        f"""(SELECT mp2.planned_on FROM investments_milestoneplan mp2
             JOIN investments_certificateversion v2 ON v2.id = mp2.version_id
             WHERE v2.project_id = v.project_id AND mp2.kind = '{k}'
               AND (v2.issued_on < v.issued_on OR (v2.issued_on = v.issued_on AND v2.number <= v.number))
             ORDER BY v2.issued_on, v2.number LIMIT 1) AS first_{k}"""  # noqa: S608  # nosec B608 - only the fixed milestone kinds are interpolated
        for k in KINDS
    )
    reached_columns = ", ".join(f"MAX(CASE WHEN a.kind = '{k}' THEN a.reached_on END) AS reached_{k}" for k in KINDS)
    kinds = [f"{prefix}_{k}" for prefix in ("plan", "first", "reached") for k in KINDS]
    return f"""
    WITH starts AS (
        SELECT project_id, MIN(issued_on) AS first_day FROM investments_certificateversion GROUP BY project_id
    ), days AS (
        SELECT project_id, issued_on AS day FROM investments_certificateversion
        UNION
        SELECT sc.project_id, sc.effective_on FROM investments_statuschange sc
        JOIN starts ON starts.project_id = sc.project_id WHERE sc.effective_on > starts.first_day
    ), bounds AS (
        SELECT project_id, day AS valid_from,
            LEAD(day) OVER (PARTITION BY project_id ORDER BY day) AS valid_to
        FROM days
    ), spans AS (
        SELECT b.project_id, b.valid_from, b.valid_to,
            (SELECT v.id FROM investments_certificateversion v
             WHERE v.project_id = b.project_id AND v.issued_on <= b.valid_from
             ORDER BY v.issued_on DESC, v.number DESC LIMIT 1) AS version_id,
            COALESCE((SELECT s.status FROM investments_statuschange s
             WHERE s.project_id = b.project_id AND s.effective_on <= b.valid_from
             ORDER BY s.effective_on DESC, s.id DESC LIMIT 1), '{Status.PREPARING.value}') AS status
        FROM bounds b
    ), plans AS (
        SELECT mp.version_id, {plan_columns} FROM investments_milestoneplan mp GROUP BY mp.version_id
    ), firsts AS (
        SELECT v.id AS version_id, {first_columns} FROM investments_certificateversion v
    ), reached AS (
        SELECT a.project_id, {reached_columns} FROM investments_milestoneactual a GROUP BY a.project_id
    )
    INSERT INTO investments_projectstate (
        project_id, zone_id, gate_area_id, ownership, policy_approval, code, published, valid_from, valid_to, status,
        version_id,
        issued_on, currency, total_capital, total_capital_vnd, {", ".join(kinds)}
    )
    SELECT sp.project_id, p.zone_id, p.gate_area_id, p.ownership, p.policy_approval, p.code, p.published, sp.valid_from,
        COALESCE(sp.valid_to, %s), sp.status, v.id, v.issued_on, v.currency, v.total_capital,
        v.total_capital_vnd, {", ".join(f"plans.plan_{k}" for k in KINDS)},
        {", ".join(f"firsts.first_{k}" for k in KINDS)}, {", ".join(f"reached.reached_{k}" for k in KINDS)}
    FROM spans sp
    JOIN investments_project p ON p.id = sp.project_id
    JOIN investments_certificateversion v ON v.id = sp.version_id
    JOIN firsts ON firsts.version_id = v.id
    LEFT JOIN plans ON plans.version_id = v.id
    LEFT JOIN reached ON reached.project_id = sp.project_id
    """  # noqa: S608  # nosec B608 - only the fixed milestone kinds and our constants are interpolated


def rebuild_project_states() -> int:
    """Recompute every project's states from the register in one statement (in one transaction); returns
    the number of rows. Safe to run again: it gives the same rows."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM investments_projectstate")
        cursor.execute(_rebuild_sql(), [OPEN_END])
        cursor.execute("SELECT COUNT(*) FROM investments_projectstate")
        return int(cursor.fetchone()[0])


def on_day(day: dt.date) -> Q:
    """The states covering `day` (to be applied to ProjectState)."""
    return Q(valid_from__lte=day, valid_to__gt=day)
