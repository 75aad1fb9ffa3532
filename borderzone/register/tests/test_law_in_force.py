"""Legal judgements by the law in force on the day asked, the sources of the rules, and the deposit."""

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.test import Client

from borderzone.register import selectors, services
from borderzone.register.models import DepositEvent, LegalRule, Project
from borderzone.register.rules import RETIRED_RULES, SEED_RULES, assess_deposit, deposit_for
from borderzone.register.tests.factories import make_project
from borderzone.zones.tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db
D = dt.date
BILLION = Decimal(1_000_000_000)

#: The laws in force on each day (investment law, land law), as the brief and docs/legal-sources.md give them.
IN_FORCE = {
    D(2020, 9, 21): {"Luật Đầu tư 67/2014/QH13", "Luật Đất đai 45/2013/QH13"},
    D(2022, 6, 1): {"Luật Đầu tư 61/2020/QH14", "Luật Đất đai 45/2013/QH13"},
    D(2024, 8, 1): {"Luật Đầu tư 61/2020/QH14", "Luật Đất đai 31/2024/QH15"},
    D(2026, 2, 28): {"Luật Đầu tư 61/2020/QH14", "Luật Đất đai 31/2024/QH15"},
    D(2026, 3, 1): {"Luật Đầu tư 143/2025/QH15", "Luật Đất đai 31/2024/QH15"},
    D(2026, 12, 5): {"Luật Đầu tư 143/2025/QH15", "Luật Đất đai 31/2024/QH15"},
}


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _stalled(zone, actor, code: str, issued_on: dt.date | None = None) -> Project:
    """Land handed over in 2016, construction never started, its schedule pushed far beyond the first one."""
    project = make_project(
        zone,
        actor,
        code=code,
        issued_on=issued_on or D(2016, 1, 1),
        policy_approval=True,
        plans={"land_handover": D(2016, 3, 1), "construction_start": D(2016, 9, 1), "operation_start": D(2017, 6, 1)},
    )
    services.milestone_reached(project=project, kind="land_handover", reached_on=D(2016, 3, 1), actor=actor)
    services.certificate_version_add(
        project=project,
        issued_on=D(2018, 1, 1),
        total_capital=Decimal(1),
        plans={"land_handover": D(2016, 3, 1), "construction_start": D(2016, 9, 1), "operation_start": D(2019, 12, 1)},
        actor=actor,
    )
    return project


def test_rules_in_force_follow_valid_from_inclusive_and_valid_to_exclusive():
    laws = {day: {r.law for r in selectors.rules_in_force(day)} for day in IN_FORCE}
    assert laws == IN_FORCE
    assert {r.law for r in selectors.rules_in_force(D(2020, 12, 31))} == IN_FORCE[D(2020, 9, 21)]
    assert {r.law for r in selectors.rules_in_force(D(2021, 1, 1))} == IN_FORCE[D(2022, 6, 1)]
    assert {r.law for r in selectors.rules_in_force(D(2024, 7, 31))} == IN_FORCE[D(2022, 6, 1)]


def test_no_flag_on_any_day_cites_a_law_not_in_force_that_day(zone, actor):
    project = _stalled(zone, actor, "501")
    for day, laws in IN_FORCE.items():
        flags = selectors.evaluate(day, Project.objects.all())[project.pk].flags
        assert flags, day
        assert {f.law for f in flags} <= laws, day
        assert all(f.valid_from <= day and (f.valid_to is None or day < f.valid_to) for f in flags)


def test_a_project_certified_in_2016_and_still_stalled_in_2026_is_judged_by_the_2024_land_law(zone, actor):
    project = _stalled(zone, actor, "502")
    flags = selectors.evaluate(D(2026, 12, 5), Project.objects.all())[project.pk].flags
    cited = sorted((f.code, f.law, f.article) for f in flags)
    assert ("LAND_UNUSED_12M", "Luật Đất đai 31/2024/QH15", "Điều 81 khoản 8") in cited
    assert ("LAND_BEHIND_24M", "Luật Đất đai 31/2024/QH15", "Điều 81 khoản 8") in cited
    assert not any("67/2014" in law or "45/2013" in law or "61/2020" in law for _c, law, _a in cited)


def test_the_2020_law_has_no_12_month_ground_and_links_land_recovery_to_article_48_2_d(zone, actor):
    assert not LegalRule.objects.filter(law="Luật Đầu tư 61/2020/QH14", condition="overdue").exists()
    assert not LegalRule.objects.filter(article__contains="48 khoản 2 điểm g").exists()
    project = _stalled(zone, actor, "503")
    on_2019 = {f.code for f in selectors.evaluate(D(2019, 6, 1), Project.objects.all())[project.pk].flags}
    on_2022 = {f.code: f for f in selectors.evaluate(D(2022, 6, 1), Project.objects.all())[project.pk].flags}
    assert "OVERDUE_12M" in on_2019 and "OVERDUE_12M" not in on_2022
    recovery = on_2022["LAND_RECOVERY_TERMINATION"]
    assert (recovery.law, recovery.article, recovery.months) == (
        "Luật Đầu tư 61/2020/QH14",
        "Điều 48 khoản 2 điểm d",
        36,
    )
    assert LegalRule.objects.get(code="EXTENSION_24M", valid_from=D(2015, 7, 1)).article == "Điều 46 khoản 3"


def test_land_behind_schedule_counts_from_a_late_handover_by_the_state(zone, actor):
    plans = {"land_handover": D(2023, 3, 1), "construction_start": D(2023, 6, 1)}
    late_handover = make_project(zone, actor, code="504", issued_on=D(2023, 1, 1), plans=plans)
    on_time = make_project(zone, actor, code="505", issued_on=D(2023, 1, 1), plans=plans)
    # The State handed the first project's land over a year late: its 24 months count from 2024-06-01.
    services.milestone_reached(project=late_handover, kind="land_handover", reached_on=D(2024, 3, 1), actor=actor)
    services.milestone_reached(project=on_time, kind="land_handover", reached_on=D(2023, 3, 1), actor=actor)

    def behind(day):
        evaluations = selectors.evaluate(day, Project.objects.all())
        return {pk for pk, e in evaluations.items() if any(f.code == "LAND_BEHIND_24M" for f in e.flags)}

    assert behind(D(2025, 6, 1)) == set()
    assert behind(D(2025, 6, 2)) == {on_time.pk}
    assert behind(D(2026, 6, 1)) == {on_time.pk}
    assert behind(D(2026, 6, 2)) == {on_time.pk, late_handover.pk}
    rule = LegalRule.objects.get(code="LAND_BEHIND_24M", valid_from=D(2024, 8, 1))
    services.legal_rule_update(rule=rule, counts_from_handover=False, actor=actor)
    assert behind(D(2025, 6, 2)) == {on_time.pk, late_handover.pk}


def test_a_transitional_condition_limits_a_rule_to_older_certificates(zone, actor):
    old = _stalled(zone, actor, "506", issued_on=D(2016, 1, 1))
    new = _stalled(zone, actor, "507", issued_on=D(2016, 2, 1))
    rule = LegalRule.objects.get(code="LAND_UNUSED_12M", valid_from=D(2024, 8, 1))
    services.legal_rule_update(
        rule=rule,
        certificates_issued_before=D(2016, 2, 1),
        transitional_note="Chỉ áp dụng cho giấy chứng nhận cấp trước 01/02/2016 (điều kiện thử).",
        actor=actor,
    )
    evaluation = selectors.evaluate(D(2026, 12, 5), Project.objects.all())
    assert "LAND_UNUSED_12M" in {f.code for f in evaluation[old.pk].flags}
    assert "LAND_UNUSED_12M" not in {f.code for f in evaluation[new.pk].flags}
    assert LegalRule.objects.get(pk=rule.pk).covers_certificate(D(2016, 1, 31))
    assert not LegalRule.objects.get(pk=rule.pk).covers_certificate(D(2016, 2, 1))


def test_api_flags_name_only_the_law_in_force_on_the_day(zone, actor, specialist):
    _stalled(zone, actor, "508")
    client = login(specialist)
    for day, laws in IN_FORCE.items():
        rows = client.get(f"/api/v1/investments/projects?as_of={day.isoformat()}&flagged=true").json()
        items = rows["items"] if isinstance(rows, dict) else rows
        [row] = [r for r in items if r["code"] == "508"]
        assert {f["law"] for f in row["flags"]} <= laws
        assert set(row["flags"][0]) == {"code", "name", "law", "article", "article_confirmed", "detail"}
    detail = client.get("/api/v1/investments/projects/508?as_of=2026-12-05").json()
    assert {f["law"] for f in detail["flags"]} == {"Luật Đất đai 31/2024/QH15", "Luật Đầu tư 143/2025/QH15"}
    unconfirmed = [f for f in detail["flags"] if f["law"] == "Luật Đầu tư 143/2025/QH15"]
    assert unconfirmed and not any(f["article_confirmed"] for f in unconfirmed)


def test_project_page_shows_the_law_a_flag_rests_on_and_why(zone, actor, specialist):
    _stalled(zone, actor, "509")
    page = login(specialist).get("/staff/investments/509/?as_of=2022-06-01")
    assert page.status_code == 200
    assert "Luật Đầu tư 61/2020/QH14" in page.text and "Điều 48 khoản 2 điểm d" in page.text
    assert "Luật Đầu tư 61/2020/QH14 có hiệu lực từ 01/01/2021 đến trước 01/03/2026" in page.text
    assert "Giấy chứng nhận được cấp lần đầu ngày 01/01/2016" in page.text
    assert "letranlaw.com" in page.text  # where the citation was checked
    assert "Luật Đầu tư 67/2014/QH13" not in page.text.split('id="flags"')[1].split("</section>")[0]


def test_an_unconfirmed_article_says_so_on_screen_in_each_language(zone, actor, specialist):
    _stalled(zone, actor, "510")
    client = login(specialist)
    page = client.get("/staff/investments/510/?as_of=2026-12-05").text
    assert "số điều chưa được xác nhận" in page
    assert "Căn cứ sau 01/03/2026 chưa được xác nhận" in page
    assert "article number not confirmed" in client.get("/en/staff/investments/510/?as_of=2026-12-05").text
    assert "条款编号未经确认" in client.get("/zh-hans/staff/investments/510/?as_of=2026-12-05").text
    rules = client.get("/staff/investments/rules/").text
    tag = '<span class="tag warning">số điều chưa được xác nhận</span>'
    assert rules.count(tag) == LegalRule.objects.filter(article_confirmed=False).count() == 3


def test_every_seeded_rule_has_a_source_and_is_listed_in_legal_sources():
    from pathlib import Path

    listing = (Path(__file__).resolve().parents[3] / "docs" / "legal-sources.md").read_text(encoding="utf-8")
    for rule in LegalRule.objects.all():
        assert rule.source, rule
        assert f"`{rule.code}`" in listing and rule.law in listing, rule


def test_reseeding_twice_keeps_one_row_per_rule_and_drops_the_retired_ones():
    reseed = importlib.import_module("borderzone.register.migrations.0006_reseed_rules_by_law_in_force").reseed
    LegalRule.objects.create(
        code="OVERDUE_12M", condition="overdue", months=12, law="Luật Đầu tư 61/2020/QH14", article="Điều 48 khoản 2 điểm g",
        valid_from=RETIRED_RULES[0][1],
    )  # fmt: skip
    LegalRule.objects.filter(code="EXTENSION_24M", valid_from=D(2015, 7, 1)).update(article="Điều 46 khoản 4")
    reseed(apps, None)
    reseed(apps, None)
    assert LegalRule.objects.count() == len(SEED_RULES)
    assert LegalRule.objects.get(code="EXTENSION_24M", valid_from=D(2015, 7, 1)).article == "Điều 46 khoản 3"


# --- deposit ---


@pytest.mark.parametrize(
    ("capital", "charges", "area", "sector", "exempt", "due", "reason"),
    [
        (200 * BILLION, 0, "", "", False, 6 * BILLION, ""),  # 3 %
        (500 * BILLION, 0, "", "", False, 13 * BILLION, ""),  # 9 + 2 % of 200
        (1500 * BILLION, 0, "", "", False, 28 * BILLION, ""),  # 9 + 14 + 1 % of 500
        (500 * BILLION, 200 * BILLION, "", "", False, 9 * BILLION, ""),  # land levy and rent out of the base
        (500 * BILLION, 0, "especially_difficult", "", False, Decimal("6.5") * BILLION, "area"),
        (500 * BILLION, 0, "difficult", "", False, Decimal("9.75") * BILLION, "area"),
        (500 * BILLION, 0, "difficult", "special_incentive", False, Decimal("6.5") * BILLION, "sector"),
        (500 * BILLION, 0, "especially_difficult", "incentive", False, Decimal("6.5") * BILLION, "area"),
        (500 * BILLION, 0, "", "", True, 0, "exempt"),
    ],
)
def test_deposit_tiers_with_reductions_and_exemptions(capital, charges, area, sector, exempt, due, reason):
    result = assess_deposit(
        capital_vnd=capital,
        land_charges_vnd=Decimal(charges),
        area_level=area,
        sector_level=sector,
        exempt=exempt,
        day=D(2025, 1, 1),
    )
    assert (result.due_vnd, result.reduction_reason) == (Decimal(due), reason)
    assert result.tiers_vnd == deposit_for(Decimal(capital) - Decimal(charges))
    assert not result.basis_unconfirmed
    assert assess_deposit(capital_vnd=capital, day=D(2026, 3, 1)).basis_unconfirmed


def test_area_classification_is_dated_per_commune(zone, actor):
    commune = CommuneFactory()
    services.area_classification_set(commune=commune, level="difficult", valid_from=D(2021, 3, 26), actor=actor)
    services.area_classification_set(
        commune=commune, level="especially_difficult", valid_from=D(2025, 7, 1), source="danh mục theo xã", actor=actor
    )
    services.area_classification_set(
        commune=commune, level="especially_difficult", valid_from=D(2025, 7, 1), source="danh mục theo xã", actor=actor
    )
    assert commune.area_classifications.count() == 2
    assert selectors.area_level_on(commune.pk, D(2021, 3, 25)) == ""
    assert selectors.area_level_on(commune.pk, D(2025, 6, 30)) == "difficult"
    assert selectors.area_level_on(commune.pk, D(2025, 7, 1)) == "especially_difficult"
    assert selectors.area_levels_on([commune.pk, None], D(2024, 1, 1)) == {commune.pk: "difficult"}
    with pytest.raises(ValidationError):
        services.area_classification_set(commune=commune, level="rich", valid_from=D(2026, 1, 1), actor=actor)


def test_deposit_paid_refunded_and_forfeited_are_recorded_and_shown(zone, actor, specialist):
    commune = CommuneFactory()
    zone.communes.add(commune)
    services.area_classification_set(
        commune=commune, level="especially_difficult", valid_from=D(2021, 3, 26), actor=actor
    )
    project = make_project(
        zone, actor, code="520", issued_on=D(2022, 1, 1), total_capital=500 * BILLION, commune=commune
    )
    services.deposit_event_record(
        project=project, kind="paid", happened_on=D(2022, 2, 1), amount=Decimal(6_500_000_000), actor=actor
    )
    services.deposit_event_record(
        project=project, kind="refunded", happened_on=D(2023, 8, 1), amount=Decimal(3_250_000_000), actor=actor
    )
    with pytest.raises(ValidationError) as refused:
        services.deposit_event_record(
            project=project, kind="forfeited", happened_on=D(2024, 1, 1), amount=Decimal(4_000_000_000), actor=actor
        )
    assert "amount" in refused.value.message_dict
    services.deposit_event_record(
        project=project, kind="forfeited", happened_on=D(2024, 1, 1), amount=Decimal(3_250_000_000), actor=actor
    )
    assert services.deposit_held(project, D(2023, 12, 31)) == Decimal(3_250_000_000)
    assert services.deposit_held(project, D(2024, 1, 1)) == 0
    assert DepositEvent.objects.filter(project=project).count() == 3

    client = login(specialist)
    page = client.get("/staff/investments/520/?as_of=2025-01-01").text
    assert "6,5 tỷ đồng" in page  # due after the 50 % reduction of the especially difficult commune
    assert "01/08/2023" in page  # when it was refunded
    api = client.get("/api/v1/investments/projects/520?as_of=2025-01-01").json()
    assert Decimal(str(api["deposit_vnd"])) == Decimal(6_500_000_000)
    response = client.post(
        "/staff/investments/520/deposit/new/",
        {"kind": "refunded", "happened_on": "01/02/2024", "amount": "1", "note": ""},
    )
    assert response.status_code == 422 and "0 VND" in response.text


def test_administrators_classify_a_commune_from_a_day_and_staff_read_the_periods(zone, actor, specialist, admin_user):
    commune = CommuneFactory()
    zone.communes.add(commune)
    services.area_classification_set(commune=commune, level="difficult", valid_from=D(2021, 3, 26), actor=actor)
    data = {"commune": commune.pk, "level": "especially_difficult", "valid_from": "01/07/2025", "source": "danh mục xã"}
    assert login(specialist).post("/staff/investments/areas/", data).status_code == 403
    admin = login(admin_user)
    assert admin.post("/staff/investments/areas/", {**data, "valid_from": "31/02/2025"}).status_code == 422
    assert admin.post("/staff/investments/areas/", data).status_code == 302
    page = login(specialist).get("/staff/investments/areas/").text
    assert "26/03/2021" in page and "trước 01/07/2025" in page and "danh mục xã" in page
    assert selectors.area_level_on(commune.pk, D(2025, 7, 1)) == "especially_difficult"
