"""Writes on the investment register: validate, save, audit and bump the cache version, in one transaction."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from borderzone.access.actors import Actor
from borderzone.access.audit import audit_bulk, audit_record
from borderzone.access.services import ModelWrites
from borderzone.access.services import save_checked as _save
from borderzone.core.cache import bump_version
from borderzone.core.countries import validate_country
from borderzone.core.models import AuditAction
from borderzone.core.text import name_key, search_key
from borderzone.rates.models import ReferenceRate
from borderzone.rates.selectors import rate_on
from borderzone.register.models import (
    MILESTONE_ORDER,
    AreaClassification,
    AreaLevel,
    CertificateVersion,
    Currency,
    DepositEvent,
    DepositEventKind,
    Disbursement,
    Investor,
    LegalRule,
    MilestoneActual,
    MilestoneKind,
    MilestonePlan,
    Project,
    ProjectInvestor,
    Status,
    StatusChange,
)
from borderzone.register.states import refresh_project_states
from borderzone.zones.models import EconomicZone

#: The cache scope every figure of the register is keyed by.
SCOPE = "investments"

#: What a user may change of a project (the edit page's form has exactly these fields; the API a subset);
#: the services also take `is_demo` from the demo loader.
PROJECT_EDITABLE = (
    "name",
    "ownership",
    "sector",
    "objectives",
    "scale",
    "gate_area",
    "functional_area",
    "commune",
    "land_area_ha",
    "state_land",
    "land_charges_vnd",
    "sector_incentive",
    "deposit_exempt",
    "policy_approval",
    "operating_term_years",
    "published",
)
PROJECT_FIELDS = (*PROJECT_EDITABLE, "is_demo")
VERSION_FIELDS = ("certificate_no", "changes", "currency", "total_capital", "equity", "vnd_rate", "rate_date")
RULE_FIELDS = (
    "months",
    "policy_approved_only",
    "counts_from_handover",
    "law",
    "article",
    "article_confirmed",
    "source",
    "description",
    "basis_note",
    "valid_from",
    "valid_to",
    "certificates_issued_before",
    "certificates_issued_from",
    "transitional_note",
)


def today() -> dt.date:
    return timezone.localdate()


def _not_future(field: str, day: dt.date | None) -> None:
    if day is not None and day > today():
        raise ValidationError({field: _("The date %(date)s is in the future.") % {"date": day.strftime("%d/%m/%Y")}})


def check_milestone_order(plans: Mapping[str, dt.date | None], field: str = "plans") -> None:
    """Land handover, construction start, construction completion and operation start in this order."""
    previous: tuple[str, dt.date] | None = None
    for kind in MILESTONE_ORDER:
        day = plans.get(kind)
        if day is None:
            continue
        if previous is not None and day < previous[1]:
            raise ValidationError(
                {
                    field: _("%(later)s (%(later_date)s) cannot come before %(earlier)s (%(earlier_date)s).")
                    % {
                        "later": MilestoneKind(kind).label,
                        "later_date": day.strftime("%d/%m/%Y"),
                        "earlier": MilestoneKind(previous[0]).label,
                        "earlier_date": previous[1].strftime("%d/%m/%Y"),
                    }
                }
            )
        previous = (kind, day)


def _check_zone_places(zone: EconomicZone, fields: Mapping[str, Any]) -> None:
    for key in ("gate_area", "functional_area"):
        place = fields.get(key)
        if place is not None and place.zone_id != zone.pk:
            raise ValidationError({key: _("This belongs to another zone.")})


@transaction.atomic
def investor_create(
    *,
    zone: EconomicZone,
    name: str,
    ownership: str,
    country: str,
    tax_code: str = "",
    is_demo: bool = False,
    actor: Actor,
) -> Investor:
    """Register an investor of a zone."""
    try:
        validate_country(country)
    except ValidationError as exc:
        raise ValidationError({"investor_country": exc.messages}) from None
    if Investor.objects.filter(zone=zone, name_key=name_key(name)).exists():
        raise ValidationError({"investor": _("This zone already has an investor with this name.")})
    investor = Investor(
        zone=zone, name=name, ownership=ownership, country=country.upper(), tax_code=tax_code, is_demo=is_demo
    )
    _save(investor, "investor")
    audit_record(actor=actor, instance=investor, action=AuditAction.CREATED)
    bump_version(SCOPE, zone.pk)
    return investor


@dataclass(frozen=True)
class InvestorData:
    """An investor as a page, the API or a file names it: found by its name in the zone, else created."""

    name: str
    ownership: str
    country: str
    tax_code: str = ""
    share_percent: Decimal = Decimal(100)


def investors_find_or_create(
    *, zone: EconomicZone, investors: Sequence[InvestorData], actor: Actor, is_demo: bool = False, note: str = ""
) -> dict[str, Investor]:
    """The zone's investors of these names, keyed by `name_key` (the one rule for "the same investor"): those
    there already are found in one query; the others are created, one by one with their audit rows, or in bulk
    with IMPORTED audit rows when a `note` says where they came from (an import of thousands of rows)."""
    wanted: dict[str, InvestorData] = {}
    for data in investors:
        wanted.setdefault(name_key(data.name), data)
    found = {i.name_key: i for i in Investor.objects.filter(zone=zone, name_key__in=list(wanted))}
    missing = {key: data for key, data in wanted.items() if key not in found}
    if not note:
        for key, data in missing.items():
            found[key] = investor_create(
                zone=zone,
                name=data.name,
                ownership=data.ownership,
                country=data.country,
                tax_code=data.tax_code,
                is_demo=is_demo,
                actor=actor,
            )
        return found
    new = [
        Investor(
            zone=zone,
            name=data.name,
            name_key=key,
            ownership=data.ownership,
            country=data.country.upper(),
            tax_code=data.tax_code,
            is_demo=is_demo,
        )
        for key, data in missing.items()
    ]
    created = Investor.objects.bulk_create(new, batch_size=1000)
    audit_bulk(actor=actor, instances=list(created), action=AuditAction.IMPORTED, note=note)
    found.update((i.name_key, i) for i in created)
    return found


@transaction.atomic
def investor_link_user(*, investor: Investor, user: Any, actor: Actor) -> None:
    """Let an investor's user account see the investor's projects."""
    investor.users.add(user)
    audit_record(
        actor=actor, instance=investor, action=AuditAction.UPDATED, changes={"users": [None, user.get_username()]}
    )
    bump_version(SCOPE, investor.zone_id)


def _version_values(
    *,
    currency: str,
    total_capital: Decimal,
    equity: Decimal | None,
    vnd_rate: Decimal | None,
    rate_date: dt.date | None,
    issued_on: dt.date,
) -> dict[str, Any]:
    if equity is not None and equity > total_capital:
        raise ValidationError({"equity": _("The equity cannot be above the total capital.")})
    if total_capital < 0:
        raise ValidationError({"total_capital": _("The capital cannot be negative.")})
    if currency == Currency.VND:
        vnd_rate, rate_date = Decimal(1), None
    elif vnd_rate is not None and vnd_rate <= 0:
        raise ValidationError({"vnd_rate": _("Give the VND rate for capital registered in USD.")})
    elif vnd_rate:
        rate_date = rate_date or issued_on  # a stated rate wins over the reference table
    else:
        # No stated rate: the reference rate of the certificate date (or the nearest earlier day). Where
        # none is known, the capital stays in USD, not converted (no VND equivalent, never zero), until
        # such a rate is entered (`convert_unconverted`).
        reference = rate_on(currency, issued_on)
        vnd_rate, rate_date = (reference.vnd_per_unit, reference.day) if reference else (None, None)
    return {
        "currency": currency,
        "total_capital": total_capital,
        "equity": equity,
        "vnd_rate": vnd_rate,
        "rate_date": rate_date,
        "total_capital_vnd": None if vnd_rate is None else (total_capital * vnd_rate).quantize(Decimal(1)),
    }


def _write_plans(version: CertificateVersion, plans: Mapping[str, dt.date | None]) -> None:
    for kind, day in plans.items():
        if day is not None:
            MilestonePlan.objects.create(version=version, kind=MilestoneKind(kind), planned_on=day)


@transaction.atomic
def project_create(
    *,
    zone: EconomicZone,
    code: str,
    name: str,
    ownership: str,
    investors: Iterable[tuple[Investor, Decimal]],
    issued_on: dt.date,
    total_capital: Decimal,
    currency: str = Currency.VND,
    equity: Decimal | None = None,
    vnd_rate: Decimal | None = None,
    rate_date: dt.date | None = None,
    certificate_no: str = "",
    plans: Mapping[str, dt.date | None] | None = None,
    status: str = Status.PREPARING,
    status_on: dt.date | None = None,
    actor: Actor,
    **fields: Any,
) -> Project:
    """Register a project with the first issue of its certificate and its initial status."""
    _not_future("issued_on", issued_on)
    _check_zone_places(zone, fields)
    if Project.objects.filter(code=code).exists():
        raise ValidationError({"code": _("A project with this code already exists.")})
    plans = dict(plans or {})
    check_milestone_order(plans)
    values = _version_values(
        currency=currency,
        total_capital=total_capital,
        equity=equity,
        vnd_rate=vnd_rate,
        rate_date=rate_date,
        issued_on=issued_on,
    )
    project = Project(
        zone=zone, code=code, name=name, ownership=ownership, **{k: v for k, v in fields.items() if k in PROJECT_FIELDS}
    )
    _save(project, "code", _("A project with this code already exists."))
    audit_record(actor=actor, instance=project, action=AuditAction.CREATED)
    for investor, share in investors:
        if investor.zone_id != zone.pk:
            raise ValidationError({"investor": _("This belongs to another zone.")})
        link = ProjectInvestor(project=project, investor=investor, share_percent=share)
        _save(link, "investor")
        audit_record(actor=actor, instance=link, action=AuditAction.CREATED)
    version = CertificateVersion(
        project=project,
        number=0,
        issued_on=issued_on,
        certificate_no=certificate_no,
        changes=_("First issue"),
        **values,
    )
    _save(version, "number")
    _write_plans(version, plans)
    plans_set = {k: d.isoformat() for k, d in plans.items() if d}
    audit_record(actor=actor, instance=version, action=AuditAction.CREATED, extra={"plans": [None, plans_set]})
    change = StatusChange(
        project=project, status=status, effective_on=status_on or issued_on, reason=_("Status when registered")
    )
    _save(change, "status")
    audit_record(actor=actor, instance=change, action=AuditAction.CREATED)
    refresh_project_states([project.pk])
    bump_version(SCOPE, project.zone_id)
    return project


@transaction.atomic
def project_register(
    *,
    zone: EconomicZone,
    investors: Sequence[InvestorData],
    fields: Mapping[str, Any],
    plans: Mapping[str, dt.date | None] | None = None,
    actor: Actor,
    is_demo: bool = False,
) -> Project:
    """Register a project as a user asks for it: find or create its investors and create the project with its
    first certificate and status, all in one transaction, so that a refused project leaves no investor behind.
    `fields` are those of `project_create` (code, name, ownership, issued_on, total_capital, gate_area, ...)."""
    if not investors:
        raise ValidationError({"investor": _("Name at least one investor.")})
    found = investors_find_or_create(zone=zone, investors=investors, actor=actor, is_demo=is_demo)
    linked = [(found[name_key(data.name)], data.share_percent) for data in investors]
    values = {
        key: value for key, value in fields.items() if key not in ("zone", "investors", "actor", "plans", "is_demo")
    }
    return project_create(zone=zone, investors=linked, plans=plans, actor=actor, is_demo=is_demo, **values)


@dataclass(frozen=True)
class Registration:
    """One project of a file, its values checked row by row: `fields` as `project_create` names them (code,
    name, ownership, gate_area, issued_on, certificate_no, currency, total_capital, equity, vnd_rate,
    rate_date, status, status_on, decision_no and the descriptive PROJECT_FIELDS)."""

    investor: InvestorData
    fields: Mapping[str, Any]
    plans: Mapping[str, dt.date]


def project_register_many(*, zone: EconomicZone, registrations: Sequence[Registration], actor: Actor) -> None:
    """`project_register` for the rows of an import (tens of thousands per file), written in bulk with IMPORTED
    audit rows, in the caller's transaction (the import's all or nothing)."""
    if not registrations:
        return
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Call this inside the import's transaction.")
    note = _("import")
    investors = investors_find_or_create(
        zone=zone, investors=[r.investor for r in registrations], actor=actor, note=note
    )
    projects = []
    for r in registrations:
        f = r.fields
        extra = {k: v for k, v in f.items() if k in PROJECT_FIELDS and k not in ("name", "ownership", "gate_area")}
        projects.append(
            Project(
                zone=zone,
                code=f["code"],
                name=f["name"],
                ownership=f["ownership"],
                gate_area=f.get("gate_area"),
                search_text=search_key(f"{f['code']} {f['name']}"),
                **extra,
            )
        )
    Project.objects.bulk_create(projects, batch_size=1000)
    ProjectInvestor.objects.bulk_create(
        [
            ProjectInvestor(project=p, investor=investors[name_key(r.investor.name)], share_percent=Decimal(100))
            for p, r in zip(projects, registrations, strict=True)
        ],
        batch_size=1000,
    )
    versions = []
    for project, r in zip(projects, registrations, strict=True):
        f = r.fields
        usd = f["currency"] == Currency.USD
        rate = f.get("vnd_rate") if usd else Decimal(1)  # USD without a known rate: not converted
        versions.append(
            CertificateVersion(
                project=project,
                number=0,
                issued_on=f["issued_on"],
                certificate_no=f.get("certificate_no", ""),
                changes=_("First issue"),
                currency=f["currency"],
                total_capital=f["total_capital"],
                equity=f.get("equity"),
                vnd_rate=None if rate is None else rate.quantize(Decimal("0.01")),
                rate_date=(f.get("rate_date") or f["issued_on"]) if usd and rate is not None else None,
                total_capital_vnd=None if rate is None else (f["total_capital"] * rate).quantize(Decimal(1)),
            )
        )
    CertificateVersion.objects.bulk_create(versions, batch_size=1000)
    MilestonePlan.objects.bulk_create(
        [
            MilestonePlan(version=v, kind=k, planned_on=d)
            for v, r in zip(versions, registrations, strict=True)
            for k, d in r.plans.items()
        ],
        batch_size=2000,
    )
    statuses = [
        StatusChange(
            project=p,
            status=r.fields["status"],
            effective_on=r.fields.get("status_on") or r.fields["issued_on"],
            decision_no=r.fields.get("decision_no", ""),
            reason=note,
        )
        for p, r in zip(projects, registrations, strict=True)
    ]
    StatusChange.objects.bulk_create(statuses, batch_size=1000)
    audit_bulk(actor=actor, instances=list(projects), action=AuditAction.IMPORTED, note=note)
    audit_bulk(actor=actor, instances=list(versions), action=AuditAction.IMPORTED, note=note)
    audit_bulk(actor=actor, instances=list(statuses), action=AuditAction.IMPORTED, note=note)
    refresh_project_states(p.pk for p in projects)


def _project_changed(project: Project) -> None:
    refresh_project_states([project.pk])
    bump_version(SCOPE, project.zone_id)


def _certificate_in_record(project: Project) -> dict[str, Any]:
    # A project's version covers its certificate: adding one makes an edit that started before it stale.
    return {"certificates": project.versions.aggregate(n=Max("number"))["n"]}


PROJECTS = ModelWrites(Project, PROJECT_FIELDS, SCOPE, bump=_project_changed, versioned=_certificate_in_record)


@transaction.atomic
def project_update(*, project: Project, actor: Actor, expected_version: str | None = None, **fields: Any) -> Project:
    """Change a project's descriptive fields (not its certificate: add a version for that)."""
    _check_zone_places(project.zone, fields)
    return PROJECTS.update(project, actor, fields, expected_version=expected_version)


def latest_version(project: Project) -> CertificateVersion:
    found = project.versions.order_by("-issued_on", "-number").prefetch_related("plans").first()
    if found is None:  # every project is created with its first issue
        raise ValidationError({"issued_on": _("The project has no certificate.")})
    return found


@transaction.atomic
def certificate_version_add(
    *,
    project: Project,
    issued_on: dt.date,
    total_capital: Decimal,
    currency: str | None = None,
    equity: Decimal | None = None,
    vnd_rate: Decimal | None = None,
    rate_date: dt.date | None = None,
    certificate_no: str = "",
    changes: str = "",
    plans: Mapping[str, dt.date | None] | None = None,
    actor: Actor,
    expected_version: str | None = None,
) -> CertificateVersion:
    """Record an adjustment of the certificate: a new dated version; planned dates not given carry over.
    With `expected_version` (the project's, `PROJECTS.version`) a project changed since is refused."""
    Project.objects.select_for_update().filter(pk=project.pk).first()
    PROJECTS.check_version(project, expected_version)
    _not_future("issued_on", issued_on)
    previous = latest_version(project)
    if issued_on < previous.issued_on:
        raise ValidationError(
            {
                "issued_on": _("An adjustment cannot be dated before the version in force (%(date)s).")
                % {"date": previous.issued_on.strftime("%d/%m/%Y")}
            }
        )
    merged = {p.kind: p.planned_on for p in previous.plans.all()}
    merged.update({k: v for k, v in (plans or {}).items() if v is not None})
    check_milestone_order(merged)
    values = _version_values(
        currency=currency or previous.currency,
        total_capital=total_capital,
        equity=equity,
        vnd_rate=vnd_rate,
        rate_date=rate_date,
        issued_on=issued_on,
    )
    number = (project.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = CertificateVersion(
        project=project,
        number=number,
        issued_on=issued_on,
        certificate_no=certificate_no,
        changes=changes,
        **values,
    )
    _save(version, "number")
    _write_plans(version, merged)
    old_plans = {p.kind: p.planned_on for p in previous.plans.all()}
    changed_plans = {
        k: [old_plans[k].isoformat() if k in old_plans else None, v.isoformat()]
        for k, v in merged.items()
        if v is not None and old_plans.get(k) != v
    }
    audit_record(actor=actor, instance=version, action=AuditAction.CREATED, extra={"plans": changed_plans})
    refresh_project_states([project.pk])
    bump_version(SCOPE, project.zone_id)
    return version


def _first_issue(project: Project) -> dt.date:
    first = project.versions.order_by("issued_on", "number").values_list("issued_on", flat=True).first()
    if first is None:
        raise ValidationError({"issued_on": _("The project has no certificate.")})
    return first


@transaction.atomic
def status_change_record(
    *, project: Project, status: str, effective_on: dt.date, decision_no: str = "", reason: str = "", actor: Actor
) -> StatusChange:
    """Record a change of status effective on a date."""
    _not_future("effective_on", effective_on)
    if effective_on < _first_issue(project):
        raise ValidationError({"effective_on": _("The status cannot change before the certificate was issued.")})
    change = StatusChange(
        project=project, status=status, effective_on=effective_on, decision_no=decision_no, reason=reason
    )
    _save(change, "status")
    audit_record(actor=actor, instance=change, action=AuditAction.STATUS_CHANGED)
    refresh_project_states([project.pk])
    bump_version(SCOPE, project.zone_id)
    return change


# Capital put in on a day; a change bumps the project's zone.
DISBURSEMENTS = ModelWrites(
    Disbursement,
    ("paid_on", "amount", "currency", "note"),
    SCOPE,
    clash_field="amount",
    zone_of=lambda record: record.project.zone_id,
)


@transaction.atomic
def disbursement_record(
    *,
    project: Project,
    paid_on: dt.date,
    amount: Decimal,
    currency: str = Currency.VND,
    note: str = "",
    actor: Actor,
) -> Disbursement:
    """Record capital actually put into the project on a date."""
    _not_future("paid_on", paid_on)
    if amount <= 0:
        raise ValidationError({"amount": _("The amount must be above zero.")})
    if paid_on < _first_issue(project):
        raise ValidationError({"paid_on": _("Capital cannot be disbursed before the certificate was issued.")})
    fields = {"paid_on": paid_on, "amount": amount, "currency": currency, "note": note}
    return DISBURSEMENTS.create(actor, fields, project=project)


# The day a milestone was reached (the service refreshes the project's state and bumps its zone).
ACTUALS = ModelWrites(MilestoneActual, ("reached_on",), SCOPE, clash_field="kind")


@transaction.atomic
def milestone_reached(*, project: Project, kind: str, reached_on: dt.date, actor: Actor) -> MilestoneActual:
    """Record (or correct) the date a milestone was actually reached."""
    _not_future("reached_on", reached_on)
    actuals = {a.kind: a.reached_on for a in project.actuals.all()}
    actuals[kind] = reached_on
    check_milestone_order(actuals, "reached_on")
    existing = project.actuals.filter(kind=kind).first()
    parents = {"project": project, "kind": kind}
    actual, _outcome = ACTUALS.record(existing, actor, {"reached_on": reached_on}, parents=parents, defer_bump=True)
    refresh_project_states([project.pk])
    bump_version(SCOPE, project.zone_id)
    return actual


def _check_rule(rule: LegalRule) -> None:
    if rule.valid_to is not None and rule.valid_to <= rule.valid_from:
        raise ValidationError(
            {"valid_to": _("The day the rule stops being in force must come after the day it starts.")}
        )


RULES = ModelWrites(LegalRule, RULE_FIELDS, SCOPE, check=_check_rule)


@transaction.atomic
def legal_rule_update(
    *, rule: LegalRule, actor: Actor, expected_version: str | None = None, **fields: Any
) -> LegalRule:
    """Change a legal rule (administrators only: the caller checks the role)."""
    return RULES.update(rule, actor, fields, expected_version=expected_version)


def deposit_held(project: Project, day: dt.date) -> Decimal:
    """What the State holds of the project's deposit at the end of `day`: paid less refunded and forfeited."""
    held = Decimal(0)
    for kind, amount in project.deposit_events.filter(happened_on__lte=day).values_list("kind", "amount"):
        held += amount if kind == DepositEventKind.PAID else -amount
    return held


@transaction.atomic
def deposit_event_record(
    *, project: Project, kind: str, happened_on: dt.date, amount: Decimal, note: str = "", actor: Actor
) -> DepositEvent:
    """Record a deposit paid, a refund (whole or one step) or a forfeit to the State budget, on a day.

    A refund or forfeit cannot exceed what is held on that day nor leave a later day below zero."""
    _not_future("happened_on", happened_on)
    if kind not in DepositEventKind.values:
        raise ValidationError({"kind": _("Choose paid, refunded or forfeited.")})
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("The amount must be above zero.")})
    if happened_on < _first_issue(project):
        raise ValidationError({"happened_on": _("A deposit cannot come before the certificate was issued.")})
    if kind != DepositEventKind.PAID:
        later = project.deposit_events.filter(happened_on__gt=happened_on).values_list("happened_on", flat=True)
        for day in [happened_on, *later]:
            if deposit_held(project, day) - amount < 0:
                raise ValidationError(
                    {
                        "amount": _("Only %(held)s VND of the deposit is held on %(date)s.")
                        % {
                            "held": f"{deposit_held(project, day):,.0f}".replace(",", "."),
                            "date": day.strftime("%d/%m/%Y"),
                        }
                    }
                )
    event = DepositEvent(project=project, kind=kind, happened_on=happened_on, amount=amount, note=note)
    _save(event, "amount")
    audit_record(actor=actor, instance=event, action=AuditAction.CREATED)
    bump_version(SCOPE, project.zone_id)
    return event


# A commune's classification over a span of days; not tied to a zone, so the whole register is bumped.
CLASSIFICATIONS = ModelWrites(AreaClassification, ("level", "source", "valid_to"), SCOPE, clash_field="level")


@transaction.atomic
def area_classification_set(
    *, commune: Any, level: str, valid_from: dt.date, source: str = "", actor: Actor
) -> AreaClassification:
    """Classify a commune from a day: the classification in force until then ends that day (history is kept).
    Setting the same classification from the same day again changes nothing."""
    if level not in AreaLevel.values:
        raise ValidationError({"level": _("Choose a classification.")})
    existing = AreaClassification.objects.filter(commune=commune, valid_from=valid_from).first()
    if existing is not None:
        return CLASSIFICATIONS.record(existing, actor, {"level": level, "source": source})[0]
    later = AreaClassification.objects.filter(commune=commune, valid_from__gt=valid_from).order_by("valid_from").first()
    for current in AreaClassification.objects.filter(commune=commune, valid_from__lt=valid_from).filter(
        models.Q(valid_to__isnull=True) | models.Q(valid_to__gt=valid_from)
    ):
        CLASSIFICATIONS.update(current, actor, {"valid_to": valid_from}, defer_bump=True)
    parents = {"commune": commune, "valid_from": valid_from, "valid_to": later.valid_from if later else None}
    return CLASSIFICATIONS.create(actor, {"level": level, "source": source}, **parents)


# A version's VND equivalent set from a reference rate (the service bumps once per zone it converted in).
CONVERSIONS = ModelWrites(CertificateVersion, (), SCOPE)


@transaction.atomic
def convert_unconverted(*, currency: str, since: dt.date, actor: Actor) -> int:
    """Give a VND equivalent to every certificate version in `currency` kept unconverted (no rate was known
    on or before its issue date) that a reference rate now covers: a rate entered for `since` covers the
    versions issued on or after it (each takes the rate of its own date, or the nearest earlier day).
    Called when a reference rate is recorded (see `apps.py`), in the same transaction, so that every view
    (read through the register's data version) shows the converted amount at once. Returns the count."""
    waiting = list(
        CertificateVersion.objects.filter(
            currency=currency, total_capital_vnd__isnull=True, issued_on__gte=since
        ).select_related("project")
    )
    if not waiting:
        return 0
    rates = sorted(
        ReferenceRate.objects.filter(currency=currency, day__lte=max(v.issued_on for v in waiting)).values_list(
            "day", "vnd_per_unit"
        )
    )
    days = [day for day, _rate in rates]
    converted: list[CertificateVersion] = []
    for version in waiting:
        index = bisect.bisect_right(days, version.issued_on)
        if not index:
            continue
        day, rate = rates[index - 1]
        values = {
            "vnd_rate": rate,
            "rate_date": day,
            "total_capital_vnd": (version.total_capital * rate).quantize(Decimal(1)),
        }
        note = _("Converted at the reference rate of %(date)s") % {"date": day.strftime("%d/%m/%Y")}
        CONVERSIONS.update(version, actor, {}, also=values, note=note, update_fields=values, defer_bump=True)
        converted.append(version)
    refresh_project_states(v.project_id for v in converted)
    for zone_id in sorted({v.project.zone_id for v in converted}):
        bump_version(SCOPE, zone_id)
    return len(converted)
