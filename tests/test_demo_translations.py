"""The demo's English and Chinese versions: loaded with the demo, and filled into a demo loaded before they
existed (update in place), without duplicating anything or replacing a version staff wrote."""

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def _counts():
    from borderzone.core.models import AuditEvent
    from borderzone.inspections.models import Inspection
    from borderzone.planning.models import AgreementAction, CooperationAgreement, Goal, Milestone
    from borderzone.portal.models import Article
    from borderzone.zones.models import FunctionalArea, GateArea

    models = (GateArea, FunctionalArea, Goal, Milestone, CooperationAgreement, AgreementAction, Inspection, Article)
    return {m.__name__: m.objects.count() for m in models} | {"audit": AuditEvent.objects.count()}


def test_a_demo_loaded_before_the_translations_gets_them_in_place_and_keeps_what_staff_wrote():
    from borderzone.gates.models import BorderGate
    from borderzone.inspections.models import Inspection
    from borderzone.planning.models import AgreementAction, CooperationAgreement, Goal, Milestone
    from borderzone.portal.models import Article
    from borderzone.zones.models import EconomicZone, FunctionalArea, GateArea

    # given a demo as an earlier release loaded it: no Chinese description, district or plan versions, a
    # coordinate source with OSM tags, and one version a member of staff wrote
    call_command("load_demo", stdout=StringIO())
    EconomicZone.objects.filter(code="CB").update(description_zh="")
    GateArea.objects.update(former_district_en="", former_district_zh="")
    FunctionalArea.objects.update(name_zh="")
    Goal.objects.update(title_zh="", target_description_en="", target_unit_en="")
    Goal.objects.filter(code="TL-01").update(title_zh="茶岭口岸升格（工作人员译）")
    Milestone.objects.update(title_en="", title_zh="")
    CooperationAgreement.objects.update(title_zh="", summary_en="", summary_zh="")
    AgreementAction.objects.update(description_en="", description_zh="")
    Inspection.objects.update(title_en="", title_zh="")
    Article.objects.filter(slug="cua-khau-ta-lung-tro-thanh-cua-khau-quoc-te").update(body_en="", body_zh="")
    tra_linh = BorderGate.objects.get(code="TRALINH")
    BorderGate.objects.filter(pk=tra_linh.pk).update(
        coordinate_source="centroid of unnamed OSM way 804799052 (barrier=border_control, building)"
    )
    before = _counts()

    # when the demo is loaded again
    call_command("load_demo", stdout=StringIO())

    # then the versions are there, nothing is duplicated, and the staff's version is kept
    after = _counts()
    assert {k: v for k, v in after.items() if k != "audit"} == {k: v for k, v in before.items() if k != "audit"}
    assert after["audit"] > before["audit"]  # each fill is an audited write
    zone = EconomicZone.objects.get(code="CB")
    assert zone.description_zh.startswith("高平省边境口岸经济区")
    assert GateArea.objects.get(zone=zone, code="TALUNG").former_district_en == "Quang Hoa District"
    assert GateArea.objects.get(zone=zone, code="TALUNG").former_district_zh == "广和县"
    assert not FunctionalArea.objects.filter(name_zh="").exists()
    assert Goal.objects.get(code="TL-01").title_zh == "茶岭口岸升格（工作人员译）"
    goal = Goal.objects.get(code="TL-04")
    assert (goal.title_zh, goal.target_description_en, goal.target_unit_en) == (
        "建成茶岭ICD陆港",
        "Throughput capacity",
        "TEU/year",
    )
    assert not Milestone.objects.filter(title_en="").exists()
    assert not CooperationAgreement.objects.filter(summary_zh="").exists()
    assert not AgreementAction.objects.filter(description_zh="").exists()
    assert not Inspection.objects.filter(title_en="").exists()
    article = Article.objects.get(slug="cua-khau-ta-lung-tro-thanh-cua-khau-quoc-te")
    assert article.body_en.startswith("<p>Ta Lung lies on") and article.status == "approved"
    assert BorderGate.objects.get(pk=tra_linh.pk).coordinate_source == (
        "OpenStreetMap (ODbL 1.0): openstreetmap.org/way/804799052"
    )

    # and a third load changes nothing
    call_command("load_demo", stdout=StringIO())
    assert _counts() == after


def test_the_seeded_report_forms_cite_their_legal_basis_in_three_languages():
    from borderzone.reporting.models import ReportForm
    from borderzone.reporting.seed import translate_bases

    form = ReportForm.objects.get(code="GS-6T", version=1)
    assert form.legal_basis == "Nghị định 29/2021/NĐ-CP; mẫu biểu theo Thông tư 05/2023/TT-BKHĐT"
    assert form.legal_basis_en == "Decree 29/2021/ND-CP; forms as in Circular 05/2023/TT-BKHĐT"
    assert form.legal_basis_zh == "第29/2021/NĐ-CP号议定；表格依照第05/2023/TT-BKHĐT号通知"
    # a basis staff rewrote is left as it is
    ReportForm.objects.filter(pk=form.pk).update(legal_basis="Thông tư mới", legal_basis_en="", legal_basis_zh="")
    assert translate_bases(ReportForm) == 0
    assert ReportForm.objects.get(pk=form.pk).legal_basis_en == ""
