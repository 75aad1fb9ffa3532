"""Template filters of the reports: a cached legal flag named in the reader's language at render time
(the dashboard's cache is shared by every language, so it keeps the rule's condition and months, and the
milestones concerned as codes)."""

from __future__ import annotations

from typing import Any

from django import template

from borderzone.core.i18n import pick_language
from borderzone.register.models import MilestoneKind, rule_name

register = template.Library()


@register.filter
def flag_name(flag: dict[str, Any]) -> str:
    return rule_name(flag["condition"], flag["months"])


@register.filter
def flag_detail(flag: dict[str, Any]) -> str:
    """The milestones a cached flag concerns, in the reader's language."""
    return ", ".join(str(MilestoneKind(kind).label) for kind in flag["milestones"])


@register.filter
def localized_title(row: dict[str, Any]) -> str:
    """A cached row's title in the reader's language (Vietnamese where that version is empty)."""
    return pick_language(row["title"], row.get("title_en", ""), row.get("title_zh", ""))
