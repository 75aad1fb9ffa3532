from io import StringIO

from django.core.management import call_command

from borderzone.accounts.models import User
from borderzone.core.models import AuditEvent
from borderzone.gates.models import BorderGate
from borderzone.zones.models import Commune, EconomicZone, FunctionalArea, GateArea, Province


def test_load_demo_twice_creates_everything_once(db):
    call_command("load_demo", stdout=StringIO())
    counts = (
        Province.objects.count(),
        Commune.objects.count(),
        EconomicZone.objects.count(),
        GateArea.objects.count(),
        FunctionalArea.objects.count(),
        BorderGate.objects.count(),
        User.objects.count(),
        AuditEvent.objects.count(),
    )
    out = StringIO()
    call_command("load_demo", stdout=out)
    again = (
        Province.objects.count(),
        Commune.objects.count(),
        EconomicZone.objects.count(),
        GateArea.objects.count(),
        FunctionalArea.objects.count(),
        BorderGate.objects.count(),
        User.objects.count(),
        AuditEvent.objects.count(),
    )
    assert again == counts
    assert counts[:3] == (34, 3321, 1)
    assert "0 created" in out.getvalue()


def test_the_demo_zone_is_cao_bang_with_its_gates(db):
    call_command("load_demo", stdout=StringIO())
    zone = EconomicZone.objects.get(code="CB")
    assert zone.is_demo and zone.area_ha == 30130
    assert zone.province.code == "04"
    assert Commune.objects.filter(province__code="04").count() == 56
    tra_linh = BorderGate.objects.get(code="TRALINH")
    assert tra_linh.gate_type == "international" and tra_linh.partner_name == "Cửa khẩu Long Bang"
    assert tra_linh.commune.full_name == "Xã Trà Lĩnh"
    assert BorderGate.objects.get(code="NADOONG").parent == tra_linh
    assert set(User.objects.filter(is_demo=True).values_list("role", flat=True)) == {
        "admin",
        "specialist",
        "leader",
        "investor",
    }
    assert "Thị trấn Trà Lĩnh" in Commune.objects.get(code="01447").former_names
