"""Staff pages on the records behind the figures: one figure with its earlier values, and the
province's budget year form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from borderzone.access.actors import request_actor
from borderzone.access.permissions import can_change_zone, get_visible_or_404
from borderzone.core.forms import apply_validation_error, form_status
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
    form = BudgetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.budget_record(zone=zone, year=data.pop("year"), actor=request_actor(request), **data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Budget year saved."))
            return redirect(f"{redirect('trade:staff').url}?zone={zone.code}")
    return render(request, "trade/budget_form.html", {"form": form, "zone": zone}, status=form_status(form))
