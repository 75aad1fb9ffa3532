from decimal import Decimal

import pytest
from django.db import connection, transaction

from borderzone.access.actors import Actor, command_actor
from borderzone.access.audit import audit_record, history_for
from borderzone.core.models import AuditAction, AuditEvent
from borderzone.zones.models import FunctionalArea, FunctionalAreaKind
from borderzone.zones.services import functional_area_create, functional_area_update


def test_a_change_writes_its_audit_row_with_who_where_and_the_fields(zone, actor):
    area = functional_area_create(
        zone=zone, actor=actor, kind=FunctionalAreaKind.NON_TARIFF, name="Khu phi thuế quan", area_ha=Decimal("12.5")
    )
    functional_area_update(area=area, actor=actor, area_ha=Decimal("20.00"), name="Khu phi thuế quan Lý Vạn")

    created, updated = history_for(area).order_by("id")
    assert created.action == AuditAction.CREATED
    assert created.changes["name"] == [None, "Khu phi thuế quan"]
    assert created.user == actor.user
    assert created.ip_address == "127.0.0.1"
    assert created.zone == zone
    assert updated.action == AuditAction.UPDATED
    assert updated.changes == {
        "area_ha": ["12.50", "20.00"],
        "name": ["Khu phi thuế quan", "Khu phi thuế quan Lý Vạn"],
        "name_key": ["khu phi thue quan", "khu phi thue quan ly van"],
    }


def test_an_update_that_changes_nothing_writes_no_row(zone, actor):
    area = functional_area_create(zone=zone, actor=actor, kind=FunctionalAreaKind.OTHER, name="Khu A")
    functional_area_update(area=area, actor=actor, name="Khu A")
    assert history_for(area).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_audit_row_is_absent_when_the_change_rolls_back(zone, actor):
    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        functional_area_create(zone=zone, actor=actor, kind=FunctionalAreaKind.OTHER, name="Khu B")
        assert AuditEvent.objects.filter(object_repr="Khu B").count() == 1  # written in the same transaction
        raise Boom

    assert not FunctionalArea.objects.filter(name="Khu B").exists()
    assert not AuditEvent.objects.filter(object_repr="Khu B").exists()


@pytest.mark.django_db(transaction=True)
def test_audit_record_refuses_to_run_outside_a_transaction(zone, actor):
    with pytest.raises(RuntimeError, match="inside the transaction"):
        audit_record(actor=actor, instance=zone, action=AuditAction.UPDATED)


def test_audit_rows_are_never_changed_or_deleted(zone, actor):
    area = functional_area_create(zone=zone, actor=actor, kind=FunctionalAreaKind.OTHER, name="Khu C")
    event = history_for(area).get()
    event.note = "tampered"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(note="tampered")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the database trigger exists on PostgreSQL only")
def test_postgresql_refuses_raw_updates_of_audit_rows(zone, actor):
    from django.db.utils import DatabaseError

    area = functional_area_create(zone=zone, actor=actor, kind=FunctionalAreaKind.OTHER, name="Khu D")
    event = history_for(area).get()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET note = 'x' WHERE id = %s", [event.pk])


def test_command_line_work_is_recorded_as_the_named_command_and_system_user(zone):
    actor = command_actor("import_projects")
    with transaction.atomic():
        event = audit_record(actor=actor, instance=zone, action=AuditAction.IMPORTED, changes={})
    assert event is not None
    assert event.via == "command:import_projects"
    assert event.user is not None and event.user.username == "system"
    assert not event.user.has_usable_password()
    assert isinstance(actor, Actor)
