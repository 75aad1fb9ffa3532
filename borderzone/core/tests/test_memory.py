"""`release_free_memory` gives the C heap's free pages back: a process that freed many medium-sized
blocks (each taken from glibc's heap, not from CPython's small-object arenas nor mapped on its own)
between blocks still alive shrinks once it is called."""

from __future__ import annotations

import sys

import pytest

from borderzone.core.memory import release_free_memory


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc and glibc's malloc_trim")
def test_release_free_memory_returns_the_heaps_free_pages_to_the_system() -> None:
    # 8 KB blocks: above CPython's 512-byte small objects, below glibc's 128 KB mmap threshold.
    blocks = [bytes(8192) + bytes([i % 256]) for i in range(20_000)]  # about 160 MB
    kept = blocks[::50]  # a live block every 400 KB keeps the heap from shrinking by itself
    del blocks
    before = _rss_mb()
    assert release_free_memory()
    after = _rss_mb()
    assert before - after > 100, (before, after)
    assert len(kept) == 400
