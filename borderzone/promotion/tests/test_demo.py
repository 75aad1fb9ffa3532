from io import StringIO

import pytest
from django.core.management import call_command

from borderzone.documents.models import LegalDocument
from borderzone.promotion.models import Incentive, InvestmentCall, Sector

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


def test_demo_gives_english_and_chinese_versions_and_fills_them_into_an_older_demo_without_duplicates():
    from django.utils import translation

    from borderzone.core.models import AuditEvent

    call_command("load_demo", stdout=StringIO())
    icd = InvestmentCall.objects.get(title="Cảng cạn ICD Trà Lĩnh")
    assert icd.title_zh.startswith("茶岭") and icd.objectives_en.startswith("A dry port")
    assert Incentive.objects.exclude(title_zh="").count() == Incentive.objects.count()
    with translation.override("zh-hans"):
        assert Sector.objects.get(code="C").display_name == "制造业"
    events = AuditEvent.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert AuditEvent.objects.count() == events  # nothing left to fill: nothing written
    # given a demo loaded before the versions existed
    Incentive.objects.update(title_zh="", description_zh="")
    InvestmentCall.objects.update(title_zh="", objectives_zh="", investment_form_en="")
    Sector.objects.update(name_zh="")
    staff_version = Incentive.objects.order_by("pk").first()
    Incentive.objects.filter(pk=staff_version.pk).update(title_zh="员工译文")
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "given missing translations" in out.getvalue()
    assert InvestmentCall.objects.filter(title_zh="").count() == 0
    assert InvestmentCall.objects.filter(investment_form_en="").count() == 0
    assert Sector.objects.filter(name_zh="").count() == 0
    assert Incentive.objects.get(pk=staff_version.pk).title_zh == "员工译文"  # a staff version is kept
    assert (Incentive.objects.count(), InvestmentCall.objects.count()) == (5, 4)
