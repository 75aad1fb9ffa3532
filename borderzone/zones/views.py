"""Staff pages of a zone: its areas and gates, and forms to change them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from borderzone.core.actors import request_actor
from borderzone.core.forms import apply_validation_error
from borderzone.core.permissions import can_change_zone, ensure_can_change, get_visible_or_404
from borderzone.zones import selectors, services
from borderzone.zones.forms import FunctionalAreaForm, GateAreaForm
from borderzone.zones.models import EconomicZone, FunctionalArea, GateArea


@login_required
def zone_detail(request: HttpRequest, code: str) -> HttpResponse:
    zone = get_visible_or_404(request.user, selectors.zone_list(), code=code)
    gates_by_area: dict[int | None, list[Any]] = {}
    for gate in zone.gates.all():
        gates_by_area.setdefault(gate.gate_area_id, []).append(gate)
    return render(
        request,
        "zones/zone_detail.html",
        {"zone": zone, "gates_by_area": gates_by_area, "can_change": can_change_zone(request.user, zone)},
    )


def _form_page(
    request: HttpRequest, form: forms.Form, zone: EconomicZone, title: str, instance: Any = None
) -> HttpResponse:
    status = 422 if form.is_bound and form.errors else 200
    return render(
        request,
        "zones/area_form.html",
        {"form": form, "zone": zone, "title": title, "instance": instance},
        status=status,
    )


@login_required
def functional_area_create(request: HttpRequest, code: str) -> HttpResponse:
    zone = get_visible_or_404(request.user, EconomicZone.objects.all(), code=code)
    ensure_can_change(request.user, zone)
    form = FunctionalAreaForm(request.POST or None, zone=zone)
    if request.method == "POST" and form.is_valid():
        try:
            services.functional_area_create(zone=zone, actor=request_actor(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Functional area added."))
            return redirect("zones:zone-detail", code=zone.code)
    return _form_page(request, form, zone, _("New functional area"))


@login_required
def functional_area_edit(request: HttpRequest, pk: int) -> HttpResponse:
    area = get_visible_or_404(request.user, FunctionalArea.objects.select_related("zone"), pk=pk)
    ensure_can_change(request.user, area)
    initial = {f: getattr(area, f) for f in services.FUNCTIONAL_AREA_FIELDS}
    form = FunctionalAreaForm(request.POST or None, zone=area.zone, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.functional_area_update(area=area, actor=request_actor(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Functional area saved."))
            return redirect("zones:zone-detail", code=area.zone.code)
    return _form_page(request, form, area.zone, _("Edit functional area"), area)


@login_required
def gate_area_create(request: HttpRequest, code: str) -> HttpResponse:
    zone = get_visible_or_404(request.user, EconomicZone.objects.all(), code=code)
    ensure_can_change(request.user, zone)
    form = GateAreaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.gate_area_create(zone=zone, actor=request_actor(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Gate area added."))
            return redirect("zones:zone-detail", code=zone.code)
    return _form_page(request, form, zone, _("New gate area"))


@login_required
def gate_area_edit(request: HttpRequest, pk: int) -> HttpResponse:
    area = get_visible_or_404(request.user, GateArea.objects.select_related("zone"), pk=pk)
    ensure_can_change(request.user, area)
    initial = {f: getattr(area, f) for f in services.GATE_AREA_FIELDS}
    form = GateAreaForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.gate_area_update(area=area, actor=request_actor(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Gate area saved."))
            return redirect("zones:zone-detail", code=area.zone.code)
    return _form_page(request, form, area.zone, _("Edit gate area"), area)
