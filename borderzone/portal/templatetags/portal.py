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


@register.inclusion_tag("portal/_counter.html")
def visitor_counter() -> dict[str, object]:
    """The visitor counter (online now, today, this month, total), for any public page:
    `{% load portal %}{% visitor_counter %}`. Read afresh on every page: a visitor sees their own visit
    counted at once (a counter cached for a few seconds was measured and not kept, docs/scaling.md)."""
    from borderzone.portal.selectors import visitor_counts

    return {"counter": visitor_counts()}
