"""The written summary: the paragraphs a leader writes in a status report, generated from the data
"as of" a day, in Vietnamese or English. A sentence whose figures are absent is left out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from borderzone.access.permissions import can_view_zone
from borderzone.core.cache import cached, zone_scopes
from borderzone.core.formatting import format_date, format_money, format_percent, unconverted_note
from borderzone.core.money import Money
from borderzone.reports import hooks
from borderzone.zones.models import EconomicZone

if TYPE_CHECKING:
    from borderzone.access.permissions import AnyUser

# Every app whose data the text reads (with the other apps' sentences' `hooks.summary_scopes()`): a write
# to any of them in the zone, or tied to no zone, makes a new text.
SCOPES = ("investments", "trade", "infrastructure", "planning", "zones")


@dataclass
class SummaryText:
    zone: EconomicZone
    as_of: dt.date
    from_year: int
    to_year: int
    lang: str
    paragraphs: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def _money_parts(amounts: dict[str, Any]) -> str:
    """'11 triệu USD và 618 tỷ đồng': the currencies with an amount, USD first as the article writes it."""
    parts = [format_money(Money(amounts[c], c)) for c in ("USD", "VND") if amounts.get(c)]
    return _(" and ").join(parts)


def _investment_paragraph(zone: EconomicZone, day: dt.date, today: dt.date) -> str:
    from borderzone.register.selectors import summary

    data = summary(day, zone)
    total = data["projects"]["total"]
    if not total:
        return ""
    when = _("To date") if day >= today else _("As of %(date)s") % {"date": format_date(day)}
    # The Vietnamese short name ("Khu KTCK Cao Bằng") reads like the board's reports; other languages use the full name.
    place = zone.short_name if translation.get_language() == "vi" and zone.short_name else zone.display_name
    sentences = [
        ngettext(
            "%(when)s, the %(zone)s has %(n)s domestic and foreign investment project",
            "%(when)s, the %(zone)s has %(n)s domestic and foreign investment projects",
            total,
        )
        % {"when": when, "zone": place, "n": total}
    ]
    if data["terminated"]:
        sentences[0] += " " + ngettext(
            "(not counting %(n)s terminated project)", "(not counting %(n)s terminated projects)", data["terminated"]
        ) % {"n": data["terminated"]}
    clauses = []
    for ownership in ("foreign", "domestic"):
        n = data["projects"][ownership]
        if not n:
            continue
        registered = _money_parts(data["registered_capital"][ownership])
        disbursed = _money_parts(data["disbursed_capital"][ownership])
        if ownership == "foreign":
            clause = ngettext("%(n)s foreign-invested project", "%(n)s foreign-invested projects", n) % {"n": n}
        else:
            clause = ngettext("%(n)s domestic project", "%(n)s domestic projects", n) % {"n": n}
        if registered:
            clause += " " + _("registering %(amount)s") % {"amount": registered}
        if disbursed:
            clause += " " + _("(%(amount)s disbursed)") % {"amount": disbursed}
        clauses.append(clause)
    sentences[0] += _(", of which: ") + "; ".join(clauses) + "." if clauses else "."
    if data["unconverted_usd"]["projects"]:
        # A VND total would leave out capital in USD with no rate yet: the total of what is converted, and the mark.
        sentences.append(
            _("Registered capital (VND equivalent): %(amount)s %(note)s.")
            % {
                "amount": format_money(Money(data["registered_capital_vnd_equivalent"]["total"], "VND")),
                "note": unconverted_note(data["unconverted_usd"]),
            }
        )
    by_status = data["by_status"]
    states = []
    if by_status.get("operating"):
        states.append(
            ngettext("%(n)s project is operating", "%(n)s projects are operating", by_status["operating"])
            % {"n": by_status["operating"]}
        )
    if by_status.get("implementing"):
        states.append(
            ngettext("%(n)s is being implemented", "%(n)s are being implemented", by_status["implementing"])
            % {"n": by_status["implementing"]}
        )
    other = sum(by_status.get(s, 0) for s in ("preparing", "suspended", "partly_terminated"))
    if other:
        states.append(
            ngettext("%(n)s has not started or is suspended", "%(n)s have not started or are suspended", other)
            % {"n": other}
        )
    if states:
        sentences.append(_capitalise(", ".join(states)) + ".")
    if data["late"]:
        late = ngettext(
            "%(n)s project is behind the schedule committed in its investment registration certificate",
            "%(n)s projects are behind the schedule committed in their investment registration certificates",
            data["late"],
        ) % {"n": data["late"]}
        # The part is counted from the same late projects as its whole (selectors.late_counts).
        if data["late_flagged"]:
            late += _(", of which %(n)s meet a legal ground for the board to act") % {"n": data["late_flagged"]}
        sentences.append(late + ".")
    if data["flagged_not_late"]:
        sentences.append(
            ngettext(
                "%(n)s project not behind its schedule also meets a legal ground for the board to act.",
                "%(n)s projects not behind their schedules also meet a legal ground for the board to act.",
                data["flagged_not_late"],
            )
            % {"n": data["flagged_not_late"]}
        )
    return " ".join(sentences)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _growth(rate: float, years: tuple[int, int] | None) -> str:
    """Average growth, naming the complete years it is taken between."""
    first, last = years or (0, 0)
    return _(", growing %(rate)s a year on average between %(first)s and %(last)s (complete years)") % {
        "rate": format_percent(rate),
        "first": first,
        "last": last,
    }


def _trade_span(from_year: int, to_year: int, last_month: dt.date | None) -> str:
    """'2016–2026', or '2016–11/2026' when the figures of the last year stop before December."""
    if last_month is not None and last_month.year == to_year and last_month.month < 12:
        return f"{from_year}–{last_month.month:02d}/{to_year}"
    return f"{from_year}–{to_year}"


def _trade_paragraph(zone: EconomicZone, from_year: int, to_year: int, published_only: bool) -> str:
    from borderzone.trade.selectors import summary

    data = summary(
        zone=zone,
        start=dt.date(from_year, 1, 1),
        end=dt.date(to_year, 12, 1),
        published_only=published_only,
        with_previous=False,
        with_sources=False,
    )
    turnover = data.totals["turnover_usd"]
    revenue = data.totals["revenue_vnd"]
    span = _trade_span(from_year, to_year, data.last_month)
    sentences = []
    if turnover:
        sentence = _("In %(span)s, import-export turnover through the zone's gates reached %(amount)s") % {
            "span": span,
            "amount": format_money(Money(turnover, "USD")),
        }
        if data.turnover_growth is not None:
            sentence += _growth(data.turnover_growth, data.growth_span)
        sentences.append(sentence + ".")
    if revenue:
        sentence = _("Budget revenue collected in the zone totalled %(amount)s") % {
            "amount": format_money(Money(revenue, "VND"))
        }
        if data.revenue_growth is not None:
            sentence += _growth(data.revenue_growth, data.growth_span)
        shares = list(data.revenue_share.values())
        if shares:
            low, high = min(shares), max(shares)
            share = (
                format_percent(low)
                if round(low, 3) == round(high, 3)
                else f"{format_percent(low)}–{format_percent(high)}"
            )
            sentence += _(", %(share)s of the province's budget revenue estimate each year") % {"share": share}
        sentences.append(sentence + ".")
    return " ".join(sentences)


def _infrastructure_paragraph(zone: EconomicZone, from_year: int, to_year: int, user: AnyUser) -> str:
    from borderzone.infrastructure.selectors import capital_summary, visible_works

    data = capital_summary(visible_works(user).filter(zone=zone), from_year=from_year, to_year=to_year)
    span = f"{from_year}–{to_year}"
    if data.need_vnd and data.allocated_vnd:
        return _(
            "In %(span)s, gate infrastructure needed about %(need)s of investment; %(allocated)s was allocated, "
            "meeting %(coverage)s of the need."
        ) % {
            "span": span,
            "need": format_money(Money(data.need_vnd, "VND")),
            "allocated": format_money(Money(data.allocated_vnd, "VND")),
            "coverage": format_percent(data.allocated_vnd / data.need_vnd),
        }
    if data.need_vnd:
        return _("In %(span)s, gate infrastructure needed about %(need)s of investment.") % {
            "span": span,
            "need": format_money(Money(data.need_vnd, "VND")),
        }
    if data.allocated_vnd:
        return _("In %(span)s, %(allocated)s was allocated to gate infrastructure.") % {
            "span": span,
            "allocated": format_money(Money(data.allocated_vnd, "VND")),
        }
    return ""


def _plan_paragraph(zone: EconomicZone, day: dt.date, user: AnyUser) -> str:
    from borderzone.planning.selectors import visible_goals

    overdue = visible_goals(user).filter(zone=zone).overdue(day).count()
    if not overdue:
        return ""
    return ngettext(
        "%(n)s goal of the development plan is past its target date and not yet reached.",
        "%(n)s goals of the development plan are past their target dates and not yet reached.",
        overdue,
    ) % {"n": overdue}


def summary_text(
    *, zone: EconomicZone, as_of: dt.date, from_year: int, to_year: int, lang: str, user: AnyUser
) -> SummaryText:
    """The summary paragraphs for `zone` as of `as_of`, trade and infrastructure over the span of years.

    Cached under the zone's data versions of every app it reads (the other apps' sentences too: what
    investors reported); what a caller sees depends only on whether they are staff of the zone
    (unpublished trade figures, works and goals)."""
    result = SummaryText(zone=zone, as_of=as_of, from_year=from_year, to_year=to_year, lang=lang)
    staff = can_view_zone(user, zone)
    today = timezone.localdate()

    def compute() -> list[str]:
        with translation.override(lang):
            paragraphs: list[Any] = [
                _investment_paragraph(zone, as_of, today),
                _trade_paragraph(zone, from_year, to_year, not staff),
                _infrastructure_paragraph(zone, from_year, to_year, user),
                _plan_paragraph(zone, as_of, user),
                *hooks.summary_paragraphs(zone, as_of),  # other apps' sentences (reports/hooks.py)
            ]
        return [p for p in paragraphs if p]

    key = f"summary-text:{zone.pk}:{as_of.isoformat()}:{today.isoformat()}:{from_year}:{to_year}:{lang}:{int(staff)}"
    scopes = tuple(dict.fromkeys((*SCOPES, *hooks.summary_scopes())))
    result.paragraphs = cached(zone_scopes(scopes, zone.pk), key, compute)
    return result
