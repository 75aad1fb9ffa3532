"""Audit rows read by a person: the kind of object, the action, and each changed field under its label with
its values in the reader's language (a choice by its label, yes/no for a boolean, a related object by its
name, dates the reader's way), instead of the stored field names and codes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _

from borderzone.core.formatting import format_decimal, format_value
from borderzone.core.models import AuditEvent


@dataclass(frozen=True)
class ReadableChange:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class ReadableEvent:
    event: AuditEvent
    kind: str
    changes: list[ReadableChange]


def _field(model: type[models.Model] | None, name: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def _value(field: models.Field[Any, Any] | None, value: Any, names: dict[tuple[Any, str], str]) -> str:
    if value is None or value == "":
        return "∅"
    if isinstance(value, bool) or isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    if field is not None and field.is_relation and field.related_model is not None:
        return names.get((field.related_model, str(value)), f"#{value}")
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DecimalField | models.FloatField):
        try:
            return format_decimal(Decimal(str(value)))
        except (InvalidOperation, ValueError, TypeError):
            return str(value)
    if isinstance(value, list | dict):
        return ", ".join(str(v) for v in (value if isinstance(value, list) else value.values()))
    return format_value(value)


def readable_events(events: Iterable[AuditEvent]) -> list[ReadableEvent]:
    """The events with their changes readable; related objects named with one query per related model."""
    events = list(events)
    wanted: dict[Any, set[str]] = defaultdict(set)
    for event in events:
        model = event.content_type.model_class() if event.content_type_id else None
        for name, pair in (event.changes or {}).items():
            field = _field(model, name)
            if field is not None and field.is_relation and field.related_model is not None:
                wanted[field.related_model].update(str(v) for v in pair if v not in (None, ""))
    names: dict[tuple[Any, str], str] = {}
    for related, ids in wanted.items():
        for obj in related._default_manager.filter(pk__in=list(ids)):
            names[(related, str(obj.pk))] = str(obj)
    rows = []
    for event in events:
        model = event.content_type.model_class() if event.content_type_id else None
        kind = str(model._meta.verbose_name) if model is not None else ""
        changes = []
        for name, pair in (event.changes or {}).items():
            field = _field(model, name)
            label = str(field.verbose_name) if field is not None else name.replace("_", " ")
            before, after = (list(pair) + [None, None])[:2] if isinstance(pair, list | tuple) else (None, pair)
            changes.append(
                ReadableChange(label[:1].upper() + label[1:], _value(field, before, names), _value(field, after, names))
            )
        rows.append(ReadableEvent(event, kind[:1].upper() + kind[1:], changes))
    return rows
