"""Pieces every app's services share."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from borderzone.access import versions
from borderzone.access.actors import Actor
from borderzone.access.audit import audit_record, snapshot
from borderzone.core.cache import bump_version
from borderzone.core.models import AuditAction, quantize_decimal_fields


def save_checked(
    instance: models.Model, field: str = "code", message: str = "", update_fields: Collection[str] | None = None
) -> None:
    """Validate and save: Decimals to their field's places, full_clean, and a unique clash lost to a
    concurrent writer reported on `field` instead of a server error. Call inside the service's transaction.
    With `update_fields` only those columns are written (with the `auto_now` ones; none when it is empty), so
    a counter another writer raised meanwhile (a document's hits) is not put back."""
    quantize_decimal_fields(instance)
    instance.full_clean()
    if update_fields is not None and update_fields:
        stamps = [f.name for f in instance._meta.concrete_fields if getattr(f, "auto_now", False)]
        update_fields = [*update_fields, *stamps]
    try:
        with transaction.atomic():
            instance.save(update_fields=update_fields)
    except IntegrityError:
        raise ValidationError({field: message or _("This value is already used.")}) from None


def accepted(fields: Mapping[str, Any], allowed: Collection[str]) -> dict[str, Any]:
    """The entries of `fields` a service lets its callers set; the others are ignored."""
    return {key: value for key, value in fields.items() if key in allowed}


#: What `ModelWrites.record` did with a row: an import counts each.
Outcome = Literal["created", "updated", "unchanged"]


def _require_transaction() -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Call this inside the service's transaction.")


@dataclass(frozen=True)
class ModelWrites[M: models.Model]:
    """How services create and change one model, each in the caller's transaction: only `fields` are
    taken from the caller; `unique` (e.g. ("zone", "code")) is checked first and a clash reported on
    `clash_field` with `clash_message` (as is one lost to a concurrent writer); then `prepare` (turning
    input into what is stored, e.g. sanitising HTML, filling derived values), `check` (the domain rules),
    save_checked, the audit row and a bump of `scope` (for an update, only when something changed).
    `zone_of(instance)` names the zone the row's data belongs to (its own, its parent's), so that the bump
    invalidates only that zone's cached figures (`core.cache.zone_scopes`); None, or no `zone_of`, bumps for
    every zone. `bump` replaces the bump when a change must do more (refresh derived rows).

    Optimistic locking: `version(instance)` is the record's version (a digest of `fields`, plus what
    `versioned` adds, e.g. the number of a project's latest certificate), sent by the API as `ETag`; an update
    given `expected_version` (an `If-Match`, or the token a form page carries) locks the row and raises
    `versions.StaleVersion` when the record changed since, so nothing is saved (API 412, form page 409).
    An empty `scope` says no cached figure reads the model (accounts, inquiries): nothing is bumped."""

    model: type[M]
    fields: Collection[str]
    scope: str
    check: Callable[[M], None] | None = None
    prepare: Callable[[M], None] | None = None
    unique: tuple[str, ...] = ()
    clash_field: str = "code"
    clash_message: str | Promise = ""
    bump: Callable[[M], None] | None = None
    zone_of: Callable[[M], int | None] | None = None
    versioned: Callable[[M], Mapping[str, Any]] | None = None

    def create(
        self,
        actor: Actor,
        fields: Mapping[str, Any],
        *,
        relations: Mapping[str, Any] | None = None,
        action: str = AuditAction.CREATED,
        defer_bump: bool = False,
        **parents: Any,
    ) -> M:
        """A new row from the parents it belongs to (zone=..., goal=...) and the accepted `fields`.
        `relations` adds to the audit row what was set beside it (`{"projects": [None, [3, 5]]}`); `action`
        names a creation that is also a step (a status recorded: `STATUS_CHANGED`); `defer_bump` leaves the
        bump to a caller that writes many rows and bumps once (an import)."""
        _require_transaction()
        instance = self.model(**parents, **accepted(fields, self.fields))
        if self.unique:
            self._refuse_clash(instance, {})
        self._save(instance)
        audit_record(actor=actor, instance=instance, action=action, extra=relations)
        if not defer_bump:
            self._bump(instance)
        return instance

    def record(
        self,
        instance: M | None,
        actor: Actor,
        fields: Mapping[str, Any],
        *,
        parents: Mapping[str, Any] | None = None,
        also: Mapping[str, Any] | None = None,
        status_field: str = "",
        note: str = "",
        defer_bump: bool = False,
    ) -> tuple[M, Outcome]:
        """An upsert (a figure for a month, a rate for a day): create from `parents`, `also` and `fields`
        when `instance` (the row the caller found, locked) is None, else change it — and when no value would
        change, neither save, audit nor bump (an import run twice writes nothing). Answers what it did."""
        if instance is None:
            created = self.create(actor, fields, defer_bump=defer_bump, **(parents or {}), **(also or {}))
            return created, "created"
        changed = self.change(
            instance,
            actor,
            fields,
            status_field=status_field,
            note=note,
            also=also,
            defer_bump=defer_bump,
            skip_unchanged=True,
        )
        return instance, "updated" if changed else "unchanged"

    def delete(self, instance: M, actor: Actor, *, note: str = "", defer_bump: bool = False) -> None:
        """Delete a row, its audit row keeping each value it had, and bump the scope. What else goes with it
        (files once committed, a search index) the service does."""
        _require_transaction()
        audit_record(actor=actor, instance=instance, action=AuditAction.DELETED, note=note)
        pk = instance.pk
        instance.delete()
        instance.pk = pk  # the bump may still name it (`zone_of` and `bump` read its zone, its parent)
        if not defer_bump:
            self._bump(instance)

    def version(self, instance: M) -> str:
        """The record's version as the API sends it (`ETag`): it changes when a field callers set changes."""
        values = versions.state(instance, self.fields)
        if self.versioned is not None:
            values.update({f"+{key}": value for key, value in self.versioned(instance).items()})
        return versions.digest(values)

    def check_version(self, instance: M, expected_version: str | None) -> None:
        """Lock the record and refuse (`versions.StaleVersion`) an edit that started from another version;
        nothing is checked without `expected_version`. For services that change a record's dependants (a
        project's certificate versions) as well as for `update`."""
        _require_transaction()
        if expected_version is None:
            return
        versions.refuse_stale(instance, expected_version, self.fields, self.version)

    def update(
        self,
        instance: M,
        actor: Actor,
        fields: Mapping[str, Any],
        *,
        status_field: str = "",
        note: str = "",
        also: Mapping[str, Any] | None = None,
        expected_version: str | None = None,
        relations: Mapping[str, Any] | None = None,
        update_fields: Collection[str] | None = None,
        defer_bump: bool = False,
    ) -> M:
        """Set the accepted `fields` (and `also`: values the service itself decides, e.g. a moderation
        stamp) on `instance` and save; the audit row keeps each changed field's before and after and says
        "status changed" when `status_field` did. When nothing changed there is no audit row and no bump
        of the data version, so caches stay warm. With `expected_version`, a record changed since that
        version is refused (`versions.StaleVersion`) before anything is set."""
        self.change(
            instance,
            actor,
            fields,
            status_field=status_field,
            note=note,
            also=also,
            expected_version=expected_version,
            relations=relations,
            update_fields=update_fields,
            defer_bump=defer_bump,
        )
        return instance

    def change(
        self,
        instance: M,
        actor: Actor,
        fields: Mapping[str, Any],
        *,
        status_field: str = "",
        note: str = "",
        also: Mapping[str, Any] | None = None,
        expected_version: str | None = None,
        edited: Callable[[M], None] | None = None,
        edited_anyway: bool = False,
        relations: Mapping[str, Any] | None = None,
        update_fields: Collection[str] | None = None,
        defer_bump: bool = False,
        skip_unchanged: bool = False,
    ) -> bool:
        """`update`, answering whether anything changed (an audit row was written and the scope bumped).
        `edited(instance)` runs before the checks when a field's value changed (after `prepare`, so text that
        sanitises to what is stored is no change) or when `edited_anyway` (the caller changed a relation):
        e.g. content changed since its approval goes back to draft. `relations` adds to the audit row what the
        caller changed beside the row (`{"projects": [[1], [1, 4]]}`), which counts as a change;
        `update_fields` writes only those columns (a counter another writer may raise meanwhile);
        `defer_bump` leaves the bump to a caller that changes many rows and bumps once; `skip_unchanged`
        neither saves nor checks a row none of whose values changed (upserts, see `record`)."""
        _require_transaction()
        self.check_version(instance, expected_version)
        changes = {**accepted(fields, self.fields), **(also or {})}
        if any(field in changes for field in self.unique):
            self._refuse_clash(instance, changes)
        before = snapshot(instance)
        for key, value in changes.items():
            setattr(instance, key, value)
        if self.prepare is not None:
            self.prepare(instance)
        if skip_unchanged and not relations and snapshot(instance) == before:
            return False
        if edited is not None and (edited_anyway or relations or snapshot(instance) != before):
            edited(instance)
        self._save(instance, prepared=True, update_fields=update_fields)
        changed_status = status_field and before.get(status_field) != getattr(instance, status_field)
        action = AuditAction.STATUS_CHANGED if changed_status else AuditAction.UPDATED
        written = audit_record(actor=actor, instance=instance, action=action, before=before, note=note, extra=relations)
        if written is None:
            return False
        if not defer_bump:
            self._bump(instance)
        return True

    def _bump(self, instance: M) -> None:
        if self.bump is not None:
            self.bump(instance)
        elif self.scope:
            bump_version(self.scope, None if self.zone_of is None else self.zone_of(instance))

    def _refuse_clash(self, instance: M, changes: Mapping[str, Any]) -> None:
        """Refuse a row whose unique values (`changes` over the instance's own) another row already has."""
        lookup: dict[str, Any] = {}
        for name in self.unique:
            if name in changes:
                lookup[name] = changes[name]
            else:
                field = self.model._meta.get_field(name)
                attname = field.attname if isinstance(field, models.Field) else name
                lookup[attname] = getattr(instance, attname)
        others = self.model._default_manager.filter(**lookup)
        if instance.pk is not None:
            others = others.exclude(pk=instance.pk)
        if others.exists():
            raise ValidationError({self.clash_field: self._clash_text()})

    def _save(self, instance: M, *, prepared: bool = False, update_fields: Collection[str] | None = None) -> None:
        if self.prepare is not None and not prepared:
            self.prepare(instance)
        if self.check is not None:
            self.check(instance)
        save_checked(instance, self.clash_field, self._clash_text(), update_fields)

    def _clash_text(self) -> str:
        return str(self.clash_message) if self.clash_message else _("This value is already used.")
