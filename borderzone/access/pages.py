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

from borderzone.access.actors import request_actor
from borderzone.access.permissions import ensure_can_change, zone_of
from borderzone.core.forms import apply_validation_error, form_status

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


def form_page[T](
    request: HttpRequest,
    form: Callable[..., forms.Form],
    save: Callable[..., T],
    *,
    template: str,
    done: str | Callable[[HttpRequest, T], None],
    back: str = "",
    next_url: Callable[[T], str] | None = None,
    context: Mapping[str, Any] | None = None,
    with_files: bool = False,
) -> HttpResponse:
    """A form page whose permission the caller has checked: the form (built by `form`) bound to the POST (and
    its files); a valid one passed to `save(actor=..., **cleaned_data)`, whose ValidationError is shown on the
    form's fields; else `done` (a success message, or a function that adds its own) and a redirect to `back`,
    or to `next_url(what save returned)`. The page is `template` with `context` and the form; 422 when the
    form has errors."""
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
    return render(request, template, {**(context or {}), "form": bound}, status=form_status(bound))


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

    404 when the user may not see `target`, 403 when they may only read it; then `form_page`, whose page
    also has the `title`, `back` (where Cancel leads) and the target's zone.
    """
    ensure_can_change(request.user, target)
    page = {"zone": zone_of(target), "title": title, "back": back, **(context or {})}
    return form_page(
        request,
        form,
        save,
        template=template,
        done=done,
        back=back,
        next_url=next_url,
        context=page,
        with_files=with_files,
    )
