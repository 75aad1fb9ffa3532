"""Countries by their ISO 3166-1 alpha-2 codes, from the ISO list pycountry ships and keeps up to date."""

from __future__ import annotations

import pycountry
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CODES = frozenset(country.alpha_2 for country in pycountry.countries)


def is_country(code: str | None) -> bool:
    """Whether `code` (either case) is a country's two-letter code in ISO 3166-1."""
    return bool(code) and str(code).strip().upper() in CODES


def validate_country(value: str) -> None:
    if value and not is_country(value):
        raise ValidationError(
            _("%(value)s is not a country code of ISO 3166-1 (two letters, for example VN or CN)."),
            code="invalid_country",
            params={"value": value},
        )
