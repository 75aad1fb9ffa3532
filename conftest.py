"""Fixtures shared by every app's tests: zones, users of each role, API and page clients, the browser."""

from __future__ import annotations

import pytest

from borderzone.access.actors import Actor
from borderzone.accounts.models import Role
from borderzone.accounts.tests.factories import UserFactory
from borderzone.zones.tests.factories import EconomicZoneFactory, GateAreaFactory

pytest_plugins = ["borderzone.core.tests.browser"]


@pytest.fixture(autouse=True, scope="session")
def _redis_left_clean():
    """With the Redis cache (CI's PostgreSQL run), remove this process's keys when the run ends: each test
    process has its own key prefix (config/settings/test.py), so nothing of the run stays in Redis."""
    yield
    from django.conf import settings
    from django.core.cache import cache

    options = settings.CACHES["default"]
    if not options["BACKEND"].endswith("RedisCache"):
        return
    client = cache._cache.get_client(write=True)  # type: ignore[attr-defined]
    keys = list(client.scan_iter(match=f"{options['KEY_PREFIX']}:*", count=1000))
    for start in range(0, len(keys), 1000):
        client.delete(*keys[start : start + 1000])


@pytest.fixture(autouse=True)
def _vietnamese_by_default():
    """Each test starts in the system's default language, whatever a previous request activated."""
    from django.utils import translation

    translation.activate("vi")
    yield
    translation.deactivate()


@pytest.fixture
def zone(db):
    return EconomicZoneFactory(code="ZA", name="Khu kinh tế cửa khẩu A")


@pytest.fixture
def other_zone(db):
    return EconomicZoneFactory(code="ZB", name="Khu kinh tế cửa khẩu B")


@pytest.fixture
def gate_area(zone):
    return GateAreaFactory(zone=zone, code="TRALINH", name="Trà Lĩnh")


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin1", role=Role.ADMIN)


@pytest.fixture
def specialist(zone):
    return UserFactory(username="spec_a", role=Role.SPECIALIST, zones=[zone])


@pytest.fixture
def other_specialist(other_zone):
    return UserFactory(username="spec_b", role=Role.SPECIALIST, zones=[other_zone])


@pytest.fixture
def leader(zone):
    return UserFactory(username="leader_a", role=Role.LEADER, zones=[zone])


@pytest.fixture
def investor(zone):
    return UserFactory(username="investor_a", role=Role.INVESTOR, zones=[zone])


@pytest.fixture
def actor(specialist):
    return Actor(user=specialist, via="test", ip_address="127.0.0.1")
