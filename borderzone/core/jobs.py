"""Background jobs whose worker died: one sweep for every kind (imports, exports, reports, forecasts).

A job's worker beats a heartbeat while it runs; a worker killed or restarted leaves its job "running" with
nothing that would ever finish it. `sweep_stale_jobs` marks failed, in one UPDATE, every running job of a
queryset whose last sign of life (its heartbeat, else the moment it started) is older than `minutes`, with a
message in the reader's language saying so; the job's own page then offers to run it again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.utils import timezone


def sweep_stale_jobs(
    jobs: QuerySet[Any] | type[Model],
    *,
    minutes: int,
    running: str,
    failed: str,
    message: str,
    status_field: str = "status",
    heartbeat_field: str = "heartbeat_at",
    started_field: str = "started_at",
    message_field: str = "error",
    message_as_list: bool = False,
    finished_field: str = "finished_at",
    also: Mapping[str, Any] | None = None,
    now: dt.datetime | None = None,
) -> int:
    """Mark `failed` every job of `jobs` in status `running` that gave no sign of life for `minutes`; returns
    how many. `message` is the translated text with `%(minutes)d`, written into `message_field` (as a list of
    one when `message_as_list`); `also` are further values the job's kind sets on a stalled job."""
    now = now or timezone.now()
    limit = now - dt.timedelta(minutes=minutes)
    queryset: QuerySet[Any] = jobs if isinstance(jobs, QuerySet) else jobs._default_manager.all()
    quiet = Q(**{f"{heartbeat_field}__lt": limit}) | Q(
        **{f"{heartbeat_field}__isnull": True, f"{started_field}__lt": limit}
    )
    text = message % {"minutes": minutes}
    values: dict[str, Any] = {
        status_field: failed,
        message_field: [text] if message_as_list else text,
        finished_field: now,
        **(also or {}),
    }
    return queryset.filter(**{status_field: running}).filter(quiet).update(**values)
