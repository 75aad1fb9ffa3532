"""Staff pages of inspections: the list, an inspection's page, and the forms from plan to closed
recommendation. Board staff of the zone only: specialists write, leaders read, investors see nothing."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from borderzone.access.pages import staff_form_view
from borderzone.access.permissions import (
    can_change_zone,
    get_changeable_or_404,
    get_visible_or_404,
    is_staff_member,
    zones_editable_by,
    zones_visible_to,
)
from borderzone.core.forms import initial_from
from borderzone.core.storage import serve_file
from borderzone.inspections import selectors, services
from borderzone.inspections.forms import FindingForm, FollowUpForm, InspectionForm, MinutesForm, RecommendationForm
from borderzone.inspections.models import Finding, Inspection, MinutesFile, Recommendation
from borderzone.zones.models import EconomicZone
from borderzone.zones.selectors import zone_asked, zone_default

_form = partial(staff_form_view, template="inspections/form.html")


def _staff(request: HttpRequest) -> None:
    if not is_staff_member(request.user):
        raise Http404


def _url(inspection_id: int) -> str:
    return reverse("inspections:detail", args=[inspection_id])


@login_required
def inspection_list(request: HttpRequest) -> HttpResponse:
    _staff(request)
    zones = zones_visible_to(request.user)
    zone = zone_asked(zones, request.GET.get("zone")) or zone_default(zones)
    inspections = list(selectors.inspection_list(request.user, zone)) if zone is not None else []
    for inspection in inspections:
        inspection.status = selectors.status_of(inspection, inspection.open_count)
    return render(
        request,
        "inspections/list.html",
        {
            "zone": zone,
            "zones": zones,
            "inspections": inspections,
            "overdue": list(selectors.overdue_recommendations(zones.filter(pk=zone.pk), services.today()))
            if zone is not None
            else [],
            "can_change": can_change_zone(request.user, zone) if zone is not None else False,
        },
    )


@login_required
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    inspection = get_visible_or_404(request.user, Inspection.objects.select_related("zone"), pk=pk)
    today = services.today()
    recommendations = list(
        inspection.recommendations.select_related("project", "finding").prefetch_related("follow_ups")
    )
    open_count = sum(1 for r in recommendations if r.closed_on is None)
    return render(
        request,
        "inspections/detail.html",
        {
            "inspection": inspection,
            "zone": inspection.zone,
            "status": selectors.status_of(inspection, open_count),
            "projects": list(inspection.projects.order_by("code")),
            "files": list(inspection.files.all()),
            "findings": list(inspection.findings.select_related("project", "confirms_rule")),
            "recommendations": [{"item": r, "overdue": r.is_overdue(today)} for r in recommendations],
            "can_change": can_change_zone(request.user, inspection.zone),
        },
    )


@login_required
def inspection_create(request: HttpRequest) -> HttpResponse:
    _staff(request)
    zone = zone_asked(zones_editable_by(request.user), request.GET.get("zone")) or zone_default(
        zones_editable_by(request.user)
    )
    if zone is None:
        raise Http404
    zone = get_changeable_or_404(request.user, EconomicZone.objects.all(), pk=zone.pk)
    return _form(
        request,
        zone,
        partial(InspectionForm, zone=zone),
        partial(services.inspection_create, zone=zone),
        title=_("Plan an inspection"),
        back=reverse("inspections:list"),
        done=_("Inspection planned."),
        next_url=lambda inspection: _url(inspection.pk),
    )


def _changeable(request: HttpRequest, pk: int) -> Inspection:
    _staff(request)
    return get_changeable_or_404(request.user, Inspection.objects.select_related("zone"), pk=pk)


@login_required
def inspection_edit(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _changeable(request, pk)
    initial: dict[str, Any] = {
        **initial_from(inspection, services.INSPECTION_FIELDS),
        "projects": list(inspection.projects.all()),
    }
    return _form(
        request,
        inspection,
        partial(InspectionForm, zone=inspection.zone, initial=initial),
        partial(services.inspection_update, inspection=inspection),
        title=_("Edit the plan of %(title)s") % {"title": inspection.title},
        back=_url(inspection.pk),
        done=_("Inspection saved."),
    )


@login_required
def minutes_record(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _changeable(request, pk)
    initial = {"held_on": inspection.held_on or inspection.planned_on, "minutes": inspection.minutes}
    return _form(
        request,
        inspection,
        partial(MinutesForm, initial=initial),
        partial(services.minutes_record, inspection=inspection),
        title=_("Minutes of %(title)s") % {"title": inspection.title},
        back=_url(inspection.pk),
        done=_("Minutes recorded."),
        with_files=True,
        context={"multipart": True},
    )


@login_required
def finding_create(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _changeable(request, pk)
    return _form(
        request,
        inspection,
        partial(FindingForm, zone=inspection.zone, inspection=inspection),
        partial(services.finding_add, inspection=inspection),
        title=_("New finding of %(title)s") % {"title": inspection.title},
        back=_url(inspection.pk),
        done=_("Finding recorded."),
    )


@login_required
def finding_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    finding = get_changeable_or_404(request.user, Finding.objects.select_related("inspection__zone"), pk=pk)
    inspection = finding.inspection
    return _form(
        request,
        finding,
        partial(
            FindingForm,
            zone=inspection.zone,
            inspection=inspection,
            initial=initial_from(finding, services.FINDING_FIELDS),
        ),
        partial(services.finding_update, finding=finding),
        title=_("Edit a finding of %(title)s") % {"title": inspection.title},
        back=_url(inspection.pk),
        done=_("Finding saved."),
        edits=finding,
    )


@login_required
def recommendation_create(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _changeable(request, pk)
    return _form(
        request,
        inspection,
        partial(RecommendationForm, inspection=inspection),
        partial(services.recommendation_add, inspection=inspection),
        title=_("New recommendation of %(title)s") % {"title": inspection.title},
        back=_url(inspection.pk),
        done=_("Recommendation recorded."),
    )


@login_required
def follow_up_create(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    recommendation = get_changeable_or_404(
        request.user, Recommendation.objects.select_related("inspection__zone"), pk=pk
    )
    return _form(
        request,
        recommendation,
        partial(FollowUpForm, initial={"happened_on": services.today()}),
        partial(services.follow_up_add, recommendation=recommendation),
        title=_("Follow-up of the recommendation: %(text)s") % {"text": recommendation.text[:80]},
        back=_url(recommendation.inspection_id),
        done=_("Follow-up recorded."),
        context={"recommendation": recommendation},
    )


@login_required
def minutes_file(request: HttpRequest, pk: int) -> Any:
    _staff(request)
    stored = get_visible_or_404(request.user, MinutesFile.objects.select_related("inspection__zone"), pk=pk)
    return serve_file(stored.file, stored.original_name, stored.content_type, inline=False)
