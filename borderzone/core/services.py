"""Pieces every app's services share."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from borderzone.core.models import quantize_decimal_fields


def save_checked(instance: models.Model, field: str = "code", message: str = "") -> None:
    """Validate and save: Decimals to their field's places, full_clean, and a unique clash lost to a
    concurrent writer reported on `field` instead of a server error. Call inside the service's transaction."""
    quantize_decimal_fields(instance)
    instance.full_clean()
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError:
        raise ValidationError({field: message or _("This value is already used.")}) from None
