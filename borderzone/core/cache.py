"""Caching keyed by versions kept in the database, so every process sees committed changes at once."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable

from django.core.cache import cache
from django.db import IntegrityError, transaction
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
_AFTER_CHANGE: list[tuple[frozenset[str], Callable[[], None]]] = []


def after_change(scopes: tuple[str, ...], callback: Callable[[], None]) -> None:
    """Run `callback` once after each committed transaction that bumps one of `scopes` (never after a
    rollback); apps use it to recompute what their pages will ask for next, e.g. in a background task."""
    _AFTER_CHANGE.append((frozenset(scopes), callback))


def _schedule_after_change(scope: str) -> None:
    connection = transaction.get_connection()
    for scopes, callback in _AFTER_CHANGE:
        if scope not in scopes:
            continue
        # Once per transaction, however many writes it makes; Django drops it if the transaction rolls back.
        if any(entry[1] is callback for entry in connection.run_on_commit):
            continue
        transaction.on_commit(callback)


def bump_version(scope: str) -> None:
    """Mark the data of `scope` changed; call inside the writing transaction."""
    with transaction.atomic():
        updated = DataVersion.objects.filter(scope=scope).update(version=F("version") + 1)
        if not updated:
            _ensure(scope)
        _schedule_after_change(scope)


def current_version(*scopes: str) -> str:
    """A token that changes whenever any of the scopes changes (one query once the scopes exist)."""
    found = dict(DataVersion.objects.filter(scope__in=scopes).values_list("scope", "version"))
    for scope in scopes:
        if scope not in found:
            found[scope] = _ensure(scope)
    return ".".join(str(found[s]) for s in scopes)


def cached[T](scopes: tuple[str, ...], key: str, compute: Callable[[], T], timeout: int = 3600) -> T:
    """`compute()` cached under `key` for the current versions of `scopes`."""
    version = current_version(*scopes)
    digest = hashlib.sha256(f"{'|'.join(scopes)}:{version}:{key}".encode()).hexdigest()[:40]
    cache_key = f"bz:{digest}"
    hit: T | None = cache.get(cache_key)
    if hit is not None:
        return hit
    value = compute()
    cache.set(cache_key, value, timeout)
    return value
