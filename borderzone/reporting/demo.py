"""Demo reports of the Cao Bằng zone (illustrative figures): the demo investor `nhadautu` linked to three
projects with two years of reports (most accepted, one returned and corrected, one submitted and waiting,
one quarterly report overdue as of today), and a mix on the other projects so that the obligations
register, the reminders and the consolidated figures show something on a fresh `make run`.

Creates only what is missing: a project that already has a report is left as it is."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TextIO

from django.db import transaction
from django.db.models import Min, Sum
from django.utils import timezone

from borderzone.access.actors import Actor
from borderzone.accounts.models import User
from borderzone.register import services as register
from borderzone.register.models import Disbursement, Investor, Project, Status
from borderzone.reporting import seed, services
from borderzone.reporting.models import FormField, Report, ReportForm
from borderzone.reporting.periods import Period, due_date, periods_ending_between

ZONE_CODE = "CB"
MILLION = Decimal(1_000_000)
RETURN_REASON = "Số lao động nước ngoài chưa khớp với hồ sơ đăng ký; đề nghị rà soát, bổ sung."


def _status(project: Project, day: dt.date) -> str | None:
    change = project.status_changes.filter(effective_on__lte=day).order_by("-effective_on", "-id").first()
    return change.status if change else None


def _values(
    project: Project, period: Period, cumulative: Decimal, step: int, *, scale: Decimal = Decimal(1)
) -> dict[str, str]:
    capital = project.versions.order_by("-issued_on", "-number").first()
    base = (capital.total_capital_vnd if capital and capital.total_capital_vnd else Decimal(50_000) * MILLION) / 1000
    disbursed = (base * (Decimal(5) + step % 3) / MILLION).quantize(Decimal(1)) * MILLION
    operating = _status(project, period.end) == Status.OPERATING
    revenue = (base * (12 + step % 5) / MILLION * scale).quantize(Decimal(1)) * MILLION if operating else Decimal(0)
    values = {
        "capital_contributed": str(cumulative + disbursed),
        "capital_disbursed_period": str(disbursed),
        "capital_disbursed": str(cumulative + disbursed),
        "capital_equity": str(((cumulative + disbursed) * Decimal("0.6")).quantize(Decimal(1))),
        "capital_loans": str(((cumulative + disbursed) * Decimal("0.4")).quantize(Decimal(1))),
        "revenue": str(revenue),
        "exports": str((revenue / 25_000 / 3).quantize(Decimal(1))),
        "imports": str((revenue / 25_000 / 5).quantize(Decimal(1))),
        "budget_paid": str((revenue * Decimal("0.06")).quantize(Decimal(1))),
        "land_used_ha": str(project.land_area_ha or Decimal(1)),
        "employees_vn": str(30 + (project.pk * 7 + step) % 90),
        "employees_foreign": str((project.pk + step) % 4),
    }
    if period.kind != "quarter":
        values["environment"] = "Thực hiện đầy đủ các biện pháp bảo vệ môi trường theo hồ sơ đã được phê duyệt."
        values["technology"] = "Thiết bị kho bãi, xếp dỡ và quản lý hàng hóa thông dụng."
    return values


def _date(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _file(
    project: Project,
    form_code: str,
    period: Period,
    values: dict[str, str],
    *,
    investor_actor: Actor,
    board: Actor,
    outcome: str,
    late_days: int = 0,
) -> Report:
    """File one report and act on it, then date it as it would have happened (demo back-dating)."""
    form = services.form_for(form_code, period)
    due = due_date(period.end, form.due_months_after, form.due_day)
    report = services.report_save(
        project=project, form_code=form_code, period=period.key, values=values, actor=investor_actor
    )
    submitted = min(due - dt.timedelta(days=3) + dt.timedelta(days=late_days), services.today())
    decided = min(submitted + dt.timedelta(days=6), services.today())
    if outcome == "accepted":
        services.report_accept(report=report, actor=board)
    elif outcome == "returned":
        services.report_return(report=report, reason=RETURN_REASON, actor=board)
    Report.objects.filter(pk=report.pk).update(
        submitted_at=_date(submitted), decided_at=_date(decided, 15) if outcome != "submitted" else None
    )
    report.refresh_from_db()
    return report


@transaction.atomic
def load(*, actor: Actor, out: TextIO) -> None:
    from borderzone.zones.models import EconomicZone

    zone = EconomicZone.objects.filter(code=ZONE_CODE).first()
    if zone is None:
        out.write("Investor reports: no zone CB, nothing loaded.\n")
        return
    # A flushed database (transactional tests) has lost the forms migration 0002 seeded: put them back.
    seed.load_forms(ReportForm, FormField)
    today = services.today()
    board_user = User.objects.filter(username="chuyenvien").first()
    board = Actor(user=board_user, via="demo") if board_user else actor
    demo_investor = User.objects.filter(username="nhadautu").first()
    projects = list(
        Project.objects.filter(zone=zone, is_demo=True)
        .annotate(first=Min("versions__issued_on"))
        .filter(first__lt=dt.date(2025, 1, 1))
        .order_by("code")
    )
    owing = [p for p in projects if _status(p, today) not in (Status.TERMINATED, None)]
    mine: list[Project] = []
    if demo_investor is not None:
        mine = list(Project.objects.filter(zone=zone, shares__investor__users=demo_investor).order_by("code"))
        for project in owing:
            if len(mine) >= 3:
                break
            if project in mine:
                continue
            investor = Investor.objects.filter(shares__project=project).first()
            if investor is not None and not investor.users.filter(pk=demo_investor.pk).exists():
                register.investor_link_user(investor=investor, user=demo_investor, actor=actor)
                mine.append(project)
    created = 0
    quarters = list(periods_ending_between("quarter", dt.date(2025, 1, 1), today - dt.timedelta(days=1)))
    for index, project in enumerate(owing):
        if Report.objects.filter(project=project).exists():
            continue
        own = project in mine
        role = mine.index(project) if own else -1
        filer = Actor(user=demo_investor, via="demo") if own and demo_investor else actor
        # Other projects: about half report every quarter, a quarter stop after mid-2025, the rest never.
        if not own and index % 4 == 3:
            continue
        last = len(quarters) if own or index % 4 in (0, 1) else 2
        cumulative = Disbursement.objects.filter(
            project=project, currency="VND", paid_on__lt=dt.date(2025, 1, 1)
        ).aggregate(t=Sum("amount"))["t"] or Decimal(0)
        for step, period in enumerate(quarters[:last]):
            newest = step == len(quarters) - 1
            if own and role == 2 and newest:
                continue  # nhadautu's third project: the last quarter is overdue
            outcome = "accepted"
            if own and role == 1 and newest:
                outcome = "submitted"  # waiting for the board
            elif not own and newest and index % 4 == 1:
                outcome = "submitted"
            values = _values(project, period, cumulative, step)
            if own and role == 0 and step == len(quarters) - 2:
                _file(project, "NDT-QUY", period, values, investor_actor=filer, board=board, outcome="returned")
                values = _values(project, period, cumulative, step, scale=Decimal("1.05"))
                _file(
                    project,
                    "NDT-QUY",
                    period,
                    values,
                    investor_actor=filer,
                    board=board,
                    outcome="accepted",
                    late_days=9,
                )
                created += 2
            else:
                _file(
                    project,
                    "NDT-QUY",
                    period,
                    values,
                    investor_actor=filer,
                    board=board,
                    outcome=outcome,
                    late_days=12 if index % 5 == 2 else 0,
                )
                created += 1
            if outcome == "accepted":
                cumulative = Decimal(values["capital_disbursed"])
        if own or index % 4 == 0:
            year = Period(2025, "year", 1)
            _file(
                project,
                "NDT-NAM",
                year,
                _values(project, year, cumulative, 9),
                investor_actor=filer,
                board=board,
                outcome="accepted",
            )
            for half in (Period(2025, "half", 1), Period(2025, "half", 2), Period(2026, "half", 1)):
                _file(
                    project,
                    "GS-6T",
                    half,
                    _values(project, half, cumulative, 4),
                    investor_actor=filer,
                    board=board,
                    outcome="accepted",
                )
            _file(
                project,
                "GS-NAM",
                year,
                _values(project, year, cumulative, 9),
                investor_actor=filer,
                board=board,
                outcome="accepted",
            )
            created += 5
    out.write(f"Investor reports: {created} created (illustrative), nhadautu linked to {len(mine)} projects.\n")
