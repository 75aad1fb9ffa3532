"""The audit trail: every write calls `audit_record` inside its transaction."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.crypto import salted_hmac

from borderzone.access.actors import Actor
from borderzone.access.permissions import zone_of
from borderzone.core.models import AuditAction, AuditEvent

Snapshot = dict[str, Any]

#: What an audit row keeps instead of a personal field's value (a model lists such fields in
#: `PERSONAL_FIELDS`: contact details that are deleted after their retention period, docs/security.md).
PERSONAL_MARK = "•••"


def _personal(value: Any) -> Any:
    """A personal field's value as the audit trail keeps it: empty stays empty; otherwise the mark and a short
    keyed digest (8 hex digits of an HMAC-SHA256 under SECRET_KEY), which shows that the value changed but
    cannot be read back, so deleting the value later leaves no copy in the append-only rows."""
    if value in (None, ""):
        return value
    digest = salted_hmac("borderzone.access.audit.personal", str(value), algorithm="sha256").hexdigest()
    return f"{PERSONAL_MARK} {digest[:8]}"


def personal_fields(model: type[models.Model] | models.Model) -> frozenset[str]:
    return frozenset(getattr(model, "PERSONAL_FIELDS", ()))


def audit_repr(instance: models.Model) -> str:
    """The name of an object in its audit rows: `audit_label()` where the model's own name holds personal
    data (an inquiry is named by its sender), else `str()`."""
    label = getattr(instance, "audit_label", None)
    return str(label() if callable(label) else instance)[:300]


def _plain(value: Any) -> Any:
    """A JSON-safe rendering of a field value that keeps its meaning (Decimal as text, dates ISO)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, float):
        return value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> Snapshot:
    """The concrete field values of an instance (foreign keys by id), ready to diff."""
    wanted = set(fields) if fields is not None else None
    personal = personal_fields(instance)
    data: Snapshot = {}
    for field in instance._meta.concrete_fields:
        if wanted is not None and field.name not in wanted:
            continue
        if field.name in {"password"}:
            continue
        value = getattr(instance, field.attname)
        if isinstance(field, models.DecimalField) and isinstance(value, Decimal) and value.is_finite():
            value = value.quantize(Decimal(1).scaleb(-field.decimal_places))
        data[field.name] = _personal(value) if field.name in personal else _plain(value)
    return data


def diff(before: Snapshot, after: Snapshot) -> dict[str, list[Any]]:
    """{field: [before, after]} for each field whose value changed."""
    keys = before.keys() | after.keys()
    return {k: [before.get(k), after.get(k)] for k in sorted(keys) if before.get(k) != after.get(k)}


def _created(values: Snapshot) -> dict[str, list[Any]]:
    """The changes of a created object: each field that has a value, from nothing."""
    return {k: [None, v] for k, v in values.items() if v not in (None, "")}


def _zone_id(instance: models.Model) -> int | None:
    zone = zone_of(instance)
    return zone.pk if zone is not None else None


def _event_fields(
    actor: Actor, instance: models.Model, action: str, changes: dict[str, Any], note: str
) -> dict[str, Any]:
    """The values of one audit row: who, from where, which object (and its zone), what changed."""
    return {
        "user": actor.user,
        "via": actor.via,
        "ip_address": actor.ip_address,
        "content_type": ContentType.objects.get_for_model(instance, for_concrete_model=False),
        "object_id": str(instance.pk),
        "object_repr": audit_repr(instance),
        "zone_id": _zone_id(instance),
        "action": action,
        "changes": changes,
        "note": note[:500],
    }


def audit_record(
    *,
    actor: Actor,
    instance: models.Model,
    action: str = AuditAction.UPDATED,
    before: Snapshot | None = None,
    changes: dict[str, Any] | None = None,
    note: str = "",
    extra: Mapping[str, Any] | None = None,
) -> AuditEvent | None:
    """Write the audit row of a change. Must run inside the transaction that makes the change.

    For `created` the changes are every field's value; for `updated` pass the `snapshot` taken before
    the change, and nothing is written when no field changed. `extra` adds what the fields do not hold
    (relations set beside the row: `{"projects": [before, after]}`, a password changed: `["***", "***"]`).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must be called inside the transaction of the change it records.")
    if changes is None:
        after = snapshot(instance)
        if action == AuditAction.CREATED:
            changes = _created(after)
        elif action == AuditAction.DELETED:
            changes = {k: [v, None] for k, v in (before or after).items() if v not in (None, "")}
        else:
            changes = diff(before or {}, after)
            if before is not None and not changes and not extra:
                return None
    if extra:
        changes = {**changes, **extra}
    return AuditEvent.objects.create(**_event_fields(actor, instance, action, changes, note))


def audit_access(
    *, actor: Actor, model: type[models.Model], object_id: str, object_repr: str, action: str, note: str = ""
) -> AuditEvent:
    """The audit row of a sign-in, a refused sign-in or a sign-out: the account may not exist, so it is named."""
    return AuditEvent.objects.create(
        user=actor.user,
        via=actor.via,
        ip_address=actor.ip_address,
        content_type=ContentType.objects.get_for_model(model),
        object_id=object_id[:64],
        object_repr=object_repr[:300],
        action=action,
        changes={},
        note=note[:500],
    )


def audit_bulk(*, actor: Actor, instances: list[models.Model], action: str, note: str = "") -> int:
    """Audit rows for many created objects at once (imports of reference data)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_bulk must be called inside the transaction of the change it records.")
    rows = [AuditEvent(**_event_fields(actor, obj, action, _created(snapshot(obj)), note)) for obj in instances]
    AuditEvent.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def audit_personal_data_removed(
    *, actor: Actor, instances: Sequence[models.Model], fields: tuple[str, ...], note: str
) -> int:
    """One audit row per object whose personal fields were emptied: it names the fields, with the mark
    instead of their old values, so the row keeps no copy of what was deleted."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit rows must be written inside the transaction of the change they record.")
    rows = [
        AuditEvent(
            **_event_fields(
                actor,
                obj,
                AuditAction.UPDATED,
                {name: [PERSONAL_MARK, ""] for name in fields if getattr(obj, name, "") not in (None, "")},
                note,
            )
        )
        for obj in instances
    ]
    AuditEvent.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def history_for(instance: models.Model) -> models.QuerySet[AuditEvent]:
    """The audit rows of one object, newest first."""
    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
        object_id=str(instance.pk),
    ).select_related("user")
