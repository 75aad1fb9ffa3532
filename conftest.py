"""Fixtures shared by every app's tests: zones, users of each role, API and page clients, the browser."""

from __future__ import annotations

import pytest

from borderzone.accounts.models import Role
from borderzone.accounts.tests.factories import UserFactory
from borderzone.core.actors import Actor
from borderzone.zones.tests.factories import EconomicZoneFactory, GateAreaFactory

pytest_plugins = ["borderzone.core.tests.browser"]


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
