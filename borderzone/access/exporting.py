"""Exports of lists as CSV or XLSX: answered at once up to EXPORT_INLINE_MAX_ROWS rows, written by the task
worker into a private file beyond that, with progress shown at `/staff/exports/<id>/`.

An app registers what it exports with `@register_exporter("kind")`: a function of the user and the query
parameters (the list page's filters) returning an `Export` — headers, a count and rows produced lazily
(keyset chunks), so neither the response nor the worker holds the whole table. Both paths write the same
bytes (`core.tabular`): CSV streamed row by row, XLSX in openpyxl's write-only mode.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.files import File
from django.http import HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from borderzone.core.jobs import sweep_stale_jobs
from borderzone.core.memory import release_free_memory
from borderzone.core.models import ExportJob, ExportJobStatus
from borderzone.core.registry import app_modules
from borderzone.core.tabular import Sheet, stream_csv, write_xlsx_to

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
FORMATS = ("csv", "xlsx")
PROGRESS_EVERY = 500


@dataclass
class Export:
    """One table to export: `rows` is consumed once, lazily; `total` is its number of rows (one count)."""

    name: str  # the file name without extension
    title: str  # the sheet's name
    headers: Sequence[str]
    total: int
    rows: Callable[[], Iterable[Sequence[Any]]]
    number_formats: dict[int, str] = field(default_factory=dict)
    # The import's column codes, written as a second header row (blank for columns it does not read).
    codes: Sequence[str] | None = None


def csv_cell(value: Any) -> Any:
    """A CSV cell the import reads back: dates dd/mm/yyyy, whole amounts without decimals."""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        return int(value)
    return value


def _csv_rows(rows: Iterable[Sequence[Any]]) -> Iterator[list[Any]]:
    for row in rows:
        yield [csv_cell(v) for v in row]


def _then_release(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """`chunks`, then the memory the export freed given back to the system (a worker lives on)."""
    yield from chunks
    release_free_memory()


Exporter = Callable[[Any, dict[str, list[str]]], Export]
_EXPORTERS: dict[str, Exporter] = {}


def register_exporter(kind: str) -> Callable[[Exporter], Exporter]:
    def decorator(fn: Exporter) -> Exporter:
        _EXPORTERS[kind] = fn
        return fn

    return decorator


def exporter_for(kind: str) -> Exporter:
    if kind not in _EXPORTERS:
        list(app_modules("exporting"))  # exporters live in the apps' exporting modules
    return _EXPORTERS[kind]


def _counted(rows: Iterable[Sequence[Any]], progress: Callable[[int], None]) -> Iterator[Sequence[Any]]:
    done = 0
    for row in rows:
        yield row
        done += 1
        if done % PROGRESS_EVERY == 0:
            progress(done)
    progress(done)


def write_export(export: Export, fmt: str, target: Any, progress: Callable[[int], None] = lambda n: None) -> None:
    """The export's bytes into a binary file object."""
    rows = _counted(export.rows(), progress)
    if fmt == "csv":
        for chunk in stream_csv(export.headers, _csv_rows(rows), codes=export.codes):
            target.write(chunk)
        return
    sheet = Sheet(
        title=export.title, headers=export.headers, rows=rows, number_formats=export.number_formats, codes=export.codes
    )
    write_xlsx_to([sheet], target)


def export_response(request: Any, kind: str, fmt: str) -> HttpResponseBase:
    """The export of `kind` for the request's user and filters: the file at once when it has at most
    EXPORT_INLINE_MAX_ROWS rows, else a background job and a redirect to its page."""
    params = {key: request.GET.getlist(key) for key in request.GET}
    export = exporter_for(kind)(request.user, params)
    if export.total > settings.EXPORT_INLINE_MAX_ROWS:
        job = export_job_create(kind=kind, fmt=fmt, params=params, user=request.user, total=export.total)
        return redirect("core:export-job", pk=job.pk)
    filename = f"{export.name}.{fmt}"
    if fmt == "csv":
        # Streamed: rows are written as they are read, whatever their number.
        response = StreamingHttpResponse(
            _then_release(stream_csv(export.headers, _csv_rows(export.rows()), codes=export.codes)),
            content_type=CSV_TYPE,
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    # At most EXPORT_INLINE_MAX_ROWS rows: the workbook is built in memory (write-only) and sent.
    buffer = io.BytesIO()
    write_export(export, fmt, buffer)
    workbook = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    workbook["Content-Disposition"] = f'attachment; filename="{filename}"'
    del buffer
    release_free_memory()
    return workbook


def export_job_create(*, kind: str, fmt: str, params: dict[str, list[str]], user: Any, total: int) -> ExportJob:
    """Queue an export for the worker, in the asker's language."""
    from django.db import transaction

    export_jobs_sweep_stale()
    with transaction.atomic():
        job = ExportJob.objects.create(
            kind=kind,
            fmt=fmt,
            params=params,
            language=translation.get_language() or settings.LANGUAGE_CODE,
            created_by=user,
            rows_total=total,
        )
        transaction.on_commit(lambda: run_export_job.enqueue(job.pk))
    return job


def export_jobs_sweep_stale(now: dt.datetime | None = None) -> int:
    """Mark failed every running export whose worker gave no sign of life for IMPORT_JOB_STALE_MINUTES;
    asking for the export again starts a new one."""
    return sweep_stale_jobs(
        ExportJob,
        minutes=settings.IMPORT_JOB_STALE_MINUTES,
        running=ExportJobStatus.RUNNING,
        failed=ExportJobStatus.FAILED,
        message=_("The export stopped: its worker gave no sign of life for %(minutes)d minutes. Ask for it again."),
        now=now,
    )


@task()
def run_export_job(job_id: int) -> int:
    """Write a queued export into a private file, saving progress as rows are written; returns the rows."""
    job = ExportJob.objects.select_related("created_by").get(pk=job_id)
    if job.finished:
        return job.rows_done
    job.status = ExportJobStatus.RUNNING
    job.started_at = job.heartbeat_at = timezone.now()
    job.save(update_fields=["status", "started_at", "heartbeat_at"])

    def progress(done: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(rows_done=done, heartbeat_at=timezone.now())

    try:
        with translation.override(job.language):
            export = exporter_for(job.kind)(job.created_by, job.params)
            ExportJob.objects.filter(pk=job.pk).update(rows_total=export.total)
            with tempfile.TemporaryFile() as handle:
                write_export(export, job.fmt, handle, progress)
                handle.seek(0)
                job.filename = f"{export.name}.{job.fmt}"
                job.file.save(job.filename, File(handle), save=False)
    except Exception as exc:
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJobStatus.FAILED, error=str(exc)[:1000], finished_at=timezone.now()
        )
        raise
    finally:
        release_free_memory()
    done = ExportJob.objects.get(pk=job.pk).rows_done
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJobStatus.SUCCEEDED,
        filename=job.filename,
        file=job.file.name,
        rows_total=done,
        finished_at=timezone.now(),
    )
    return done
