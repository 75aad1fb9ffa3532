"""Removing stored files: the one way services clean up after a refused write or a deletion."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.files.storage import Storage
from django.db import transaction


def delete_files(storage: Storage, names: Iterable[str | None]) -> None:
    """Remove these files from `storage` now (empty names are skipped; one already gone is no error):
    after a write that stored them was refused."""
    for name in names:
        if name:
            storage.delete(name)


def delete_files_on_commit(storage: Storage, names: Iterable[str | None]) -> None:
    """Remove these files once the current transaction commits (not at all if it rolls back): after the
    rows that named them were deleted."""
    kept = [str(name) for name in names if name]
    transaction.on_commit(lambda: delete_files(storage, kept))
