"""Audit rows as a reader reads them: each changed field by its label in the reader's language, each value
the way the pages show it (a status by its label, a boolean as yes/no, a foreign key by the name of what it
points at, an amount grouped the reader's way, a date dd/mm/yyyy, a time in the zone's time zone).

`readable_events(events)` works on any list of audit rows (the history page of any record, the project
dossier, the list of recent changes at /staff/changes/: the one renderer of audit rows) with a fixed number
of queries: one per kind of record the foreign keys point at, whatever the number of rows."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, TypedDict

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from borderzone.core import formatting
from borderzone.core.models import AuditEvent
from borderzone.core.money import Money
from borderzone.core.registry import DossierEntry

#: Values never shown (secrets, derived search keys).
HIDDEN = frozenset({"password", "search_text", "name_key", "session_generation"})


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass
class ReadableEvent:
    """One audit row: who, when (zone time), what was done, to what kind of record, and each change readable."""

    event: AuditEvent
    when: str
    who: str
    action: str
    changes: list[Change] = field(default_factory=list)
    kind: str = ""

    @property
    def created_at(self) -> dt.datetime:
        return self.event.created_at


def person(user: Any) -> str:
    """A user as staff name them: their full name, else their user name; "" for the system."""
    if user is None:
        return ""
    full = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return str(full or user.get_username())


def _model_field(model: type[models.Model] | None, name: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a key the model no longer has (a removed field) is shown by its name
        return None


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _currency(name: str, model_field: Any, changes: dict[str, Any]) -> str | None:
    """The currency of an amount field: VND when the field says so, else the row's currency if recorded."""
    label = str(getattr(model_field, "verbose_name", ""))
    if name.endswith("_vnd") or "VND" in label:
        return "VND"
    pair = changes.get("currency")
    if isinstance(pair, list | tuple) and len(pair) == 2:
        return str(pair[1] or pair[0] or "") or None
    return None


def value_text(
    model_field: Any, value: Any, *, currency: str | None = None, names: dict[Any, str] | None = None
) -> str:
    """One recorded value, readable."""
    if value is None or value == "":
        return "∅"
    if model_field is None:
        return formatting.format_value(value)
    if isinstance(model_field, models.BooleanField):
        return _("yes") if value else _("no")
    choices = getattr(model_field, "flatchoices", None)
    if choices:
        labels = {str(k): v for k, v in choices}
        if isinstance(value, list):
            return ", ".join(str(labels.get(str(v), v)) for v in value)
        return str(labels.get(str(value), value))
    if isinstance(model_field, models.ForeignKey | models.OneToOneField):
        return (names or {}).get(str(value), f"#{value}")
    if isinstance(model_field, models.ManyToManyField) and isinstance(value, list):
        return ", ".join((names or {}).get(str(v), f"#{v}") for v in value) or "∅"
    if isinstance(model_field, models.DecimalField | models.FloatField | models.IntegerField) and not isinstance(
        value, bool
    ):
        amount = _decimal(value)
        if amount is None:
            return str(value)
        if currency in ("VND", "USD") and isinstance(model_field, models.DecimalField):
            return formatting.format_money(Money(amount, currency))
        places = getattr(model_field, "decimal_places", 0) or 0
        return formatting.format_decimal(amount, max_decimals=max(places, 0))
    if isinstance(model_field, models.DateTimeField | models.DateField):
        return formatting.format_value(value)
    return formatting.format_value(value) if not isinstance(value, list | dict) else str(value)


def _model_of(event: AuditEvent) -> type[models.Model] | None:
    if event.content_type_id is None:
        return None
    return ContentType.objects.get_for_id(event.content_type_id).model_class()


def _foreign_names(events: list[AuditEvent]) -> dict[type[models.Model], dict[str, str]]:
    """The names of every record the changes' foreign keys point at: one query per kind of record."""
    wanted: dict[type[models.Model], set[str]] = defaultdict(set)
    for event in events:
        model = _model_of(event)
        for name, pair in (event.changes or {}).items():
            model_field = _model_field(model, name)
            if not isinstance(model_field, models.ForeignKey | models.OneToOneField | models.ManyToManyField):
                continue
            for value in pair if isinstance(pair, list | tuple) else ():
                for one in value if isinstance(value, list) else [value]:
                    if one not in (None, ""):
                        wanted[model_field.related_model].add(str(one))
    found: dict[type[models.Model], dict[str, str]] = {}
    for related, ids in wanted.items():
        numeric = isinstance(related._meta.pk, models.AutoField | models.BigAutoField | models.IntegerField)
        keys = [i for i in ids if i.lstrip("-").isdigit()] if numeric else list(ids)
        found[related] = {str(obj.pk): str(obj) for obj in related._default_manager.filter(pk__in=keys)}
    return found


def readable_events(events: Iterable[AuditEvent]) -> list[ReadableEvent]:
    """The rows with their changes readable (select the rows with `select_related("user")`)."""
    rows = list(events)
    names = _foreign_names(rows)
    out: list[ReadableEvent] = []
    for event in rows:
        model = _model_of(event)
        changes: list[Change] = []
        recorded = event.changes or {}
        for name, pair in recorded.items():
            if name in HIDDEN or not isinstance(pair, list | tuple) or len(pair) != 2:
                continue
            model_field = _model_field(model, name)
            if model_field is not None and not getattr(model_field, "editable", True) and name not in ("status",):
                continue  # derived values (search keys, stamps) say nothing a reader needs
            label = capfirst(str(getattr(model_field, "verbose_name", "") or name.replace("_", " ")))
            related = getattr(model_field, "related_model", None)
            lookup = names.get(related, {}) if related is not None else {}
            currency = _currency(name, model_field, recorded)
            changes.append(
                Change(
                    label=label,
                    before=value_text(model_field, pair[0], currency=currency, names=lookup),
                    after=value_text(model_field, pair[1], currency=currency, names=lookup),
                )
            )
        out.append(
            ReadableEvent(
                event=event,
                when=formatting.format_datetime(event.created_at),
                who=person(event.user),
                action=str(event.get_action_display()),
                changes=changes,
                kind=capfirst(str(model._meta.verbose_name)) if model is not None else "",
            )
        )
    return out


def audit_of(instances: Iterable[models.Model]) -> dict[tuple[int, str], list[AuditEvent]]:
    """The audit rows of many records at once (one query): (content type id, object id) -> rows, oldest first."""
    by_type: dict[int, set[str]] = defaultdict(set)
    for instance in instances:
        content_type = ContentType.objects.get_for_model(instance, for_concrete_model=False)
        by_type[content_type.pk].add(str(instance.pk))
    found: dict[tuple[int, str], list[AuditEvent]] = defaultdict(list)
    if not by_type:
        return found
    condition = models.Q()
    for type_id, ids in by_type.items():
        condition |= models.Q(content_type_id=type_id, object_id__in=sorted(ids))
    for event in AuditEvent.objects.filter(condition).select_related("user").order_by("created_at", "id"):
        found[(event.content_type_id, event.object_id)].append(event)
    return found


def key_of(instance: models.Model) -> tuple[int, str]:
    """The key of `instance` in what `audit_of` returns."""
    return ContentType.objects.get_for_model(instance, for_concrete_model=False).pk, str(instance.pk)


class Recorded(TypedDict):
    who: str
    recorded: str


def first_recorded(events: list[AuditEvent]) -> Recorded:
    """Who recorded a fact and when (zone time, formatted): its first audit row, or blanks without one; to be
    passed on to a DossierEntry (`DossierEntry(..., **first_recorded(rows))`)."""
    if not events:
        return {"who": "", "recorded": ""}
    first = events[0]
    return {"who": person(first.user) or _("the system"), "recorded": formatting.format_datetime(first.created_at)}


def edit_entries(audit: dict[tuple[int, str], list[AuditEvent]]) -> list[DossierEntry]:
    """Every change after the first record of each object in `audit` (what `audit_of` returned) as dossier
    entries: what was changed, by whom, when, and each field readable, linked to the object's history."""
    later = [e for events in audit.values() for e in events[1:] if e.changes or e.note]
    out = []
    for row in readable_events(later):
        local = timezone.localtime(row.event.created_at)
        details = tuple((c.label, f"{c.before} → {c.after}") for c in row.changes)
        if row.event.note:
            details += ((_("Note"), row.event.note),)
        out.append(
            DossierEntry(
                day=local.date(),
                at=row.event.created_at,
                kind=_("Edit"),
                title=f"{capfirst(row.action)}: {row.event.object_repr}",
                details=details,
                who=row.who or _("the system"),
                recorded=row.when,
                url=reverse("core:history", args=[row.event.content_type_id, row.event.object_id]),
            )
        )
    return out
