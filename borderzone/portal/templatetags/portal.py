"""Template filters of the portal."""

from __future__ import annotations

from django import template
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

from borderzone.portal.content import sanitize_html

register = template.Library()


@register.filter
def clean_html(value: str) -> SafeString:
    """Rich text sanitised again on its way out, so that a body written around the service is harmless too."""
    return mark_safe(sanitize_html(value or ""))  # noqa: S308 - sanitised by nh3 just above  # nosec B308 B703


# Seconds a public page's counter may lag: its figures are computed at most once in this time by each
# process (shared through Redis) instead of on every page view, where its three queries and the fold of the
# views not folded yet were the largest part of a cached page's time (docs/scaling.md).
COUNTER_SECONDS = 5
_COUNTER_KEY = "portal:visitor-counter"


@register.inclusion_tag("portal/_counter.html")
def visitor_counter() -> dict[str, object]:
    """The visitor counter (online now, today, this month, total), for any public page:
    `{% load portal %}{% visitor_counter %}`. At most COUNTER_SECONDS old (the staff's visits page reads
    the figures afresh)."""
    from borderzone.portal.selectors import visitor_counts

    counts = cache.get(_COUNTER_KEY)
    if counts is None:
        counts = visitor_counts()
        cache.set(_COUNTER_KEY, counts, COUNTER_SECONDS)
    return {"counter": counts}
