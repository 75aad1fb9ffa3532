"""The register list as a table for CSV/XLSX export (access/exporting.py answers at once or runs a job)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _

from borderzone.access.exporting import Export, register_exporter
from borderzone.register import selectors
from borderzone.register.presenters import lateness_readable, project_rows
from borderzone.register.views.staff import list_filters

EXPORT_HEADERS = [
    "code",
    "name",
    "zone",
    "ownership",
    "investors",
    "gate_area",
    "sector",
    "status",
    "certificate_date",
    "currency",
    "registered_capital",
    "equity",
    "registered_capital_vnd",
    "disbursed_vnd",
    "disbursed_usd",
    "deposit_vnd",
    "late_milestones",
    "flags",
    "published",
]

MONEY = "#,##0"


@register_exporter("projects")
def project_table(user: Any, params: dict[str, list[str]]) -> Export:
    """The register list `user` reads, filtered as the list page is by `params`, one row a project."""
    query = QueryDict(mutable=True)
    for key, values in params.items():
        query.setlist(key, values)
    _form, filters = list_filters(user, query)
    projects, evaluations = selectors.project_list(user, filters)
    readable = lateness_readable(user)

    def rows() -> Iterator[list[Any]]:
        # Keyset chunks on the project code (no OFFSET), each evaluated and then forgotten.
        for chunk in selectors.keyset_chunks(projects, 1000):
            page_evaluations = (
                evaluations
                if not isinstance(evaluations, selectors.PageEvaluations)
                else (selectors.PageEvaluations(filters.as_of))
            )
            for item in project_rows(chunk, filters.as_of, page_evaluations, readable=readable):
                cert = item["certificate"] or {}
                yield [
                    item["code"],
                    item["name"],
                    item["zone"],
                    item["ownership"],
                    "; ".join(i["name"] for i in item["investors"]),
                    item["gate_area"] or "",
                    f"{item['sector']['code']} (VSIC {item['sector']['version']})" if item["sector"] else "",
                    item["status"],
                    cert.get("issued_on"),
                    cert.get("currency", ""),
                    cert.get("total_capital"),
                    cert.get("equity"),
                    cert.get("total_capital_vnd"),
                    item["disbursed"]["VND"],
                    item["disbursed"]["USD"],
                    item["deposit_vnd"],
                    ", ".join(item.get("late", [])),
                    "; ".join(f"{f['code']} ({f['law']}, {f['article']})" for f in item.get("flags", [])),
                    "yes" if item["published"] else "no",
                ]

    return Export(
        name=f"projects-{filters.as_of.isoformat()}",
        title=_("Projects"),
        headers=EXPORT_HEADERS,
        total=projects.count(),
        rows=rows,
        number_formats={8: "dd/mm/yyyy", 10: MONEY, 11: MONEY, 12: MONEY, 13: MONEY, 14: MONEY, 15: MONEY},
    )
