"""The project-state intervals: what the services maintain equals a rebuild, and "as of D" read from them
agrees with the register's definitions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from borderzone.access.actors import command_actor
from borderzone.register import services
from borderzone.register.models import OPEN_END, ProjectState
from borderzone.register.setwise import late_q
from borderzone.register.states import STATE_FIELDS, on_day, rebuild_project_states
from borderzone.register.tests.factories import make_project

pytestmark = pytest.mark.django_db


def _rows() -> list[tuple[object, ...]]:
    return sorted(ProjectState.objects.values_list(*STATE_FIELDS))


def _history(zone) -> list[int]:
    actor = command_actor("test")
    first = make_project(zone, actor, code="1001", issued_on=dt.date(2016, 1, 10))
    second = make_project(zone, actor, code="1002", issued_on=dt.date(2018, 5, 1))
    services.certificate_version_add(
        project=first,
        issued_on=dt.date(2017, 3, 1),
        total_capital=Decimal(9_000_000_000),
        plans={"construction_start": dt.date(2018, 6, 1), "operation_start": dt.date(2020, 1, 1)},
        actor=actor,
    )
    services.status_change_record(project=first, status="implementing", effective_on=dt.date(2016, 8, 1), actor=actor)
    services.status_change_record(project=first, status="operating", effective_on=dt.date(2019, 2, 1), actor=actor)
    # Two changes the same day: the later one recorded counts.
    services.status_change_record(project=second, status="suspended", effective_on=dt.date(2019, 1, 1), actor=actor)
    services.status_change_record(project=second, status="implementing", effective_on=dt.date(2019, 1, 1), actor=actor)
    services.milestone_reached(project=second, kind="land_handover", reached_on=dt.date(2018, 9, 1), actor=actor)
    services.project_update(project=second, ownership="foreign", actor=actor)
    services.project_update(project=first, published=True, actor=actor)
    return [first.pk, second.pk]


def test_rebuild_equals_what_the_services_maintained(zone) -> None:
    _history(zone)
    maintained = _rows()
    assert len(maintained) >= 6
    out = StringIO()
    call_command("rebuild_project_states", stdout=out)
    assert out.getvalue().strip() == f"{len(maintained)} project states rebuilt"
    assert _rows() == maintained
    assert rebuild_project_states() == len(maintained)  # safe to run twice
    assert _rows() == maintained


def test_intervals_follow_versions_and_statuses(zone) -> None:
    first_pk, second_pk = _history(zone)
    first = list(ProjectState.objects.filter(project_id=first_pk).order_by("valid_from"))
    assert [(s.valid_from, s.valid_to, s.status, s.total_capital) for s in first] == [
        (dt.date(2016, 1, 10), dt.date(2016, 8, 1), "preparing", first[0].total_capital),
        (dt.date(2016, 8, 1), dt.date(2017, 3, 1), "implementing", first[0].total_capital),
        (dt.date(2017, 3, 1), dt.date(2019, 2, 1), "implementing", Decimal(9_000_000_000)),
        (dt.date(2019, 2, 1), OPEN_END, "operating", Decimal(9_000_000_000)),
    ]
    assert first[2].plan_construction_start == dt.date(2018, 6, 1)
    second = ProjectState.objects.get(project_id=second_pk, valid_from=dt.date(2019, 1, 1))
    assert second.status == "implementing"
    assert second.ownership == "foreign"
    assert second.reached_land_handover == dt.date(2018, 9, 1)
    # Each row carries its project's code and publication (the lists read them there).
    assert {(s.code, s.published) for s in first} == {("1001", True)}
    assert (second.code, second.published) == ("1002", False)
    # Nothing before the first issue.
    assert not ProjectState.objects.filter(on_day(dt.date(2016, 1, 9))).exists()
    assert ProjectState.objects.filter(on_day(dt.date(2016, 1, 10))).count() == 1
    # Late on a day: planned construction start 2018-06-01 passed, not reached, and not yet operating.
    assert ProjectState.objects.filter(on_day(dt.date(2018, 7, 1)), late_q(dt.date(2018, 7, 1)), project_id=first_pk)
    assert not ProjectState.objects.filter(
        on_day(dt.date(2019, 3, 1)), late_q(dt.date(2019, 3, 1)), project_id=first_pk
    )


def test_a_refused_write_leaves_the_states_as_they_were(zone) -> None:
    first_pk, _ = _history(zone)
    before = _rows()
    from borderzone.register.models import Project

    with pytest.raises(Exception):  # noqa: B017, PT011 - the service refuses an adjustment dated too early
        services.certificate_version_add(
            project=Project.objects.get(pk=first_pk),
            issued_on=dt.date(2015, 1, 1),
            total_capital=Decimal(1),
            actor=command_actor("test"),
        )
    assert _rows() == before


def test_late_as_a_range_query_agrees_with_the_evaluation(zone, admin_user) -> None:
    from borderzone.register.models import Project
    from borderzone.register.selectors import ListFilters, evaluate, project_list

    actor = command_actor("test")
    plans = {"land_handover": dt.date(2019, 1, 1), "construction_start": dt.date(2019, 6, 1)}
    late = make_project(zone, actor, issued_on=dt.date(2018, 3, 1), plans=plans)
    on_time = make_project(zone, actor, issued_on=dt.date(2018, 3, 1), plans=plans)
    services.milestone_reached(project=on_time, kind="land_handover", reached_on=dt.date(2018, 12, 1), actor=actor)
    services.milestone_reached(project=on_time, kind="construction_start", reached_on=dt.date(2019, 5, 1), actor=actor)
    operating = make_project(zone, actor, issued_on=dt.date(2018, 3, 1), plans=plans)
    services.status_change_record(project=operating, status="operating", effective_on=dt.date(2019, 3, 1), actor=actor)
    ended = make_project(zone, actor, issued_on=dt.date(2018, 3, 1), plans=plans)
    services.status_change_record(project=ended, status="terminated", effective_on=dt.date(2019, 7, 1), actor=actor)
    for day in (dt.date(2018, 12, 31), dt.date(2019, 2, 1), dt.date(2019, 7, 2), dt.date(2021, 1, 1)):
        evaluated = evaluate(day, Project.objects.filter(zone=zone))
        expected = {pk for pk, e in evaluated.items() if e.is_late}
        by_states = set(
            ProjectState.objects.filter(on_day(day), late_q(day), zone=zone).values_list("project_id", flat=True)
        )
        assert by_states == expected, day
        listed, _ = project_list(admin_user, ListFilters(as_of=day, zone=zone.code, late=True))
        assert {p.pk for p in listed} == expected
    assert expected == {late.pk}
