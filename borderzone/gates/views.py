"""Gate pages: the public list, map and gate page, and the staff forms that change gates."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from borderzone.access.pages import staff_form_view, zone_from_query
from borderzone.access.permissions import can_change_zone, get_changeable_or_404
from borderzone.core import registry
from borderzone.core.cache import cached
from borderzone.core.formatting import format_date
from borderzone.core.forms import initial_from
from borderzone.gates import selectors, services
from borderzone.gates.forms import FacilityForm, GateForm, GateStatusForm
from borderzone.gates.models import BorderGate, GateFacility
from borderzone.zones.geo import DATA_DIR
from borderzone.zones.models import EconomicZone

MAP_LAYERS = {
    "province": "cao_bang_province_2025.geojson",
    "communes": "cao_bang_wards_2025_simplified.geojson",
    "border": "cao_bang_vn_cn_border_derived.geojson",
}


def gate_list(request: HttpRequest) -> HttpResponse:
    zone = zone_from_query(request)
    gates = list(selectors.gate_list(zone))
    return render(
        request,
        "gates/gate_list.html",
        {"zone": zone, "gates": gates, "can_change": can_change_zone(request.user, zone)},
    )


def gate_detail(request: HttpRequest, code: str) -> HttpResponse:
    gate = get_object_or_404(selectors.gate_list(), code=code)
    # What other apps keep about the gate or its area comes as the panels they register (core.registry),
    # so that this app imports none of them.
    sections = [html for panel in registry.panels("gates.gate") if (html := panel.render(request, gate))]
    return render(
        request,
        "gates/gate_detail.html",
        {
            "zone": gate.zone,
            "gate": gate,
            "status_history": list(gate.status_history.all()),
            "panels": sections,
            "can_change": can_change_zone(request.user, gate.zone),
        },
    )


def _marker(gate: BorderGate) -> dict[str, Any]:
    status = gate.current_status
    return {
        "code": gate.code,
        "name": gate.display_name,
        "type": gate.gate_type,
        "type_label": str(gate.get_gate_type_display()),
        "partner": gate.display_partner_name,
        "lat": float(gate.latitude) if gate.latitude is not None else None,
        "lon": float(gate.longitude) if gate.longitude is not None else None,
        "url": reverse("gates:gate-detail", args=[gate.code]),
        "since": format_date(status.since) if status else "",
    }


def _map_context(request: HttpRequest) -> dict[str, Any]:
    zone = zone_from_query(request)
    gates = list(selectors.gate_list(zone))
    placed = [g for g in gates if g.latitude is not None and g.longitude is not None]
    unplaced = [g for g in gates if g.latitude is None or g.longitude is None]
    return {
        "zone": zone,
        "placed": placed,
        "unplaced": unplaced,
        "markers": [_marker(g) for g in placed],
        "layers": {name: reverse("gates:map-layer", args=[name]) for name in MAP_LAYERS},
        "functional_areas": list(zone.functional_areas.all()),
    }


def gate_map(request: HttpRequest) -> HttpResponse:
    """The map of a zone's gates; for visitors its data is read once per zone and language and cached
    until a zone, area or gate changes."""
    if request.user.is_authenticated:
        context = _map_context(request)
    else:
        key = f"map:{translation.get_language()}:{request.GET.get('zone', '')}"
        context = cached((services.GATES_SCOPE,), key, lambda: _map_context(request))
    return render(request, "gates/map.html", context)


@require_GET
@cache_control(public=True, max_age=86400)
def map_layer(request: HttpRequest, name: str) -> HttpResponse:
    """A GeoJSON layer shipped in zones/data, served from this site so that the map fetches nothing else."""
    filename = MAP_LAYERS.get(name)
    if filename is None:
        raise Http404

    # Shipped files that change only with a release: read as they are, no cache scope needed.
    return HttpResponse((DATA_DIR / filename).read_bytes(), content_type="application/geo+json")


_form = partial(staff_form_view, template="gates/gate_form.html")


def _gate_url(gate: BorderGate) -> str:
    return reverse("gates:gate-detail", args=[gate.code])


@login_required
def gate_create(request: HttpRequest, code: str) -> HttpResponse:
    zone = get_changeable_or_404(request.user, EconomicZone.objects.select_related("province"), code=code)
    save = partial(services.gate_create, zone=zone)
    back = reverse("gates:gate-list")
    form = partial(GateForm, zone=zone)
    return _form(request, zone, form, save, title=_("New gate"), back=back, done=_("Gate added."), next_url=_gate_url)


@login_required
def gate_edit(request: HttpRequest, code: str) -> HttpResponse:
    gate = get_changeable_or_404(request.user, BorderGate.objects.select_related("zone__province"), code=code)
    initial = initial_from(gate, [f for f in services.GATE_FIELDS if f != "gate_type"])
    form = partial(GateForm, zone=gate.zone, gate=gate, initial=initial)
    save = partial(services.gate_update, gate=gate)
    title = _("Edit gate %(name)s") % {"name": gate.name}
    # After saving, the gate's page under its code as saved.
    return _form(
        request,
        gate,
        form,
        save,
        title=title,
        back=_gate_url(gate),
        done=_("Gate saved."),
        next_url=_gate_url,
        edits=gate,
    )


@login_required
def gate_status_create(request: HttpRequest, code: str) -> HttpResponse:
    gate = get_changeable_or_404(request.user, BorderGate.objects.select_related("zone"), code=code)
    title = _("Status change of %(name)s") % {"name": gate.name}
    save = partial(services.gate_status_record, gate=gate)
    done = _("Status change recorded.")
    return _form(request, gate, GateStatusForm, save, title=title, back=_gate_url(gate), done=done)


@login_required
def facility_create(request: HttpRequest, code: str) -> HttpResponse:
    gate = get_changeable_or_404(request.user, BorderGate.objects.select_related("zone"), code=code)
    form = partial(FacilityForm, zone=gate.zone)
    save = partial(services.facility_create, gate=gate)
    title = _("New facility at %(name)s") % {"name": gate.name}
    return _form(request, gate, form, save, title=title, back=_gate_url(gate), done=_("Facility added."))


@login_required
def facility_edit(request: HttpRequest, pk: int) -> HttpResponse:
    facility = get_changeable_or_404(request.user, GateFacility.objects.select_related("gate__zone"), pk=pk)
    form = partial(FacilityForm, zone=facility.gate.zone, initial=initial_from(facility, services.FACILITY_FIELDS))
    save = partial(services.facility_update, facility=facility)
    title = _("Edit facility %(name)s") % {"name": facility.name}
    back = _gate_url(facility.gate)
    return _form(request, facility, form, save, title=title, back=back, done=_("Facility saved."), edits=facility)
