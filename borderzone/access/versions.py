"""Optimistic locking: an edit carries the version of the record it started from, and a stale one is refused.

A record's version is a digest of the values of the fields people edit, so a change to a counter or a
derived column does not make a form stale. A form carries the values it was drawn from (signed, in
`_version`), so a refused form can show the other person's change; the API sends the digest as `ETag`
and takes an optional `If-Match`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from django.core import signing
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja.errors import HttpError

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


def locked(instance: models.Model) -> models.Model:
    """The record as it is now, its row locked until the transaction ends (call inside one)."""
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)


def locked_free(instance: models.Model) -> models.Model:
    """The record as it is now in the database (not as a failed save left it in memory)."""
    return type(instance)._default_manager.get(pk=instance.pk)


def check_if_match(request: HttpRequest, instance: models.Model, fields: Iterable[str]) -> None:
    """An API write with `If-Match`: lock the record and answer 412 when it names a version that is not the
    current one (`*` matches any). Without the header nothing is checked. Call inside the write's transaction."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        return
    tags = {tag.strip().removeprefix("W/").strip('"') for tag in header.split(",")}
    if "*" in tags:
        return
    if version_of(locked(instance), fields) not in tags:
        raise HttpError(412, _("Someone changed this record after you read it: read it again, then send your change."))


def set_etag(response: HttpResponse, instance: models.Model, fields: Iterable[str]) -> None:
    response["ETag"] = f'"{version_of(instance, fields)}"'
