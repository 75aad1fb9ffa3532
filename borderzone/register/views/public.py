"""The public list of the register's published projects, for investors and citizens."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from borderzone.register import selectors, services
from borderzone.register.forms import ListFilterForm
from borderzone.register.models import Status
from borderzone.register.presenters import project_rows
from borderzone.zones.models import EconomicZone, GateArea
from borderzone.zones.selectors import zone_default

PAGE_SIZE = 30


def public_project_list(request: HttpRequest) -> HttpResponse:
    """Published projects with their status today; the same list for everyone, staff included."""
    zone = zone_default(EconomicZone.objects.all())  # the zone alone: the page reads none of its areas or gates
    areas = list(GateArea.objects.filter(zone=zone)) if zone else []
    form = ListFilterForm(request.GET or None, gate_areas=areas, zones=[])
    for staff_only in ("late", "flagged", "as_of", "zone"):
        form.fields.pop(staff_only, None)
    data = form.cleaned_data if form.is_valid() else {}
    today = services.today()
    filters = selectors.ListFilters(
        as_of=today,
        zone=zone.code if zone else None,
        zone_id=zone.pk if zone else None,
        status=data.get("status") or None,
        ownership=data.get("ownership") or None,
        gate_area=data.get("gate_area") or None,
        sector=(data.get("sector") or "").upper() or None,
        q=data.get("q") or None,
    )
    # Always as a visitor: this page shows what is published, whoever looks at it.
    projects, evaluations = selectors.project_list(AnonymousUser(), filters)
    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "investments/public_list.html",
        {
            "zone": zone,
            "form": form,
            "page": page,
            # As a visitor, too: no single project's lateness or legal flags (those are the board's).
            "rows": project_rows(page.object_list, today, evaluations, readable=frozenset()),
            "as_of": today,
            "query": query.urlencode(),
            "status_labels": dict(Status.choices),
        },
    )
