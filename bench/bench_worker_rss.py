"""A gunicorn worker's memory after a load and an export (target: RSS back within 10 % of where it started).

Starts gunicorn (`config.wsgi`, 2 sync workers, `bench/settings.py`: tasks run at once, so an export above
EXPORT_INLINE_MAX_ROWS runs inside the worker that was asked for it, the worst case for that worker) on
the national dataset, signs in as a board administrator, and reads each worker's RSS from /proc:
- at boot, and after a warm-up that asks each page a few times (the baseline: imports, templates and
  translations loaded, connection open);
- after a load of staff register lists, API project lists and dashboards of the largest and smallest
  zones (4 client threads);
- after exports: CSV and XLSX of the smallest zone (answered at once) and of the largest (background jobs,
  run in the worker here);
- after a pause of a few seconds.

It writes (a session, export jobs and their files), so it needs a database of its own: a copy of the
national dataset (`createdb -T bz_national bz_NAME_nat`), not the shared one.
"""

from __future__ import annotations

import datetime as dt
import http.client
import os
import subprocess  # nosec B404 - starts our own gunicorn
import sys
import threading
import time
from pathlib import Path

from django.db import connection
from django.db.models import Count

from bench.bench_public import _free_port
from bench.common import Measurement
from borderzone.zones.models import EconomicZone

SIZES = {"national": 0}
WORKERS, CONNECTIONS = 2, 4
LOAD_SECONDS = 60.0
WARM_SECONDS = 30.0
LIMIT = 0.10
DAY = dt.date(2025, 6, 30)


def _rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _workers(master: int) -> list[int]:
    """The gunicorn master's children (its workers), from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            found.append(int(entry))
    return sorted(found)


def _get(port: int, path: str, cookie: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    conn.request("GET", path, headers={"Host": "localhost", "Cookie": cookie})
    response = conn.getresponse()
    size = 0
    while block := response.read(65536):
        size += len(block)
    conn.close()
    if response.status not in (200, 302):
        raise RuntimeError(f"{path}: HTTP {response.status}")
    return size


def _load(port: int, paths: list[str], cookie: str, seconds: float) -> int:
    """CONNECTIONS clients asking for `paths` in turn for `seconds`; returns the number of requests."""
    counts = [0] * CONNECTIONS
    errors: list[BaseException] = []
    stop = time.perf_counter() + seconds

    def client(i: int) -> None:
        try:
            while time.perf_counter() < stop:
                _get(port, paths[(counts[i] + i) % len(paths)], cookie)
                counts[i] += 1
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CONNECTIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return sum(counts)


def _session_cookie() -> str:
    from django.contrib.auth import get_user_model
    from django.test import Client

    users = get_user_model().objects
    admin = users.filter(username="bench-admin").first() or users.create_user(
        username="bench-admin", password=None, role="admin"
    )
    client = Client()
    client.force_login(admin)
    return f"sessionid={client.cookies['sessionid'].value}"


def run(size: str) -> list[Measurement]:
    zones = EconomicZone.objects.annotate(n=Count("projects")).filter(n__gt=0).order_by("-n", "code")
    if not zones:
        raise RuntimeError("no national dataset: run the national bench first")
    largest, smallest = zones.first(), zones.last()
    assert largest is not None and smallest is not None
    cookie = _session_cookie()
    connection.close()
    day = DAY.isoformat()
    pages = [
        f"/en/staff/investments/?zone={z.code}&as_of={day}&page={page}"
        for z in (largest, smallest)
        for page in (1, 100)
    ]
    pages += [
        f"/api/v1/investments/projects?zone={z.code}&as_of={day}&page_size=50&page={page}"
        for z in (largest, smallest)
        for page in (1, 100)
    ]
    pages += [f"/en/staff/dashboard/?zone={z.code}" for z in (largest, smallest)]
    exports = [
        f"/en/staff/investments/export.{fmt}?zone={z.code}&as_of={day}"
        for z in (smallest, largest)
        for fmt in ("csv", "xlsx")
    ]
    port = _free_port()
    root = Path(__file__).resolve().parent.parent
    server = subprocess.Popen(  # noqa: S603  # nosec B603 - our own gunicorn, fixed arguments
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi",
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "900",
            "--log-level",
            "warning",
        ],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "PYTHONPATH": str(root)},
    )
    try:
        for _ in range(300):
            try:
                _get(port, "/en/", "")
                break
            except OSError:
                time.sleep(0.2)
        workers = _workers(server.pid)

        def rss() -> dict[int, float]:
            return {pid: _rss_mb(pid) for pid in workers}

        steps: list[tuple[str, dict[int, float], str]] = [("boot", rss(), "")]
        _load(port, pages, cookie, WARM_SECONDS)  # every page several times, so that both workers served each
        steps.append(("after warm-up (baseline)", rss(), f"{len(pages)} pages for {WARM_SECONDS:.0f} s"))
        n = _load(port, pages, cookie, LOAD_SECONDS)
        steps.append(("after the load", rss(), f"{n} requests in {LOAD_SECONDS:.0f} s"))
        for path in exports:
            started = time.perf_counter()
            _get(port, path, cookie)
            print(f"  {path}: {time.perf_counter() - started:.1f} s")
        steps.append(("after the exports", rss(), f"{len(exports)} exports"))
        time.sleep(5)
        steps.append(("5 s later", rss(), ""))
    finally:
        server.terminate()
        server.wait(timeout=60)
    base = steps[1][1]
    worst = max(steps[-1][1][pid] / base[pid] - 1 for pid in workers)
    for name, values, note in steps:
        growth = {pid: values[pid] / base[pid] - 1 for pid in workers}
        cells = ", ".join(f"worker {i + 1} {values[pid]:.0f} MB ({growth[pid]:+.0%})" for i, pid in enumerate(workers))
        print(f"  {name}: {cells}{'; ' + note if note else ''}")
    print(f"  largest growth over the baseline at the end: {worst:+.1%} (target <= {LIMIT:.0%})")
    if worst > LIMIT:
        raise RuntimeError(f"a worker's RSS ended {worst:.0%} above its baseline (limit {LIMIT:.0%})")
    return []
