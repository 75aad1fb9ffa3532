"""Infrastructure pages: the capital summary and works (public where published), staff forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from borderzone.core.actors import request_actor
from borderzone.core.forms import apply_validation_error, form_status
from borderzone.core.permissions import can_change_zone, ensure_can_change, get_visible_or_404
from borderzone.infrastructure import imports, selectors, services
from borderzone.infrastructure.forms import FundingForm, ImportForm, SummaryForm, WorkForm
from borderzone.infrastructure.models import AnnualFunding, FundingSource, InfrastructureWork, PlanPeriod
from borderzone.zones import selectors as zone_selectors
from borderzone.zones.models import EconomicZone

DEFAULT_SPAN = (2010, 2020)


def _zone(request: HttpRequest) -> EconomicZone:
    code = request.GET.get("zone")
    zone = zone_selectors.zone_list().filter(code=code).first() if code else zone_selectors.zone_default()
    if zone is None:
        raise Http404
    return zone


def index(request: HttpRequest) -> HttpResponse:
    """The capital summary for a span of years (2010–2020 by default, the article's span) and the works."""
    zone = _zone(request)
    form = SummaryForm(
        request.GET if "from_year" in request.GET else None,
        initial=dict(zip(("from_year", "to_year"), DEFAULT_SPAN, strict=True)),
    )
    from_year, to_year = DEFAULT_SPAN
    if form.is_bound and form.is_valid():
        from_year, to_year = form.cleaned_data["from_year"], form.cleaned_data["to_year"]
    works = selectors.visible_works(request.user).filter(zone=zone)
    summary = selectors.capital_summary(works, from_year=from_year, to_year=to_year)
    labels = dict(FundingSource.choices)
    by_source = [
        {**row, "label": labels.get(row["source"], row["source"])}
        for row in selectors.funding_by_source(works, from_year=from_year, to_year=to_year)
    ]
    return render(
        request,
        "infrastructure/index.html",
        {
            "zone": zone,
            "form": form,
            "summary": summary,
            "period_labels": [dict(PlanPeriod.choices)[p] for p in summary.periods],
            "by_source": by_source,
            "works": selectors.work_list(request.user, zone=zone),
            "can_change": can_change_zone(request.user, zone),
        },
        status=form_status(form),
    )


def work_detail(request: HttpRequest, pk: int) -> HttpResponse:
    work = selectors.work_detail(request.user).filter(pk=pk).first()
    if work is None:
        raise Http404
    return render(
        request,
        "infrastructure/work_detail.html",
        {
            "zone": work.zone,
            "work": work,
            "funding": list(work.annual_funding.all()),
            "can_change": can_change_zone(request.user, work.zone),
        },
    )


def _form_page(request: HttpRequest, form: forms.Form, zone: EconomicZone, title: str, back: str) -> HttpResponse:
    return render(
        request,
        "infrastructure/form.html",
        {"form": form, "zone": zone, "title": title, "back": back},
        status=form_status(form),
    )


@login_required
def work_create(request: HttpRequest, code: str) -> HttpResponse:
    zone = get_visible_or_404(request.user, EconomicZone.objects.all(), code=code)
    ensure_can_change(request.user, zone)
    form = WorkForm(request.POST or None, zone=zone, initial={"is_published": True, "physical_progress_percent": 0})
    if request.method == "POST" and form.is_valid():
        try:
            work = services.work_create(zone=zone, actor=request_actor(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Work added."))
            return redirect("infrastructure:work-detail", pk=work.pk)
    return _form_page(request, form, zone, _("New infrastructure work"), reverse("infrastructure:index"))


@login_required
def work_edit(request: HttpRequest, pk: int) -> HttpResponse:
    work = get_visible_or_404(request.user, InfrastructureWork.objects.select_related("zone"), pk=pk)
    ensure_can_change(request.user, work)
    initial: dict[str, Any] = {f: getattr(work, f) for f in services.WORK_FIELDS}
    form = WorkForm(request.POST or None, zone=work.zone, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.work_update(work=work, actor=request_actor(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Work saved."))
            return redirect("infrastructure:work-detail", pk=work.pk)
    back = reverse("infrastructure:work-detail", args=[work.pk])
    return _form_page(request, form, work.zone, _("Edit %(name)s") % {"name": work.name}, back)


def _funding_saved(request: HttpRequest, result: services.FundingResult) -> None:
    if result.over_need:
        messages.warning(
            request,
            _("Saved. The allocations of this work now exceed its capital need: the work is flagged for review."),
        )
    else:
        messages.success(request, _("Annual funding saved."))


@login_required
def funding_create(request: HttpRequest, pk: int) -> HttpResponse:
    work = get_visible_or_404(request.user, InfrastructureWork.objects.select_related("zone"), pk=pk)
    ensure_can_change(request.user, work)
    form = FundingForm(request.POST or None, initial={"disbursed_vnd": 0, "treasury_confirmed_vnd": 0})
    if request.method == "POST" and form.is_valid():
        try:
            result = services.funding_record(work=work, actor=request_actor(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            _funding_saved(request, result)
            return redirect("infrastructure:work-detail", pk=work.pk)
    back = reverse("infrastructure:work-detail", args=[work.pk])
    return _form_page(request, form, work.zone, _("Annual funding of %(name)s") % {"name": work.name}, back)


@login_required
def funding_edit(request: HttpRequest, pk: int) -> HttpResponse:
    funding = get_visible_or_404(request.user, AnnualFunding.objects.select_related("work__zone"), pk=pk)
    ensure_can_change(request.user, funding)
    initial = {f: getattr(funding, f) for f in services.FUNDING_FIELDS}
    form = FundingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.funding_update(funding=funding, actor=request_actor(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            _funding_saved(request, result)
            return redirect("infrastructure:work-detail", pk=funding.work_id)
    back = reverse("infrastructure:work-detail", args=[funding.work_id])
    return _form_page(request, form, funding.work.zone, _("Edit annual funding"), back)


@login_required
def funding_import(request: HttpRequest, code: str) -> HttpResponse:
    """Upload the finance department's annual funding sheet; every error is listed by row and column."""
    zone = get_visible_or_404(request.user, EconomicZone.objects.all(), code=code)
    ensure_can_change(request.user, zone)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[imports.RowError] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > 10 * 1024 * 1024:
            form.add_error("file", _("The file is larger than 10 MB."))
        else:
            try:
                result = imports.funding_import(
                    zone=zone, data=upload.read(), filename=upload.name or "", actor=request_actor(request)
                )
            except imports.ImportFailed as exc:
                errors = exc.errors
            else:
                messages.success(
                    request,
                    _("Annual funding imported: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
                    % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
                )
                if result.over_need:
                    messages.warning(
                        request,
                        _("Allocations now exceed the capital need of: %(codes)s (flagged).")
                        % {"codes": ", ".join(result.over_need)},
                    )
                return redirect("infrastructure:index")
    status = 422 if errors or (form.is_bound and form.errors) else 200
    return render(request, "infrastructure/import.html", {"zone": zone, "form": form, "errors": errors}, status=status)
