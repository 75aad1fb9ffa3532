"""Investor inquiries as personal data: found by e-mail or telephone for the export; name, e-mail,
telephone and sender hash deleted RETENTION_INQUIRY_CONTACT_MONTHS after the inquiry was closed (its last
change once closed; access.personal_data)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from borderzone.access.actors import Actor
from borderzone.access.audit import audit_personal_data_removed
from borderzone.access.personal_data import PURGE_NOTE, PersonalDataSource, months_before, same_phone
from borderzone.promotion.models import Inquiry, InquiryStatus


def find(email: str, digits: str) -> models.QuerySet[Inquiry]:
    condition = Q(pk__in=[])
    if email:
        condition |= Q(email__iexact=email)
    if digits:
        # Telephones are kept as typed (spaces, dots, +84): narrow by the last digit in the database, then
        # compare the digits.
        candidates = Inquiry.objects.filter(phone__endswith=digits[-1]).values_list("pk", "phone")
        condition |= Q(pk__in=[pk for pk, phone in candidates if same_phone(phone, digits)])
    return Inquiry.objects.filter(condition).select_related("zone", "call", "sector").order_by("created_at")


def row(inquiry: Inquiry) -> dict[str, Any]:
    return {
        "id": inquiry.pk,
        "zone": inquiry.zone.code,
        "project": inquiry.call.title if inquiry.call else "",
        "name": inquiry.name,
        "organisation": inquiry.organisation,
        "email": inquiry.email,
        "phone": inquiry.phone,
        "country": inquiry.country,
        "sector": str(inquiry.sector) if inquiry.sector else "",
        "question": inquiry.message,
        "status": inquiry.get_status_display(),
        "staff_note": inquiry.staff_note,
        "received_at": inquiry.created_at,
        "updated_at": inquiry.updated_at,
    }


@transaction.atomic
def purge(now: dt.datetime, actor: Actor) -> int:
    limit = months_before(now, settings.RETENTION_INQUIRY_CONTACT_MONTHS)
    due = list(
        Inquiry.objects.filter(status=InquiryStatus.CLOSED, updated_at__lt=limit).exclude(
            name="", email="", phone="", sender_hash=""
        )
    )
    if not due:
        return 0
    audit_personal_data_removed(actor=actor, instances=due, fields=Inquiry.PERSONAL_FIELDS, note=PURGE_NOTE)
    # A queryset update leaves `updated_at` alone: the closing day stays the inquiry's last change.
    return Inquiry.objects.filter(pk__in=[i.pk for i in due]).update(name="", email="", phone="", sender_hash="")


SOURCES = [
    PersonalDataSource(
        key="inquiries",
        label=_("Questions to the board (investor inquiries)"),
        find=find,
        row=row,
        purge=purge,
        order=30,
    )
]
