"""The investor's own area: my projects (certificate, milestones, what is due next as a list and a
calendar), filing reports, asking to be linked, and the answers to their questions."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from borderzone.access.actors import request_actor
from borderzone.access.permissions import role_of
from borderzone.access.requests import AuthedRequest
from borderzone.accounts.models import Role
from borderzone.register.models import MilestoneKind, Project
from borderzone.register.rules import DEPOSIT_BASIS, deposit_for
from borderzone.reporting import selectors, services
from borderzone.reporting.forms import LinkRequestForm, MessageForm
from borderzone.reporting.models import Report
from borderzone.reporting.selectors import STATUS_LABELS
from borderzone.reporting.views.common import report_page


def investor_only(view: Any) -> Any:
    @wraps(view)
    @login_required
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if role_of(request.user) != Role.INVESTOR:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def _mine(request: HttpRequest, code: str) -> Project:
    """One of the account's projects; 404 for any other, existing or not."""
    return get_object_or_404(selectors.investor_projects(request.user), code=code)


def _project_card(project: Project, today: dt.date) -> dict[str, Any]:
    versions = list(project.versions.order_by("issued_on", "number").prefetch_related("plans"))
    current = versions[-1] if versions else None
    first_plans = {p.kind: p.planned_on for p in versions[0].plans.all()} if versions else {}
    plans = {p.kind: p.planned_on for p in current.plans.all()} if current else {}
    actuals = {a.kind: a.reached_on for a in project.actuals.all()}
    milestones: list[dict[str, Any]] = [
        {
            "label": MilestoneKind(kind).label,
            "planned": plans.get(kind),
            "first": first_plans.get(kind),
            "reached": actuals.get(kind),
        }
        for kind in MilestoneKind.values
        if kind in plans or kind in actuals
    ]
    owed = [
        o
        for o in selectors.obligations(
            zone=project.zone,
            as_of=today,
            filters=selectors.ObligationFilters(projects=Project.objects.filter(pk=project.pk)),
        )
        if o.status in ("overdue", "due", "returned")
    ]
    deposit = None
    if (
        project.state_land
        and current is not None
        and current.total_capital_vnd is not None  # capital in USD not converted: not known yet
        and "land_handover" not in actuals
    ):
        deposit = deposit_for(current.total_capital_vnd)
    due_next: list[dict[str, Any]] = []
    for o in owed:
        due_next.append(
            {
                "day": o.due_on,
                "kind": "report",
                "text": f"{o.form.display_name} – {o.period.label()}",
                "status": o.status,
                "form": o.form,
                "period": o.period,
            }
        )
    for form, period, due in selectors.upcoming(project, today):
        due_next.append(
            {
                "day": due,
                "kind": "report",
                "text": f"{form.display_name} – {period.label()}",
                "status": "upcoming",
                "form": form,
                "period": period,
            }
        )
    for m in milestones:
        if m["planned"] and not m["reached"] and m["planned"] >= today - dt.timedelta(days=365):
            due_next.append({"day": m["planned"], "kind": "milestone", "text": str(m["label"]), "status": "milestone"})
    due_next.sort(key=lambda row: row["day"])
    return {
        "project": project,
        "current": current,
        "first": versions[0] if versions else None,
        "milestones": milestones,
        "deposit": deposit,
        "deposit_basis": DEPOSIT_BASIS,
        "due_next": due_next,
    }


@investor_only
def my_projects(request: HttpRequest) -> HttpResponse:
    today = services.today()
    cards = [
        _project_card(p, today)
        for p in selectors.investor_projects(request.user).prefetch_related("actuals").order_by("code")
    ]
    calendar: dict[dt.date, list[dict[str, Any]]] = defaultdict(list)
    for card in cards:
        for row in card["due_next"]:
            month = row["day"].replace(day=1)
            calendar[month].append({**row, "project": card["project"]})
    months = sorted(calendar.items())
    from borderzone.reporting.models import LinkRequest

    return render(
        request,
        "reporting/my_projects.html",
        {
            "cards": cards,
            "months": months,
            "today": today,
            "status_labels": STATUS_LABELS,
            "pending_links": LinkRequest.objects.filter(user_id=request.user.pk or 0, status="pending").select_related(
                "project"
            ),
        },
    )


@investor_only
def my_project(request: HttpRequest, code: str) -> HttpResponse:
    project = _mine(request, code)
    today = services.today()
    owed = selectors.obligations(
        zone=project.zone,
        as_of=today,
        filters=selectors.ObligationFilters(projects=Project.objects.filter(pk=project.pk)),
    )
    reports = (
        Report.objects.filter(project=project).select_related("form").order_by("-period_end", "form_code", "-revision")
    )
    return render(
        request,
        "reporting/my_project.html",
        {
            "project": project,
            "card": _project_card(project, today),
            "obligations": owed,
            "reports": reports,
            "status_labels": STATUS_LABELS,
            "upcoming": selectors.upcoming(project, today),
        },
    )


@investor_only
def my_report(request: HttpRequest, code: str, form_code: str, period: str) -> HttpResponse:
    project = _mine(request, code)
    return report_page(
        request,
        project=project,
        form_code=form_code,
        period_text=period,
        template="reporting/report_form.html",
        done_url=reverse("reporting:my-project", args=[project.code]),
    )


@investor_only
def my_report_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(Report.objects.filter(project__in=selectors.investor_projects(request.user)), pk=pk)
    if request.method != "POST":
        raise Http404
    try:
        services.report_withdraw(report=report, actor=request_actor(request))
        messages.success(request, _("The report was withdrawn; it is a draft again."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("reporting:my-report", code=report.project.code, form_code=report.form_code, period=report.period)


@investor_only
def link_request(request: HttpRequest) -> HttpResponse:
    form = LinkRequestForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.link_request_create(user=request.user, actor=request_actor(request), **form.cleaned_data)
        except ValidationError as exc:
            for field, texts in exc.message_dict.items():
                for text in texts:
                    form.add_error(field if field in form.fields else None, text)
            status = 422
        else:
            messages.success(request, _("Your request was sent; a specialist of the board will confirm it."))
            return redirect("reporting:my-projects")
    elif request.method == "POST":
        status = 422
    return render(request, "reporting/link_request.html", {"form": form}, status=status)


def _my_inquiries(request: AuthedRequest) -> Any:
    from borderzone.promotion.models import Inquiry

    email = (request.user.email or "").strip()
    if not email:
        return Inquiry.objects.none()
    return Inquiry.objects.filter(email__iexact=email).order_by("-created_at")


@investor_only
def my_inquiries(request: AuthedRequest) -> HttpResponse:
    return render(
        request, "reporting/my_inquiries.html", {"inquiries": _my_inquiries(request).prefetch_related("thread")}
    )


@investor_only
def my_inquiry(request: AuthedRequest, pk: int) -> HttpResponse:
    inquiry = get_object_or_404(_my_inquiries(request), pk=pk)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.inquiry_message_add(
            inquiry=inquiry, body=form.cleaned_data["body"], actor=request_actor(request), from_board=False
        )
        messages.success(request, _("Your reply was sent."))
        return redirect("reporting:my-inquiry", pk=inquiry.pk)
    return render(
        request,
        "reporting/inquiry_thread.html",
        {"inquiry": inquiry, "thread": inquiry.thread.select_related("author"), "form": form, "staff": False},
        status=422 if request.method == "POST" else 200,
    )
