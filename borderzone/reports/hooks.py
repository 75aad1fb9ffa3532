"""What other apps add to the dashboard and the written summary, kept apart from this app's own figures.

An app contributes a module `<app>.report_sections` (found through core.registry) with
`summary_paragraph(zone, as_of) -> str` (a sentence, "" when it has no figures) and
`dashboard_section(zone, as_of) -> dict | None` (a context rendered by the template named in its
"template" key), and optionally `report_list_section(today) -> dict | None` for the reports page and
`SCOPES`: the data versions its sentence reads, which the written summary's cache adds to its own. The
reporting app adds what investors reported and the deadlines of the board's own reports this way."""

from __future__ import annotations

import datetime as dt
from typing import Any

from borderzone.core.registry import app_modules
from borderzone.zones.models import EconomicZone


def summary_paragraphs(zone: EconomicZone, as_of: dt.date) -> list[str]:
    return [text for _app, module in app_modules("report_sections") if (text := module.summary_paragraph(zone, as_of))]


def summary_scopes() -> tuple[str, ...]:
    """The data versions the other apps' sentences read (their `SCOPES`), for the written summary's cache."""
    return tuple(scope for _app, module in app_modules("report_sections") for scope in getattr(module, "SCOPES", ()))


def dashboard_sections(zone: EconomicZone, as_of: dt.date) -> list[dict[str, Any]]:
    return [
        section for _app, module in app_modules("report_sections") if (section := module.dashboard_section(zone, as_of))
    ]


def report_list_sections(today: dt.date) -> list[dict[str, Any]]:
    return [
        section
        for _app, module in app_modules("report_sections")
        if hasattr(module, "report_list_section") and (section := module.report_list_section(today))
    ]
