"""The staff home as a work list: what waits for one staff member today, gathered from what each app
registers (`core.registry.work_providers`, `<app>.work.PROVIDERS`), and the record of their visits that
"since your last visit" is measured from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from borderzone.access.permissions import zones_editable_by, zones_visible_to
from borderzone.accounts.models import User
from borderzone.core.models import HomeVisit
from borderzone.core.registry import WorkContext, WorkItem, work_providers

#: On a first visit, "newly" late or flagged is measured from a week before.
FIRST_VISIT_LOOKBACK = dt.timedelta(days=7)


@transaction.atomic
def home_visit_record(*, user: User, now: dt.datetime | None = None) -> HomeVisit | None:
    """Record a visit of the staff home and return the state before it (None on a first visit). A visit on a
    later day moves the latest visit to `previous_*`; visits the same day keep the previous one."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    visit = HomeVisit.objects.select_for_update().filter(user=user).first()
    if visit is None:
        HomeVisit.objects.create(user=user, seen_on=today, seen_at=now)
        return None
    before = HomeVisit(
        user=user,
        seen_on=visit.seen_on,
        seen_at=visit.seen_at,
        previous_on=visit.previous_on,
        previous_at=visit.previous_at,
    )
    if visit.seen_on < today:
        visit.previous_on, visit.previous_at = visit.seen_on, visit.seen_at
    visit.seen_on, visit.seen_at = today, now
    visit.save(update_fields=["seen_on", "seen_at", "previous_on", "previous_at"])
    return before


def work_context(user: User, before: HomeVisit | None, now: dt.datetime | None = None) -> WorkContext:
    """For whom the list is made, and since when: the latest visit on an earlier day than today."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    previous_on, previous_at = None, None
    if before is not None:
        if before.seen_on < today:
            previous_on, previous_at = before.seen_on, before.seen_at
        else:
            previous_on, previous_at = before.previous_on, before.previous_at
    return WorkContext(
        user=user,
        zones_read=tuple(zones_visible_to(user).values_list("pk", flat=True)),
        zones_changed=tuple(zones_editable_by(user).values_list("pk", flat=True)),
        today=today,
        previous_visit=previous_on,
        since=previous_on or today - FIRST_VISIT_LOOKBACK,
        since_moment=previous_at or now - FIRST_VISIT_LOOKBACK,
    )


@dataclass(frozen=True)
class WorkLine:
    provider: str
    item: WorkItem


def work_list(context: WorkContext) -> list[WorkLine]:
    """Every registered provider's lines for this user, in the providers' order; lines with nothing waiting
    are left out."""
    lines: list[WorkLine] = []
    if not context.zones_read:
        return lines
    for provider in work_providers():
        lines.extend(WorkLine(provider.name, item) for item in provider.items(context) if item.count)
    return lines
