"""Register exports (CSV and XLSX): time against the database's own bulk export, and memory above the
process's baseline (target: at most 100 MB at 100,000 rows), each measured in a fresh process.

The reference is the database writing the same rows itself: the export's own statement (every column the
file shows, lateness and flags included, as one query over all the rows instead of keyset chunks) through
`COPY (...) TO STDOUT WITH CSV` on PostgreSQL, or a plain cursor into Python's csv writer on SQLite; for
XLSX, the same rows written by openpyxl's write-only mode, the best the library does. Ours adds the
keyset chunks, the investors' query per chunk, the deposit computed in Python and the readable labels.

`--size national` reads the national dataset as it is (read-only): the largest zone, and every zone at
once (about 100,000 rows).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from django.db import connection

from bench.bench_investments import _clean, _csv, _rows
from bench.common import Measurement
from borderzone.access.actors import command_actor
from borderzone.access.importing import no_progress
from borderzone.register.importing import import_projects
from borderzone.register.models import Project
from borderzone.zones.models import EconomicZone, GateArea, Province

SIZES = {"tiny": 300, "small": 10_000, "full": 100_000, "national": 0}
MEMORY_LIMIT_MB = 100
ZONE = "BENCHEXP"
DAY = dt.date(2024, 1, 1)

# Run in a child process: prints {"seconds": s, "peak_mb": peak RSS above the RSS before the export}.
CHILD = r"""
import json, os, sys, time
import django
django.setup()

def rss(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    return 0.0

from django.contrib.auth import get_user_model
from django.db import connection
mode, fmt, zone, day = sys.argv[1:5]

import tempfile

user = get_user_model()(username="bench-admin", role="admin")  # not saved: the national dataset is read-only
from borderzone.access.exporting import write_export
from borderzone.register import selectors
from borderzone.register.exporting import export_rows_queryset, joined_to_states, project_table
from borderzone.register.setwise import rules_in_force
import datetime as dt
from borderzone.core.tabular import Sheet, stream_csv, write_xlsx_to
import openpyxl, openpyxl.cell, openpyxl.styles, openpyxl.utils  # imported before the clock starts
list(get_user_model().objects.all()[:1])  # connection and imports made before the baseline
# VmHWM is the peak since the process began: reset it so that it measures the export only.
with open("/proc/self/clear_refs", "w") as clear:
    clear.write("5")
base = rss("VmRSS:")
sink = tempfile.TemporaryFile()
start, cpu = time.perf_counter(), time.process_time()
params = {"zone": [zone], "as_of": [day]} if zone else {"as_of": [day]}
if mode == "ours":
    write_export(project_table(user, params), fmt, sink)
else:
    as_of = dt.date.fromisoformat(day)
    listed, _ = selectors.project_list(user, selectors.ListFilters(as_of=as_of, zone=zone or None), with_evaluations=False)
    statement = export_rows_queryset(joined_to_states(listed), as_of, rules_in_force(as_of))
    sql, sql_params = statement.query.sql_with_params()
    if connection.vendor == "postgresql" and fmt == "csv":
        with connection.cursor() as cursor:
            inner = cursor.mogrify(sql, sql_params)
            inner = inner.decode() if isinstance(inner, bytes) else inner
            with cursor.cursor.copy(f"COPY ({inner}) TO STDOUT WITH CSV HEADER") as copy:
                for block in copy:
                    sink.write(bytes(block))
    else:
        with connection.cursor() as cursor:
            cursor.execute(sql, sql_params)
            headers = [c[0] for c in cursor.description]
            rows = iter(lambda: cursor.fetchmany(2000), [])
            flat = (row for chunk in rows for row in chunk)
            if fmt == "csv":
                for block in stream_csv(headers, flat):
                    sink.write(block)
            else:
                write_xlsx_to([Sheet(title="p", headers=headers, rows=flat)], sink)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": rss("VmHWM:") - base, "bytes": sink.tell()}))
"""


def _child(mode: str, fmt: str, zone: str = ZONE, day: dt.date = DAY) -> dict[str, float]:
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(  # noqa: S603 - our own interpreter running our own script
        [sys.executable, "-c", CHILD, mode, fmt, zone, day.isoformat()],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(
            f"{mode} {fmt} export failed: {[line for line in done.stderr.splitlines() if ' WARNING ' not in line and ' INFO ' not in line][-3:]}"
        )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _measure(label: str, zone: str, day: dt.date, over: list[str]) -> list[Measurement]:
    connection.close()  # the children open their own connections
    measurements = []
    for fmt in ("csv", "xlsx"):
        ours, raw = _child("ours", fmt, zone, day), _child("raw", fmt, zone, day)
        reference = "COPY" if connection.vendor == "postgresql" and fmt == "csv" else "one query"
        print(
            f"  {fmt.upper()} {label}: ours {ours['seconds']:.2f} s ({ours['cpu']:.2f} s CPU), peak {ours['peak_mb']:.0f} MB above baseline, "
            f"{ours['bytes'] / 1e3:.0f} kB; reference ({reference} of the same statement) {raw['seconds']:.2f} s, "
            f"peak {raw['peak_mb']:.0f} MB, {raw['bytes'] / 1e3:.0f} kB"
        )
        measurements.append(
            Measurement(f"{fmt.upper()} export {label} vs {reference}", [ours["seconds"]], [raw["seconds"]])
        )
        if ours["peak_mb"] > MEMORY_LIMIT_MB:
            over.append(f"{fmt} {label}: {ours['peak_mb']:.0f} MB")
    return measurements


def run(size: str) -> list[Measurement]:
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    over: list[str] = []
    if size == "national":  # the dataset as it is, read-only: the largest zone, then every zone at once
        largest = (
            EconomicZone.objects.annotate(n=Count("projects")).order_by("-n", "code").values_list("code", "n").first()
        )
        if largest is None:
            raise RuntimeError("no national dataset: run the national bench first")
        total = Project.objects.count()
        day = dt.date(2025, 6, 30)
        measurements = _measure(f"{largest[1]} rows (zone {largest[0]})", largest[0], day, over)
        measurements += _measure(f"{total} rows (every zone)", "", day, over)
    else:
        n = SIZES[size]
        province, _ = Province.objects.get_or_create(
            code="04", defaults={"name": "Cao Bằng", "full_name": "Tỉnh Cao Bằng", "unit_type": "Tỉnh"}
        )
        zone, _ = EconomicZone.objects.get_or_create(
            code=ZONE, defaults={"name": "Bench exports", "province": province}
        )
        for code, name in (("TRALINH", "Trà Lĩnh"), ("TALUNG", "Tà Lùng")):
            GateArea.objects.get_or_create(zone=zone, code=code, defaults={"name": name})
        users = get_user_model().objects
        if not users.filter(username="bench-admin").exists():
            users.create_user(username="bench-admin", password=None, role="admin")
        _clean(zone)
        report = import_projects(
            data=_csv(_rows(n)),
            actor=command_actor("bench"),
            zone=zone,
            dry_run=False,
            progress=no_progress,
            options={},
        )
        if not report.ok:
            raise RuntimeError(f"import failed: {report.errors[:3]}")
        try:
            measurements = _measure(f"{n} rows", ZONE, DAY, over)
        finally:
            _clean(zone)
    if over:
        raise RuntimeError(f"export memory above {MEMORY_LIMIT_MB} MB over the baseline: {', '.join(over)}")
    return measurements
