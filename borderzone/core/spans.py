"""The span of years a dashboard, a report or a summary covers, and its checks: the one home of that rule."""

from __future__ import annotations

import datetime as dt
from collections.abc import MutableMapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from borderzone.core.forms import apply_validation_error

#: The years a span of a dashboard, report or summary may cover (the years fields of the forms take);
#: narrower than what any input may name (`core.inputs.INPUT_FIRST_YEAR`).
SPAN_FIRST_YEAR, SPAN_LAST_YEAR = 1990, 2100
#: A span not given ends in the as-of year and starts this many years before it.
DEFAULT_YEARS = 10


def check_span_order(from_year: int, to_year: int) -> None:
    """A ValidationError on `to_year` when the span ends before it starts."""
    if from_year > to_year:
        raise ValidationError({"to_year": _("The span ends before it starts.")})


def year_span(as_of: dt.date, from_year: int | None, to_year: int | None) -> tuple[int, int]:
    """(from_year, to_year): the ten years up to the as-of year unless given. A ValidationError (on the field
    at fault) when the as-of year or a year given lies outside SPAN_FIRST_YEAR–SPAN_LAST_YEAR, or the span ends before
    it starts (e.g. only a from_year after the as-of year)."""
    bounds = {"first": SPAN_FIRST_YEAR, "last": SPAN_LAST_YEAR}
    if to_year is None and not SPAN_FIRST_YEAR <= as_of.year <= SPAN_LAST_YEAR:
        raise ValidationError({"as_of": _("The date must lie between the years %(first)d and %(last)d.") % bounds})
    for field, year in (("from_year", from_year), ("to_year", to_year)):
        if year is not None and not SPAN_FIRST_YEAR <= year <= SPAN_LAST_YEAR:
            raise ValidationError({field: _("The year must lie between %(first)d and %(last)d.") % bounds})
    end = to_year or as_of.year
    start = from_year or max(SPAN_FIRST_YEAR, end - DEFAULT_YEARS)
    check_span_order(start, end)
    return start, end


def clean_span(form: forms.Form, data: MutableMapping[str, Any]) -> None:
    """In a form's clean: `data["span"]` from its as_of (default today), from_year and to_year, or the
    span's error shown on the form's field."""
    try:
        data["span"] = year_span(data.get("as_of") or timezone.localdate(), data.get("from_year"), data.get("to_year"))
    except ValidationError as exc:
        apply_validation_error(form, exc)
