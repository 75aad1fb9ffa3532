"""What investment promotion puts on a staff member's work list (core.registry.work_providers)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from borderzone.core.registry import WorkContext, WorkItem, WorkProvider
from borderzone.promotion.models import Inquiry, InquiryStatus


def items(context: WorkContext) -> list[WorkItem]:
    new = Inquiry.objects.filter(status=InquiryStatus.NEW, zone__in=context.zones_read).count()
    return [
        WorkItem(_("Investor inquiries waiting for an answer"), new, reverse("investing:staff-inbox") + "?status=new")
    ]


PROVIDERS = [WorkProvider("promotion", items, order=20)]
