"""The annual investment-monitoring report of the largest zone as PDF (target: at most 10 s and 300 MB above
the process's baseline; the register table goes to the Excel annex), built in a fresh process as the task
worker builds it (after the report of the smallest zone, as a worker that has built one before), over the
national dataset as it is.

The build reads only (the cache's version rows it may create are rolled back), so the shared national
dataset is left unchanged. There is no reference: the target is absolute.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from django.db import connection
from django.db.models import Count

from bench.common import Measurement
from borderzone.zones.models import EconomicZone

SIZES = {"national": 0}
SECONDS_LIMIT, MEMORY_LIMIT_MB = 10.0, 300
DAY = dt.date(2025, 6, 30)

CHILD = r"""
import json, sys, time
import django
django.setup()

def rss(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    return 0.0

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import translation
from borderzone.reports.registry import report_kinds
from borderzone.zones.models import EconomicZone
zone_code, warm_code, day, fmt = sys.argv[1:5]
user = get_user_model()(username="bench-admin", role="admin")  # not saved: the dataset is read-only
kind = report_kinds()["annual_investment"]

def build(code):
    with transaction.atomic(), translation.override("en"):
        zone = EconomicZone.objects.get(code=code)
        built = kind.build(zone=zone, params={"as_of": day}, fmt=fmt, language="en", progress=lambda p: None, user=user)
        transaction.set_rollback(True)
    return built

# A task worker has built reports before: the smallest zone's first (imports, fonts, charts), then the baseline.
build(warm_code)
with open("/proc/self/clear_refs", "w") as clear:
    clear.write("5")
base = rss("VmRSS:")
start, cpu = time.perf_counter(), time.process_time()
built = build(zone_code)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
print(json.dumps({
    "seconds": seconds, "cpu": cpu, "peak_mb": rss("VmHWM:") - base, "bytes": len(built[1]),
    "annex_bytes": len(built[3]) if len(built) == 4 else 0,
}))
"""


def build_in_child(zone: str, warm: str, fmt: str = "pdf") -> dict[str, float]:
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(  # noqa: S603 - our own interpreter running our own script
        [sys.executable, "-c", CHILD, zone, warm, DAY.isoformat(), fmt],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(
            f"report failed: {[line for line in done.stderr.splitlines() if ' WARNING ' not in line and ' INFO ' not in line][-3:]}"
        )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run(size: str) -> list[Measurement]:
    sizes = EconomicZone.objects.annotate(n=Count("projects")).filter(n__gt=0).order_by("-n", "code")
    largest, smallest = sizes.values_list("code", "n").first(), sizes.values_list("code", "n").last()
    if largest is None or smallest is None:
        raise RuntimeError("no national dataset: run the national bench first")
    connection.close()  # the child opens its own connection
    built = build_in_child(largest[0], smallest[0])
    print(
        f"  annual report PDF of {largest[0]} ({largest[1]:,} projects): {built['seconds']:.2f} s "
        f"({built['cpu']:.2f} s of CPU in the process), "
        f"peak {built['peak_mb']:.0f} MB above baseline, PDF {built['bytes'] / 1e3:.0f} kB, "
        f"Excel annex {built['annex_bytes'] / 1e3:.0f} kB (limits {SECONDS_LIMIT:.0f} s, {MEMORY_LIMIT_MB} MB)"
    )
    over = []
    if built["seconds"] > SECONDS_LIMIT:
        over.append(f"{built['seconds']:.1f} s")
    if built["peak_mb"] > MEMORY_LIMIT_MB:
        over.append(f"{built['peak_mb']:.0f} MB")
    if over:
        raise RuntimeError(f"annual report above its limits: {', '.join(over)}")
    return []  # no reference to compare with: the figures are printed above
