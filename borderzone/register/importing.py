"""Importing projects from a spreadsheet (CSV or XLSX), all or nothing.

Every row is checked first; if any is bad nothing is written and every bad row is reported as
"row N, column: reason". A good file creates new projects (with the first issue of their certificate
and their status) and updates existing ones by code: changed descriptive fields are saved, a later
certificate date records an adjustment, a different status records a status change. Importing the
same file again changes nothing. The columns are documented in docs/data-formats.md.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from typing import Any

from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from borderzone.access.actors import Actor
from borderzone.access.importing import ImportReport, no_progress, register_importer
from borderzone.core.cache import bump_version
from borderzone.core.countries import is_country
from borderzone.core.i18n import CONTENT_LANGUAGES
from borderzone.core.tabular import RowError, TableError, cell_text, check_columns, parse_amount, parse_date, read_table
from borderzone.core.text import name_key
from borderzone.rates.selectors import rate_on
from borderzone.register import services
from borderzone.register.models import (
    CertificateVersion,
    MilestoneKind,
    MilestonePlan,
    Ownership,
    Project,
    Sector,
    Status,
    StatusChange,
)
from borderzone.zones.models import EconomicZone, GateArea

REQUIRED = [
    "code",
    "name",
    "investor",
    "investor_country",
    "ownership",
    "gate_area",
    "status",
    "certificate_date",
    "capital_currency",
    "registered_capital",
    "operation_start_planned",
]
PLAN_COLUMNS = {
    "capital_contribution_planned": MilestoneKind.CAPITAL_CONTRIBUTION,
    "land_handover_planned": MilestoneKind.LAND_HANDOVER,
    "construction_start_planned": MilestoneKind.CONSTRUCTION_START,
    "construction_completion_planned": MilestoneKind.CONSTRUCTION_COMPLETION,
    "operation_start_planned": MilestoneKind.OPERATION_START,
}
OPTIONAL = [
    "status_date",
    "decision_number",
    "certificate_number",
    "equity",
    "vnd_rate",
    "rate_date",
    "investor_tax_code",
    "sector",
    "sector_version",
    "land_area_ha",
    "policy_approval",
    "published",
    "operating_term_years",
    "objectives",
    "scale",
    *[c for c in PLAN_COLUMNS if c != "operation_start_planned"],
]

# Vietnamese labels accepted for each status, matched without accents or case.
STATUS_LABELS_VI = {
    Status.PREPARING: ["chuẩn bị đầu tư", "đang chuẩn bị", "chưa triển khai", "chuẩn bị"],
    Status.IMPLEMENTING: ["đang triển khai", "đang thực hiện", "triển khai"],
    Status.OPERATING: ["đang hoạt động", "đi vào hoạt động", "hoạt động"],
    Status.SUSPENDED: ["tạm ngừng", "ngừng hoạt động", "tạm dừng"],
    Status.PARTLY_TERMINATED: ["chấm dứt một phần"],
    Status.TERMINATED: ["chấm dứt", "chấm dứt hoạt động", "đã chấm dứt"],
}
OWNERSHIP_WORDS = {
    Ownership.DOMESTIC: ["domestic", "trong nước", "ddi"],
    Ownership.FOREIGN: ["foreign", "nước ngoài", "fdi", "có vốn đầu tư nước ngoài"],
}
TRUE_WORDS = {"1", "x", "true", "yes", "co", "có", "是"}
FALSE_WORDS = {"", "0", "false", "no", "khong", "không", "否"}


def _key(text: str) -> str:
    """A word matched ignoring accents and case; Chinese (which `name_key` leaves empty) as written."""
    return name_key(text) or text.strip()


def _lookup(words: dict[str, list[str]]) -> dict[str, str]:
    return {_key(w): code for code, ws in words.items() for w in [code, *ws] if w.strip()}


def _labels(choices: type[models.TextChoices]) -> dict[str, list[str]]:
    """Each choice's label in every interface language, as an export in that language writes it."""
    found: dict[str, list[str]] = {value: [] for value in choices.values}
    for language in CONTENT_LANGUAGES:
        with translation.override(language):
            for value, label in choices.choices:
                found[value].append(str(label))
    return found


@functools.cache
def _status_table() -> dict[str, str]:
    labels = _labels(Status)
    return _lookup({k: [*v, *labels[k]] for k, v in STATUS_LABELS_VI.items()})


@functools.cache
def _ownership_table() -> dict[str, str]:
    labels = _labels(Ownership)
    return _lookup({k: [*v, *labels[k]] for k, v in OWNERSHIP_WORDS.items()})


@dataclass
class Row:
    number: int
    code: str
    name: str
    investor: str
    investor_country: str
    investor_tax_code: str
    ownership: str
    gate_area: GateArea
    status: str
    status_date: dt.date
    decision_number: str
    certificate_date: dt.date
    certificate_number: str
    currency: str
    capital: Decimal
    equity: Decimal | None
    vnd_rate: Decimal | None
    rate_date: dt.date | None
    plans: dict[str, dt.date]
    fields: dict[str, Any] = field(default_factory=dict)  # optional descriptive fields present in the file


class _Errors:
    def __init__(self, number: int) -> None:
        self.number = number
        self.items: list[RowError] = []

    def run(self, column: str, fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except ValueError as exc:
            self.items.append(RowError(self.number, column, str(exc)))
            return None

    def add(self, column: str, reason: str) -> None:
        self.items.append(RowError(self.number, column, reason))


def _text(value: Any, column: str, max_length: int, required: bool = True) -> str:
    text = cell_text(value)
    if required and not text:
        raise ValueError(_("empty"))
    if len(text) > max_length:
        raise ValueError(_("longer than %(n)d characters") % {"n": max_length})
    return text


def _choice(value: Any, table: dict[str, str]) -> str:
    key = _key(cell_text(value))
    if not key or key not in table:
        raise ValueError(_("unknown value: %(value)s") % {"value": cell_text(value)})
    return table[key]


def _bool(value: Any) -> bool:
    key = _key(cell_text(value))
    if key in {_key(w) for w in TRUE_WORDS}:
        return True
    if key in {_key(w) for w in FALSE_WORDS}:
        return False
    raise ValueError(_("not yes or no: %(value)s") % {"value": cell_text(value)})


def _parse_row(
    number: int,
    raw: dict[str, Any],
    zone: EconomicZone,
    areas: dict[str, GateArea],
    sectors: dict[tuple[str, str], Sector],
) -> tuple[Row | None, list[RowError]]:
    e = _Errors(number)
    code = e.run("code", lambda: _text(raw.get("code"), "code", 20))
    if code is not None and not code.isdigit():
        e.add("code", _("a project code is digits only: %(value)s") % {"value": code})
    name = e.run("name", lambda: _text(raw.get("name"), "name", 300))
    investor = e.run("investor", lambda: _text(raw.get("investor"), "investor", 300))
    country = e.run("investor_country", lambda: _text(raw.get("investor_country"), "investor_country", 2).upper())
    if country is not None and not is_country(country):
        e.add("investor_country", _("use the two-letter ISO 3166 code (VN, CN, ...): %(value)s") % {"value": country})
    ownership = e.run("ownership", lambda: _choice(raw.get("ownership"), _ownership_table()))
    area_text = cell_text(raw.get("gate_area"))
    area = areas.get(name_key(area_text)) if area_text else None
    if area is None:
        from borderzone.gates.selectors import gate_area_match

        area = gate_area_match(zone, area_text) if area_text else None
        if area is not None:
            areas[name_key(area_text)] = area
    if area is None:
        e.add("gate_area", _("no gate area of this zone is called %(value)s") % {"value": area_text or "—"})
    status = e.run("status", lambda: _choice(raw.get("status"), _status_table()))
    certificate_date = e.run("certificate_date", lambda: parse_date(raw.get("certificate_date")))
    if certificate_date is not None and certificate_date > services.today():
        e.add("certificate_date", _("the date is in the future"))
    currency = e.run("capital_currency", lambda: cell_text(raw.get("capital_currency")).upper())
    if currency is not None and currency not in ("VND", "USD"):
        e.add("capital_currency", _("use VND or USD: %(value)s") % {"value": currency})
    capital = e.run("registered_capital", lambda: parse_amount(raw.get("registered_capital")))
    status_date = certificate_date
    if cell_text(raw.get("status_date")):
        status_date = e.run("status_date", lambda: parse_date(raw.get("status_date")))
        if status_date is not None and certificate_date is not None and status_date < certificate_date:
            e.add("status_date", _("before the certificate date"))
        if status_date is not None and status_date > services.today():
            e.add("status_date", _("the date is in the future"))
    equity = None
    if cell_text(raw.get("equity")):
        equity = e.run("equity", lambda: parse_amount(raw.get("equity")))
        if equity is not None and capital is not None and equity > capital:
            e.add("equity", _("the equity is above the registered capital"))
    vnd_rate = rate_date = None
    if cell_text(raw.get("vnd_rate")):
        vnd_rate = e.run("vnd_rate", lambda: parse_amount(raw.get("vnd_rate"), whole=False))
    if cell_text(raw.get("rate_date")):
        rate_date = e.run("rate_date", lambda: parse_date(raw.get("rate_date")))
    if currency == "USD" and vnd_rate is None and "vnd_rate" not in [i.column for i in e.items]:
        # No stated rate: the reference rate of the certificate date (or the nearest earlier day).
        reference = rate_on("USD", certificate_date) if certificate_date else None
        if reference is not None:
            vnd_rate, rate_date = reference.vnd_per_unit, reference.day
        # else: kept in USD, not converted, until a reference rate of that date is entered.
    plans: dict[str, dt.date] = {}
    for column, kind in PLAN_COLUMNS.items():
        if column == "operation_start_planned" or cell_text(raw.get(column)):
            day = e.run(column, partial(parse_date, raw.get(column)))
            if day is not None:
                plans[kind] = day
    if len(plans) == len([c for c in PLAN_COLUMNS if cell_text(raw.get(c))]):
        try:
            services.check_milestone_order(plans)
        except Exception as exc:  # ValidationError: name the column of the later milestone
            e.add("operation_start_planned", " ".join(getattr(exc, "messages", [str(exc)])))
    fields: dict[str, Any] = {}
    if cell_text(raw.get("sector")):
        version = cell_text(raw.get("sector_version")) or (
            "2025" if certificate_date and certificate_date >= dt.date(2025, 11, 15) else "2018"
        )
        sector = sectors.get((version, cell_text(raw.get("sector")).upper()))
        if sector is None:
            e.add(
                "sector",
                _("no VSIC %(version)s code %(code)s") % {"version": version, "code": cell_text(raw.get("sector"))},
            )
        fields["sector"] = sector
    if cell_text(raw.get("land_area_ha")):
        fields["land_area_ha"] = e.run("land_area_ha", lambda: parse_amount(raw.get("land_area_ha"), whole=False))
    for column in ("policy_approval", "published"):
        if column in raw and raw.get(column) is not None:
            fields[column] = e.run(column, partial(_bool, raw.get(column)))
    if cell_text(raw.get("operating_term_years")):
        term = e.run("operating_term_years", lambda: parse_amount(raw.get("operating_term_years")))
        if term is not None and not 1 <= term <= 99:
            e.add("operating_term_years", _("between 1 and 99 years"))
        fields["operating_term_years"] = int(term) if term is not None else None
    for column in ("objectives", "scale"):
        if cell_text(raw.get(column)):
            fields[column] = cell_text(raw.get(column))
    if e.items:
        return None, e.items
    assert code and name and investor and country and ownership and area and status and certificate_date  # noqa: S101
    assert currency and capital is not None and status_date  # noqa: S101
    return (
        Row(
            number=number,
            code=code,
            name=name,
            investor=investor,
            investor_country=country,
            investor_tax_code=cell_text(raw.get("investor_tax_code"))[:50],
            ownership=ownership,
            gate_area=area,
            status=status,
            status_date=status_date,
            decision_number=cell_text(raw.get("decision_number"))[:100],
            certificate_date=certificate_date,
            certificate_number=cell_text(raw.get("certificate_number"))[:60],
            currency=currency,
            capital=capital,
            equity=equity,
            vnd_rate=vnd_rate if currency == "USD" else None,
            rate_date=rate_date if currency == "USD" else None,
            plans=plans,
            fields=fields,
        ),
        [],
    )


@dataclass
class _Plan:
    """What a good row will do to an existing project."""

    project: Project
    row: Row
    updates: dict[str, Any]
    new_version: bool
    new_status: bool


def _current(projects: list[Project]) -> tuple[dict[int, CertificateVersion], dict[int, StatusChange]]:
    versions: dict[int, CertificateVersion] = {}
    statuses: dict[int, StatusChange] = {}
    ids = [p.pk for p in projects]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for version in (
            CertificateVersion.objects.filter(project_id__in=chunk)
            .prefetch_related("plans")
            .order_by("issued_on", "number")
        ):
            versions[version.project_id] = version
        for change in StatusChange.objects.filter(project_id__in=chunk).order_by("effective_on", "id"):
            statuses[change.project_id] = change
    return versions, statuses


def _compare(
    project: Project, row: Row, version: CertificateVersion, status: StatusChange | None
) -> tuple[_Plan | None, list[RowError]]:
    errors: list[RowError] = []
    updates = {}
    for key, value in {"name": row.name, "ownership": row.ownership, "gate_area": row.gate_area, **row.fields}.items():
        current = getattr(project, key)
        if key == "land_area_ha" and value is not None:
            value = Decimal(value).quantize(Decimal("0.0001"))
        if current != value:
            updates[key] = value
    plans = {p.kind: p.planned_on for p in version.plans.all()}
    same_certificate = (
        version.currency == row.currency
        and version.total_capital == row.capital
        and (row.equity is None or version.equity == row.equity)
        and all(plans.get(k) == d for k, d in row.plans.items())
    )
    new_version = False
    if row.certificate_date < version.issued_on:
        errors.append(
            RowError(
                row.number,
                "certificate_date",
                _("the register already has a later certificate version (%(date)s)")
                % {"date": version.issued_on.strftime("%d/%m/%Y")},
            )
        )
    elif row.certificate_date == version.issued_on and not same_certificate:
        errors.append(
            RowError(
                row.number,
                "certificate_date",
                _("the certificate of this date is recorded with other figures; give the adjustment's date"),
            )
        )
    elif row.certificate_date > version.issued_on:
        new_version = True
    new_status = status is None or status.status != row.status
    if new_status and status is not None and row.status_date < status.effective_on:
        errors.append(
            RowError(
                row.number,
                "status_date",
                _("the register has a later status change (%(date)s)")
                % {"date": status.effective_on.strftime("%d/%m/%Y")},
            )
        )
    if errors:
        return None, errors
    return _Plan(project, row, updates, new_version, new_status), []


@register_importer("projects")
def import_projects(
    *,
    data: bytes,
    actor: Actor,
    zone: EconomicZone | None,
    dry_run: bool = False,
    progress: Callable[[int, int], None] = no_progress,
    options: dict[str, Any] | None = None,
) -> ImportReport:
    """Check every row, then create and update projects in one transaction (or nothing)."""
    report = ImportReport(dry_run=dry_run)
    if zone is None:
        report.errors.append(_("Choose the economic zone the projects belong to."))
        return report
    try:
        table = read_table(data)
        check_columns(table, REQUIRED, OPTIONAL)
    except TableError as exc:
        report.errors.extend(exc.messages)
        return report
    report.rows = len(table)
    areas: dict[str, GateArea] = {}
    for area in GateArea.objects.filter(zone=zone):
        areas[area.name_key] = area
        areas[name_key(area.code)] = area
    sectors = {(s.version, s.code): s for s in Sector.objects.all()}
    rows: list[Row] = []
    seen: dict[str, int] = {}
    total = len(table)
    for number, raw in table.numbered():
        row, errors = _parse_row(number, raw, zone, areas, sectors)
        report.errors.extend(str(e) for e in errors)
        if row is not None:
            if row.code in seen:
                report.errors.append(
                    str(
                        RowError(
                            number,
                            "code",
                            _("the code %(code)s is also on row %(row)d") % {"code": row.code, "row": seen[row.code]},
                        )
                    )
                )
            else:
                seen[row.code] = number
                rows.append(row)
        if number % 500 == 0 or number == total:
            progress(number, total)
    existing: dict[str, Project] = {}
    codes = [r.code for r in rows]
    for start in range(0, len(codes), 500):
        existing.update((p.code, p) for p in Project.objects.filter(code__in=codes[start : start + 500]))
    versions, statuses = _current(list(existing.values())) if existing else ({}, {})
    creates: list[Row] = []
    changes: list[_Plan] = []
    for row in rows:
        project = existing.get(row.code)
        if project is None:
            creates.append(row)
            continue
        if project.zone_id != zone.pk:
            report.errors.append(
                str(
                    # Codes are unique nationwide; the refusal names no zone, project or investor.
                    RowError(row.number, "code", _("this project code is already registered"))
                )
            )
            continue
        plan, errors = _compare(project, row, versions[project.pk], statuses.get(project.pk))
        report.errors.extend(str(e) for e in errors)
        if plan is not None:
            changes.append(plan)
    if report.errors:
        report.errors.sort(key=_row_number)
        return report
    report.created = len(creates)
    report.updated = sum(1 for c in changes if c.updates or c.new_version or c.new_status)
    report.unchanged = len(changes) - report.updated
    if dry_run or not (report.created or report.updated):
        return report
    with transaction.atomic():
        services.project_register_many(zone=zone, registrations=[_registration(r) for r in creates], actor=actor)
        for change in changes:
            _apply(change, actor)
        bump_version(services.SCOPE, zone.pk)
    return report


def _row_number(message: str) -> int:
    digits = "".join(ch for ch in message.split(",", 1)[0] if ch.isdigit())
    return int(digits) if digits else 0


def _registration(row: Row) -> services.Registration:
    return services.Registration(
        investor=services.InvestorData(
            name=row.investor,
            ownership=row.ownership,
            country=row.investor_country,
            tax_code=row.investor_tax_code,
        ),
        fields={
            **row.fields,
            "code": row.code,
            "name": row.name,
            "ownership": row.ownership,
            "gate_area": row.gate_area,
            "issued_on": row.certificate_date,
            "certificate_no": row.certificate_number,
            "currency": row.currency,
            "total_capital": row.capital,
            "equity": row.equity,
            "vnd_rate": row.vnd_rate,
            "rate_date": row.rate_date,
            "status": row.status,
            "status_on": row.status_date,
            "decision_no": row.decision_number,
        },
        plans=row.plans,
    )


def _apply(change: _Plan, actor: Actor) -> None:
    row, project = change.row, change.project
    if change.updates:
        services.project_update(project=project, actor=actor, **change.updates)
    if change.new_version:
        services.certificate_version_add(
            project=project,
            issued_on=row.certificate_date,
            total_capital=row.capital,
            currency=row.currency,
            equity=row.equity,
            vnd_rate=row.vnd_rate,
            rate_date=row.rate_date,
            certificate_no=row.certificate_number,
            changes=_("Adjustment imported from a file"),
            plans=dict(row.plans),
            actor=actor,
        )
    if change.new_status:
        services.status_change_record(
            project=project,
            status=row.status,
            effective_on=row.status_date,
            decision_no=row.decision_number,
            reason=_("Imported from a file"),
            actor=actor,
        )


# --- the register exported so that it can come back -------------------------------------------------

#: The columns of a register export that the import reads back: (column code, header in the reader's
#: language). The export writes the headers in its first row and the codes in a second one, which the
#: import takes as its header (core.tabular.read_table); information columns follow with no code.
EXPORT_COLUMNS: list[tuple[str, Any]] = [
    ("code", gettext_lazy("Project code")),
    ("name", gettext_lazy("Project name")),
    ("investor", gettext_lazy("Investor")),
    ("investor_country", gettext_lazy("Investor's country")),
    ("investor_tax_code", gettext_lazy("Investor's tax code")),
    ("ownership", gettext_lazy("Domestic or foreign")),
    ("gate_area", gettext_lazy("Gate area")),
    ("sector", gettext_lazy("Sector (VSIC)")),
    ("sector_version", gettext_lazy("VSIC version")),
    ("status", gettext_lazy("Status")),
    ("status_date", gettext_lazy("Status since")),
    ("decision_number", gettext_lazy("Decision number")),
    ("certificate_date", gettext_lazy("Certificate date")),
    ("certificate_number", gettext_lazy("Certificate number")),
    ("capital_currency", gettext_lazy("Currency")),
    ("registered_capital", gettext_lazy("Registered capital")),
    ("equity", gettext_lazy("Equity")),
    ("vnd_rate", gettext_lazy("Exchange rate (VND)")),
    ("rate_date", gettext_lazy("Date of the rate")),
    ("capital_contribution_planned", gettext_lazy("Capital contribution (planned)")),
    ("land_handover_planned", gettext_lazy("Land handover (planned)")),
    ("construction_start_planned", gettext_lazy("Construction start (planned)")),
    ("construction_completion_planned", gettext_lazy("Construction completion (planned)")),
    ("operation_start_planned", gettext_lazy("Start of operation (planned)")),
    ("land_area_ha", gettext_lazy("Land area (ha)")),
    ("policy_approval", gettext_lazy("Investment-policy approval")),
    ("published", gettext_lazy("Published")),
    ("operating_term_years", gettext_lazy("Operating term (years)")),
    ("objectives", gettext_lazy("Objectives")),
    ("scale", gettext_lazy("Scale")),
]
#: Columns of the certificate's own words, kept in Vietnamese in every reader's file (they come back on import).
WRITTEN_COLUMNS = frozenset({"objectives", "scale"})


@dataclass(frozen=True)
class ExportFacts:
    """What an export row needs beyond the register's rows (presenters.project_rows), read per chunk."""

    status_changes: dict[int, StatusChange]
    plans: dict[int, dict[str, dt.date]]


def export_facts(projects: list[Project], day: dt.date) -> ExportFacts:
    """The status change in force on `day` and the planned dates of the version in force, for a chunk of
    projects annotated by `selectors.projects_as_of` (two queries)."""
    changes: dict[int, StatusChange] = {}
    for change in StatusChange.objects.filter(project__in=[p.pk for p in projects], effective_on__lte=day).order_by(
        "project_id", "effective_on", "id"
    ):
        changes[change.project_id] = change
    version_ids = [getattr(p, "as_of_version_id", None) for p in projects]
    by_version: dict[int, dict[str, dt.date]] = {}
    for plan in MilestonePlan.objects.filter(version_id__in=[v for v in version_ids if v]):
        by_version.setdefault(plan.version_id, {})[plan.kind] = plan.planned_on
    plans = {p.pk: by_version.get(getattr(p, "as_of_version_id", 0) or 0, {}) for p in projects}
    return ExportFacts(changes, plans)


def _yes_no(value: bool) -> str:
    return str(_("yes") if value else _("no"))


def export_values(project: Project, item: dict[str, Any], facts: ExportFacts) -> list[Any]:
    """The import's columns of one project (EXPORT_COLUMNS), labels in the active language."""
    cert = item["certificate"] or {}
    shares = list(project.shares.all())
    first = shares[0].investor if shares else None
    change = facts.status_changes.get(project.pk)
    plans = facts.plans.get(project.pk, {})
    usd = cert.get("currency") == "USD"
    return [
        project.code,
        project.name,
        first.name if first else "",
        first.country if first else "",
        first.tax_code if first else "",
        str(Ownership(project.ownership).label),
        project.gate_area.name if project.gate_area else "",
        project.sector.code if project.sector else "",
        project.sector.version if project.sector else "",
        str(Status(item["status"]).label),
        change.effective_on if change else None,
        change.decision_no if change else "",
        cert.get("issued_on"),
        cert.get("number", ""),
        cert.get("currency", ""),
        cert.get("total_capital"),
        cert.get("equity"),
        cert.get("vnd_rate") if usd else None,
        cert.get("rate_date") if usd else None,
        *[plans.get(kind) for kind in PLAN_COLUMNS.values()],
        project.land_area_ha,
        _yes_no(project.policy_approval),
        _yes_no(project.published),
        project.operating_term_years,
        project.objectives,
        project.scale,
    ]
