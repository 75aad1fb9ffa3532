"""The board's periodic reports, each in Excel (one sheet per table, numbers as numbers, headers
frozen, a sheet of sources and the "as of" date) and PDF (A4, fonts embedded, charts drawn as SVG
on the server, page numbers, the board's name and the report's date)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from borderzone.core.formatting import format_date, format_datetime, format_money, unconverted_note
from borderzone.core.money import Money
from borderzone.core.pdf import render_pdf
from borderzone.core.spans import year_span
from borderzone.core.tabular import Sheet, write_xlsx
from borderzone.reports.registry import register_report
from borderzone.zones.models import EconomicZone

Progress = Callable[[int], None]


def _params(params: dict[str, Any]) -> tuple[dt.date, int, int]:
    as_of = dt.date.fromisoformat(params["as_of"])
    years = (params.get("from_year"), params.get("to_year"))
    start, end = year_span(as_of, *(int(y) if y else None for y in years))
    return as_of, start, end


def _register_rows(zone: EconomicZone, as_of: dt.date) -> tuple[list[str], list[list[Any]]]:
    """The register table of `zone` on `as_of`, every project existing that day (terminated ones included):
    read in keyset chunks with lateness and flags as SQL conditions on the state row covering the day
    (`register.exporting.register_records`), no per-project evaluation in Python."""
    from borderzone.register import selectors
    from borderzone.register.exporting import FIELD, register_records
    from borderzone.register.models import Project, Status, rule_name
    from borderzone.register.setwise import rules_in_force
    from borderzone.register.states import KINDS

    labels = {value: str(label) for value, label in Status.choices}
    rules = rules_in_force(as_of)
    names = [rule_name(r.condition, r.months) for r in rules]
    listed = selectors.projects_as_of(as_of, Project.objects.filter(zone=zone), zone.pk)
    headers = [
        _("Project code"),
        _("Project"),
        _("Domestic or foreign"),
        _("Investors"),
        _("Gate area"),
        _("Status"),
        _("Certificate date"),
        _("Currency"),
        _("Registered capital"),
        _("Registered capital (VND equivalent)"),
        _("Disbursed (VND)"),
        _("Disbursed (USD)"),
        _("Late milestones"),
        _("Legal flags"),
    ]
    foreign, domestic, not_converted = _("foreign"), _("domestic"), _("not converted")
    late_at, flags_at = len(FIELD), len(FIELD) + len(KINDS)
    body = []
    for row, investors in register_records(listed, as_of, rules):
        status, capital_vnd = row[FIELD["as_of_status"]], row[FIELD["states__version__total_capital_vnd"]]
        body.append(
            [
                row[FIELD["code"]],
                row[FIELD["name"]],
                foreign if row[FIELD["ownership"]] == "foreign" else domestic,
                "; ".join(f"{name} ({country})" for name, country, _tax, _share in investors),
                row[FIELD["gate_area__name"]] or "",
                labels.get(status, status),
                row[FIELD["states__version__issued_on"]],
                row[FIELD["states__version__currency"]],
                row[FIELD["states__version__total_capital"]],
                # Capital in USD with no reference rate on its certificate date: said, never a zero.
                not_converted if capital_vnd is None else capital_vnd,
                row[FIELD["x_disbursed_vnd"]] or Decimal(0),
                row[FIELD["x_disbursed_usd"]] or Decimal(0),
                sum(1 for late in row[late_at:flags_at] if late),
                ", ".join(name for name, flagged in zip(names, row[flags_at:], strict=True) if flagged),
            ]
        )
    return headers, body


def _register_sheet(headers: list[str], rows: list[list[Any]]) -> Sheet:
    return Sheet(
        _("Projects"), headers, rows, number_formats={6: "dd/mm/yyyy", 8: "#,##0", 9: "#,##0", 10: "#,##0", 11: "#,##0"}
    )


def _trade_rows(zone: EconomicZone, from_year: int, to_year: int) -> tuple[list[str], list[list[Any]], Any]:
    from borderzone.trade import selectors

    data = selectors.summary(zone=zone, start=dt.date(from_year, 1, 1), end=dt.date(to_year, 12, 1))
    headers = [
        _("Year"),
        pgettext("trade direction", "Export") + " (USD)",
        pgettext("trade direction", "Import") + " (USD)",
        _("Turnover") + " (USD)",
        _("Budget revenue") + " (VND)",
        _("Months with figures"),
        _("Share of the province's estimate"),
    ]
    rows = [
        [
            y["year"],
            y["export_usd"],
            y["import_usd"],
            y["turnover_usd"],
            y["revenue_vnd"],
            y["months"],
            data.revenue_share.get(str(y["year"])),
        ]
        for y in data.years
    ]
    return headers, rows, data


def _status_chart(summary: dict[str, Any]) -> str:
    from borderzone.register.models import Status

    labels = dict(Status.choices)
    return _bar_svg(
        [str(labels[s]) for s in summary["by_status"]],
        [("", [float(v) for v in summary["by_status"].values()])],
        _("Projects by status"),
    )


def _bar_svg(categories: list[str], series: list[tuple[str, list[float]]], title: str) -> str:
    """A bar chart as SVG text (matplotlib, glyphs drawn as paths so no font is needed in the PDF)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    fig, ax = plt.subplots(figsize=(7.5, 3.0), dpi=100)
    bottom = [0.0] * len(categories)
    for name, values in series:
        ax.bar(categories, values, bottom=bottom, label=name or None)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_title(title, fontsize=10)
    ax.tick_params(axis="x", labelsize=7, rotation=20)
    ax.tick_params(axis="y", labelsize=7)
    if any(name for name, _v in series):
        ax.legend(fontsize=7)
    fig.tight_layout()
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")
    plt.close(fig)
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]


def _sources_sheet(zone: EconomicZone, as_of: dt.date, from_year: int, to_year: int, notes: list[str]) -> Sheet:
    rows: list[list[Any]] = [
        [_("Management board"), zone.board_name],
        [_("Zone"), zone.display_name],
        [_("As of"), as_of],
        [_("Span of years"), f"{from_year}–{to_year}"],
        [_("Prepared at"), format_datetime(timezone.now())],
        [
            _("Sources"),
            _("BorderZone register of investment projects, trade statistics and infrastructure records of the board"),
        ],
    ]
    rows += [[_("Note"), note] for note in notes]
    return Sheet(
        _("Sources and dates"), [_("Item"), _("Value")], rows, number_formats={1: "dd/mm/yyyy"}, widths={0: 28, 1: 90}
    )


def _filename(kind: str, zone: EconomicZone, as_of: dt.date, fmt: str) -> str:
    return f"{kind}-{zone.code}-{as_of.isoformat()}.{fmt}"


def _build(
    kind: str,
    title: Any,
    *,
    zone: EconomicZone,
    params: dict[str, Any],
    fmt: str,
    language: str,
    progress: Progress,
    user: Any,
    register: bool,
    trade: bool,
) -> tuple[str, bytes] | tuple[str, bytes, str, bytes]:
    from borderzone.register.selectors import summary as investment_summary
    from borderzone.reports.summary_text import summary_text

    as_of, from_year, to_year = _params(params)
    text = summary_text(zone=zone, as_of=as_of, from_year=from_year, to_year=to_year, lang=language, user=user)
    progress(20)
    inv = investment_summary(as_of, zone)
    reg_headers, reg_rows = _register_rows(zone, as_of) if register else ([], [])
    progress(50)
    trade_headers, trade_rows, trade_data = _trade_rows(zone, from_year, to_year) if trade else ([], [], None)
    progress(70)
    notes = []
    if register and inv["terminated"]:
        notes.append(
            ngettext(
                "The table of projects also lists %(n)s terminated project; the summary figures do not count it.",
                "The table of projects also lists %(n)s terminated projects; the summary figures do not count them.",
                inv["terminated"],
            )
            % {"n": inv["terminated"]}
        )
    if register and inv["unconverted_usd"]["projects"]:
        notes.append(
            _("Registered capital (VND equivalent): %(amount)s %(note)s.")
            % {
                "amount": format_money(Money(inv["registered_capital_vnd_equivalent"]["total"], "VND")),
                "note": unconverted_note(inv["unconverted_usd"]),
            }
        )
    if trade_data is not None and trade_data.illustrative:
        notes.append(_("The trade figures of this zone are illustrative demo data."))
    annex_name, annex = "", b""
    if fmt == "xlsx":
        key_rows: list[list[Any]] = [
            [_("Projects (terminated ones not counted)"), inv["projects"]["total"]],
            [_("Terminated, listed but not counted"), inv["terminated"]],
            [_("Foreign-invested"), inv["projects"]["foreign"]],
            [_("Domestic"), inv["projects"]["domestic"]],
            *[[_("Status") + ": " + code, n] for code, n in inv["by_status"].items()],
            [_("Late against their certificate"), inv["late"]],
            [_("Late, of which flagged by a legal rule"), inv["late_flagged"]],
            [_("Flagged by a legal rule"), inv["flagged"]],
            [_("Flagged by a legal rule, of which not late"), inv["flagged_not_late"]],
            [_("Registered capital, foreign (USD)"), inv["registered_capital"]["foreign"]["USD"]],
            [_("Registered capital, foreign (VND)"), inv["registered_capital"]["foreign"]["VND"]],
            [_("Registered capital, domestic (VND)"), inv["registered_capital"]["domestic"]["VND"]],
            [_("Registered capital (VND equivalent)"), inv["registered_capital_vnd_equivalent"]["total"]],
            [_("Projects with capital in USD not converted"), inv["unconverted_usd"]["projects"]],
            [_("Capital in USD not converted (USD)"), inv["unconverted_usd"]["amount"]],
            [_("Disbursed, foreign (VND)"), inv["disbursed_capital"]["foreign"]["VND"]],
            [_("Disbursed, domestic (VND)"), inv["disbursed_capital"]["domestic"]["VND"]],
        ]
        sheets = [
            Sheet(_("Summary"), [_("Figure"), _("Value")], key_rows, number_formats={1: "#,##0"}, widths={0: 42, 1: 22})
        ]
        sheets.append(Sheet(_("Text"), [_("Paragraph")], [[p] for p in text.paragraphs], widths={0: 140}))
        if register:
            sheets.append(_register_sheet(reg_headers, reg_rows))
        if trade:
            sheets.append(
                Sheet(
                    _("Trade"),
                    trade_headers,
                    trade_rows,
                    number_formats={1: "#,##0", 2: "#,##0", 3: "#,##0", 4: "#,##0", 6: "0.0%"},
                )
            )
        sheets.append(_sources_sheet(zone, as_of, from_year, to_year, notes))
        content = write_xlsx(sheets)
    else:
        if len(reg_rows) > settings.REPORT_PDF_REGISTER_MAX_ROWS:
            # A register of thousands of projects does not print (and took minutes and gigabytes to lay out):
            # it goes to an Excel annex, and the PDF says where.
            annex_name = _filename(kind, zone, as_of, "xlsx").replace(".xlsx", "-annex.xlsx")
            annex = write_xlsx(
                [_register_sheet(reg_headers, reg_rows), _sources_sheet(zone, as_of, from_year, to_year, notes)]
            )
            notes.insert(
                0,
                ngettext(
                    "The register of %(n)s project is in the Excel annex %(file)s.",
                    "The register of %(n)s projects is in the Excel annex %(file)s.",
                    len(reg_rows),
                )
                % {"n": len(reg_rows), "file": annex_name},
            )
            reg_rows = []
        charts = [_status_chart(inv)]
        if trade and trade_rows:
            charts.append(
                _bar_svg(
                    [str(r[0]) for r in trade_rows],
                    [
                        (pgettext("trade direction", "Export"), [float(r[1]) / 1e6 for r in trade_rows]),
                        (pgettext("trade direction", "Import"), [float(r[2]) / 1e6 for r in trade_rows]),
                    ],
                    _("Turnover by year (million USD)"),
                )
            )
        content = render_pdf(
            "reports/pdf_report.html",
            {
                "title": title,
                "zone": zone,
                "board_name": zone.board_name or zone.display_name,
                "document_date": format_date(timezone.localdate()),
                "as_of": as_of,
                "from_year": from_year,
                "to_year": to_year,
                "paragraphs": text.paragraphs,
                "charts": charts,
                "register_headers": reg_headers,
                "register_rows": reg_rows,
                "trade_headers": trade_headers,
                "trade_rows": trade_rows,
                "notes": notes,
            },
        )
    progress(95)
    if annex:
        return _filename(kind, zone, as_of, fmt), content, annex_name, annex
    return _filename(kind, zone, as_of, fmt), content


# code, title, with the register table, with the trade table
REPORTS = [
    ("annual_investment", gettext_lazy("Annual investment-monitoring report"), True, True),
    ("quarterly_summary", gettext_lazy("Quarterly summary"), False, True),
    ("register_table", gettext_lazy("Register of investment projects"), True, False),
    ("trade_table", gettext_lazy("Trade and budget revenue table"), False, True),
]
for _code, _title, _register, _trade in REPORTS:
    register_report(_code, _title)(partial(_build, _code, _title, register=_register, trade=_trade))
