"""Writes on infrastructure works and their annual funding: validate, save, audit, in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from borderzone.access.actors import Actor
from borderzone.access.services import ModelWrites
from borderzone.infrastructure.models import AnnualFunding, InfrastructureWork, period_years
from borderzone.zones.models import EconomicZone

INFRASTRUCTURE_SCOPE = "infrastructure"
FIRST_YEAR, LAST_YEAR = 2000, 2100

WORK_FIELDS = (
    "code",
    "name",
    "name_en",
    "kind",
    "gate_area",
    "location",
    "commune",
    "owner",
    "plan_period",
    "capital_need_vnd",
    "medium_term_allocation_vnd",
    "status",
    "physical_progress_percent",
    "start_date",
    "planned_completion",
    "completed_on",
    "description",
    "is_published",
)
FUNDING_FIELDS = ("year", "source", "allocated_vnd", "disbursed_vnd", "treasury_confirmed_vnd", "note")


@dataclass(frozen=True)
class FundingResult:
    funding: AnnualFunding
    over_need: bool  # the work's allocations now exceed its need: allowed, but flagged


def _check_work(work: InfrastructureWork) -> None:
    for field in ("capital_need_vnd", "medium_term_allocation_vnd"):
        value = getattr(work, field)
        if value is not None and value < 0:
            raise ValidationError({field: _("An amount cannot be negative.")})
    if work.gate_area is not None and work.gate_area.zone_id != work.zone_id:
        raise ValidationError({"gate_area": _("The gate area belongs to another zone.")})
    if work.physical_progress_percent is not None and work.physical_progress_percent > 100:
        raise ValidationError({"physical_progress_percent": _("Progress is at most 100%.")})
    if work.start_date and work.planned_completion and work.planned_completion < work.start_date:
        raise ValidationError({"planned_completion": _("The planned completion cannot precede the start date.")})
    if work.start_date and work.completed_on and work.completed_on < work.start_date:
        raise ValidationError({"completed_on": _("The completion date cannot precede the start date.")})


WORKS = ModelWrites(
    InfrastructureWork,
    WORK_FIELDS,
    INFRASTRUCTURE_SCOPE,
    check=_check_work,
    unique=("zone", "code"),
    clash_message=gettext_lazy("This zone already has a work with this code."),
    zone_of=lambda work: work.zone_id,
)


@transaction.atomic
def work_create(*, zone: EconomicZone, actor: Actor, **fields: Any) -> InfrastructureWork:
    """Add an infrastructure work to a zone."""
    return WORKS.create(actor, fields, zone=zone)


@transaction.atomic
def work_update(
    *, work: InfrastructureWork, actor: Actor, expected_version: str | None = None, **fields: Any
) -> InfrastructureWork:
    """Change a work's fields; the audit row keeps each change."""
    return WORKS.update(work, actor, fields, expected_version=expected_version)


def _check_funding(funding: AnnualFunding) -> None:
    if funding.year is None or not FIRST_YEAR <= funding.year <= LAST_YEAR:
        raise ValidationError(
            {"year": _("The year must lie between %(first)d and %(last)d.") % {"first": FIRST_YEAR, "last": LAST_YEAR}}
        )
    for field in ("allocated_vnd", "disbursed_vnd", "treasury_confirmed_vnd"):
        value = getattr(funding, field)
        if value is None or value < 0:
            raise ValidationError({field: _("An amount cannot be negative.")})
    if funding.treasury_confirmed_vnd > funding.disbursed_vnd:
        raise ValidationError(
            {"treasury_confirmed_vnd": _("The State Treasury cannot confirm more than was disbursed.")}
        )
    start, _end = period_years(funding.work.plan_period)
    # Annual plans may run a year before the medium-term period they serve (advance allocations).
    if funding.year < start - 1:
        raise ValidationError(
            {
                "year": _("The year %(year)d precedes this work's plan period %(period)s.")
                % {"year": funding.year, "period": funding.work.get_plan_period_display()}
            }
        )


def work_over_need(work: InfrastructureWork) -> bool:
    """Whether what the work was allocated (annual total or medium-term) exceeds its capital need."""
    total = work.annual_funding.aggregate(total=Sum("allocated_vnd"))["total"] or Decimal(0)
    return total > work.capital_need_vnd or work.medium_term_allocation_vnd > work.capital_need_vnd


FUNDINGS = ModelWrites(
    AnnualFunding,
    FUNDING_FIELDS,
    INFRASTRUCTURE_SCOPE,
    check=_check_funding,
    unique=("work", "year", "source"),
    clash_field="year",
    clash_message=gettext_lazy("This work already has a record for this year and funding source."),
    zone_of=lambda funding: funding.work.zone_id,
)


@transaction.atomic
def funding_record(*, work: InfrastructureWork, actor: Actor, **fields: Any) -> FundingResult:
    """Record one year's capital from one source; above the need is allowed and reported as flagged."""
    funding = FUNDINGS.create(actor, fields, work=work)
    return FundingResult(funding=funding, over_need=work_over_need(work))


@transaction.atomic
def funding_update(
    *, funding: AnnualFunding, actor: Actor, expected_version: str | None = None, **fields: Any
) -> FundingResult:
    """Change one year's record (e.g. disbursement or the Treasury's confirmation arrived)."""
    FUNDINGS.update(funding, actor, fields, expected_version=expected_version)
    return FundingResult(funding=funding, over_need=work_over_need(funding.work))
