"""The suite's Redis cache: one process clearing its cache leaves another process's entries alone."""

from __future__ import annotations

import os
import uuid

import pytest

from config.test_cache import ProcessRedisCache

REDIS_URL = os.environ.get("REDIS_URL", "")


@pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL names no Redis (the PostgreSQL run of CI sets it)")
def test_clear_removes_only_this_processs_keys() -> None:
    mine = ProcessRedisCache(REDIS_URL, {"KEY_PREFIX": f"t-{uuid.uuid4().hex}"})
    theirs = ProcessRedisCache(REDIS_URL, {"KEY_PREFIX": f"t-{uuid.uuid4().hex}"})
    for n in range(1200):  # more than one SCAN batch and one DELETE batch
        mine.set(f"k{n}", n)
    theirs.set("kept", "yes")
    mine.clear()
    assert mine.get("k0") is None and mine.get("k1199") is None
    assert theirs.get("kept") == "yes"
    theirs.clear()
    assert theirs.get("kept") is None
