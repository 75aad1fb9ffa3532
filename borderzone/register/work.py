"""What the investment register puts on a staff member's work list (core.registry.work_providers): the
projects that became late or flagged since the user's previous visit of the staff home, found by
comparing the register's evaluations on that day and today (selectors.evaluate)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from borderzone.core.formatting import format_date
from borderzone.core.registry import WorkContext, WorkItem, WorkProvider
from borderzone.register import selectors
from borderzone.register.models import Project

SHOWN = 5


def items(context: WorkContext) -> list[WorkItem]:
    projects = Project.objects.filter(zone__in=context.zones_read)
    now = selectors.evaluate(context.today, projects)
    then = selectors.evaluate(context.since, projects)
    newly_late = sorted(pk for pk, e in now.items() if e.is_late and not (pk in then and then[pk].is_late))
    newly_flagged = sorted(pk for pk, e in now.items() if e.is_flagged and not (pk in then and then[pk].is_flagged))
    named = {
        p.pk: p
        for p in Project.objects.filter(pk__in=[*newly_late[:SHOWN], *newly_flagged[:SHOWN]]).only("pk", "code", "name")
    }

    def entries(pks: list[int]) -> tuple[tuple[str, str], ...]:
        return tuple(
            (f"{named[pk].code} {named[pk].name}", reverse("investments:project-detail", args=[named[pk].code]))
            for pk in pks[:SHOWN]
        )

    since = format_date(context.since)
    listing = reverse("investments:project-list")
    return [
        WorkItem(
            _("Projects late since %(day)s") % {"day": since},
            len(newly_late),
            f"{listing}?late=1",
            entries=entries(newly_late),
            urgent=True,
        ),
        WorkItem(
            _("Projects flagged under a legal rule since %(day)s") % {"day": since},
            len(newly_flagged),
            f"{listing}?flagged=1",
            entries=entries(newly_flagged),
            urgent=True,
        ),
    ]


PROVIDERS = [WorkProvider("register", items, order=40)]
