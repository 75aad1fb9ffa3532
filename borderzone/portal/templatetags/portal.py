"""Template filters of the portal."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from borderzone.portal.content import sanitize_html

register = template.Library()


@register.filter
def clean_html(value: str) -> SafeString:
    """Rich text sanitised again on its way out, so that a body written around the service is harmless too."""
    return mark_safe(sanitize_html(value or ""))  # noqa: S308 - sanitised by nh3 just above  # nosec B308 B703
