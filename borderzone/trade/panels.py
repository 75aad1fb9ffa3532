"""What trade adds to other apps' pages (core.registry.panels): the yearly trade through a gate on the
gate page."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string

from borderzone.access.permissions import can_view_zone
from borderzone.core.registry import Panel
from borderzone.gates.models import BorderGate
from borderzone.trade import selectors


def gate_trade(request: HttpRequest, gate: BorderGate) -> str:
    """The last six years of trade through the gate (published figures only for those who are not the
    zone's staff)."""
    published_only = not can_view_zone(request.user, gate.zone)
    years = selectors.yearly(selectors.figures(gates=[gate], published_only=published_only))[-6:]
    return render_to_string("trade/_gate_trade.html", {"gate": gate, "trade_years": years})


PANELS = [Panel("gates.gate", gate_trade, order=20)]
