"""The register list as a table for CSV/XLSX export (access/exporting.py answers at once or runs a job)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from borderzone.access.exporting import Export, register_exporter
from borderzone.core.i18n import written_header
from borderzone.register import selectors
from borderzone.register.importing import EXPORT_COLUMNS, WRITTEN_COLUMNS, export_facts, export_values
from borderzone.register.models import MilestoneKind
from borderzone.register.presenters import lateness_readable, project_rows
from borderzone.register.views.staff import list_filters

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


@register_exporter("projects")
def project_table(user: Any, params: dict[str, list[str]]) -> Export:
    """The register list `user` reads, filtered as the list page is by `params`, one row a project: headers
    in the reader's language in the first row, the import's column codes in the second (so the file comes
    back through the import with nothing changed), then information columns the import does not read."""
    query = QueryDict(mutable=True)
    for key, values in params.items():
        query.setlist(key, values)
    _form, filters = list_filters(user, query)
    projects, evaluations = selectors.project_list(user, filters)
    readable = lateness_readable(user)
    milestones = dict(MilestoneKind.choices)

    def rows() -> Iterator[list[Any]]:
        # Keyset chunks on the project code (no OFFSET), each evaluated and then forgotten.
        for chunk in selectors.keyset_chunks(projects, 1000):
            page_evaluations = (
                evaluations
                if not isinstance(evaluations, selectors.PageEvaluations)
                else (selectors.PageEvaluations(filters.as_of))
            )
            facts = export_facts(chunk, filters.as_of)
            for project, item in zip(
                chunk, project_rows(chunk, filters.as_of, page_evaluations, readable=readable), strict=True
            ):
                cert = item["certificate"] or {}
                yield [
                    *export_values(project, item, facts),
                    project.zone.display_name,
                    "; ".join(f"{i['name']} ({i['share_percent'].normalize():f}%)" for i in item["investors"]),
                    cert.get("total_capital_vnd"),
                    item["disbursed"]["VND"],
                    item["disbursed"]["USD"],
                    item["deposit_vnd"],
                    ", ".join(str(milestones.get(k, k)) for k in item.get("late", [])),
                    "; ".join(f"{f['name']} ({f['law']}, {f['article']})" for f in item.get("flags", [])),
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
