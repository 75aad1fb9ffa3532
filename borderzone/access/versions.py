"""Optimistic locking: an edit carries the version of the record it started from, and a stale one is refused.

A record's version is a digest of the values of the fields people edit, so a change to a counter or a
derived column does not make a form stale. A form carries the values it was drawn from (signed, in
`_version`), so a refused form can show the other person's change; the API sends the digest as `ETag`
and takes an optional `If-Match`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from typing import Any

from django.core import signing
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from borderzone.access.audit import snapshot

VERSION_FIELD = "_version"
_SALT = "borderzone.access.versions"


def editable_names(model: type[models.Model], names: Iterable[str]) -> list[str]:
    """The names among `names` that are concrete fields of `model` (a form's other fields are not versioned)."""
    concrete = {f.name for f in model._meta.concrete_fields}
    return sorted(n for n in names if n in concrete)


def state(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    return snapshot(instance, fields)


def digest(values: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()[:24]


def version_of(instance: models.Model, fields: Iterable[str]) -> str:
    """The version of a record as the API shows it (the `ETag`)."""
    return digest(state(instance, fields))


def form_token(instance: models.Model, fields: Iterable[str]) -> str:
    """What a form carries: the record and the values it was drawn from, signed."""
    fields = list(fields)
    return signing.dumps(
        {"m": instance._meta.label_lower, "pk": str(instance.pk), "s": state(instance, fields)},
        salt=_SALT,
        compress=True,
    )


def form_base(token: str, instance: models.Model) -> dict[str, Any] | None:
    """The values a form was drawn from, when its token is genuine and names this record; else None."""
    try:
        data = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return None
    if data.get("m") != instance._meta.label_lower or data.get("pk") != str(instance.pk):
        return None
    values = data.get("s")
    return values if isinstance(values, dict) else None


def locked[M: models.Model](instance: M) -> M:
    """The record as it is now, its row locked until the transaction ends (call inside one)."""
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)


def locked_free[M: models.Model](instance: M) -> M:
    """The record as it is now in the database (not as a failed save left it in memory)."""
    return type(instance)._default_manager.get(pk=instance.pk)


class StaleVersion(Exception):
    """An edit started from a version of the record that is no longer current: nothing was saved.
    `current` is the record as it is now; `changed` names the fields that differ from what a form was drawn
    from (empty for an API's `If-Match`, whose version is a digest)."""

    def __init__(self, current: models.Model, changed: list[str]) -> None:
        super().__init__(_("Someone changed this record after you read it: read it again, then send your change."))
        self.current = current
        self.changed = changed


def refuse_stale[M: models.Model](
    instance: M, expected: str, fields: Iterable[str], version: Callable[[M], str] | None = None
) -> None:
    """Lock the record and raise `StaleVersion` unless `expected` is its current version: a form's token (the
    values of the fields it shows must be the record's now) or one or more ETags (`"a1", "b2"`; `*` matches
    any), compared with `version(record)` (else the digest of `fields`). Call inside the write's transaction."""
    current = locked(instance)
    if ":" in expected:  # a signed form token
        base = form_base(expected, instance)
        names = sorted(base) if base is not None else editable_names(type(instance), fields)
        now = state(current, names)
        if base is not None and base == now:
            return
        raise StaleVersion(current, [n for n in names if base is None or base.get(n) != now.get(n)])
    tags = {tag.strip().removeprefix("W/").strip('"') for tag in expected.split(",")}
    if "*" in tags:
        return
    if (version(current) if version is not None else version_of(current, fields)) not in tags:
        raise StaleVersion(current, [])


def if_match(request: HttpRequest) -> str | None:
    """The versions an API write names in `If-Match` (None when it names none: nothing is checked)."""
    return request.headers.get("If-Match", "").strip() or None


def set_etag(response: HttpResponse, version: str) -> None:
    """Send a record's version (`ModelWrites.version(instance)`) as the response's `ETag`."""
    response["ETag"] = f'"{version}"'
