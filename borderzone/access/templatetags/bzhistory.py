"""`{% readable_events events as rows %}`: audit rows readable (access.history), for any page listing them."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from borderzone.access.history import ReadableEvent, readable_events
from borderzone.core.models import AuditEvent

register = template.Library()


@register.simple_tag(name="readable_events")
def readable_events_tag(events: Iterable[AuditEvent]) -> list[ReadableEvent]:
    return readable_events(events or [])
