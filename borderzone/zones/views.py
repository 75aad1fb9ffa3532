"""Staff pages of a zone: its areas and gates, and forms to change them."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from borderzone.access.pages import form_page, staff_form_view
from borderzone.access.permissions import (
    can_change_zone,
    get_changeable_or_404,
    get_visible_or_404,
    is_admin,
    zones_visible_to,
)
from borderzone.core.forms import initial_from
from borderzone.zones import selectors, services
from borderzone.zones.forms import EconomicZoneForm, FunctionalAreaForm, GateAreaForm
from borderzone.zones.models import EconomicZone, FunctionalArea, GateArea


@login_required
def zone_list(request: HttpRequest) -> HttpResponse:
    """The zones a staff member reads; administrators add new ones here."""
    zones = list(zones_visible_to(request.user).select_related("province"))
    if not zones and not is_admin(request.user):
        raise PermissionDenied
    return render(request, "zones/zone_list.html", {"zones": zones, "can_add": is_admin(request.user)})


def _ensure_admin(request: HttpRequest) -> None:
    if not is_admin(request.user):
        raise PermissionDenied


@login_required
def zone_create(request: HttpRequest) -> HttpResponse:
    _ensure_admin(request)
    return form_page(
        request,
        EconomicZoneForm,
        services.zone_create,
        template="zones/zone_form.html",
        done=_("Economic zone added. Add its gate areas, functional areas and gates on its page."),
        next_url=lambda zone: reverse("zones:zone-detail", args=[zone.code]),
        context={"title": _("New economic zone"), "back": reverse("zones:zone-list")},
    )


@login_required
def zone_edit(request: HttpRequest, code: str) -> HttpResponse:
    zone = get_visible_or_404(request.user, selectors.zone_list(), code=code)
    _ensure_admin(request)
    form = partial(EconomicZoneForm, creating=False, initial=initial_from(zone, services.ZONE_FIELDS))
    back = reverse("zones:zone-detail", args=[zone.code])
    return form_page(
        request,
        form,
        partial(services.zone_update, zone=zone),
        template="zones/zone_form.html",
        done=_("Economic zone saved."),
        back=back,
        context={"title": _("Edit economic zone"), "back": back, "zone": zone},
    )


@login_required
def zone_detail(request: HttpRequest, code: str) -> HttpResponse:
    zone = get_visible_or_404(request.user, selectors.zone_list(), code=code)
    gates_by_area: dict[int | None, list[Any]] = {}
    for gate in zone.gates.all():
        gates_by_area.setdefault(gate.gate_area_id, []).append(gate)
    return render(
        request,
        "zones/zone_detail.html",
        {
            "zone": zone,
            "gates_by_area": gates_by_area,
            "can_change": can_change_zone(request.user, zone),
            "can_edit_zone": is_admin(request.user),
        },
    )


def _form(
    request: HttpRequest,
    zone: EconomicZone,
    form: Callable[..., forms.Form],
    save: Callable[..., Any],
    *,
    title: str,
    done: str,
    instance: FunctionalArea | GateArea | None = None,
) -> HttpResponse:
    """A staff form of a zone's area (a new one when there is no `instance`); after saving, the zone's page."""
    return staff_form_view(
        request,
        instance or zone,
        form,
        save,
        template="zones/area_form.html",
        title=title,
        back=reverse("zones:zone-detail", args=[zone.code]),
        done=done,
        context={"instance": instance},
        edits=instance,
    )


@login_required
def functional_area_create(request: HttpRequest, code: str) -> HttpResponse:
    zone = get_changeable_or_404(request.user, EconomicZone.objects.all(), code=code)
    form = partial(FunctionalAreaForm, zone=zone)
    save = partial(services.functional_area_create, zone=zone)
    return _form(request, zone, form, save, title=_("New functional area"), done=_("Functional area added."))


@login_required
def functional_area_edit(request: HttpRequest, pk: int) -> HttpResponse:
    area = get_changeable_or_404(request.user, FunctionalArea.objects.select_related("zone"), pk=pk)
    form = partial(FunctionalAreaForm, zone=area.zone, initial=initial_from(area, services.FUNCTIONAL_AREA_FIELDS))
    save = partial(services.functional_area_update, area=area)
    done = _("Functional area saved.")
    return _form(request, area.zone, form, save, title=_("Edit functional area"), done=done, instance=area)


@login_required
def gate_area_create(request: HttpRequest, code: str) -> HttpResponse:
    zone = get_changeable_or_404(request.user, EconomicZone.objects.all(), code=code)
    save = partial(services.gate_area_create, zone=zone)
    return _form(request, zone, GateAreaForm, save, title=_("New gate area"), done=_("Gate area added."))


@login_required
def gate_area_edit(request: HttpRequest, pk: int) -> HttpResponse:
    area = get_changeable_or_404(request.user, GateArea.objects.select_related("zone"), pk=pk)
    form = partial(GateAreaForm, initial=initial_from(area, services.GATE_AREA_FIELDS))
    save = partial(services.gate_area_update, area=area)
    title = _("Edit gate area")
    return _form(request, area.zone, form, save, title=title, done=_("Gate area saved."), instance=area)
