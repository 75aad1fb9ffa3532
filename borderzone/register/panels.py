"""What the register adds to other apps' pages (core.registry.panels): the projects of a gate's area on
the gate page."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from borderzone.access.permissions import can_view_zone
from borderzone.core.registry import Panel
from borderzone.gates.models import BorderGate
from borderzone.register import selectors
from borderzone.register.models import Status


def gate_projects(request: HttpRequest, gate: BorderGate) -> str:
    """The projects of the gate's area with their status today (published ones only for outsiders)."""
    if gate.gate_area is None:
        return ""
    today = timezone.localdate()
    listed, _evaluations = selectors.project_list(
        request.user,
        selectors.ListFilters(as_of=today, zone=gate.zone.code, gate_area=gate.gate_area.code),
        with_evaluations=False,  # the page shows each project's status, not its lateness
    )
    context = {
        "gate": gate,
        "projects": list(listed),
        "projects_as_of": today,
        "staff_view": can_view_zone(request.user, gate.zone),
        "status_labels": dict(Status.choices),
    }
    return render_to_string("investments/_gate_projects.html", context)


PANELS = [Panel("gates.gate", gate_projects, order=10)]
