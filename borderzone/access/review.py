"""Four eyes on what is published: whoever changed content since its last approval may not approve it.

A reviewed model keeps `changed_by_ids`, the ids of the users who changed its content since the last
approval; its services call `content_changed` on every change of content (text, image, caption, files)
and `check_approver` before an approval, which empties the list again.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from borderzone.access.actors import SYSTEM_USERNAME, Actor


def content_changed(obj: Any, actor: Actor) -> None:
    """Record that this actor changed the content (the caller saves `changed_by_ids`)."""
    ids = list(obj.changed_by_ids or [])
    if actor.user is not None and actor.user.pk not in ids:
        ids.append(actor.user.pk)
    obj.changed_by_ids = ids


def check_approver(obj: Any, actor: Actor) -> None:
    """Refuse an approval by nobody (a command) or by someone who changed the content since the last one."""
    if actor.user is None or actor.user.get_username() == SYSTEM_USERNAME:
        raise ValidationError({"approved_by": _("An approval is given by a person, not by the system.")})
    if actor.user.pk in (obj.changed_by_ids or []):
        raise ValidationError(
            {"approved_by": _("You changed this content since its last approval: another person must approve it.")}
        )
