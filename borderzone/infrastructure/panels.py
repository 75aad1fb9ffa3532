"""What infrastructure adds to other apps' pages (core.registry.panels): the works of a gate's area on
the gate page."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string

from borderzone.core.registry import Panel
from borderzone.gates.models import BorderGate
from borderzone.infrastructure import selectors


def gate_works(request: HttpRequest, gate: BorderGate) -> str:
    """The infrastructure works of the gate's area that the visitor may see."""
    if gate.gate_area is None:
        return ""
    works = list(selectors.work_list(request.user, gate_area_id=gate.gate_area.pk))
    return render_to_string("infrastructure/_gate_works.html", {"gate": gate, "works": works})


PANELS = [Panel("gates.gate", gate_works, order=30)]
