"""`{% privacy_notice "comment" zone %}`: the privacy notice of a form that collects personal data."""

from __future__ import annotations

from typing import Any

from django import template

from borderzone.access.privacy import notice_context

register = template.Library()


@register.inclusion_tag("includes/privacy_notice.html")
def privacy_notice(key: str, zone: Any = None) -> dict[str, Any]:
    return notice_context(key, zone)
