"""Pieces every app's pages share: the zone a page is asked for, and the staff form page of a change."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from borderzone.core.actors import request_actor
from borderzone.core.forms import apply_validation_error, form_status
from borderzone.core.permissions import ensure_can_change, zone_of

if TYPE_CHECKING:
    from borderzone.zones.models import EconomicZone


def zone_from_query(request: HttpRequest) -> EconomicZone:
    """The zone a page is asked for (`?zone=CODE`), else the default zone; 404 when there is none."""
    from borderzone.zones import selectors

    code = request.GET.get("zone")
    zone = selectors.zone_list().filter(code=code).first() if code else selectors.zone_default()
    if zone is None:
        raise Http404
    return zone


def staff_form_view[T](
    request: HttpRequest,
    target: models.Model,
    form: Callable[..., forms.Form],
    save: Callable[..., T],
    *,
    template: str,
    title: str,
    back: str,
    done: str | Callable[[HttpRequest, T], None],
    next_url: Callable[[T], str] | None = None,
    context: Mapping[str, Any] | None = None,
    with_files: bool = False,
) -> HttpResponse:
    """The form page of a change to `target` (the zone a new object goes into, or the object itself).

    404 when the user may not see `target`, 403 when they may only read it. The form is bound to the
    POST (and its files), built by `form` (a form class, or a partial with its zone and initial values);
    a valid one is passed to `save(actor=..., **cleaned_data)`, the service. A ValidationError the service
    raises is shown on the form's fields; otherwise `done` (a success message, or a function that adds its
    own) and a redirect to `back`, or to `next_url(what save returned)`. The page is `template` with its
    `title`, `back` (where Cancel leads), the form, the target's zone and any other `context`; 422 when the
    form has errors.
    """
    ensure_can_change(request.user, target)
    bound = form(request.POST or None, request.FILES or None) if with_files else form(request.POST or None)
    if request.method == "POST" and bound.is_valid():
        try:
            result = save(actor=request_actor(request), **bound.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(bound, exc)
        else:
            if callable(done):
                done(request, result)
            else:
                messages.success(request, done)
            return redirect(next_url(result) if next_url is not None else back)
    page = {"zone": zone_of(target), "title": title, "back": back, **(context or {}), "form": bound}
    return render(request, template, page, status=form_status(bound))
