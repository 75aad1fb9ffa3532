"""Form helpers shared by every app's pages."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_noop

# Django 6's empty choice of a model field's select, which Django's own Vietnamese and Chinese
# catalogues do not translate yet; listed here so that our project catalogue carries it.
BLANK_CHOICE_LABEL = gettext_noop("- Select an option -")


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
