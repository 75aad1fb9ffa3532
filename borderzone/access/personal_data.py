"""Personal data: retention (contact details deleted when their period ends) and the export of everything
kept about one person (Law 91/2025/QH15; docs/security.md, "Personal data").

Each app that keeps personal data lists it in `<app>/personal_data.py` as `SOURCES`, so this floor knows
no domain app: `find(email, phone)` gives the rows about a person, `row(obj)` their values for the export,
and `purge(now, actor)` (where the data has a retention period) empties the contact details whose period
ended and writes their audit rows, returning how many rows it changed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import validate_email
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from borderzone.access.actors import Actor
from borderzone.access.permissions import is_admin, restrict_to_visible, zone_lookup
from borderzone.core.models import AuditAction, AuditEvent
from borderzone.core.registry import app_modules

#: The note of the audit row written for each record whose contact details were deleted.
PURGE_NOTE = "personal data deleted: retention period ended"


@dataclass(frozen=True)
class PersonalDataSource:
    key: str  # the export's section, e.g. "comments"
    label: str | Promise
    find: Callable[[str, str], models.QuerySet[Any]]  # (e-mail in lower case or "", phone digits or "")
    row: Callable[[Any], dict[str, Any]]
    purge: Callable[[dt.datetime, Actor], int] | None = None
    order: int = 100


def sources() -> list[PersonalDataSource]:
    found: list[PersonalDataSource] = []
    for _app, module in app_modules("personal_data"):
        found.extend(getattr(module, "SOURCES", ()))
    return sorted(found, key=lambda s: (s.order, s.key))


def months_before(moment: dt.datetime, months: int) -> dt.datetime:
    """The same moment `months` calendar months earlier (the 31st becomes the month's last day)."""
    years, month0 = divmod(moment.month - 1 - months, 12)
    year, month = moment.year + years, month0 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def phone_digits(phone: str) -> str:
    return re.sub(r"\D", "", phone or "")


def same_phone(stored: str, digits: str) -> bool:
    """Two telephone numbers are the same when their last nine digits are (so 0912 345 678 matches
    +84 912 345 678); fewer than nine digits must match entirely."""
    have = phone_digits(stored)
    if not have or not digits:
        return False
    tail = min(9, len(digits))
    return len(have) >= tail and have[-tail:] == digits[-tail:]


@transaction.atomic
def personal_data_purge(*, actor: Actor, now: dt.datetime | None = None) -> dict[str, int]:
    """Delete the contact details whose retention period ended, in every app; {source: rows changed}.
    Safe to run again: rows already emptied are not selected, so the second run changes nothing."""
    moment = now or timezone.now()
    return {s.key: s.purge(moment, actor) for s in sources() if s.purge is not None}


def _audit_rows_about(objects: list[models.Model], users: list[Any]) -> models.QuerySet[AuditEvent]:
    """Audit rows of the objects (by type and id), and those of the users' accounts and of what they did."""
    condition = Q(pk__in=[])
    by_type: dict[int, list[str]] = {}
    for obj in objects:
        ct = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        by_type.setdefault(ct.pk, []).append(str(obj.pk))
    for ct_id, ids in by_type.items():
        condition |= Q(content_type_id=ct_id, object_id__in=ids)
    if users:
        condition |= Q(user__in=users)
    return AuditEvent.objects.filter(condition).select_related("content_type", "user").order_by("created_at", "id")


def _audit_row(event: AuditEvent) -> dict[str, Any]:
    return {
        "time": event.created_at,
        "action": event.get_action_display(),
        "object_type": event.content_type.name,
        "object_id": event.object_id,
        "object": event.object_repr,
        "by": event.user.username if event.user else "",
        "via": event.via,
        "address": event.ip_address or "",
        "changes": event.changes,
        "note": event.note,
    }


def clean_subject(email: str, phone: str) -> tuple[str, str]:
    """The e-mail (lower case) and telephone digits to look for; refused when neither is usable."""
    email = (email or "").strip().lower()
    digits = phone_digits(phone)
    errors: dict[str, str] = {}
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("Enter a valid e-mail address.")
    if phone and len(digits) < 6:
        errors["phone"] = _("A telephone number has at least 6 digits.")
    if not errors and not email and not digits:
        errors["email"] = _("Give the person's e-mail address or telephone number.")
    if errors:
        raise ValidationError(errors)
    return email, digits


def subject_digest(email: str, digits: str) -> str:
    """What the export's audit row keeps of the person asked for: a digest, never the address itself."""
    from django.utils.crypto import salted_hmac

    return salted_hmac("borderzone.access.personal_data.subject", f"{email}|{digits}", algorithm="sha256").hexdigest()[
        :16
    ]


@transaction.atomic
def personal_data_export(*, email: str, phone: str, actor: Actor) -> tuple[str, bytes]:
    """Everything kept about the person with this e-mail address and/or telephone, as a JSON file
    (file name, content), for administrators only; the export is an audit row that names the sections
    and counts and a digest of what was asked, not the person's address."""
    user = actor.user
    if user is None or not is_admin(user):
        raise PermissionError("Only administrators export a person's data.")
    email, digits = clean_subject(email, phone)
    sections: dict[str, Any] = {}
    found_objects: list[models.Model] = []
    users: list[Any] = []
    for source in sources():
        queryset = source.find(email, digits)
        if zone_lookup(queryset.model) is not None:
            queryset = restrict_to_visible(user, queryset)
        objects = list(queryset)
        found_objects.extend(objects)
        if source.key == "accounts":
            users.extend(objects)
        sections[source.key] = {"title": str(source.label), "rows": [source.row(obj) for obj in objects]}
    sections["audit"] = {
        "title": _("Audit trail rows about these records and accounts"),
        "rows": [_audit_row(e) for e in _audit_rows_about(found_objects, users)],
    }
    now = timezone.now()
    document = {
        "subject": {"email": email, "phone": digits},
        "exported_at": now,
        "exported_by": actor.user.username if actor.user else "",
        "sections": sections,
    }
    counts = {key: len(section["rows"]) for key, section in sections.items()}
    AuditEvent.objects.create(
        user=actor.user,
        via=actor.via,
        ip_address=actor.ip_address,
        content_type=ContentType.objects.get_for_model(AuditEvent),
        object_id="personal-data-export",
        object_repr="personal data export",
        action=AuditAction.EXPORTED,
        changes={"rows": counts},
        note=f"subject digest {subject_digest(email, digits)}",
    )
    content = json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()
    return f"personal-data-{now:%Y%m%d}-{subject_digest(email, digits)[:8]}.json", content
