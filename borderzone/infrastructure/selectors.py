"""Reads on infrastructure works, and the capital summary for a span of years."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from borderzone.access.permissions import zones_visible_to
from borderzone.infrastructure.models import AnnualFunding, InfrastructureWork, PlanPeriod, period_years
from borderzone.zones.models import EconomicZone

ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=18, decimal_places=0))


def visible_works(user: Any) -> QuerySet[InfrastructureWork]:
    """Published works, and every work of the zones whose internal data the user may read."""
    return InfrastructureWork.objects.filter(Q(is_published=True) | Q(zone__in=zones_visible_to(user)))


def _funding_sum(field: str) -> Coalesce:
    total = (
        AnnualFunding.objects.filter(work=OuterRef("pk"))
        .order_by()
        .values("work")
        .annotate(total=Sum(field))
        .values("total")
    )
    return Coalesce(Subquery(total, output_field=DecimalField(max_digits=18, decimal_places=0)), ZERO)


def work_list(
    user: Any, *, zone: EconomicZone | None = None, gate_area_id: int | None = None
) -> QuerySet[InfrastructureWork]:
    """Works the user may see, with their totals and the over-need flag computed in the database."""
    # Totals as correlated subqueries rather than a join and GROUP BY: a page of works then costs only
    # its own rows, whatever the number of annual records.
    qs = (
        visible_works(user)
        .select_related("zone", "gate_area", "commune")
        .annotate(
            allocated_total=_funding_sum("allocated_vnd"),
            disbursed_total=_funding_sum("disbursed_vnd"),
            confirmed_total=_funding_sum("treasury_confirmed_vnd"),
        )
        .annotate(
            over_need=ExpressionWrapper(
                Q(allocated_total__gt=F("capital_need_vnd")) | Q(medium_term_allocation_vnd__gt=F("capital_need_vnd")),
                output_field=BooleanField(),
            )
        )
    )
    if zone is not None:
        qs = qs.filter(zone=zone)
    if gate_area_id is not None:
        qs = qs.filter(gate_area_id=gate_area_id)
    return qs.order_by("zone__code", "plan_period", "code")


def work_detail(user: Any) -> QuerySet[InfrastructureWork]:
    return work_list(user).prefetch_related(
        Prefetch("annual_funding", queryset=AnnualFunding.objects.order_by("year", "source"))
    )


@dataclass(frozen=True)
class CapitalSummary:
    from_year: int
    to_year: int
    need_vnd: Decimal
    allocated_vnd: Decimal
    disbursed_vnd: Decimal
    treasury_confirmed_vnd: Decimal
    periods: tuple[str, ...]
    works: int

    @property
    def coverage(self) -> float | None:
        """Allocated / need, to three decimals; None when nothing was needed."""
        if not self.need_vnd:
            return None
        return float((self.allocated_vnd / self.need_vnd).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP))


def periods_inside(from_year: int, to_year: int) -> tuple[str, ...]:
    """The plan periods lying wholly inside the span of years."""
    return tuple(
        p.value for p in PlanPeriod if from_year <= period_years(p.value)[0] and period_years(p.value)[1] <= to_year
    )


def capital_summary(works: QuerySet[InfrastructureWork], *, from_year: int, to_year: int) -> CapitalSummary:
    """Need counts the plan periods lying inside the span; allocated, disbursed and confirmed count the
    annual records whose year is inside it. Two queries, whatever the number of works."""
    periods = periods_inside(from_year, to_year)
    need = works.filter(plan_period__in=periods).aggregate(need=Coalesce(Sum("capital_need_vnd"), ZERO), n=Count("pk"))
    money = AnnualFunding.objects.filter(work__in=works.values("pk"), year__gte=from_year, year__lte=to_year).aggregate(
        allocated=Coalesce(Sum("allocated_vnd"), ZERO),
        disbursed=Coalesce(Sum("disbursed_vnd"), ZERO),
        confirmed=Coalesce(Sum("treasury_confirmed_vnd"), ZERO),
    )
    return CapitalSummary(
        from_year=from_year,
        to_year=to_year,
        need_vnd=Decimal(need["need"]),
        allocated_vnd=Decimal(money["allocated"]),
        disbursed_vnd=Decimal(money["disbursed"]),
        treasury_confirmed_vnd=Decimal(money["confirmed"]),
        periods=periods,
        works=need["n"],
    )


def funding_by_source(works: QuerySet[InfrastructureWork], *, from_year: int, to_year: int) -> list[dict[str, Any]]:
    """Allocated, disbursed and confirmed per funding source over the span."""
    rows = (
        AnnualFunding.objects.filter(work__in=works.values("pk"), year__gte=from_year, year__lte=to_year)
        .values("source")
        .annotate(
            allocated=Sum("allocated_vnd"), disbursed=Sum("disbursed_vnd"), confirmed=Sum("treasury_confirmed_vnd")
        )
        .order_by("source")
    )
    return [dict(row) for row in rows]


def capital_summaries_by_zone(zones: list[EconomicZone], *, from_year: int, to_year: int) -> dict[int, CapitalSummary]:
    """`capital_summary` of each zone's works, by the zone's id: two queries grouped by zone whatever the
    number of zones."""
    periods = periods_inside(from_year, to_year)
    zone_ids = [z.pk for z in zones]
    need = {
        row["zone_id"]: row
        for row in InfrastructureWork.objects.filter(zone_id__in=zone_ids, plan_period__in=periods)
        .order_by()
        .values("zone_id")
        .annotate(need=Coalesce(Sum("capital_need_vnd"), ZERO), n=Count("pk"))
    }
    money = {
        row["work__zone_id"]: row
        for row in AnnualFunding.objects.filter(work__zone_id__in=zone_ids, year__gte=from_year, year__lte=to_year)
        .order_by()
        .values("work__zone_id")
        .annotate(
            allocated=Coalesce(Sum("allocated_vnd"), ZERO),
            disbursed=Coalesce(Sum("disbursed_vnd"), ZERO),
            confirmed=Coalesce(Sum("treasury_confirmed_vnd"), ZERO),
        )
    }
    nothing = {"need": 0, "n": 0, "allocated": 0, "disbursed": 0, "confirmed": 0}
    result = {}
    for pk in zone_ids:
        works, funds = need.get(pk, nothing), money.get(pk, nothing)
        result[pk] = CapitalSummary(
            from_year=from_year,
            to_year=to_year,
            need_vnd=Decimal(works["need"]),
            allocated_vnd=Decimal(funds["allocated"]),
            disbursed_vnd=Decimal(funds["disbursed"]),
            treasury_confirmed_vnd=Decimal(funds["confirmed"]),
            periods=periods,
            works=works["n"],
        )
    return result
