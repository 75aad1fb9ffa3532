"""Reporting API: the obligations register for the staff of a zone; investors' reports on their own
projects (list, submit or save a draft, withdraw); staff accept or return through the same services."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.security import django_auth

from borderzone.access.actors import request_actor
from borderzone.access.permissions import can_view_zone, ensure_can_change, is_staff_member, restrict_to_visible
from borderzone.reporting import selectors, services
from borderzone.reporting.models import Report
from borderzone.zones.models import EconomicZone

router = Router(tags=["reporting"])
MAX_PAGE = 100_000


class ObligationOut(Schema):
    project: str = Field(..., description="Project code")
    project_name: str
    investor: str
    form: str = Field(..., description="Form code")
    form_version: int
    period: str = Field(..., description="2026-Q3, 2026-H1 or 2026")
    due_on: dt.date
    status: Literal["due", "submitted", "accepted", "returned", "overdue"]
    days_late: int


class ObligationList(Schema):
    count: int
    items: list[ObligationOut]


class ObligationQuery(Schema):
    zone: str = Field(..., max_length=20, description="Zone code")
    as_of: dt.date | None = Field(None, description="Default: today")
    status: Literal["due", "submitted", "accepted", "returned", "overdue"] | None = None
    form: str | None = Field(None, max_length=20)
    project: str | None = Field(None, max_length=20)
    page: int | None = Field(None, ge=1, le=MAX_PAGE, description="Paged only when given")
    page_size: int = Field(100, ge=1, le=1000)


def _zone(user: Any, code: str) -> EconomicZone:
    zone = EconomicZone.objects.filter(code=code.replace("\x00", "")).first()
    if zone is None or not is_staff_member(user) or not can_view_zone(user, zone):
        raise Http404
    return zone


@router.get("/obligations", response=ObligationList, auth=django_auth, summary="Reports owed in a zone on a day")
def get_obligations(request: HttpRequest, query: Query[ObligationQuery]) -> dict[str, Any]:
    zone = _zone(request.user, query.zone)
    as_of = query.as_of or timezone.localdate()
    if not dt.date(2000, 1, 1) <= as_of <= dt.date(2100, 12, 31):
        raise ValidationError({"as_of": _("Choose a day between 2000 and 2100.")})
    items = selectors.obligations(
        zone=zone,
        as_of=as_of,
        filters=selectors.ObligationFilters(
            status=query.status or "", form=query.form or "", project=query.project or ""
        ),
    )
    count = len(items)
    if query.page is not None:
        start = (query.page - 1) * query.page_size
        items = items[start : start + query.page_size]
    return {
        "count": count,
        "items": [
            {
                "project": o.project.code,
                "project_name": o.project.name,
                "investor": o.investor,
                "form": o.form.code,
                "form_version": o.form.version,
                "period": o.period.key,
                "due_on": o.due_on,
                "status": o.status,
                "days_late": o.days_late,
            }
            for o in items
        ],
    }


class ReportOut(Schema):
    id: int
    project: str
    form: str
    form_version: int
    period: str
    revision: int
    status: str
    channel: str
    values: dict[str, Any]
    submitted_at: dt.datetime | None
    decided_at: dt.datetime | None
    return_reason: str


class ReportQuery(Schema):
    project: str | None = Field(None, max_length=20)
    form: str | None = Field(None, max_length=20)
    status: Literal["draft", "submitted", "accepted", "returned"] | None = None


def _report_out(report: Report) -> dict[str, Any]:
    return {
        "id": report.pk,
        "project": report.project.code,
        "form": report.form_code,
        "form_version": report.form.version,
        "period": report.period,
        "revision": report.revision,
        "status": report.status,
        "channel": report.channel,
        "values": report.values,
        "submitted_at": report.submitted_at,
        "decided_at": report.decided_at,
        "return_reason": report.return_reason,
    }


def _visible_reports(user: Any) -> Any:
    qs = Report.objects.select_related("project", "form")
    if is_staff_member(user):
        return restrict_to_visible(user, qs)
    return qs.filter(project__in=selectors.investor_projects(user))


@router.get("/reports", response=list[ReportOut], auth=django_auth, summary="Reports on your projects")
def list_reports(request: HttpRequest, query: Query[ReportQuery]) -> list[dict[str, Any]]:
    qs = _visible_reports(request.user)
    if query.project:
        qs = qs.filter(project__code=query.project)
    if query.form:
        qs = qs.filter(form_code=query.form)
    if query.status:
        qs = qs.filter(status=query.status)
    return [_report_out(r) for r in qs.order_by("project__code", "form_code", "period_end", "revision")[:2000]]


def _unprocessable(error: ValidationError) -> HttpResponse:
    detail = [
        {"loc": ["body", *field.split(".")], "msg": " ".join(messages), "type": "value_error"}
        for field, messages in error.message_dict.items()
    ]
    return HttpResponse(json.dumps({"detail": detail}, ensure_ascii=False), status=422, content_type="application/json")


REPORT_BODY = {
    "requestBody": {
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["project", "form", "period", "values"],
                    "properties": {
                        "project": {"type": "string", "description": "Project code"},
                        "form": {"type": "string", "description": "Form code, e.g. NDT-QUY"},
                        "period": {"type": "string", "example": "2026-Q3"},
                        "values": {"type": "object", "description": "Field key -> value"},
                        "draft": {"type": "boolean", "default": False},
                    },
                }
            }
        },
        "required": True,
    }
}


@router.post(
    "/reports",
    response={201: ReportOut},
    auth=django_auth,
    openapi_extra=REPORT_BODY,
    summary="Submit a report (or save a draft) for one of your projects",
)
def post_report(request: HttpRequest) -> Any:
    try:
        body = json.loads(request.body.decode("utf-8").replace("\\u0000", ""))
    except (UnicodeDecodeError, json.JSONDecodeError):
        body = None
    code = body.get("project") if isinstance(body, dict) else None
    project = selectors.investor_projects(request.user).filter(code=str(code or "")[:20]).first()
    if project is None or not isinstance(body, dict):
        raise Http404  # a project that is not theirs (or none) answers 404 before any check of the body
    errors: dict[str, list[str]] = {}
    values = body.get("values", {})
    if not isinstance(values, dict):
        errors["values"] = [_('Give the figures as an object: {"revenue": 1000000, ...}.')]
        values = {}
    draft = body.get("draft", False)
    if not isinstance(draft, bool):
        errors["draft"] = [_("true or false.")]
    for name in ("form", "period"):
        if not isinstance(body.get(name), str) or not body.get(name):
            errors[name] = [_("Required, as text.")]
    if errors:
        return _unprocessable(ValidationError(errors))
    try:
        report = services.report_save(
            project=project,
            form_code=body["form"].strip().upper(),
            period=body["period"],
            values=values,
            actor=request_actor(request, via="api"),
            submit=not draft,
        )
    except ValidationError as exc:
        return _unprocessable(exc)
    return 201, _report_out(report)


@router.post(
    "/reports/{report_id}/withdraw", response=ReportOut, auth=django_auth, summary="Withdraw a submitted report"
)
def withdraw_report(request: HttpRequest, report_id: int) -> dict[str, Any]:
    report = get_object_or_404(
        Report.objects.select_related("project", "form").filter(project__in=selectors.investor_projects(request.user)),
        pk=report_id,
    )
    return _report_out(services.report_withdraw(report=report, actor=request_actor(request, via="api")))


class DecisionIn(Schema):
    reason: str = Field("", max_length=5000)


def _staff_report(request: HttpRequest, report_id: int) -> Report:
    if not is_staff_member(request.user):
        raise Http404
    report = get_object_or_404(
        restrict_to_visible(request.user, Report.objects.select_related("project", "form")), pk=report_id
    )
    ensure_can_change(request.user, report)
    return report


@router.post("/reports/{report_id}/accept", response=ReportOut, auth=django_auth, summary="Accept a report (staff)")
def accept_report(request: HttpRequest, report_id: int) -> dict[str, Any]:
    report = _staff_report(request, report_id)
    return _report_out(services.report_accept(report=report, actor=request_actor(request, via="api")))


@router.post(
    "/reports/{report_id}/return", response=ReportOut, auth=django_auth, summary="Return a report with a reason (staff)"
)
def return_report(request: HttpRequest, report_id: int, body: DecisionIn) -> dict[str, Any]:
    report = _staff_report(request, report_id)
    return _report_out(
        services.report_return(report=report, reason=body.reason, actor=request_actor(request, via="api"))
    )
