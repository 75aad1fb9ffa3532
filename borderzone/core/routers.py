"""Reads that tolerate a replica's lag go to the replica; everything else reads and writes the primary.

With `DATABASE_REPLICA_URL` set, settings name the replica's alias in `REPLICA_DATABASE`. Only code that
opts in reads from it, inside `replica_reads()`: anonymous portal pages (`ReplicaReadsMiddleware`) and
report generation (`reports.services.build_report`). Signed-in pages and the API never do, so a person
always sees their own writes. Writes always go to the primary; a read inside a transaction on the
primary (a service checking what it is about to change) stays on the primary. Without a replica nothing
changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

_REPLICA_READS: ContextVar[bool] = ContextVar("replica_reads", default=False)


def replica_alias() -> str:
    """The replica's database alias, or "" when there is none."""
    alias = getattr(settings, "REPLICA_DATABASE", "")
    return alias if alias and alias in settings.DATABASES else ""


@contextmanager
def replica_reads() -> Iterator[None]:
    """Within this block, reads go to the replica when there is one (for reads that tolerate its lag)."""
    token = _REPLICA_READS.set(True)
    try:
        yield
    finally:
        _REPLICA_READS.reset(token)


class ReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        if not _REPLICA_READS.get():
            return None
        alias = replica_alias()
        if not alias or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return None
        return alias

    def db_for_write(self, model: Any, **hints: Any) -> str | None:
        return None  # the primary

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return False if db == replica_alias() else None  # the replica follows the primary's schema


# Pages that are not the anonymous portal: staff work, sign-in (and captchas created just before), the
# API, language switching.
_PRIMARY_ONLY = re.compile(r"^/(?:[a-z]{2}(?:-[a-z]+)?/)?(?:staff|accounts|api|captcha|i18n|investor)(?:/|$)")


class ReplicaReadsMiddleware:
    """An anonymous GET of a portal page reads from the replica (when one is configured). Goes after
    AuthenticationMiddleware: the session and the user are read from the primary before."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method in ("GET", "HEAD")
            and replica_alias()
            and not _PRIMARY_ONLY.match(request.path_info)
            and not request.user.is_authenticated
        ):
            with replica_reads():
                return self.get_response(request)
        return self.get_response(request)
