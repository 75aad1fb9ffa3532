"""Staff pages on the records behind the figures: one figure with its earlier values, and the
province's budget year form."""

from __future__ import annotations

from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from borderzone.access.pages import staff_form_view
from borderzone.access.permissions import can_change_zone, get_visible_or_404
from borderzone.trade import selectors, services
from borderzone.trade.forms import BudgetForm
from borderzone.trade.models import ProvinceBudget, TradeFigure
from borderzone.trade.views.imports import _zone


@login_required
def figure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A monthly figure as it stands and every earlier value it replaced."""
    figure = get_visible_or_404(request.user, TradeFigure.objects.select_related("gate", "gate__zone"), pk=pk)
    return render(
        request,
        "trade/figure.html",
        {
            "figure": figure,
            "zone": figure.gate.zone,
            "revisions": list(selectors.figure_history(figure)),
            "can_change": can_change_zone(request.user, figure.gate.zone),
        },
    )


@login_required
def budget_edit(request: HttpRequest) -> HttpResponse:
    """Record the province's budget revenue (estimate, actual) and the zone's collection target for a year."""
    zone = _zone(request)
    initial = {}
    year = request.GET.get("year", "")
    if year.isdigit():
        existing = ProvinceBudget.objects.filter(zone=zone, year=int(year)).first()
        if existing is not None:
            initial = {f: getattr(existing, f) for f in ("year", *services.BUDGET_FIELDS)}
    return staff_form_view(
        request,
        zone,
        partial(BudgetForm, initial=initial),
        partial(services.budget_record, zone=zone),
        template="trade/budget_form.html",
        title=_("Province budget year"),
        back=f"{reverse('trade:staff')}?zone={zone.code}",
        done=_("Budget year saved."),
    )
