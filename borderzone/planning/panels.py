"""What planning adds to other apps' pages (core.registry.panels): the plan goals of a gate's area on the
gate page."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string

from borderzone.core.registry import Panel
from borderzone.gates.models import BorderGate
from borderzone.planning import selectors


def gate_goals(request: HttpRequest, gate: BorderGate) -> str:
    """The development plan goals of the gate's area that the visitor may see."""
    if gate.gate_area is None:
        return ""
    goals = list(selectors.goal_list(request.user, gate_area_id=gate.gate_area.pk))
    return render_to_string("planning/_gate_goals.html", {"gate": gate, "goals": goals})


PANELS = [Panel("gates.gate", gate_goals, order=40)]
