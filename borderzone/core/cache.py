"""Caching keyed by versions kept in the database, so every process sees committed changes at once."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, router, transaction
from django.db.models import F

from borderzone.core.models import DataVersion


def _start() -> int:
    # A random start, so that a database rebuilt from scratch never meets the cache entries of the old one.
    return secrets.randbelow(2**40) + 1


def _ensure(scope: str) -> int:
    """The scope's version, creating its row if needed; safe when two processes create it at once."""
    try:
        with transaction.atomic():
            return DataVersion.objects.get_or_create(scope=scope, defaults={"version": _start()})[0].version
    except IntegrityError:
        return DataVersion.objects.get(scope=scope).version


# Functions run once after a transaction that changed one of their scopes commits (see `after_change`).
_AFTER_CHANGE: list[tuple[frozenset[str], Callable[[frozenset[int] | None], None]]] = []


def after_change(scopes: tuple[str, ...], callback: Callable[[frozenset[int] | None], None]) -> None:
    """Run `callback(zones)` once after each committed transaction that bumps one of `scopes` (never after a
    rollback): `zones` holds the ids of the zones whose data changed, or is None when a write tied to no
    zone changed data of every zone. Apps use it to recompute what their pages will ask for next, e.g. in a
    background task, for the changed zones only."""
    _AFTER_CHANGE.append((frozenset(scopes), callback))


class _AfterCommit:
    """One pending call of an after-change callback: the zones it is for grow with each write of the
    transaction until it commits."""

    def __init__(self, callback: Callable[[frozenset[int] | None], None]) -> None:
        self.callback = callback
        self.zones: set[int | None] = set()

    def __call__(self) -> None:
        self.callback(None if None in self.zones else frozenset(z for z in self.zones if z is not None))


def _schedule_after_change(scope: str, zone_id: int | None) -> None:
    connection = transaction.get_connection()
    for scopes, callback in _AFTER_CHANGE:
        if scope not in scopes:
            continue
        # Once per transaction, however many writes it makes; Django drops it if the transaction rolls back.
        pending = next(
            (e[1] for e in connection.run_on_commit if isinstance(e[1], _AfterCommit) and e[1].callback is callback),
            None,
        )
        if pending is None:
            pending = _AfterCommit(callback)
            transaction.on_commit(pending)
        pending.zones.add(zone_id)


ANY_ZONE = "*"


def zone_scope(scope: str, zone_id: int | str) -> str:
    """The version of `scope`'s data in one zone (`zone_id`), or of writes not tied to a zone (ANY_ZONE)."""
    return f"{scope}@{zone_id}"


def zone_scopes(scopes: tuple[str, ...], zone_id: int) -> tuple[str, ...]:
    """What a figure of one zone is cached under: each scope's version in that zone and the version of
    the scope's writes not tied to a zone (a legal rule, an import of another app...). A write in another
    zone changes neither, so that zone's cached figures stay valid."""
    return tuple(name for s in scopes for name in (zone_scope(s, zone_id), zone_scope(s, ANY_ZONE)))


def _bump(scope: str) -> None:
    updated = DataVersion.objects.filter(scope=scope).update(version=F("version") + 1)
    if not updated:
        _ensure(scope)


def bump_version(scope: str, zone_id: int | None = None) -> None:
    """Mark the data of `scope` changed; call inside the writing transaction. With `zone_id`, only that
    zone's figures are invalidated among those cached per zone (`zone_scopes`); without, every zone's are.
    The scope's own version changes either way (caches over all zones key on it)."""
    with transaction.atomic():
        _bump(scope)
        _bump(zone_scope(scope, ANY_ZONE if zone_id is None else zone_id))
        _schedule_after_change(scope, zone_id)


# A value read with the versions: an SQL expression (a scalar subquery) and its parameters.
Mark = tuple[str, Sequence[Any]]


def versions(
    *scopes: str, also: Mapping[str, Mark] | None = None, unkeyed: tuple[str, ...] = ()
) -> tuple[str, dict[str, Any]]:
    """A token that changes whenever any of the scopes changes, and the values of the SQL expressions `also`
    (e.g. a row's id found by its slug, the time the news schedule last passed) read in the same statement:
    one query once the scopes exist. The token covers the `also` values too, except those named in
    `unkeyed` (read along, e.g. for the reader's part of a page). The expressions are SQL the calling app
    writes for its own tables (compiling nested querysets cost more than the page they key)."""
    if not scopes:
        raise ValueError("versions() needs at least one scope")
    names = tuple(also or {})
    columns = "".join(f", ({also[n][0]})" for n in names) if also else ""
    params: list[Any] = [p for n in names for p in also[n][1]] if also else []
    table = DataVersion._meta.db_table
    holders = ", ".join(["%s"] * len(scopes))
    sql = f"SELECT scope, version{columns} FROM {table} WHERE scope IN ({holders})"  # noqa: S608  # nosec B608 - our table, the callers' constant expressions; values are parameters
    found: dict[str, int] = {}
    extra: dict[str, Any] | None = None
    with connections[router.db_for_read(DataVersion) or DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(sql, [*params, *scopes])
        for scope, version, *values in cursor.fetchall():
            found[scope] = version
            extra = dict(zip(names, values, strict=True))
    for scope in scopes:
        if scope not in found:
            found[scope] = _ensure(scope)
    if extra is None and names:
        return versions(*scopes, also=also, unkeyed=unkeyed)  # the rows exist now: read the expressions with them
    token = ".".join(str(found[s]) for s in scopes)
    if names and extra is not None:
        token += "|" + "|".join(str(extra[n]) for n in names if n not in unkeyed)
    return token, extra or {}


def current_version(*scopes: str) -> str:
    """A token that changes whenever any of the scopes changes (one query once the scopes exist)."""
    return versions(*scopes)[0]


def cached[T](scopes: tuple[str, ...], key: str, compute: Callable[[], T], timeout: int = 3600) -> T:
    """`compute()` cached under `key` for the current versions of `scopes`."""
    return cached_at(current_version(*scopes), scopes, key, compute, timeout)


def cached_at[T](version: str, scopes: tuple[str, ...], key: str, compute: Callable[[], T], timeout: int = 3600) -> T:
    """`compute()` cached under `key` for a token `version` read before (`versions`) of `scopes`."""
    digest = hashlib.sha256(f"{'|'.join(scopes)}:{version}:{key}".encode()).hexdigest()[:40]
    cache_key = f"bz:{digest}"
    hit: T | None = cache.get(cache_key)
    if hit is not None:
        return hit
    value = compute()
    cache.set(cache_key, value, timeout)
    return value
