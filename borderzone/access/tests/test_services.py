from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from borderzone.access.audit import history_for
from borderzone.access.services import ModelWrites, accepted
from borderzone.core.cache import current_version
from borderzone.core.models import AuditAction
from borderzone.gates.models import BorderGate, GateType
from borderzone.zones.models import GateArea
from borderzone.zones.tests.factories import GateAreaFactory


def _no_negative_area(area: GateArea) -> None:
    if area.area_ha is not None and area.area_ha < 0:
        raise ValidationError({"area_ha": "negative"})


AREAS = ModelWrites(
    GateArea,
    ("code", "name", "area_ha"),
    "test-areas",
    check=_no_negative_area,
    unique=("zone", "code"),
    clash_message="This zone already has an area with this code.",
)


def test_accepted_keeps_only_the_allowed_fields():
    assert accepted({"code": "A", "zone": 1, "name_key": "x"}, ("code", "name")) == {"code": "A"}


def test_create_saves_the_accepted_fields_audits_and_bumps_the_scope(zone, actor):
    version = current_version("test-areas")
    with transaction.atomic():
        area = AREAS.create(actor, {"code": "TL", "name": "Trà Lĩnh", "sort_order": 9}, zone=zone)

    area.refresh_from_db()
    assert (area.zone, area.code, area.name, area.sort_order) == (zone, "TL", "Trà Lĩnh", 0)
    (event,) = history_for(area)
    assert event.action == AuditAction.CREATED
    assert event.changes["code"] == [None, "TL"]
    assert current_version("test-areas") != version


def test_create_refuses_a_unique_clash_on_the_clash_field_and_writes_nothing(zone, actor):
    GateAreaFactory(zone=zone, code="TL", name="Trà Lĩnh")

    with pytest.raises(ValidationError) as caught, transaction.atomic():
        AREAS.create(actor, {"code": "TL", "name": "Khác"}, zone=zone)

    assert caught.value.message_dict == {"code": ["This zone already has an area with this code."]}
    assert GateArea.objects.filter(zone=zone).count() == 1


def test_create_runs_the_check_before_saving(zone, actor):
    with pytest.raises(ValidationError, match="negative"), transaction.atomic():
        AREAS.create(actor, {"code": "TL", "name": "Trà Lĩnh", "area_ha": Decimal(-1)}, zone=zone)

    assert not GateArea.objects.exists()


def test_a_clash_found_only_by_the_database_is_reported_on_the_clash_field(zone, actor):
    GateAreaFactory(zone=zone, code="TL", name="Trà Lĩnh")
    unchecked = ModelWrites(GateArea, ("code", "name"), "test-areas", clash_field="name", clash_message="Taken.")

    with pytest.raises(ValidationError) as caught, transaction.atomic():
        unchecked.create(actor, {"code": "TL2", "name": "TRÀ LĨNH"}, zone=zone)

    assert caught.value.message_dict == {"name": ["Taken."]}


def test_update_records_each_changed_field_before_and_after(zone, actor):
    area = GateAreaFactory(zone=zone, code="TL", name="Trà Lĩnh", area_ha=Decimal("10.00"))
    version = current_version("test-areas")

    with transaction.atomic():
        AREAS.update(area, actor, {"area_ha": Decimal("12.5"), "name_key": "ignored"})

    area.refresh_from_db()
    assert area.area_ha == Decimal("12.50")
    (event,) = history_for(area)
    assert event.action == AuditAction.UPDATED
    assert event.changes == {"area_ha": ["10.00", "12.50"]}
    assert current_version("test-areas") != version


def test_update_that_changes_nothing_writes_no_audit_row_and_bumps_no_version(zone, actor):
    area = GateAreaFactory(zone=zone, code="TL", name="Trà Lĩnh")
    version = current_version("test-areas")

    with transaction.atomic():
        AREAS.update(area, actor, {"name": "Trà Lĩnh"})

    assert not history_for(area).exists()
    assert current_version("test-areas") == version


def test_update_runs_the_preparation_before_the_check_and_the_audit(zone, actor):
    area = GateAreaFactory(zone=zone, code="TL", name="Trà Lĩnh")
    tidy = ModelWrites(GateArea, ("name",), "test-areas", prepare=lambda a: setattr(a, "name", a.name.strip()))

    with transaction.atomic():
        tidy.update(area, actor, {"name": "  Trà Lĩnh  "})
    assert not history_for(area).exists()  # once prepared, nothing changed
    with transaction.atomic():
        tidy.update(area, actor, {"name": " Tà Lùng "})

    area.refresh_from_db()
    assert area.name == "Tà Lùng"
    (event,) = history_for(area)
    assert event.changes["name"] == ["Trà Lĩnh", "Tà Lùng"]


def test_update_checks_uniqueness_against_other_rows_and_leaves_the_instance_unchanged(zone, actor):
    GateAreaFactory(zone=zone, code="TALUNG", name="Tà Lùng")
    area = GateAreaFactory(zone=zone, code="TL", name="Trà Lĩnh")

    with transaction.atomic():
        AREAS.update(area, actor, {"code": "TL", "name": "Trà Lĩnh mới"})  # its own code is no clash
    with pytest.raises(ValidationError, match="already has an area"), transaction.atomic():
        AREAS.update(area, actor, {"code": "TALUNG"})

    assert area.code == "TL"


def test_update_says_status_changed_when_the_status_field_changed(zone, actor):
    gate = BorderGate.objects.create(zone=zone, code="G1", name="Cửa khẩu 1", gate_type=GateType.SECONDARY)
    gates = ModelWrites(BorderGate, ("gate_type", "name"), "test-gates")

    with transaction.atomic():
        gates.update(gate, actor, {"name": "Cửa khẩu một"}, status_field="gate_type")
        gates.update(gate, actor, {"gate_type": GateType.MAIN}, status_field="gate_type")

    renamed, upgraded = history_for(gate).order_by("id")
    assert renamed.action == AuditAction.UPDATED
    assert upgraded.action == AuditAction.STATUS_CHANGED
    assert upgraded.changes == {"gate_type": ["secondary", "main"]}


@pytest.mark.django_db(transaction=True)
def test_writes_refuse_to_run_outside_a_transaction(zone, actor):
    with pytest.raises(RuntimeError, match="inside the service's transaction"):
        AREAS.create(actor, {"code": "TL", "name": "Trà Lĩnh"}, zone=zone)

    assert not GateArea.objects.exists()


def test_update_refuses_a_stale_expected_version_and_changes_nothing(zone, actor):
    from borderzone.access.versions import StaleVersion

    area = GateAreaFactory(zone=zone, code="TL", name="Trà Lĩnh")
    read = AREAS.version(area)
    with transaction.atomic():
        AREAS.update(area, actor, {"name": "Trà Lĩnh 1"}, expected_version=f'"{read}"')
    assert AREAS.version(area) != read
    version = current_version("test-areas")

    with pytest.raises(StaleVersion) as refused, transaction.atomic():
        AREAS.update(GateArea.objects.get(pk=area.pk), actor, {"name": "Trà Lĩnh cũ"}, expected_version=read)

    assert refused.value.current.name == "Trà Lĩnh 1"
    assert GateArea.objects.get(pk=area.pk).name == "Trà Lĩnh 1"
    assert history_for(area).count() == 1 and current_version("test-areas") == version
    # The current version (bare or quoted, or one of several), `*`, or none at all: the change is taken.
    current = (
        lambda: AREAS.version(area),
        lambda: f'W/"x", "{AREAS.version(area)}"',
        lambda: "*",
        lambda: None,
    )
    for step, expected in enumerate(current, start=1):
        with transaction.atomic():
            AREAS.update(area, actor, {"area_ha": Decimal(step)}, expected_version=expected())
    assert history_for(area).count() == 5


def test_a_bump_function_replaces_the_scope_and_runs_only_on_a_change(zone, actor):
    bumped = []
    writes = ModelWrites(GateArea, ("name",), "test-areas", bump=lambda area: bumped.append(area.name))
    area = GateAreaFactory(zone=zone, code="TL", name="Trà Lĩnh")
    version = current_version("test-areas")
    with transaction.atomic():
        assert writes.change(area, actor, {"name": "Trà Lĩnh"}) is False
        assert writes.change(area, actor, {"name": "Trà Lĩnh 2"}) is True
    assert bumped == ["Trà Lĩnh 2"] and current_version("test-areas") == version
