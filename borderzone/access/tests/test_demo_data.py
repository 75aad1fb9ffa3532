from io import StringIO
from operator import itemgetter

import pytest

from borderzone.access.demo_data import demo_zone, missing, untranslated
from borderzone.zones.models import GateArea
from borderzone.zones.tests.factories import GateAreaFactory

pytestmark = pytest.mark.django_db


def test_demo_zone_is_the_zone_or_none_with_the_note_written(zone):
    out = StringIO()

    assert demo_zone(zone.code, out, "Planning: no zone.\n") == zone
    assert out.getvalue() == ""
    assert demo_zone("NOPE", out, "Planning: no zone.\n") is None
    assert out.getvalue() == "Planning: no zone.\n"


def test_missing_keeps_the_rows_not_loaded_yet_in_their_order(zone, other_zone):
    GateAreaFactory(zone=zone, code="TALUNG", name="Tà Lùng")
    GateAreaFactory(zone=other_zone, code="LYVAN", name="Lý Vạn")
    rows = [("TRALINH", "Trà Lĩnh"), ("TALUNG", "Tà Lùng"), ("LYVAN", "Lý Vạn")]

    assert list(missing(rows, GateArea.objects.filter(zone=zone), "code")) == [
        ("TRALINH", "Trà Lĩnh"),
        ("LYVAN", "Lý Vạn"),
    ]
    assert list(missing(rows, GateArea.objects.all(), "name", key=itemgetter(1))) == [("TRALINH", "Trà Lĩnh")]


def test_missing_asks_the_database_once(zone, django_assert_num_queries):
    rows = [(f"A{n}",) for n in range(20)]

    with django_assert_num_queries(1):
        assert len(list(missing(rows, GateArea.objects.filter(zone=zone), "code"))) == 20


def test_untranslated_keeps_the_translations_a_row_still_lacks(zone):
    area = GateAreaFactory(zone=zone, code="TALUNG", name="Tà Lùng", name_en="Ta Lung gate area", name_zh="")

    assert untranslated(area, {"name_en": "Ta Lung", "name_zh": "水口口岸区"}) == {"name_zh": "水口口岸区"}
    assert untranslated(area, {"name_en": "", "name_zh": ""}) == {}
