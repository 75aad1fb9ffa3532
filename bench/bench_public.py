"""Public pages over HTTP: home, a news article, the map and a document search, served by gunicorn (2
workers) to 4 concurrent connections, against a bare Django view returning the same bytes through the
same middleware in the same server: requests per second, their ratio, and p50/p99 latency."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess  # nosec B404 - starts our own gunicorn
import sys
import threading
import time
from pathlib import Path
from typing import Any

from django.http import Http404, HttpResponse
from django.test import Client

from bench.common import Measurement, percentile

# Seconds of load per page and per reference.
SIZES = {"tiny": 2.0, "small": 5.0, "full": 10.0, "national": 10.0}
CONNECTIONS = 4
WORKERS = 2
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"
BODIES = Path(__file__).resolve().parent.parent / "var" / "bench-public"

_loaded: dict[str, bytes] = {}


def bare_file_view(request: Any, name: str) -> HttpResponse:
    """The HTTP reference: the saved bytes of a page, returned by a view that does nothing else."""
    if name not in _loaded:
        path = BODIES / f"{name}.html"
        if not path.is_file():
            raise Http404
        _loaded[name] = path.read_bytes()
    return HttpResponse(_loaded[name], content_type="text/html; charset=utf-8")


def _pages() -> dict[str, str]:
    from bench import bench_documents, bench_portal
    from borderzone.documents.models import LegalDocument
    from borderzone.portal.models import Article

    article = Article.objects.published().order_by("-publish_at").first() or bench_portal._article()
    if not LegalDocument.objects.filter(is_published=True).exists():
        bench_documents._seed(60)
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "map": "/map/",
        "search": "/documents/?q=dong+dang",
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(port: int, path: str) -> float:
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"User-Agent": BROWSER, "Host": "localhost"})
    response = conn.getresponse()
    response.read()
    conn.close()
    if response.status != 200:
        raise RuntimeError(f"{path}: HTTP {response.status}")
    return time.perf_counter() - start


def _worker(stop: threading.Event) -> None:
    """The task worker's part during a load: fold the appended page views every second (the web workers
    queue `aggregate_visits` every 50 views; the bench's server does not run tasks, like production's).
    Where the server's autovacuum is off (CI's PostgreSQL), it also vacuums the visit log every 10 seconds,
    as autovacuum would with the log's own settings (portal migration 0005) and `autovacuum_naptime = 10s`
    (docs/operations.md): a queue left unvacuumed makes every counter read scan its dead rows."""
    from django.db import connection

    from borderzone.portal.services import visits_aggregate

    try:
        ticks = 0
        while not stop.wait(1.0):
            while visits_aggregate():
                pass
            ticks += 1
            if ticks % 10 == 0:
                _vacuum_visit_log_where_autovacuum_is_off()
    finally:
        connection.close()


def _load(port: int, path: str, seconds: float) -> tuple[float, list[float]]:
    """Requests per second and latencies of CONNECTIONS clients asking for `path` for `seconds`, while the
    bench folds the visits as the task worker would."""
    samples: list[list[float]] = [[] for _ in range(CONNECTIONS)]
    errors: list[BaseException] = []
    stop = time.perf_counter() + seconds
    worker_stop = threading.Event()
    worker = threading.Thread(target=_worker, args=(worker_stop,))
    worker.start()

    def client(i: int) -> None:
        try:
            while time.perf_counter() < stop:
                samples[i].append(_get(port, path))
        except BaseException as exc:  # reported below
            errors.append(exc)

    start = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(CONNECTIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    worker_stop.set()
    worker.join()
    if errors:
        raise errors[0]
    flat = [s for per in samples for s in per]
    return len(flat) / elapsed, flat


def _uncached_search() -> list[Measurement]:
    """Document search without the cache, in the process: the selector's queries, evaluated, for a few
    queries (Vietnamese without accents, English, Chinese), against the same count read by primary key."""
    from django.contrib.auth.models import AnonymousUser

    from borderzone.documents import selectors
    from borderzone.documents.models import LegalDocument

    total = LegalDocument.objects.filter(is_published=True).count()
    rows = []
    for q in ("dong dang", "quy hoach chung", "logistics project", "口岸管理"):
        filters = selectors.DocumentFilters(q=q)

        def ours(filters: selectors.DocumentFilters = filters) -> int:
            return len(list(selectors.document_search(AnonymousUser(), filters)[:20]))

        found = ours()
        ids = list(LegalDocument.objects.filter(is_published=True).values_list("pk", flat=True)[:found])

        def raw(ids: list[int] = ids) -> int:
            return len(list(LegalDocument.objects.filter(pk__in=ids)))

        ours_s = [_timed_once(ours) for _ in range(15)]
        raw_s = [_timed_once(raw) for _ in range(15)]
        rows.append(Measurement(f"search uncached {q!r}, {total:,} docs", ours_s, raw_s))
        print(
            f"  uncached search {q!r} ({total:,} published documents, first page of {found}): "
            f"p50 {percentile(ours_s, 50) * 1000:.1f} ms (target <= 20 ms)"
        )
    return rows


def _timed_once(fn: Any) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def run(size: str) -> list[Measurement]:
    from bench import national

    if size == "national" and not (national.KEEP and national.exists(size)):
        national.generate(size)
    try:
        return _run(size)
    finally:
        if size == "national" and not national.KEEP:
            national.delete()


def _vacuum_visit_log_where_autovacuum_is_off() -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SHOW autovacuum")
        if cursor.fetchone()[0] == "off":
            cursor.execute("VACUUM portal_visitlog, portal_visitorpresence")


def _run(size: str) -> list[Measurement]:
    seconds = SIZES[size]
    _vacuum_visit_log_where_autovacuum_is_off()  # what earlier runs left, as autovacuum would have cleaned it
    pages = _pages()
    searches = _uncached_search()
    BODIES.mkdir(parents=True, exist_ok=True)
    client = Client(HTTP_USER_AGENT=BROWSER)
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        (BODIES / f"{name}.html").write_bytes(response.content)
    port = _free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    server = subprocess.Popen(  # noqa: S603  # nosec B603 - our own gunicorn, fixed arguments
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi",
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
    )
    rows: list[Measurement] = []
    try:
        for _ in range(100):
            try:
                _get(port, "/bench-file/home")
                break
            except OSError:
                time.sleep(0.2)
        for name, url in pages.items():
            _load(port, url, 1.0)  # warm each worker's cache and connection
            ours_rps, ours = _load(port, url, seconds)
            bare_rps, bare = _load(port, f"/bench-file/{name}", seconds)
            rows.append(Measurement(f"{name} over HTTP, {CONNECTIONS} connections", ours, bare))
            print(
                f"  {name} {url}: {ours_rps:,.0f} req/s ours, {bare_rps:,.0f} req/s bare view "
                f"({ours_rps / bare_rps:.0%} of it; target >= 25%); p50 {percentile(ours, 50) * 1000:.1f} ms, "
                f"p99 {percentile(ours, 99) * 1000:.1f} ms ours (target <= 100 ms), "
                f"p99 {percentile(bare, 99) * 1000:.1f} ms bare"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    return rows + searches
