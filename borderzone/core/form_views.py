"""The staff page that creates or changes something through a service, shared by every app's forms."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from borderzone.core.actors import request_actor
from borderzone.core.forms import apply_validation_error, form_status
from borderzone.core.permissions import ensure_can_change, zone_of


def staff_form_view[T](
    request: HttpRequest,
    target: models.Model,
    form: Callable[..., forms.Form],
    save: Callable[..., T],
    *,
    done: str | Callable[[HttpRequest, T], None],
    next_url: str | Callable[[T], str],
    template: str,
    context: Mapping[str, Any],
    with_files: bool = False,
) -> HttpResponse:
    """The form page of a change to `target` (the zone a new object goes into, or the object itself).

    404 when the user may not see `target`, 403 when they may only read it. The form is bound to the
    POST (and its files), built by `form` (a form class, or a partial with its zone and initial values);
    a valid one is passed to `save(actor=..., **cleaned_data)`, the service. A ValidationError the service
    raises is shown on the form's fields; otherwise `done` (a success message, or a function that adds its
    own) and a redirect to `next_url` (a URL, or a function of what `save` returned). The page is rendered
    from `template` with `context`, the form and the target's zone, with 422 when the form has errors.
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
            return redirect(next_url(result) if callable(next_url) else next_url)
    page = {"zone": zone_of(target), **context, "form": bound}
    return render(request, template, page, status=form_status(bound))
