"""Register exports (CSV and XLSX): time against the database's own bulk export, and memory above the
process's baseline (target: at most 100 MB at 100,000 rows), each measured in a fresh process.

The reference for CSV is the database writing the same rows itself (`COPY ... TO STDOUT` on PostgreSQL, a
plain cursor into Python's csv writer on SQLite); for XLSX, the same rows fetched by one query and written
by openpyxl's write-only mode, the best the library does. Ours also evaluates lateness and legal flags for
every row and formats the readable columns, which the references do not (said in the operation's name).
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
from borderzone.zones.models import EconomicZone, GateArea, Province

SIZES = {"tiny": 300, "small": 10_000, "full": 100_000}
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

user = get_user_model().objects.get(username="bench-admin")
from borderzone.access.exporting import write_export
from borderzone.register.exporting import project_table
from borderzone.core.tabular import Sheet, stream_csv, write_xlsx_to
import openpyxl, openpyxl.cell, openpyxl.styles, openpyxl.utils  # imported before the clock starts
list(get_user_model().objects.all()[:1])  # connection and imports made before the baseline
# VmHWM is the peak since the process began: reset it so that it measures the export only.
with open("/proc/self/clear_refs", "w") as clear:
    clear.write("5")
base = rss("VmRSS:")
sink = tempfile.TemporaryFile()
start = time.perf_counter()
if mode == "ours":
    write_export(project_table(user, {"zone": [zone], "as_of": [day]}), fmt, sink)
else:
    sql = (
        "SELECT p.code, p.name, p.ownership, p.land_area_ha FROM investments_project p "
        "JOIN zones_economiczone z ON z.id = p.zone_id WHERE z.code = %s ORDER BY p.code"
    )
    if connection.vendor == "postgresql" and fmt == "csv":
        with connection.cursor() as cursor:
            inner = cursor.mogrify(sql, [zone]).decode()
            with cursor.cursor.copy(f"COPY ({inner}) TO STDOUT WITH CSV HEADER") as copy:
                for block in copy:
                    sink.write(bytes(block))
    else:
        with connection.cursor() as cursor:
            cursor.execute(sql, [zone])
            rows = iter(lambda: cursor.fetchmany(2000), [])
            flat = (row for chunk in rows for row in chunk)
            headers = ["code", "name", "ownership", "land_area_ha"]
            if fmt == "csv":
                for block in stream_csv(headers, flat):
                    sink.write(block)
            else:
                write_xlsx_to([Sheet(title="p", headers=headers, rows=flat)], sink)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "peak_mb": rss("VmHWM:") - base, "bytes": sink.tell()}))
"""


def _child(mode: str, fmt: str) -> dict[str, float]:
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(  # noqa: S603 - our own interpreter running our own script
        [sys.executable, "-c", CHILD, mode, fmt, ZONE, DAY.isoformat()],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"{mode} {fmt} export failed: {done.stderr.strip().splitlines()[-3:]}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run(size: str) -> list[Measurement]:
    from django.contrib.auth import get_user_model

    n = SIZES[size]
    province, _ = Province.objects.get_or_create(
        code="04", defaults={"name": "Cao Bằng", "full_name": "Tỉnh Cao Bằng", "unit_type": "Tỉnh"}
    )
    zone, _ = EconomicZone.objects.get_or_create(code=ZONE, defaults={"name": "Bench exports", "province": province})
    for code, name in (("TRALINH", "Trà Lĩnh"), ("TALUNG", "Tà Lùng")):
        GateArea.objects.get_or_create(zone=zone, code=code, defaults={"name": name})
    users = get_user_model().objects
    if not users.filter(username="bench-admin").exists():
        users.create_user(username="bench-admin", password=None, role="admin")
    _clean(zone)
    report = import_projects(
        data=_csv(_rows(n)), actor=command_actor("bench"), zone=zone, dry_run=False, progress=no_progress, options={}
    )
    if not report.ok:
        raise RuntimeError(f"import failed: {report.errors[:3]}")
    connection.close()  # the children open their own connections
    measurements = []
    over = []
    try:
        for fmt in ("csv", "xlsx"):
            ours, raw = _child("ours", fmt), _child("raw", fmt)
            reference = "COPY" if connection.vendor == "postgresql" and fmt == "csv" else "one query"
            print(
                f"  {fmt.upper()} {n} rows: ours {ours['seconds']:.2f} s, peak {ours['peak_mb']:.0f} MB above baseline, "
                f"{ours['bytes'] / 1e3:.0f} kB; reference ({reference}) {raw['seconds']:.2f} s, peak {raw['peak_mb']:.0f} MB"
            )
            measurements.append(
                Measurement(
                    f"{fmt.upper()} export {n} rows (ours also evaluates lateness and flags) vs {reference}",
                    [ours["seconds"]],
                    [raw["seconds"]],
                )
            )
            if ours["peak_mb"] > MEMORY_LIMIT_MB:
                over.append(f"{fmt}: {ours['peak_mb']:.0f} MB")
    finally:
        _clean(zone)
    if over:
        raise RuntimeError(f"export memory above {MEMORY_LIMIT_MB} MB over the baseline: {', '.join(over)}")
    return measurements
