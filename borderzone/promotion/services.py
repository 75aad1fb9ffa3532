"""Writes on incentives, calls for investment, sectors and inquiries: validate, save, audit, bump versions."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from borderzone.access.actors import Actor
from borderzone.access.audit import audit_record
from borderzone.access.notifications import notify_zone_staff
from borderzone.access.services import ModelWrites
from borderzone.core.cache import bump_version
from borderzone.core.countries import validate_country
from borderzone.core.i18n import translated_names
from borderzone.core.models import AuditAction
from borderzone.promotion.models import (
    AreaScope,
    Incentive,
    Inquiry,
    InquiryStatus,
    InvestmentCall,
    Sector,
    SectorLevel,
)
from borderzone.promotion.notifications import INQUIRIES_TOPIC
from borderzone.zones.models import EconomicZone, FunctionalAreaKind

INVESTING_SCOPE = "investing"

# Content a reader sees, in Vietnamese with optional English and Chinese versions (core.i18n).
INCENTIVE_TEXTS = ("title", "description", "clause_text")
CALL_TEXTS = ("title", "objectives", "investment_form")
INCENTIVE_FIELDS = (
    *INCENTIVE_TEXTS,
    *translated_names(*INCENTIVE_TEXTS),
    "kind",
    "area_scope",
    "document",
    "clause",
    "is_published",
    "is_illustrative",
)
INCENTIVE_M2M = ("sectors", "functional_areas", "gate_areas", "communes")
CALL_FIELDS = (
    *CALL_TEXTS,
    *translated_names(*CALL_TEXTS),
    "gate_area",
    "functional_area",
    "commune",
    "latitude",
    "longitude",
    "land_area_ha",
    "capital_amount",
    "capital_currency",
    "status",
    "open_until",
    "is_published",
    "is_illustrative",
)

# How many inquiries one address may send in the window before being asked to wait.
INQUIRY_LIMIT = 3
INQUIRY_WINDOW = dt.timedelta(hours=1)


def _m2m_state(obj: Any, names: Iterable[str]) -> dict[str, list[str]]:
    return {n: sorted(str(o) for o in getattr(obj, n).all()) for n in names}


def _audit_m2m(actor: Actor, obj: Any, before: dict[str, list[str]], names: Iterable[str]) -> bool:
    """Audit the relations that changed since `before`; whether any did."""
    after = _m2m_state(obj, names)
    changed = {k: [before.get(k, []), v] for k, v in after.items() if before.get(k, []) != v}
    if changed:
        audit_record(actor=actor, instance=obj, action=AuditAction.UPDATED, changes=changed, note="relations")
    return bool(changed)


def _check_incentive(incentive: Incentive, related: dict[str, list[Any]]) -> None:
    document = incentive.document
    if document.zone_id != incentive.zone_id:
        raise ValidationError({"document": _("The document belongs to another zone's register.")})
    if incentive.is_published and not document.is_published:
        raise ValidationError(
            {
                "document": _("Publish %(number)s in the register before publishing an incentive it grants.")
                % {"number": document.number}
            }
        )
    for name in ("functional_areas", "gate_areas"):
        for item in related.get(name, []):
            if item.zone_id != incentive.zone_id:
                raise ValidationError({name: _("%(name)s belongs to another zone.") % {"name": item}})
    scope = incentive.area_scope
    if scope == AreaScope.DISADVANTAGED_COMMUNE and not related.get("communes"):
        raise ValidationError({"communes": _("Name the disadvantaged communes the incentive applies in.")})
    expected_kind: dict[str, str] = {
        AreaScope.NON_TARIFF: FunctionalAreaKind.NON_TARIFF,
        AreaScope.INDUSTRIAL_PARK: FunctionalAreaKind.INDUSTRIAL_PARK,
    }
    if scope in expected_kind:
        for area in related.get("functional_areas", []):
            if area.kind != expected_kind[scope]:
                raise ValidationError(
                    {
                        "functional_areas": _("%(name)s is not a %(kind)s.")
                        % {"name": area, "kind": AreaScope(scope).label}
                    }
                )


@transaction.atomic
def incentive_create(*, zone: EconomicZone, actor: Actor, **fields: Any) -> Incentive:
    """Record an incentive with the clause of the document that grants it."""
    related = {k: list(fields.get(k) or []) for k in INCENTIVE_M2M}
    incentive = Incentive(zone=zone, **{k: v for k, v in fields.items() if k in INCENTIVE_FIELDS})
    _check_incentive(incentive, related)
    incentive.full_clean()
    incentive.save()
    for name, items in related.items():
        getattr(incentive, name).set(items)
    audit_record(actor=actor, instance=incentive, action=AuditAction.CREATED)
    _audit_m2m(actor, incentive, {}, INCENTIVE_M2M)
    bump_version(INVESTING_SCOPE)
    return incentive


INCENTIVES = ModelWrites(Incentive, INCENTIVE_FIELDS, INVESTING_SCOPE)


@transaction.atomic
def incentive_update(
    *, incentive: Incentive, actor: Actor, expected_version: str | None = None, **fields: Any
) -> Incentive:
    """Change an incentive; sectors and areas are replaced when given."""
    m2m_before = _m2m_state(incentive, INCENTIVE_M2M)
    related = {k: list(fields[k]) if k in fields else list(getattr(incentive, k).all()) for k in INCENTIVE_M2M}
    writes = replace(INCENTIVES, check=lambda changed: _check_incentive(changed, related))
    changed = writes.change(incentive, actor, fields, expected_version=expected_version)
    for name in INCENTIVE_M2M:
        if name in fields:
            getattr(incentive, name).set(related[name])
    if _audit_m2m(actor, incentive, m2m_before, INCENTIVE_M2M) and not changed:
        bump_version(INVESTING_SCOPE)
    return incentive


def _check_call(call: InvestmentCall) -> None:
    for name in ("gate_area", "functional_area"):
        item = getattr(call, name)
        if item is not None and item.zone_id != call.zone_id:
            raise ValidationError({name: _("%(name)s belongs to another zone.") % {"name": item}})
    if call.functional_area and call.gate_area and call.functional_area.gate_area_id not in (None, call.gate_area.pk):
        raise ValidationError({"functional_area": _("This functional area lies in another gate area.")})
    if not (Decimal(-90) <= call.latitude <= Decimal(90)):
        raise ValidationError({"latitude": _("A latitude lies between -90 and 90.")})
    if not (Decimal(-180) <= call.longitude <= Decimal(180)):
        raise ValidationError({"longitude": _("A longitude lies between -180 and 180.")})
    if call.land_area_ha is not None and call.land_area_ha <= 0:
        raise ValidationError({"land_area_ha": _("The land area must be more than zero.")})
    if call.capital_amount is not None and call.capital_amount <= 0:
        raise ValidationError({"capital_amount": _("The capital must be more than zero.")})


CALLS = ModelWrites(InvestmentCall, CALL_FIELDS, INVESTING_SCOPE, check=_check_call)


@transaction.atomic
def call_create(*, zone: EconomicZone, actor: Actor, sectors: Iterable[Sector] = (), **fields: Any) -> InvestmentCall:
    """Publish (or draft) a project open for investment."""
    call = CALLS.create(actor, fields, zone=zone)
    call.sectors.set(list(sectors))
    _audit_m2m(actor, call, {}, ["sectors"])
    return call


@transaction.atomic
def call_update(
    *,
    call: InvestmentCall,
    actor: Actor,
    sectors: Iterable[Sector] | None = None,
    expected_version: str | None = None,
    **fields: Any,
) -> InvestmentCall:
    """Change a call for investment."""
    m2m_before = _m2m_state(call, ["sectors"])
    changed = CALLS.change(call, actor, fields, expected_version=expected_version)
    if sectors is not None:
        call.sectors.set(list(sectors))
    if _audit_m2m(actor, call, m2m_before, ["sectors"]) and not changed:
        bump_version(INVESTING_SCOPE)
    return call


@transaction.atomic
def sector_create(
    *,
    classification: str,
    level: str,
    code: str,
    name: str,
    actor: Actor,
    name_en: str = "",
    name_zh: str = "",
    parent: Sector | None = None,
) -> Sector:
    """Add a sector of a classification (a section letter, or a two-digit division under its section)."""
    code = code.strip().upper()
    if level == SectorLevel.SECTION and not (len(code) == 1 and code.isalpha()):
        raise ValidationError({"code": _("A section code is one letter.")})
    if level == SectorLevel.DIVISION:
        if not (len(code) == 2 and code.isdigit()):
            raise ValidationError({"code": _("A division code is two digits.")})
        if parent is None or parent.level != SectorLevel.SECTION or parent.classification != classification:
            raise ValidationError({"parent": _("A division belongs to a section of the same classification.")})
    if Sector.objects.filter(classification=classification, code=code).exists():
        raise ValidationError({"code": _("This classification already has this code.")})
    sector = Sector(
        classification=classification,
        level=level,
        code=code,
        name=name,
        name_en=name_en,
        name_zh=name_zh,
        parent=parent,
    )
    sector.full_clean()
    sector.save()
    audit_record(actor=actor, instance=sector, action=AuditAction.CREATED)
    bump_version(INVESTING_SCOPE)
    return sector


SECTOR_NAMES = ModelWrites(Sector, ("name", "name_en", "name_zh"), INVESTING_SCOPE)


@transaction.atomic
def sector_rename(*, sector: Sector, actor: Actor, expected_version: str | None = None, **names: str) -> Sector:
    """Change a sector's name or its English and Chinese names (`name`, `name_en`, `name_zh`)."""
    changes = {key: value or "" for key, value in names.items()}
    return SECTOR_NAMES.update(sector, actor, changes, expected_version=expected_version)


def sender_key(ip_address: str | None) -> str:
    """A salted hash of the sender's address: enough to limit the rate, never the address itself."""
    salt = getattr(settings, "VISITOR_HASH_SALT", "") or settings.SECRET_KEY
    return hashlib.sha256(f"{salt}|inquiry|{ip_address or '-'}".encode()).hexdigest()


@transaction.atomic
def inquiry_submit(*, zone: EconomicZone, actor: Actor, call: InvestmentCall | None = None, **fields: Any) -> Inquiry:
    """File an investor's question in the zone's inbox; an address may send only a few an hour."""
    key = sender_key(actor.ip_address)
    since = timezone.now() - INQUIRY_WINDOW
    if Inquiry.objects.filter(sender_hash=key, created_at__gte=since).count() >= INQUIRY_LIMIT:
        raise ValidationError(
            _("You have sent %(n)s questions in the last hour. Please wait before sending another.")
            % {"n": INQUIRY_LIMIT},
            code="rate_limited",
        )
    if call is not None and (call.zone_id != zone.pk or not call.is_published):
        raise ValidationError({"call": _("This project is not open for questions.")})
    allowed = ("name", "organisation", "email", "phone", "country", "sector", "message", "language")
    inquiry = Inquiry(zone=zone, call=call, sender_hash=key, **{k: v for k, v in fields.items() if k in allowed})
    inquiry.country = (inquiry.country or "").upper()
    try:
        validate_country(inquiry.country)
    except ValidationError as exc:
        raise ValidationError({"country": exc.messages}) from None
    inquiry.full_clean()
    inquiry.save()
    audit_record(actor=actor, instance=inquiry, action=AuditAction.CREATED)
    notify_zone_staff(topic=INQUIRIES_TOPIC, zone_id=zone.pk)
    return inquiry


# How the board handles an inquiry; no cached figure reads inquiries.
INQUIRY_HANDLING = ModelWrites(Inquiry, ("status", "staff_note"), "")


@transaction.atomic
def inquiry_set_status(*, inquiry: Inquiry, status: str, actor: Actor, staff_note: str | None = None) -> Inquiry:
    """Move an inquiry through new → in progress → answered → closed (any move is allowed, and audited)."""
    if status not in InquiryStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    changes = {"status": status} if staff_note is None else {"status": status, "staff_note": staff_note}
    return INQUIRY_HANDLING.update(inquiry, actor, changes, status_field="status")
