from io import StringIO

import pytest
from django.core.management import call_command

from borderzone.documents.models import LegalDocument
from borderzone.investing.models import Incentive, InvestmentCall, Sector

pytestmark = pytest.mark.django_db


def test_load_demo_twice_adds_incentives_and_calls_once_each_citing_the_register():
    call_command("load_demo", stdout=StringIO())
    counts = (
        Sector.objects.count(),
        Incentive.objects.count(),
        InvestmentCall.objects.count(),
        LegalDocument.objects.count(),
    )
    call_command("load_demo", stdout=StringIO())
    assert (
        Sector.objects.count(),
        Incentive.objects.count(),
        InvestmentCall.objects.count(),
        LegalDocument.objects.count(),
    ) == counts
    assert counts[1] >= 4 and counts[2] == 4
    nt = Incentive.objects.get(area_scope="non_tariff")
    assert nt.document.number == "107/2016/QH13" and nt.clause == "Điều 2, khoản 3, điểm c"
    assert list(nt.functional_areas.values_list("name", flat=True)) == ["Khu phi thuế quan Lý Vạn"]
    icd = InvestmentCall.objects.get(title="Cảng cạn ICD Trà Lĩnh")
    assert icd.gate_area.code == "TRALINH" and 22 < icd.latitude < 23
