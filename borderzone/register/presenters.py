"""Plain renderings of projects "as of" a day, shared by the API, the exports and the pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from borderzone.access.permissions import AnyUser, is_staff_member
from borderzone.core.cache import cached
from borderzone.core.inputs import check_day
from borderzone.register import selectors
from borderzone.register.models import CertificateVersion, MilestoneKind, Project, Status
from borderzone.register.rules import assess_deposit
from borderzone.register.services import SCOPE
from borderzone.zones.models import EconomicZone


def parse_as_of(value: str | None, field: str = "as_of") -> dt.date:
    from borderzone.register.services import today

    if not value:
        return today()
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError({field: _("Give the date as YYYY-MM-DD.")}) from None
    check_day(day, field)
    return day


def cached_summary(day: dt.date, zone: EconomicZone | None) -> dict[str, Any]:
    """The summary, cached under the register's data version (bumped by every write)."""
    return cached(
        (SCOPE,), f"summary:{day.isoformat()}:{zone.code if zone else '*'}", lambda: selectors.summary(day, zone)
    )


def lateness_readable(user: AnyUser) -> Container[int] | None:
    """The projects whose lateness and legal flags `user` may read one by one: None for board staff (all
    they can list), an investor's own projects, nothing for anyone else. Zone totals stay public."""
    if is_staff_member(user):
        return None
    if not user.is_authenticated:
        return frozenset()
    return frozenset(Project.objects.filter(shares__investor__users=user).values_list("pk", flat=True))


def project_rows(
    projects: Iterable[Project],
    day: dt.date,
    evaluations: dict[int, selectors.Evaluation],
    *,
    readable: Container[int] | None = None,
) -> list[dict[str, Any]]:
    """Each project as the API and exports show it on `day` (a fixed number of queries for the page).
    With `readable` (see `lateness_readable`), rows of other projects carry no "late" and "flags" keys."""
    projects = list(projects)
    selectors.load_evaluations(evaluations, projects if readable is None else [p for p in projects if p.pk in readable])
    # A listing's page carries each row's version and disbursed capital (`selectors.ProjectListing`).
    carried = {p.pk for p in projects if getattr(p, "as_of_day", None) == day}
    others = [p for p in projects if p.pk not in carried]
    versions = selectors.versions_by_id(int(getattr(p, "as_of_version_id", 0) or 0) for p in others) if others else {}
    versions.update({p.as_of_version.pk: p.as_of_version for p in projects if p.pk in carried})  # type: ignore[attr-defined]
    disbursed = selectors.disbursed_by_project(day, (p.pk for p in others)) if others else {}
    disbursed.update({p.pk: p.as_of_disbursed for p in projects if p.pk in carried})  # type: ignore[attr-defined]
    areas = selectors.area_levels_on((p.commune_id for p in projects), day)
    rows = []
    for project in projects:
        version: CertificateVersion | None = versions.get(getattr(project, "as_of_version_id", 0))
        evaluation = evaluations.get(project.pk, selectors.Evaluation())
        rows.append(
            {
                "code": project.code,
                "name": project.name,
                "zone": project.zone.code,
                "ownership": project.ownership,
                "investors": [
                    {"name": s.investor.name, "country": s.investor.country, "share_percent": s.share_percent}
                    for s in project.shares.all()
                ],
                "gate_area": project.gate_area.code if project.gate_area else None,
                "gate_area_name": project.gate_area.name if project.gate_area else "",
                "sector": {"version": project.sector.version, "code": project.sector.code} if project.sector else None,
                "status": getattr(project, "as_of_status", Status.PREPARING),
                "certificate": None
                if version is None
                else {
                    "number": version.number,
                    "issued_on": version.issued_on,
                    "currency": version.currency,
                    "total_capital": version.total_capital,
                    "equity": version.equity,
                    "total_capital_vnd": version.total_capital_vnd,
                    "vnd_rate": version.vnd_rate,
                    "rate_date": version.rate_date,
                },
                "deposit_vnd": assess_deposit(
                    capital_vnd=version.total_capital_vnd,
                    land_charges_vnd=project.land_charges_vnd,
                    area_level=areas.get(project.commune_id or 0, ""),
                    sector_level=project.sector_incentive,
                    exempt=project.deposit_exempt,
                    day=day,
                ).due_vnd
                if version and project.state_land and version.total_capital_vnd is not None
                else None
                if version and project.state_land  # capital in USD not converted: not known yet, not zero
                else Decimal(0),
                "disbursed": {c: disbursed.get(project.pk, {}).get(c, Decimal(0)) for c in ("VND", "USD")},
                "late": evaluation.late,
                "flags": [
                    {
                        "code": f.code,
                        "name": f.name,
                        "law": f.law,
                        "article": f.article,
                        "article_confirmed": f.article_confirmed,
                        "detail": f.detail,
                    }
                    for f in evaluation.flags
                ],
                "published": project.published,
            }
        )
        if readable is not None and project.pk not in readable:
            del rows[-1]["late"], rows[-1]["flags"]
    return rows


def milestone_label(kind: str) -> str:
    return str(MilestoneKind(kind).label)
