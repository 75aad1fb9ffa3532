"""Writes on trade figures and budgets: validate, save, keep the earlier values, audit, bump the
trade data version — in one transaction."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from borderzone.access.actors import Actor
from borderzone.access.audit import snapshot
from borderzone.access.services import ModelWrites, Outcome
from borderzone.core.jobs import sweep_stale_jobs
from borderzone.gates.models import BorderGate
from borderzone.trade.models import (
    AMOUNT_FIELDS,
    COUNT_FIELDS,
    TRADE_SCOPE,
    CommodityFigure,
    Direction,
    FigureStatus,
    ForecastStatus,
    ProvinceBudget,
    TradeFigure,
    TradeFigureRevision,
    TradeForecast,
)
from borderzone.zones.models import EconomicZone


def _check_values(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(AMOUNT_FIELDS) - set(COUNT_FIELDS)
    if unknown:
        raise ValueError(f"Unknown trade figure fields: {sorted(unknown)}")
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    for name, value in values.items():
        if value is None:
            clean[name] = None if name in COUNT_FIELDS else Decimal(0)
            continue
        if name in AMOUNT_FIELDS:
            value = Decimal(value)
        if value < 0:
            errors[name] = _("The value cannot be negative.")
        clean[name] = value
    if errors:
        raise ValidationError(errors)
    return clean


def _values_of(figure: TradeFigure) -> dict[str, Any]:
    data = snapshot(figure, fields=[*AMOUNT_FIELDS, *COUNT_FIELDS, "status", "source"])
    return data


# A month's figures of a gate: the numbers, and what the service decides (status, source, revision).
FIGURES = ModelWrites(
    TradeFigure,
    (*AMOUNT_FIELDS, *COUNT_FIELDS),
    TRADE_SCOPE,
    clash_field="month",
    zone_of=lambda figure: figure.gate.zone_id,
)


@transaction.atomic
def figure_record(
    *,
    gate: BorderGate,
    month: dt.date,
    values: dict[str, Any],
    source: str,
    status: str | None = None,
    actor: Actor,
    is_illustrative: bool = False,
    bump: bool = True,
) -> tuple[TradeFigure, Outcome]:
    """Record a gate's figures for a month; replacing different figures keeps the old ones as a revision.

    Fields not in `values` keep their stored value. A final figure replaced by different values becomes
    "revised" unless the caller says "provisional".
    """
    if month.day != 1:
        raise ValidationError({"month": _("A month is stored as its first day.")})
    if not source.strip():
        raise ValidationError({"source": _("Every figure needs its source.")})
    if status is not None and status not in FigureStatus.values:
        raise ValidationError({"status": _("Unknown status: %(value)s") % {"value": status}})
    clean = _check_values(values)
    figure = TradeFigure.objects.select_for_update().filter(gate=gate, month=month).first()
    if figure is None:
        parents = {"gate": gate, "month": month, "is_illustrative": is_illustrative}
        first = {"source": source.strip(), "status": status or FigureStatus.FINAL}
        return FIGURES.record(None, actor, clean, parents=parents, also=first, defer_bump=not bump)

    figure.gate = gate  # the bump reads the gate's zone
    old_values = _values_of(figure)
    proposed = copy.copy(figure)
    for name, value in clean.items():
        setattr(proposed, name, value)
    numbers = (*AMOUNT_FIELDS, *COUNT_FIELDS)
    numbers_changed = snapshot(proposed, fields=numbers) != {name: old_values[name] for name in numbers}
    new_status = status or figure.status
    if numbers_changed and old_values["status"] in (FigureStatus.FINAL, FigureStatus.REVISED):
        if new_status == FigureStatus.FINAL:
            new_status = FigureStatus.REVISED
    also: dict[str, Any] = {"status": new_status, "source": source.strip()}
    if numbers_changed:
        TradeFigureRevision.objects.create(
            figure=figure,
            revision=figure.revision,
            values=old_values,
            status=old_values["status"],
            source=old_values["source"],
            replaced_by=actor.user,
        )
        also["revision"] = figure.revision + 1
    note = _("revision %(n)d") % {"n": figure.revision + 1} if numbers_changed else ""
    return FIGURES.record(figure, actor, clean, also=also, note=note, defer_bump=not bump)


BUDGET_FIELDS = ("estimate_vnd", "actual_vnd", "collection_target_vnd", "status", "source")
BUDGETS = ModelWrites(
    ProvinceBudget, (*BUDGET_FIELDS, "is_illustrative"), TRADE_SCOPE, zone_of=lambda budget: budget.zone_id
)


@transaction.atomic
def budget_record(*, zone: EconomicZone, year: int, actor: Actor, **fields: Any) -> tuple[ProvinceBudget, Outcome]:
    """Record the province's budget revenue (estimate, actual) and the zone's collection target for a year."""
    unknown = set(fields) - set(BUDGET_FIELDS) - {"is_illustrative"}
    if unknown:
        raise ValueError(f"Unknown budget fields: {sorted(unknown)}")
    for name in ("estimate_vnd", "actual_vnd", "collection_target_vnd"):
        value = fields.get(name)
        if value is not None and Decimal(value) < 0:
            raise ValidationError({name: _("The value cannot be negative.")})
    budget = ProvinceBudget.objects.select_for_update().filter(zone=zone, year=year).first()
    return BUDGETS.record(budget, actor, fields, parents={"zone": zone, "year": year})


def forecast_request(*, zone: EconomicZone, gate: BorderGate | None) -> TradeForecast:
    """The forecast for the current trade data, queued for the worker if there is none yet.

    Forecasts are derived data, kept like a cache (keyed by the trade data version), so they have no
    audit rows."""
    from borderzone.core.cache import current_version, zone_scopes
    from borderzone.trade.tasks import run_trade_forecast

    forecasts_sweep_stale()
    # The zone's own trade version: a write in another zone leaves this zone's forecasts valid.
    version = current_version(*zone_scopes((TRADE_SCOPE,), zone.pk))
    with transaction.atomic():
        forecast, created = TradeForecast.objects.get_or_create(zone=zone, gate=gate, data_version=version)
        if created:
            transaction.on_commit(lambda: run_trade_forecast.enqueue(forecast.pk))
    forecast.refresh_from_db()
    return forecast


def forecasts_sweep_stale(now: dt.datetime | None = None) -> int:
    """Mark failed every running forecast whose worker gave no sign of life for REPORT_JOB_STALE_MINUTES
    (killed or restarted: nothing else would finish it); returns how many. Such a forecast can run again."""
    return sweep_stale_jobs(
        TradeForecast,
        minutes=settings.REPORT_JOB_STALE_MINUTES,
        running=ForecastStatus.RUNNING,
        failed=ForecastStatus.FAILED,
        message=_("the worker computing it gave no sign of life for %(minutes)d minutes. Run it again."),
        started_field="created_at",
        also={"stalled": True},
        now=now,
    )


def forecast_rerun(*, forecast: TradeForecast) -> TradeForecast:
    """Queue again a forecast whose worker died (the same row: it stands for the same trade data)."""
    from borderzone.trade.tasks import run_trade_forecast

    if not forecast.stalled:
        raise ValidationError(_("Only a forecast whose worker stopped can be run again."))
    with transaction.atomic():
        changed = TradeForecast.objects.filter(pk=forecast.pk, stalled=True).update(
            status=ForecastStatus.PENDING, stalled=False, error="", steps_done=0, finished_at=None
        )
        if changed:
            transaction.on_commit(lambda: run_trade_forecast.enqueue(forecast.pk))
    forecast.refresh_from_db()
    return forecast


COMMODITIES = ModelWrites(CommodityFigure, ("value_usd",), TRADE_SCOPE, zone_of=lambda item: item.figure.gate.zone_id)


@transaction.atomic
def commodity_record(
    *, figure: TradeFigure, hs_chapter: str, direction: str, value_usd: Decimal, actor: Actor, bump: bool = True
) -> tuple[CommodityFigure, Outcome]:
    """Record the part of a monthly figure in one HS chapter and direction."""
    if direction not in Direction.values:
        raise ValidationError({"direction": _("Unknown direction: %(value)s") % {"value": direction}})
    if value_usd < 0:
        raise ValidationError({"value_usd": _("The value cannot be negative.")})
    item = CommodityFigure.objects.filter(figure=figure, hs_chapter=hs_chapter, direction=direction).first()
    if item is not None:
        item.figure = figure  # the bump reads the figure's gate
    parents = {"figure": figure, "hs_chapter": hs_chapter, "direction": direction}
    return COMMODITIES.record(item, actor, {"value_usd": value_usd}, parents=parents, defer_bump=not bump)
