import pytest
from django.core.exceptions import ValidationError

from borderzone.gates.selectors import gate_area_match, gate_match
from borderzone.gates.tests.factories import BorderGateFactory
from borderzone.zones.selectors import commune_search, gate_area_by_code
from borderzone.zones.tests.factories import CommuneFactory, GateAreaFactory


@pytest.fixture
def tra_linh(zone):
    area = GateAreaFactory(zone=zone, code="TRALINH", name="Trà Lĩnh")
    gate = BorderGateFactory(zone=zone, gate_area=area, code="TRALINH", name="Cửa khẩu quốc tế Trà Lĩnh")
    return area, gate


@pytest.mark.parametrize("text", ["tra linh", "TRÀ LĨNH", "Cửa khẩu quốc tế Trà Lĩnh", "cua khau tra linh", "TRALINH"])
def test_gates_and_gate_areas_are_found_ignoring_accents_case_and_gate_words(zone, tra_linh, text):
    area, gate = tra_linh
    assert gate_match(zone, text) == gate
    assert gate_area_match(zone, text) == area


def test_a_name_of_another_zone_is_not_matched(zone, other_zone, tra_linh):
    assert gate_match(other_zone, "tra linh") is None
    assert gate_area_match(other_zone, "tra linh") is None
    assert gate_area_match(zone, "ta lung") is None
    assert gate_area_match(zone, "   ") is None


def test_communes_are_found_by_former_names_without_accents(db):
    commune = CommuneFactory(
        code="01447", name="Trà Lĩnh", full_name="Xã Trà Lĩnh", former_names="Thị trấn Hùng Quốc; Xã Cô Mười"
    )
    commune.save()
    assert list(commune_search("hung quoc")) == [commune]
    assert list(commune_search("CÔ MƯỜI")) == [commune]


def test_a_gate_area_is_found_by_its_code_within_the_zone_only(zone, other_zone, tra_linh):
    area, _gate = tra_linh
    assert gate_area_by_code(zone, "TRALINH") == area
    assert gate_area_by_code(zone, None) is None
    with pytest.raises(ValidationError) as caught:
        gate_area_by_code(other_zone, "TRALINH")
    assert list(caught.value.message_dict) == ["gate_area"]


def test_a_gate_area_matches_its_name_without_the_bracketed_part_unless_two_share_it(zone):
    from borderzone.zones.tests.factories import GateAreaFactory

    ha_lang = GateAreaFactory(zone=zone, code="HALANG", name="Hạ Lang (Bí Hà)")
    assert gate_area_match(zone, "Hạ Lang") == ha_lang
    assert gate_area_match(zone, "ha lang") == ha_lang
    assert gate_area_match(zone, "Hạ Lang (Bí Hà)") == ha_lang
    assert gate_area_match(zone, "Hạ") is None
    GateAreaFactory(zone=zone, code="HALANG2", name="Hạ Lang (Lý Vạn)")
    assert gate_area_match(zone, "Hạ Lang") is None  # which one is not for the import to guess
