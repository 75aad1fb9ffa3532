"""Timing helpers shared by the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Measurement:
    name: str
    ours_s: list[float]
    raw_s: list[float]

    @property
    def ours_p50(self) -> float:
        return statistics.median(self.ours_s)

    @property
    def raw_p50(self) -> float:
        return statistics.median(self.raw_s)

    @property
    def ratio(self) -> float:
        return self.ours_p50 / self.raw_p50 if self.raw_p50 else float("inf")


def timed(fn: Callable[[], object], repeat: int = 1) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def print_table(rows: list[Measurement]) -> None:
    print(f"{'operation':<48} {'ours p50':>10} {'raw p50':>10} {'ratio':>7}")
    for row in rows:
        print(f"{row.name:<48} {row.ours_p50 * 1000:>8.1f}ms {row.raw_p50 * 1000:>8.1f}ms {row.ratio:>6.2f}x")


class ReferenceGap(Exception):
    """The reference cannot compute the same answer as ours yet: the run says so instead of comparing."""
