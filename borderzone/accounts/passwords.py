"""Password rules beyond Django's own validators' wording."""

from __future__ import annotations

from django.contrib.auth.password_validation import MinimumLengthValidator as DjangoMinimumLengthValidator
from django.utils.translation import ngettext


class MinimumLengthValidator(DjangoMinimumLengthValidator):
    """Django's rule with its message in our catalogues: Django 6.1 changed the message's wording, and its
    Vietnamese catalogue still has only the old one, so the refusal came out in English."""

    def get_error_message(self) -> str:
        return ngettext(
            "This password is too short. It must have at least %(min_length)d character.",
            "This password is too short. It must have at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
