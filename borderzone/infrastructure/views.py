"""Infrastructure pages: the capital summary and works (public where published), staff forms."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from borderzone.access.actors import request_actor
from borderzone.access.pages import staff_form_view, zone_from_query
from borderzone.access.permissions import can_change_zone, get_changeable_or_404
from borderzone.core.forms import form_status, initial_from
from borderzone.infrastructure import imports, selectors, services
from borderzone.infrastructure.forms import FundingForm, ImportForm, SummaryForm, WorkForm
from borderzone.infrastructure.models import AnnualFunding, FundingSource, InfrastructureWork, PlanPeriod
from borderzone.zones.models import EconomicZone

DEFAULT_SPAN = (2010, 2020)


def index(request: HttpRequest) -> HttpResponse:
    """The capital summary for a span of years (2010–2020 by default, the article's span) and the works."""
    zone = zone_from_query(request)
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


_form = partial(staff_form_view, template="infrastructure/form.html")


def _work_url(work_id: int) -> str:
    return reverse("infrastructure:work-detail", args=[work_id])


@login_required
def work_create(request: HttpRequest, code: str) -> HttpResponse:
    zone = get_changeable_or_404(request.user, EconomicZone.objects.all(), code=code)
    initial = {"is_published": True, "physical_progress_percent": 0}
    return _form(
        request,
        zone,
        partial(WorkForm, zone=zone, initial=initial),
        partial(services.work_create, zone=zone),
        title=_("New infrastructure work"),
        back=reverse("infrastructure:index"),
        done=_("Work added."),
        next_url=lambda work: _work_url(work.pk),
    )


@login_required
def work_edit(request: HttpRequest, pk: int) -> HttpResponse:
    work = get_changeable_or_404(request.user, InfrastructureWork.objects.select_related("zone"), pk=pk)
    form = partial(WorkForm, zone=work.zone, initial=initial_from(work, services.WORK_FIELDS))
    save = partial(services.work_update, work=work)
    title = _("Edit %(name)s") % {"name": work.name}
    return _form(request, work, form, save, title=title, back=_work_url(work.pk), done=_("Work saved."), edits=work)


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
    work = get_changeable_or_404(request.user, InfrastructureWork.objects.select_related("zone"), pk=pk)
    form = partial(FundingForm, initial={"disbursed_vnd": 0, "treasury_confirmed_vnd": 0})
    save = partial(services.funding_record, work=work)
    title = _("Annual funding of %(name)s") % {"name": work.name}
    return _form(request, work, form, save, title=title, back=_work_url(work.pk), done=_funding_saved)


@login_required
def funding_edit(request: HttpRequest, pk: int) -> HttpResponse:
    funding = get_changeable_or_404(request.user, AnnualFunding.objects.select_related("work__zone"), pk=pk)
    form = partial(FundingForm, initial=initial_from(funding, services.FUNDING_FIELDS))
    save = partial(services.funding_update, funding=funding)
    back = _work_url(funding.work_id)
    return _form(
        request, funding, form, save, title=_("Edit annual funding"), back=back, done=_funding_saved, edits=funding
    )


@login_required
def funding_import(request: HttpRequest, code: str) -> HttpResponse:
    """Upload the finance department's annual funding sheet; every error is listed by row and column."""
    zone = get_changeable_or_404(request.user, EconomicZone.objects.all(), code=code)
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
