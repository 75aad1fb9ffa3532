"""Demo inspections of Cao Bằng: one closed (a finding confirming a project's legal flag, the extension that
followed, a recommendation closed by its follow-up) and one open supervision visit with a recommendation past
its deadline and one not yet due. Illustrative: teams, findings and decision numbers are made up."""

from __future__ import annotations

import datetime as dt
from typing import TextIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.html import escape

from borderzone.access.actors import Actor
from borderzone.access.demo_data import demo_zone, untranslated
from borderzone.inspections import services
from borderzone.inspections.models import DecisionKind, Inspection, InspectionKind
from borderzone.register import selectors
from borderzone.register.models import LegalRule, Project

ZONE_CODE = "CB"
CLOSED_TITLE = "Kiểm tra tiến độ thực hiện dự án đầu tư năm 2025"
OPEN_TITLE = "Giám sát đầu tư quý IV/2026"
# The subjects in English and Chinese; the rest of an inspection is the board's record, kept as written.
TITLES = {
    CLOSED_TITLE: {
        "title_en": "Inspection of investment project progress, 2025",
        "title_zh": "2025年投资项目实施进度检查",
    },
    OPEN_TITLE: {"title_en": "Investment supervision, Q4 2026", "title_zh": "2026年第四季度投资监督"},
}
TEAM = (
    "Trưởng đoàn: Phó Trưởng ban Ban Quản lý Khu kinh tế tỉnh Cao Bằng\n"
    "Thành viên: Phòng Quản lý đầu tư; Sở Tài chính; Sở Nông nghiệp và Môi trường"
)


def _minutes_pdf(title: str, text: str) -> SimpleUploadedFile:
    from borderzone.core.pdf import html_to_pdf

    html = f"<html><body><h1>Biên bản: {escape(title)}</h1><p>{escape(text)}</p></body></html>"
    return SimpleUploadedFile("bien-ban.pdf", html_to_pdf(html), content_type="application/pdf")


@transaction.atomic
def load(*, actor: Actor, out: TextIO) -> None:
    zone = demo_zone(ZONE_CODE, out, "Inspections: no zone CB, nothing loaded.\n")
    if zone is None:
        return
    loaded = {i.title: i for i in Inspection.objects.filter(zone=zone, title__in=TITLES)}
    for title, inspection in loaded.items():
        if versions := untranslated(inspection, TITLES[title]):
            services.inspection_update(inspection=inspection, actor=actor, **versions)
    present = set(Inspection.objects.filter(zone=zone).values_list("title", flat=True))
    projects = list(Project.objects.filter(zone=zone, is_demo=True).order_by("code")[:20])
    if not projects:
        out.write("Inspections: no demo projects, nothing loaded.\n")
        return
    evaluations = selectors.evaluate(dt.date(2025, 6, 12), Project.objects.filter(pk__in=[p.pk for p in projects]))
    flagged = next((p for p in projects if evaluations.get(p.pk) and evaluations[p.pk].flags), None)
    first = flagged or projects[0]
    second = next((p for p in projects if p.pk != first.pk), first)
    created = 0
    if CLOSED_TITLE not in present:
        minutes = (
            "Đoàn kiểm tra làm việc tại hiện trường dự án. Nhà đầu tư đã được bàn giao đất nhưng chưa khởi công "
            "xây dựng; nhà đầu tư trình bày nguyên nhân và cam kết tiến độ mới."
        )
        inspection = services.inspection_create(
            zone=zone,
            actor=actor,
            kind=InspectionKind.INSPECTION,
            title=CLOSED_TITLE,
            **TITLES[CLOSED_TITLE],
            planned_on=dt.date(2025, 6, 10),
            team=TEAM,
            scope="Tiến độ góp vốn, sử dụng đất và xây dựng của các dự án chậm tiến độ.",
            projects=[first],
        )
        services.minutes_record(
            inspection=inspection,
            actor=actor,
            held_on=dt.date(2025, 6, 12),
            minutes=minutes,
            file=_minutes_pdf(CLOSED_TITLE, minutes),
        )
        rule_id = evaluations[first.pk].flags[0].rule_id if flagged else None
        finding = services.finding_add(
            inspection=inspection,
            actor=actor,
            project=first,
            text="Dự án chậm đưa đất vào sử dụng so với tiến độ đã đăng ký (dữ liệu minh họa).",
            confirms_rule=LegalRule.objects.filter(pk=rule_id).first() if rule_id else None,
            decision_kind=DecisionKind.EXTENSION,
            decision_no="45/QĐ-BQL (minh họa)",
            decision_on=dt.date(2025, 7, 15),
        )
        recommendation = services.recommendation_add(
            inspection=inspection,
            actor=actor,
            finding=finding,
            project=first,
            text="Nhà đầu tư nộp tiến độ điều chỉnh và bằng chứng đã khởi công.",
            deadline=dt.date(2025, 9, 30),
        )
        services.follow_up_add(
            recommendation=recommendation,
            actor=actor,
            happened_on=dt.date(2025, 9, 20),
            note="Nhà đầu tư đã nộp tiến độ điều chỉnh và biên bản khởi công; Ban đã kiểm tra hồ sơ.",
            closes=True,
        )
        created += 1
    if OPEN_TITLE not in present:
        inspection = services.inspection_create(
            zone=zone,
            actor=actor,
            kind=InspectionKind.SUPERVISION,
            title=OPEN_TITLE,
            **TITLES[OPEN_TITLE],
            planned_on=dt.date(2026, 10, 20),
            team=TEAM,
            scope="Giám sát việc thực hiện kiến nghị của đợt kiểm tra trước và báo cáo của nhà đầu tư.",
            projects=[first, second],
        )
        services.minutes_record(
            inspection=inspection,
            actor=actor,
            held_on=dt.date(2026, 10, 21),
            minutes="Đoàn giám sát làm việc với hai nhà đầu tư; một nhà đầu tư chưa nộp báo cáo quý III/2026.",
        )
        overdue = services.recommendation_add(
            inspection=inspection,
            actor=actor,
            project=second,
            text="Nhà đầu tư nộp báo cáo tình hình thực hiện dự án quý III/2026.",
            deadline=dt.date(2026, 11, 30),
        )
        services.follow_up_add(
            recommendation=overdue,
            actor=actor,
            happened_on=dt.date(2026, 11, 10),
            note="Ban đã gửi văn bản nhắc nhà đầu tư (minh họa).",
        )
        services.recommendation_add(
            inspection=inspection,
            actor=actor,
            project=first,
            text="Hoàn thành hạng mục xây dựng chính theo tiến độ điều chỉnh.",
            deadline=dt.date(2027, 3, 31),
        )
        created += 1
    out.write(f"Inspections: {created} created (illustrative).\n")
