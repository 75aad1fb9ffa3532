import datetime as dt
from decimal import Decimal

import pytest

from borderzone.access.actors import Actor
from borderzone.accounts.models import Role
from borderzone.accounts.tests.factories import UserFactory
from borderzone.register.tests.factories import make_project


@pytest.fixture
def actor(specialist):
    return Actor(user=specialist, via="test")


@pytest.fixture
def project(zone, actor):
    return make_project(zone, actor, code="1000000001", issued_on=dt.date(2024, 2, 1), status="implementing")


@pytest.fixture
def other_project(zone, actor):
    return make_project(zone, actor, code="1000000002", issued_on=dt.date(2024, 2, 1), status="implementing")


@pytest.fixture
def owner(zone, project):
    """An investor account linked to `project`'s investor (not to `other_project`'s)."""
    user = UserFactory(username="owner_a", role=Role.INVESTOR, zones=[zone])
    project.shares.first().investor.users.add(user)
    return user


@pytest.fixture
def owner_actor(owner):
    return Actor(user=owner, via="test")


def quarter_values(**overrides):
    values = {
        "capital_contributed": "5000000000",
        "capital_disbursed_period": "1000000000",
        "capital_disbursed": "3000000000",
        "revenue": "2000000000",
        "budget_paid": "150000000",
        "employees_vn": "40",
        "employees_foreign": "2",
    }
    values.update({k: str(v) if isinstance(v, int | Decimal) else v for k, v in overrides.items()})
    return {k: v for k, v in values.items() if v is not None}
