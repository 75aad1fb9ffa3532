"""Private files: kept outside MEDIA_ROOT and served only through views that check who may read them."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage
from django.db import transaction
from django.http import FileResponse, Http404


class PrivateStorage(FileSystemStorage):
    """Files that are never served from a media URL: only through views that check who may read them.

    Kept beside MEDIA_ROOT (in `<MEDIA_ROOT>-private`) unless PRIVATE_MEDIA_ROOT is set, and read from
    the settings on every use so that tests can point it elsewhere.
    """

    def __init__(self) -> None:
        super().__init__(base_url=None)

    @property
    def base_location(self) -> str:
        configured = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
        return str(configured or f"{str(settings.MEDIA_ROOT).rstrip('/')}-private")

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def deconstruct(self) -> tuple[str, tuple[Any, ...], dict[str, Any]]:
        return ("borderzone.core.storage.PrivateStorage", (), {})


private_storage = PrivateStorage()


def serve_file(
    stored: Any, name: str, content_type: str, *, inline: bool, public: bool = False, sandbox: bool = True
) -> FileResponse:
    """A stored file as a response, 404 when it is missing from storage. Not public: `Cache-Control:
    private, no-store`, so no shared cache keeps a copy. A download gets a sandboxing CSP."""
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, ValueError, OSError):
        raise Http404 from None
    response = FileResponse(handle, as_attachment=not inline, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    if sandbox and not inline:
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


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
