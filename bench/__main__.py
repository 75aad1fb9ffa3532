"""Run the benchmarks: `make bench` (BENCH_ARGS="--size tiny|small|medium|full|national [--keep] --only NAME").

Each module bench/bench_*.py has `run(size: str) -> list[Measurement]`. Benchmarks use their own
database (var/bench.sqlite3 unless BENCH_DATABASE_URL names a PostgreSQL one), never the dev data,
and print each operation's time beside the raw database doing the same work, with the ratio.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from pathlib import Path

from bench.common import ReferenceGap


def main() -> int:
    parser = argparse.ArgumentParser(prog="bench")
    parser.add_argument("--size", choices=["tiny", "small", "medium", "full", "national"], default="small")
    parser.add_argument(
        "--keep", action="store_true", help="reuse the national dataset when it is already there (and leave it)"
    )
    parser.add_argument("--only", help="run only the benchmark modules whose name contains this")
    args = parser.parse_args()

    root = Path(__file__).resolve().parent.parent
    (root / "var").mkdir(exist_ok=True)
    bench_db = root / "var" / "bench.sqlite3"
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{bench_db}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    if os.environ["DATABASE_URL"].startswith("sqlite") and bench_db.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{bench_db}{suffix}").unlink(missing_ok=True)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor}; size: {args.size}")

    from bench import national
    from bench.common import print_table

    national.KEEP = args.keep

    failures = 0
    for module_info in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if not module_info.name.startswith("bench_"):
            continue
        if args.only and args.only not in module_info.name:
            continue
        module = importlib.import_module(f"bench.{module_info.name}")
        if args.size not in getattr(module, "SIZES", {args.size: None}):
            continue  # the national size is measured by bench_national alone
        print(f"\n## {module_info.name}: {module.__doc__.strip().splitlines()[0] if module.__doc__ else ''}")
        try:
            print_table(module.run(args.size))
        except ReferenceGap as gap:  # the reference cannot compute the same answer yet: said, not hidden
            print(f"NOT COMPARED: {gap}", file=sys.stderr)
        except Exception as exc:  # a failing benchmark is reported, the others still run
            failures += 1
            print(f"FAILED: {exc!r}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
