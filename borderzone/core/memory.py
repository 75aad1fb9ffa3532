"""Giving memory back to the system after a large piece of work in a long-lived process (an export or a
report in a gunicorn or task worker).

CPython returns its small-object arenas when they empty, but what it took from the C allocator for larger
objects (row buffers, lxml's and openpyxl's C buffers, lists of a thousand rows) stays in glibc's heap
after it is freed, where holes between live blocks are not returned by themselves: the worker's RSS then
stays at its peak. `malloc_trim(0)` gives those free pages back (glibc only; elsewhere nothing happens).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
from typing import Any


@functools.cache
def _libc() -> Any:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        libc = ctypes.CDLL(name)
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


def release_free_memory() -> bool:
    """Collect garbage and return the C heap's free pages to the system; True when it could (glibc)."""
    gc.collect()
    libc = _libc()
    if libc is None:
        return False
    libc.malloc_trim(0)
    return True
