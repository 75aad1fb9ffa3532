"""Form helpers shared by every app's pages."""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from borderzone.core.formatting import format_decimal
from borderzone.core.inputs import day_in_range, day_range_message

# Django 6's empty choice of a model field's select, which Django's own Vietnamese and Chinese
# catalogues do not translate yet; listed here so that our project catalogue carries it.
BLANK_CHOICE_LABEL = gettext_noop("- Select an option -")


# A whole amount grouped by thousands with dots, commas or spaces (one kind of separator).
GROUPED_AMOUNT = re.compile(r"^\d{1,3}(?:\.\d{3})+$|^\d{1,3}(?:,\d{3})+$|^\d{1,3}(?: \d{3})+$")

# Dates are typed and shown day first, as Vietnamese write them (05/12/2030 is the fifth of December);
# ISO dates are also read, as links, scripts and the API send them.
DATE_DISPLAY_FORMAT = "%d/%m/%Y"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class DateInput(forms.DateInput):
    """A text box showing dd/mm/yyyy (a browser's date picker would show the browser's own order)."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {"placeholder": gettext_lazy("dd/mm/yyyy"), "inputmode": "numeric", "size": 10, "maxlength": 10}
        super().__init__(attrs={**defaults, **(attrs or {})}, format=DATE_DISPLAY_FORMAT)


class DateField(forms.DateField):
    """The date field of every form: reads dd/mm/yyyy (or ISO), shows dd/mm/yyyy."""

    widget = DateInput
    input_formats = DATE_INPUT_FORMATS
    default_error_messages = {"invalid": gettext_lazy("Give the date as dd/mm/yyyy, for example 31/12/2030.")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", gettext_lazy("dd/mm/yyyy"))
        super().__init__(**kwargs)

    def validate(self, value: Any) -> None:
        # A day outside 1900-2200 (a year 1 or 9999) overflows date arithmetic further on.
        super().validate(value)
        if value and not day_in_range(value):
            raise ValidationError(day_range_message(), code="out_of_range")


# Times are typed and shown as dd/mm/yyyy hh:mm in the zone's time zone (settings.TIME_ZONE, the one the
# register's days and every shown time are read in), whatever the browser's; ISO date-times are also read.
DATETIME_DISPLAY_FORMAT = "%d/%m/%Y %H:%M"
DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


def zone_time_zone() -> ZoneInfo:
    """The zone's time zone: every time a person types or reads is in it (settings.TIME_ZONE)."""
    return ZoneInfo(settings.TIME_ZONE)


class DateTimeInput(forms.DateTimeInput):
    """A text box showing dd/mm/yyyy hh:mm (a browser's datetime-local box would show its own order)."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {"placeholder": gettext_lazy("dd/mm/yyyy hh:mm"), "size": 16, "maxlength": 19}
        super().__init__(attrs={**defaults, **(attrs or {})}, format=DATETIME_DISPLAY_FORMAT)


class DateTimeField(forms.DateTimeField):
    """The date-and-time field of every form: reads dd/mm/yyyy hh:mm (or ISO) as a time in the zone's time
    zone and shows a stored moment in it, so 05/12/2030 08:00 is eight in the morning of 5 December there."""

    widget = DateTimeInput
    input_formats = DATETIME_INPUT_FORMATS
    default_error_messages = {
        "invalid": gettext_lazy("Give the date and time as dd/mm/yyyy hh:mm, for example 31/12/2030 08:00.")
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", gettext_lazy("dd/mm/yyyy hh:mm"))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> dt.datetime | None:
        with timezone.override(zone_time_zone()):
            return super().to_python(value)

    def prepare_value(self, value: Any) -> Any:
        with timezone.override(zone_time_zone()):
            return super().prepare_value(value)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and not day_in_range(value.date()):
            raise ValidationError(day_range_message(), code="out_of_range")


class MoneyInput(forms.TextInput):
    """A text box for a whole amount, grouped while typing by static/core/money.js (`data-money`): dots in
    Vietnamese (1.234.567), commas in English and Chinese. Its value is shown grouped the same way."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"inputmode": "numeric", "data-money": "", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if value in (None, ""):
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return str(value)  # what the user typed, shown back with its error
        return format_decimal(number, max_decimals=0) if number == number.to_integral_value() else str(value)


class MoneyField(forms.DecimalField):
    """A whole amount (đồng or dollars) typed with or without grouping: 1.234.567, 1,234,567, 1 234 567."""

    widget = MoneyInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("decimal_places", 0)
        kwargs.setdefault("max_digits", 20)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str) and value.strip():
            text = value.strip().replace("\u00a0", " ")
            if GROUPED_AMOUNT.match(text):
                value = re.sub(r"[ .,]", "", text)
        return super().to_python(value)


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


class OtherLanguagesForm(forms.Form):
    """A form whose content fields (`translated`) also take an English and a Chinese version.

    The versions are made from each Vietnamese field (same widget and length, optional) and shown
    apart, in a collapsible "Other languages" group of `includes/form.html`.
    """

    translated: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = {"_en": _("%(label)s (English)"), "_zh": _("%(label)s (Chinese)")}
        for suffix, label in labels.items():
            for name in self.translated:
                base = self.fields[name]
                field = copy.deepcopy(base)
                field.required = False
                field.label = label % {"label": base.label}
                field.help_text = ""
                field.initial = None
                self.fields[f"{name}{suffix}"] = field

    @property
    def other_language_names(self) -> set[str]:
        return {f"{name}{suffix}" for name in self.translated for suffix in ("_en", "_zh")}

    def language_groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """(language, bound fields) for English then Chinese."""
        return [
            (str(_("English")), [self[f"{name}_en"] for name in self.translated]),
            (str(_("Chinese (simplified)")), [self[f"{name}_zh"] for name in self.translated]),
        ]

    def other_languages_open(self) -> bool:
        """Open the group when one of its fields has an error or a value, so nothing is hidden by surprise."""
        return any(bound.errors or bound.value() for _lang, fields in self.language_groups() for bound in fields)


def initial_from(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """An edit form's initial values: the instance's current value of each field."""
    return {field: getattr(instance, field) for field in fields}


def set_queryset(
    form: forms.BaseForm, name: str, queryset: models.QuerySet[Any], label: Callable[[Any], str] | None = None
) -> None:
    """Limit the rows a model choice field of `form` offers (and accepts), each named by `label` if given."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name} is not a model choice field")
    field.queryset = queryset
    if label is not None:
        field.label_from_instance = label  # type: ignore[method-assign,assignment]  # Django's documented override


def set_choices(form: forms.BaseForm, name: str, choices: Any) -> None:
    """Set the choices a choice field of `form` offers (and accepts)."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{name} is not a choice field")
    field.choices = choices
