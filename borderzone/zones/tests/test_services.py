from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from borderzone.zones.models import FunctionalArea, FunctionalAreaKind
from borderzone.zones.services import functional_area_create, gate_area_create, gate_area_update
from borderzone.zones.tests.factories import GateAreaFactory


def test_a_functional_area_cannot_have_a_negative_area(zone, actor):
    with pytest.raises(ValidationError) as info:
        functional_area_create(zone=zone, actor=actor, kind=FunctionalAreaKind.OTHER, name="Khu X", area_ha=Decimal(-1))
    assert info.value.message_dict == {"area_ha": ["Diện tích không được âm."]}
    assert FunctionalArea.objects.count() == 0


def test_names_are_unique_in_a_zone_ignoring_accents(zone, other_zone, actor):
    functional_area_create(zone=zone, actor=actor, kind=FunctionalAreaKind.NON_TARIFF, name="Khu phi thuế quan")
    with pytest.raises(ValidationError, match="same name|cùng tên"):
        functional_area_create(zone=zone, actor=actor, kind=FunctionalAreaKind.NON_TARIFF, name="KHU PHI THUE QUAN")
    # Another zone may use the same name.
    functional_area_create(zone=other_zone, actor=actor, kind=FunctionalAreaKind.NON_TARIFF, name="Khu phi thuế quan")
    assert FunctionalArea.objects.count() == 2


def test_a_functional_area_cannot_point_at_another_zones_gate_area(zone, other_zone, actor):
    foreign = GateAreaFactory(zone=other_zone, code="X", name="Khu X")
    with pytest.raises(ValidationError) as info:
        functional_area_create(zone=zone, actor=actor, kind=FunctionalAreaKind.OTHER, name="Khu Y", gate_area=foreign)
    assert "gate_area" in info.value.message_dict


def test_gate_area_codes_are_unique_in_a_zone(zone, actor):
    gate_area_create(zone=zone, actor=actor, code="TALUNG", name="Tà Lùng")
    other = gate_area_create(zone=zone, actor=actor, code="SOCGIANG", name="Sóc Giang")
    with pytest.raises(ValidationError) as info:
        gate_area_update(area=other, actor=actor, code="TALUNG")
    assert "code" in info.value.message_dict
    other.refresh_from_db()
    assert other.code == "SOCGIANG"
