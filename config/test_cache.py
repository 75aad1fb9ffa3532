"""The Redis cache of the test suite: `clear()` removes only this process's keys.

Django's RedisCache.clear() flushes the whole Redis database, so one xdist worker's `cache.clear()` would
empty the cache another worker is in the middle of checking (a test of "served from the cache" then sees a
recomputation). Each test process has its own key prefix (config.settings.test); clearing deletes that
prefix's keys only."""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache


class ProcessRedisCache(RedisCache):
    def clear(self) -> None:
        client = self._cache.get_client(None, write=True)
        batch: list[bytes] = []
        for key in client.scan_iter(match=f"{self.key_prefix}:*", count=1000):
            batch.append(key)
            if len(batch) >= 500:
                client.delete(*batch)
                batch.clear()
        if batch:
            client.delete(*batch)
