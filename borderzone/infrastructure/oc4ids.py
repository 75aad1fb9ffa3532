"""Infrastructure works as an OC4IDS 0.9 project package, and its validation against the schema shipped
in zones/data/oc4ids (JSON Schema draft 4; the package schema's reference to the project schema is
resolved from a local registry, so nothing is fetched)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from borderzone.infrastructure.models import AnnualFunding, FundingSource, InfrastructureWork, WorkStatus, period_years

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "zones" / "data" / "oc4ids"
VERSION = "0.9"
OCID_PREFIX = "oc4ids-bzvn"

SECTORS = {
    "road": ["transport", "transport.road"],
    "yard": ["transport"],
    "icd": ["transport"],
    "gate_facility": ["governance"],
    "utilities": ["energy", "waterAndWaste"],
    "other": ["economy"],
}
FUNDERS = {
    FundingSource.CENTRAL: ("VN-CENTRAL-BUDGET", "Ngân sách trung ương"),
    FundingSource.PROVINCIAL: ("VN-PROVINCIAL-BUDGET", "Ngân sách tỉnh"),
    FundingSource.ODA: ("VN-ODA", "Vốn ODA"),
    FundingSource.OTHER: ("VN-OTHER-SOURCES", "Nguồn vốn khác"),
}


def _datetime(value: dt.date) -> str:
    return f"{value.isoformat()}T00:00:00Z"


def _vnd(amount: Decimal) -> dict[str, Any]:
    return {"amount": int(amount), "currency": "VND"}


def _milestones(work: InfrastructureWork, funding: list[AnnualFunding], today: dt.date) -> list[dict[str, Any]]:
    milestones: list[dict[str, Any]] = []
    if work.start_date:
        milestones.append(
            {
                "id": "start",
                "title": "Khởi công",
                "type": "delivery",
                "dueDate": _datetime(work.start_date),
                "status": "met" if work.start_date <= today else "scheduled",
            }
        )
    due = work.planned_completion or work.completed_on
    if due is not None:
        entry: dict[str, Any] = {
            "id": "completion",
            "title": "Hoàn thành",
            "type": "delivery",
            "dueDate": _datetime(due),
        }
        if work.completed_on:
            entry.update(status="met", dateMet=_datetime(work.completed_on))
        else:
            entry["status"] = "notMet" if due < today else "scheduled"
        milestones.append(entry)
    for f in funding:
        if f.allocated_vnd:
            milestones.append(
                {
                    "id": f"allocation-{f.year}-{f.source}",
                    "title": f"Giao kế hoạch vốn năm {f.year} ({FUNDERS[FundingSource(f.source)][1]})",
                    "type": "financing",
                    "dueDate": _datetime(dt.date(f.year, 1, 1)),
                    "status": "met",
                    "value": _vnd(f.allocated_vnd),
                }
            )
    return milestones


def project(work: InfrastructureWork, *, today: dt.date) -> dict[str, Any]:
    """One work as an OC4IDS project: identifier, title, status, sector, location, budget with its
    breakdown by plan period and by funder, milestones and disbursements."""
    funding = sorted(work.annual_funding.all(), key=lambda f: (f.year, f.source))
    start, end = period_years(work.plan_period)
    owner = {"id": f"{work.zone.code}-OWNER", "name": work.owner}
    parties: list[dict[str, Any]] = [{"id": owner["id"], "name": work.owner, "roles": ["publicAuthority", "payee"]}]
    for source in sorted({f.source for f in funding}):
        party_id, name = FUNDERS[FundingSource(source)]
        parties.append({"id": party_id, "name": name, "roles": ["funder", "payer"]})
    locality = work.commune.full_name if work.commune else (work.gate_area.name if work.gate_area else "")
    address: dict[str, Any] = {"region": work.zone.province.full_name, "countryName": "Việt Nam"}
    if locality:
        address["locality"] = locality
    data: dict[str, Any] = {
        "id": f"{OCID_PREFIX}-{work.zone.code}-{work.code}",
        "updated": _datetime(today),
        "language": "vi",
        "title": work.name,
        "description": work.description or work.name,
        "status": work.status,
        "type": "construction",
        "sector": SECTORS.get(work.kind, ["economy"]),
        "period": {"startDate": _datetime(dt.date(start, 1, 1)), "endDate": _datetime(dt.date(end, 12, 31))},
        "publicAuthority": owner,
        "parties": parties,
        "locations": [{"id": "1", "description": work.location, "address": address}],
        "budget": {
            "description": f"Nhu cầu vốn giai đoạn {work.get_plan_period_display()}",
            "amount": _vnd(work.capital_need_vnd),
            "budgetBreakdowns": [
                {
                    "id": "plan-period",
                    "description": "Kế hoạch đầu tư công trung hạn theo giai đoạn",
                    "budgetBreakdown": [
                        {
                            "id": work.plan_period,
                            "description": f"Vốn trung hạn giao giai đoạn {work.get_plan_period_display()}",
                            "amount": _vnd(work.medium_term_allocation_vnd),
                            "period": data_period(start, end),
                            "sourceParty": owner,
                        }
                    ],
                },
                *(
                    [
                        {
                            "id": "funder",
                            "description": "Kế hoạch vốn hằng năm theo nguồn vốn",
                            "budgetBreakdown": [
                                {
                                    "id": f"{f.year}-{f.source}",
                                    "description": f"Năm {f.year}, {FUNDERS[FundingSource(f.source)][1]}",
                                    "amount": _vnd(f.allocated_vnd),
                                    "period": data_period(f.year, f.year),
                                    "sourceParty": {
                                        "id": FUNDERS[FundingSource(f.source)][0],
                                        "name": FUNDERS[FundingSource(f.source)][1],
                                    },
                                }
                                for f in funding
                            ],
                        }
                    ]
                    if funding
                    else []
                ),
            ],
        },
    }
    milestones = _milestones(work, funding, today)
    if milestones:
        data["milestones"] = milestones
    transactions = [
        {
            "id": f"disbursement-{f.year}-{f.source}",
            "date": _datetime(dt.date(f.year, 12, 31)),
            "value": _vnd(f.disbursed_vnd),
            "payer": {"id": FUNDERS[FundingSource(f.source)][0], "name": FUNDERS[FundingSource(f.source)][1]},
            "payee": owner,
        }
        for f in funding
        if f.disbursed_vnd
    ]
    if transactions:
        data["transactions"] = transactions
    if work.status == WorkStatus.COMPLETION and work.completed_on:
        data["completion"] = {"endDate": _datetime(work.completed_on)}
    return data


def data_period(start_year: int, end_year: int) -> dict[str, str]:
    return {"startDate": _datetime(dt.date(start_year, 1, 1)), "endDate": _datetime(dt.date(end_year, 12, 31))}


def package(
    works: Iterable[InfrastructureWork], *, uri: str, publisher: str, published: dt.datetime, today: dt.date
) -> dict[str, Any]:
    """The project package; at least one project, since the schema requires it (callers check first)."""
    return {
        "uri": uri,
        "version": VERSION,
        "publishedDate": published.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "publisher": {"name": publisher},
        "projects": [project(w, today=today) for w in works],
    }


@cache
def _schemas() -> tuple[dict[str, Any], dict[str, Any]]:
    package_schema = json.loads((SCHEMA_DIR / "project-package-schema.json").read_text(encoding="utf-8"))
    project_schema = json.loads((SCHEMA_DIR / "project-schema.json").read_text(encoding="utf-8"))
    return package_schema, project_schema


def validation_errors(data: dict[str, Any]) -> list[str]:
    """Every way `data` departs from the OC4IDS package schema (empty when valid)."""
    from jsonschema import Draft4Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    package_schema, project_schema = _schemas()
    registry: Registry[Any] = Registry().with_resources(
        [
            (project_schema["id"], Resource.from_contents(project_schema, default_specification=DRAFT4)),
            (package_schema["id"], Resource.from_contents(package_schema, default_specification=DRAFT4)),
        ]
    )
    validator = Draft4Validator(package_schema, registry=registry)
    return [f"{'/'.join(str(p) for p in e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


@cache
def codelist(name: str) -> frozenset[str]:
    """The codes of one of the shipped OC4IDS codelists."""
    with (SCHEMA_DIR / "codelists" / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return frozenset(row["Code"] for row in csv.DictReader(fh))
