"""The register list as a table for CSV/XLSX export (access/exporting.py answers at once or runs a job).

Rows are read in chunks of 1,000 projects (their keys in code order read once), two queries a chunk: one for the
projects with everything a row shows (the state row covering the day, the certificate version in force,
the status change in force, the disbursed sums, the commune's classification, and the lateness and flags
as SQL conditions on the state row, one column per milestone and per rule in force, `setwise`), one for
their investors. No model instance is built and nothing is evaluated project by project in Python.
`tests/test_export_setwise.py` checks that every cell equals what the per-project evaluation gave.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.db.models import BooleanField, CharField, DateField, OuterRef, Q, QuerySet, Subquery, Sum
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from borderzone.access.exporting import Export, register_exporter
from borderzone.core.i18n import written_header
from borderzone.register import selectors
from borderzone.register.importing import EXPORT_COLUMNS, PLAN_COLUMNS, WRITTEN_COLUMNS
from borderzone.register.models import (
    AreaClassification,
    Disbursement,
    MilestoneKind,
    Ownership,
    Project,
    ProjectInvestor,
    Status,
    StatusChange,
    rule_name,
)
from borderzone.register.presenters import lateness_readable
from borderzone.register.rules import assess_deposit
from borderzone.register.setwise import (
    Fragment,
    ProjectStateSQL,
    late_kind_sql,
    rule_flags_sql,
    rules_in_force,
)
from borderzone.register.states import KINDS
from borderzone.register.views.staff import list_filters
from borderzone.zones.models import EconomicZone

#: Information columns after the import's own (EXPORT_COLUMNS): read by people, not by the import.
EXPORT_INFO_HEADERS = [
    gettext_lazy("Zone"),
    gettext_lazy("Investors (share %)"),
    gettext_lazy("Registered capital (VND)"),
    gettext_lazy("Disbursed (VND)"),
    gettext_lazy("Disbursed (USD)"),
    gettext_lazy("Deposit due (VND)"),
    gettext_lazy("Late milestones"),
    gettext_lazy("Legal flags"),
]
MONEY = "#,##0"
CHUNK = 1000

#: The project and certificate columns a row reads (values of the chunk query, in this order).
_FIELDS = (
    "pk",
    "code",
    "name",
    "zone_id",
    "ownership",
    "gate_area__name",
    "sector__code",
    "sector__version",
    "land_area_ha",
    "policy_approval",
    "published",
    "operating_term_years",
    "objectives",
    "scale",
    "state_land",
    "land_charges_vnd",
    "sector_incentive",
    "deposit_exempt",
    "as_of_status",
    "as_of_version_id",
    "states__version__issued_on",
    "states__version__number",
    "states__version__currency",
    "states__version__total_capital",
    "states__version__equity",
    "states__version__total_capital_vnd",
    "states__version__vnd_rate",
    "states__version__rate_date",
    *(f"states__plan_{kind}" for kind in PLAN_COLUMNS.values()),
    "x_status_on",
    "x_decision_no",
    "x_disbursed_vnd",
    "x_disbursed_usd",
    "x_area_level",
)


def _disbursed(day: dt.date, currency: str) -> Subquery:
    sums = (
        Disbursement.objects.filter(project_id=OuterRef("pk"), paid_on__lte=day, currency=currency)
        .order_by()
        .values("project_id")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Subquery(sums)  # typed as the sum of amounts, like the per-project sums


def export_rows_queryset(listed: QuerySet[Any], day: dt.date, rules: list[Any]) -> QuerySet[Any]:
    """The list from `selectors.project_list` as value rows: `_FIELDS`, then one boolean per milestone
    (late on `day`) and one per rule of `rules` (flags it on `day`), computed on the state row covering
    `day` that the list is joined to."""
    change = StatusChange.objects.filter(project_id=OuterRef("pk"), effective_on__lte=day).order_by(
        "-effective_on", "-id"
    )
    area = (
        AreaClassification.objects.filter(commune_id=OuterRef("commune_id"), valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
        .order_by("-valid_from")
    )
    conditions: dict[str, Any] = {}
    for kind in KINDS:
        f = Fragment()
        conditions[f"x_late_{kind}"] = ProjectStateSQL.of(f, late_kind_sql(f, kind, day), BooleanField())
    for index, rule in enumerate(rules):
        f = Fragment()
        conditions[f"x_rule_{index}"] = ProjectStateSQL.of(f, rule_flags_sql(f, rule, day), BooleanField())
    return (
        listed.select_related(None)
        .prefetch_related(None)
        .annotate(
            x_status_on=Subquery(change.values("effective_on")[:1], output_field=DateField()),
            x_decision_no=Subquery(change.values("decision_no")[:1], output_field=CharField()),
            x_disbursed_vnd=_disbursed(day, "VND"),
            x_disbursed_usd=_disbursed(day, "USD"),
            x_area_level=Subquery(area.values("level")[:1], output_field=CharField()),
            **conditions,
        )
        .values_list(*_FIELDS, *conditions)
        .order_by("code")
    )


def _investors(ids: list[int]) -> dict[int, list[tuple[str, str, str, Decimal]]]:
    """Each project's investors (name, country, tax code, share), in the order they were recorded."""
    out: dict[int, list[tuple[str, str, str, Decimal]]] = defaultdict(list)
    for project_id, *investor in (
        ProjectInvestor.objects.filter(project_id__in=ids)
        .order_by("project_id", "pk")
        .values_list("project_id", "investor__name", "investor__country", "investor__tax_code", "share_percent")
    ):
        out[project_id].append(tuple(investor))  # type: ignore[arg-type]
    return out


#: Where each of `_FIELDS` is in a row of `export_rows_queryset`.
FIELD = {name: index for index, name in enumerate(_FIELDS)}


def joined_to_states(listed: selectors.ProjectListing | QuerySet[Any]) -> QuerySet[Any]:
    """A list as projects joined to their state row covering its day (as `selectors.projects_as_of` joins
    them), the query `export_rows_queryset` annotates: a `ProjectListing` (the lists' `project_list`) is
    turned into one, a queryset already joined is returned as it is."""
    return listed.joined() if isinstance(listed, selectors.ProjectListing) else listed


def register_records(
    listed: selectors.ProjectListing | QuerySet[Any], day: dt.date, rules: list[Any]
) -> Iterator[tuple[tuple[Any, ...], list[tuple[str, str, str, Decimal]]]]:
    """Each project of `listed` (joined to its state row covering `day`, as `selectors.projects_as_of`
    does) in code order: its row of `export_rows_queryset` and its investors. The keys are read once,
    then the rows in chunks of CHUNK keys, two queries a chunk, each chunk dropped once read."""
    # The keys in code order read once (one light query; a few MB at 100,000 rows): a keyset query per
    # chunk would sort the whole remaining list again each time (the list is driven by the state rows'
    # zone index, not by the code's). A key is the project's id and that of its state row covering the
    # day; each chunk is read by its keys alone (the list's filters are applied already), so the database
    # finds its rows by their primary keys instead of scanning the zone or every state again.
    if isinstance(listed, selectors.ProjectListing):
        # Read from the state rows alone, in code order by the index on (zone, code): no project is read.
        keys = list(listed.states.values_list("project_id", "pk"))
    else:
        keys = list(listed.select_related(None).prefetch_related(None).order_by("code").values_list("pk", "states__id"))
    for start in range(0, len(keys), CHUNK):
        ids, state_ids = zip(*keys[start : start + CHUNK], strict=True)
        rows = selectors.with_state(Project.objects.filter(pk__in=ids, states__id__in=state_ids))
        chunk = list(export_rows_queryset(rows, day, rules))
        investors = _investors([row[0] for row in chunk])
        for row in chunk:
            yield row, investors.get(row[0], [])


def _yes_no(value: bool) -> str:
    return str(_("yes") if value else _("no"))


@register_exporter("projects")
def project_table(user: Any, params: dict[str, list[str]]) -> Export:
    """The register list `user` reads, filtered as the list page is by `params`, one row a project: headers
    in the reader's language in the first row, the import's column codes in the second (so the file comes
    back through the import with nothing changed), then information columns the import does not read."""
    query = QueryDict(mutable=True)
    for key, values in params.items():
        query.setlist(key, values)
    _form, filters = list_filters(user, query)
    day = filters.as_of
    projects, _evaluations = selectors.project_list(user, filters, with_evaluations=False)
    readable = lateness_readable(user)

    def rows() -> Iterator[list[Any]]:
        rules = rules_in_force(day)
        # Labels translated once, not once per row.
        milestones = [str(dict(MilestoneKind.choices)[kind]) for kind in KINDS]
        flags = [f"{rule_name(r.condition, r.months)} ({r.law}, {r.article})" for r in rules]
        ownerships = {value: str(label) for value, label in Ownership.choices}
        statuses = {value: str(label) for value, label in Status.choices}
        yes, no = _yes_no(True), _yes_no(False)
        zones = {z.pk: z.display_name for z in EconomicZone.objects.all()}
        n, n_kinds = len(_FIELDS), len(KINDS)
        for row, shares in register_records(projects, day, rules):
            (pk, code, name, zone_id, ownership, gate_area, sector, sector_version, land_area, policy) = row[:10]
            (published, term, objectives, scale, state_land, land_charges, incentive, exempt) = row[10:18]
            (status, version_id, issued_on, number, currency, capital, equity, capital_vnd, rate) = row[18:27]
            rate_date = row[27]
            plans = row[28 : 28 + len(PLAN_COLUMNS)]
            status_on, decision_no, disbursed_vnd, disbursed_usd, area_level = row[n - 5 : n]
            late_on = row[n : n + n_kinds]
            flagged_by = row[n + n_kinds :]
            first = shares[0] if shares else None
            usd = currency == "USD"
            if version_id is None or not state_land:
                deposit: Decimal | None = Decimal(0)
            elif capital_vnd is None:  # capital in USD not converted: not known yet, not zero
                deposit = None
            else:
                deposit = assess_deposit(
                    capital_vnd=capital_vnd,
                    land_charges_vnd=land_charges,
                    area_level=area_level or "",
                    sector_level=incentive,
                    exempt=exempt,
                    day=day,
                ).due_vnd
            shown = readable is None or pk in readable
            yield [
                code,
                name,
                first[0] if first else "",
                first[1] if first else "",
                first[2] if first else "",
                ownerships[ownership],
                gate_area or "",
                sector or "",
                sector_version or "",
                statuses[status],
                status_on,
                decision_no or "",
                issued_on,
                number if version_id else "",
                currency if version_id else "",
                capital,
                equity,
                rate if usd else None,
                rate_date if usd else None,
                *plans,
                land_area,
                yes if policy else no,
                yes if published else no,
                term,
                objectives,
                scale,
                zones[zone_id],
                "; ".join(f"{s[0]} ({s[3].normalize():f}%)" for s in shares),
                capital_vnd,
                disbursed_vnd or Decimal(0),
                disbursed_usd or Decimal(0),
                deposit,
                ", ".join(m for m, late in zip(milestones, late_on, strict=True) if late) if shown else "",
                "; ".join(f for f, flagged in zip(flags, flagged_by, strict=True) if flagged) if shown else "",
            ]

    columns = [code for code, _h in EXPORT_COLUMNS]
    formats = {columns.index(c): "dd/mm/yyyy" for c in columns if c.endswith(("_date", "_planned"))}
    formats.update({columns.index(c): MONEY for c in ("registered_capital", "equity")})
    formats.update({len(columns) + i: MONEY for i in range(2, 6)})
    return Export(
        name=f"projects-{filters.as_of.isoformat()}",
        title=_("Projects"),
        headers=[written_header(h) if code in WRITTEN_COLUMNS else str(h) for code, h in EXPORT_COLUMNS]
        + [str(h) for h in EXPORT_INFO_HEADERS],
        codes=columns + [""] * len(EXPORT_INFO_HEADERS),
        total=projects.count(),
        rows=rows,
        number_formats=formats,
    )
