"""Template filters of the reports: a cached legal flag named in the reader's language at render time
(the dashboard's cache is shared by every language, so it keeps the rule's condition and months)."""

from __future__ import annotations

from typing import Any

from django import template

from borderzone.register.models import rule_name

register = template.Library()


@register.filter
def flag_name(flag: dict[str, Any]) -> str:
    return rule_name(flag["condition"], flag["months"])
