"""Cache versions per zone: a write in one zone (its register, works, plan, areas) invalidates only that
zone's dashboard."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from PIL import Image

from borderzone.access.actors import Actor
from borderzone.core.cache import _AfterCommit, bump_version, current_version, zone_scopes
from borderzone.gates import services as gates
from borderzone.gates.tests.factories import BorderGateFactory
from borderzone.infrastructure import services as infrastructure
from borderzone.infrastructure.models import FundingSource
from borderzone.infrastructure.tests.factories import BILLION, WorkFactory
from borderzone.planning import services as planning
from borderzone.planning.tests.factories import AgreementFactory, GoalFactory, MilestoneFactory
from borderzone.register import services
from borderzone.register.tests.factories import make_project
from borderzone.reports import dashboard
from borderzone.reports.dashboard import DashboardQuery, dashboard_data
from borderzone.zones import services as zones
from borderzone.zones.models import FunctionalAreaKind
from borderzone.zones.tests.factories import GateAreaFactory

pytestmark = pytest.mark.django_db


def test_a_write_in_one_zone_recomputes_only_that_zones_dashboard(zone, other_zone, actor, monkeypatch) -> None:
    cache.clear()
    project = make_project(zone, actor, issued_on=dt.date(2019, 1, 10))
    make_project(other_zone, actor, issued_on=dt.date(2019, 1, 10))
    computed: list[str] = []
    real = dashboard._compute

    def counting(q: DashboardQuery):
        computed.append(q.zone.code)
        return real(q)

    monkeypatch.setattr(dashboard, "_compute", counting)

    def board(z):
        return dashboard_data(
            DashboardQuery(zone=z, gate_area=None, as_of=dt.date(2024, 1, 1), from_year=2019, to_year=2023)
        )

    board(zone), board(other_zone)
    assert computed == ["ZA", "ZB"]
    services.disbursement_record(project=project, paid_on=dt.date(2020, 1, 1), amount=Decimal(5 * 10**9), actor=actor)
    first = board(zone)
    board(other_zone)
    assert computed == ["ZA", "ZB", "ZA"]  # the other zone's board came from the cache
    assert Decimal(first["investments"]["summary"]["disbursed_capital"]["domestic"]["VND"]) == Decimal(5 * 10**9)
    # A write tied to no zone (a legal rule, another app) still invalidates every zone's board.
    bump_version("investments")
    board(zone), board(other_zone)
    assert computed == ["ZA", "ZB", "ZA", "ZA", "ZB"]


# --- writes of infrastructure, planning and zones: tied to their zone too ---


def _board(z):
    return dashboard_data(
        DashboardQuery(zone=z, gate_area=None, as_of=dt.date(2024, 1, 1), from_year=2019, to_year=2023)
    )


def _token(z) -> str:
    """The versions zone `z`'s dashboard is cached under: when it is unchanged the board is served from the cache."""
    return current_version(*zone_scopes(dashboard.SCOPES, z.pk))


def _warms():
    """The zones each pending dashboard recomputation is for (None: every zone). The test's transaction never
    commits: the one pending gathers every write of the test, the rows made beforehand too."""
    from borderzone.reports import services as reports

    pending = [e[1] for e in connection.run_on_commit if isinstance(e[1], _AfterCommit)]
    return [None if None in c.zones else frozenset(c.zones) for c in pending if c.callback is reports.warm_after_change]


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def _deposit_record(zone, actor, admin):
    project = make_project(zone, actor, issued_on=dt.date(2019, 1, 10))
    return lambda: services.deposit_event_record(
        project=project, kind="paid", happened_on=dt.date(2019, 2, 1), amount=Decimal(10**9), actor=actor
    )


def _work_update(zone, actor, admin):
    work = WorkFactory(zone=zone)
    return lambda: infrastructure.work_update(work=work, actor=actor, capital_need_vnd=200 * BILLION)


def _funding_record(zone, actor, admin):
    work = WorkFactory(zone=zone)
    return lambda: infrastructure.funding_record(
        work=work, actor=actor, year=2019, source=FundingSource.CENTRAL, allocated_vnd=10 * BILLION
    )


def _goal_update(zone, actor, admin):
    goal = GoalFactory(zone=zone)
    return lambda: planning.goal_update(goal=goal, actor=actor, progress_percent=60)


def _milestone_create(zone, actor, admin):
    goal = GoalFactory(zone=zone)
    return lambda: planning.milestone_create(goal=goal, actor=actor, title="Mốc 1", target_date=dt.date(2024, 6, 30))


def _agreement_update(zone, actor, admin):
    agreement = AgreementFactory(zone=zone)
    return lambda: planning.agreement_update(agreement=agreement, actor=actor, title="Thỏa thuận mới")


def _action_create(zone, actor, admin):
    agreement = AgreementFactory(zone=zone)
    return lambda: planning.action_create(agreement=agreement, actor=actor, description="Mở luồng xanh")


def _evidence_add(zone, actor, admin):
    milestone = MilestoneFactory(goal=GoalFactory(zone=zone))
    return lambda: planning.evidence_add(
        milestone=milestone,
        actor=actor,
        kind="photo",
        title="Hiện trường",
        dated=dt.date(2024, 5, 1),
        data=_png(),
        filename="anh.png",
    )


def _zone_update(zone, actor, admin):
    return lambda: zones.zone_update(zone=zone, actor=admin, name="Khu kinh tế cửa khẩu A mới")


def _gate_area_update(zone, actor, admin):
    area = GateAreaFactory(zone=zone)
    return lambda: zones.gate_area_update(area=area, actor=actor, name="Khu vực mới")


def _functional_area_create(zone, actor, admin):
    return lambda: zones.functional_area_create(
        zone=zone, actor=actor, kind=FunctionalAreaKind.LOGISTICS, name="Cảng cạn mới"
    )


def _gate_update(zone, actor, admin):
    gate = BorderGateFactory(zone=zone)
    return lambda: gates.gate_update(gate=gate, actor=actor, name_en="New gate name")


# Each builds its rows (in zone A) and answers the write made through the service.
WRITES = {
    "register deposit": _deposit_record,
    "infrastructure work": _work_update,
    "infrastructure funding": _funding_record,
    "planning goal": _goal_update,
    "planning milestone": _milestone_create,
    "planning agreement": _agreement_update,
    "planning action": _action_create,
    "planning evidence": _evidence_add,
    "zone record": _zone_update,
    "gate area": _gate_area_update,
    "functional area": _functional_area_create,
    "border gate": _gate_update,
}


@pytest.mark.parametrize("case", list(WRITES))
def test_a_write_tied_to_a_zone_invalidates_and_recomputes_only_that_zones_dashboard(
    case, zone, other_zone, actor, admin_user, settings, tmp_path, monkeypatch
) -> None:
    # given both zones' boards cached, and a row of zone A
    settings.MEDIA_ROOT = str(tmp_path)
    write = WRITES[case](zone, actor, Actor(user=admin_user, via="test"))
    cache.clear()
    computed: list[str] = []
    real = dashboard._compute

    def counting(q: DashboardQuery):
        computed.append(q.zone.code)
        return real(q)

    monkeypatch.setattr(dashboard, "_compute", counting)
    _board(zone), _board(other_zone)
    before = (_token(zone), _token(other_zone))
    # when the row is written through its service
    write()
    # then only zone A's versions changed, the worker is asked to recompute zone A's board only,
    # and zone B's board comes from the cache
    assert _token(zone) != before[0]
    assert _token(other_zone) == before[1]
    assert _warms() == [frozenset({zone.pk})]
    _board(zone), _board(other_zone)
    assert computed == ["ZA", "ZB", "ZA"]


def test_a_new_zone_leaves_the_other_zones_dashboards_cached(zone, other_zone, admin_user) -> None:
    from borderzone.zones.tests.factories import ProvinceFactory

    before = (_token(zone), _token(other_zone))
    created = zones.zone_create(
        actor=Actor(user=admin_user, via="test"),
        code="ZC",
        name="Khu kinh tế cửa khẩu C",
        province=ProvinceFactory(),
        board_name="Ban Quản lý",
    )
    assert (_token(zone), _token(other_zone)) == before
    assert _warms() == [frozenset({created.pk})]


def test_a_deleted_row_still_names_its_zone(zone, other_zone, actor) -> None:
    from django.db import transaction

    from borderzone.register.models import Disbursement

    # given a disbursement of zone A, read afresh (its project not loaded yet)
    project = make_project(zone, actor, issued_on=dt.date(2019, 1, 10))
    services.disbursement_record(project=project, paid_on=dt.date(2020, 1, 1), amount=Decimal(10**9), actor=actor)
    row = Disbursement.objects.get(project=project)
    before = (_token(zone), _token(other_zone))
    # when it is deleted through its ModelWrites, `zone_of` reads its project's zone after the delete
    with transaction.atomic():
        services.DISBURSEMENTS.delete(row, actor)
    assert _token(zone) != before[0]
    assert _token(other_zone) == before[1]
    assert _warms() == [frozenset({zone.pk})]
