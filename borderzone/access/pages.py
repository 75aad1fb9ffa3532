"""Pieces every app's pages share: the zone a page is asked for, and the staff form page of a change."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from borderzone.access import versions
from borderzone.access.actors import request_actor
from borderzone.access.audit import history_for
from borderzone.access.permissions import zone_of
from borderzone.core.forms import apply_validation_error, form_status
from borderzone.zones import selectors
from borderzone.zones.models import EconomicZone


def zone_from_query(request: HttpRequest) -> EconomicZone:
    """The zone a page is asked for (`?zone=CODE`), else the default zone; 404 when there is none."""
    zone = selectors.zone_asked(None, request.GET.get("zone"))
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
    edits: models.Model | None = None,
) -> HttpResponse:
    """A form page whose permission the caller has checked: the form (built by `form`) bound to the POST (and
    its files); a valid one passed to `save(actor=..., **cleaned_data)`, whose ValidationError is shown on the
    form's fields; else `done` (a success message, or a function that adds its own) and a redirect to `back`,
    or to `next_url(what save returned)`. The page is `template` with `context` and the form; 422 when the
    form has errors.

    With `edits` (the record the form changes) the form carries the version it was drawn from and passes it to
    `save` as `expected_version` (the service hands it to `ModelWrites.update`); when someone else changed
    those fields meanwhile the service refuses, nothing is saved and the page (409) shows their change."""
    bound = form(request.POST or None, request.FILES or None) if with_files else form(request.POST or None)
    fields = versions.editable_names(type(edits), bound.fields) if edits is not None else []
    status = None
    if request.method == "POST" and bound.is_valid():
        token = request.POST.get(versions.VERSION_FIELD) if edits is not None else None
        expected = {"expected_version": token} if token else {}
        try:
            with transaction.atomic():
                result = save(actor=request_actor(request), **expected, **bound.cleaned_data)
        except versions.StaleVersion as stale:
            _show_stale(bound, stale, fields)
            status = 409
        except ValidationError as exc:
            apply_validation_error(bound, exc)
        else:
            if callable(done):
                done(request, result)
            else:
                messages.success(request, done)
            return redirect(next_url(result) if next_url is not None else back)
    page = {**(context or {}), "form": bound}
    if edits is not None and fields:
        posted = request.POST.get(versions.VERSION_FIELD, "")
        if status == 409:
            # Saving this form again (after checking it) replaces the other person's values knowingly.
            page["version_token"] = versions.form_token(versions.locked_free(edits), fields)
        elif posted and versions.form_base(posted, edits) is not None:
            page["version_token"] = posted  # the form still starts from what the user first saw
        else:
            page["version_token"] = versions.form_token(edits, fields)
    return render(request, template, page, status=status or form_status(bound))


def _show_stale(bound: forms.Form, stale: versions.StaleVersion, fields: list[str]) -> None:
    """Say on the form who changed the record since it was drawn, and their values of the changed fields
    (the service refused the save: `ModelWrites.update` compares the form's version with the record's)."""
    now = versions.state(stale.current, fields)
    shown = []
    for name in stale.changed or fields:
        label = bound.fields[name].label if name in bound.fields else name
        value = now.get(name)
        shown.append(f"{label}: {'—' if value in (None, '') else value}")
    latest = history_for(stale.current).first()
    who = latest.user.get_username() if latest is not None and latest.user is not None else "?"
    bound.add_error(
        None,
        _(
            "%(who)s changed this record after you opened it; nothing was saved. Their values now: %(values)s. "
            "Check the form and save again to replace them."
        )
        % {"who": who, "values": "; ".join(shown) or "—"},
    )


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
    edits: models.Model | None = None,
) -> HttpResponse:
    """The form page of a change to `target` (the zone a new object goes into, or the object itself), which
    the view fetched with its permission decided (`get_changeable_or_404`); it does not decide again.
    `edits` is the record an edit form changes (its version travels with the form, see `form_page`).
    Then `form_page`, whose page also has the `title`, `back` (where Cancel leads) and the target's zone.
    """
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
        edits=edits,
    )
