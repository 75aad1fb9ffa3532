"""Form helpers shared by every app's pages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models


def apply_validation_error(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's validation errors on the form's fields, keeping what was typed."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def form_status(form: forms.Form) -> int:
    """422 for a submitted form with errors (so tests and scripts see the failure), else 200."""
    return 422 if form.is_bound and form.errors else 200


def initial_from(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """An edit form's initial values: the instance's current value of each field."""
    return {field: getattr(instance, field) for field in fields}
