"""Writes of the reporting loop: an investor saves, submits and withdraws a report; the board accepts or
returns it, records a report received on paper or through the national system, links accounts; an
accepted report's figures go into the register. Each validates, saves, audits and bumps in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from borderzone.access.actors import Actor
from borderzone.access.audit import audit_record
from borderzone.access.services import ModelWrites
from borderzone.core.cache import bump_version
from borderzone.core.models import AuditAction
from borderzone.core.tabular import parse_amount
from borderzone.register import services as register
from borderzone.register.models import Investor, Project
from borderzone.reporting.models import (
    LIVE_STATUSES,
    Attachment,
    Channel,
    FieldType,
    FormField,
    InquiryMessage,
    LinkRequest,
    LinkStatus,
    Metric,
    Report,
    ReportedFigure,
    ReportForm,
    ReportStatus,
    Submitter,
)
from borderzone.reporting.periods import Period, parse_period

SCOPE = "reporting"
MAX_DIGITS = 18
MAX_TEXT = 5000

#: Which form's figures flow into the register, and into which dated record. Only the quarterly report
#: feeds flows (disbursed, revenue, exports, budget); the annual and monitoring reports repeat the same
#: year and would count it twice. Employees are a stock: the latest accepted report's count.
CONSOLIDATED_FORM = "NDT-QUY"
METRIC_FIELDS = {
    Metric.DISBURSED: "capital_disbursed_period",
    Metric.REVENUE: "revenue",
    Metric.EXPORTS: "exports",
    Metric.IMPORTS: "imports",
    Metric.BUDGET_PAID: "budget_paid",
}


def today() -> dt.date:
    return timezone.localdate()


def form_for(code: str, period: Period) -> ReportForm:
    """The version of form `code` valid for the period (by the day it ends)."""
    form = (
        ReportForm.objects.filter(code=code, valid_from__lte=period.end)
        .exclude(valid_to__lt=period.end)
        .order_by("-version")
        .first()
    )
    if form is None:
        raise ValidationError(
            {"form": _("No version of form %(code)s applies to %(period)s.") % {"code": code, "period": period.key}}
        )
    return form


def _parse(field: FormField, raw: Any) -> Any:
    """The value in its type, or a ValueError saying why not (type errors refuse even a draft)."""
    if field.type == FieldType.TEXT:
        text = "" if raw is None else str(raw).replace("\x00", "").strip()
        if len(text) > MAX_TEXT:
            raise ValueError(_("longer than %(n)s characters") % {"n": MAX_TEXT})
        return text
    if isinstance(raw, str) and len(raw.strip()) > MAX_DIGITS + 8:
        raise ValueError(_("too many digits"))
    number = parse_amount(raw, whole=field.type != FieldType.DECIMAL, allow_negative=True)
    if abs(number) >= Decimal(10) ** MAX_DIGITS:
        raise ValueError(_("too many digits"))
    if field.type == FieldType.INTEGER and number != number.to_integral_value():
        raise ValueError(_("a whole number is needed"))
    return str(number)


def _blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def last_accepted(project: Project, form_code: str, period: Period) -> Report | None:
    """The latest accepted report of the project on this form for an earlier period."""
    return (
        Report.objects.filter(
            project=project, form_code=form_code, status=ReportStatus.ACCEPTED, period_end__lt=period.end
        )
        .order_by("-period_end", "-revision")
        .first()
    )


def check_values(
    form: ReportForm, raw: Mapping[str, Any], *, submit: bool, previous: Report | None = None
) -> dict[str, Any]:
    """The form's values, parsed; a ValidationError naming each field (`values.<key>`) and its reason.

    A draft is refused only for values of the wrong type; a submission also for missing required
    figures, negative amounts, a part above its whole, and a cumulative figure below the last accepted report's."""
    fields = list(form.fields.all())
    known = {f.key for f in fields}
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    for key in raw:
        if key not in known:
            errors[f"values.{key}"] = [_("This form has no field %(key)s.") % {"key": key}]
    for field in fields:
        name = field.name_in(translation_lang())
        raw_value = raw.get(field.key)
        if _blank(raw_value):
            if submit and field.required:
                errors[f"values.{field.key}"] = [_("%(name)s: this figure is required.") % {"name": name}]
            continue
        try:
            values[field.key] = _parse(field, raw_value)
        except ValueError as exc:
            errors[f"values.{field.key}"] = [f"{name}: {exc}."]
    if submit:
        for field in fields:
            value = values.get(field.key)
            if value is None or field.type == FieldType.TEXT:
                continue
            name = field.name_in(translation_lang())
            if field.not_negative and Decimal(value) < 0:
                errors.setdefault(f"values.{field.key}", []).append(
                    _("%(name)s: may not be negative.") % {"name": name}
                )
            if (
                field.part_of
                and values.get(field.part_of) is not None
                and Decimal(value) > Decimal(values[field.part_of])
            ):
                errors.setdefault(f"values.{field.key}", []).append(
                    _("%(name)s: a part may not be larger than its total.") % {"name": name}
                )
            if field.cumulative and previous is not None:
                before = previous.values.get(field.key)
                if before not in (None, "") and Decimal(value) < Decimal(before):
                    errors.setdefault(f"values.{field.key}", []).append(
                        _(
                            "%(name)s: a cumulative figure may not be below the last accepted report's (%(before)s, %(period)s)."
                        )
                        % {
                            "name": name,
                            "before": f"{Decimal(before):,.0f}".replace(",", "."),
                            "period": previous.period,
                        }
                    )
    if errors:
        raise ValidationError(errors)
    return values


def translation_lang() -> str:
    from django.utils.translation import get_language

    return get_language() or "vi"


def _investor_of(project: Project, actor: Actor) -> Investor | None:
    """The investor filing: the one of the project the acting account is linked to, else the main investor."""
    shares = project.shares.select_related("investor").order_by("-share_percent", "id")
    if actor.user is not None:
        mine = shares.filter(investor__users=actor.user).first()
        if mine is not None:
            return mine.investor
    first = shares.first()
    return first.investor if first else None


@transaction.atomic
def report_save(
    *,
    project: Project,
    form_code: str,
    period: str,
    values: Mapping[str, Any],
    actor: Actor,
    submit: bool = True,
    channel: str = Channel.ONLINE,
    note: str = "",
) -> Report:
    """Save a report for the period as a draft, or submit it (checked); a returned report's correction is a
    new version. The caller has decided the actor may file for this project."""
    errors: dict[str, list[str]] = {}
    parsed_period: Period | None = None
    form: ReportForm | None = None
    if not ReportForm.objects.filter(code=form_code, submitter=Submitter.INVESTOR).exists():
        errors["form"] = [_("There is no investor's report form %(code)s.") % {"code": form_code}]
    else:
        kind = ReportForm.objects.filter(code=form_code).values_list("period", flat=True).first()
        try:
            parsed_period = parse_period(period, kind)
        except ValidationError as exc:
            errors["period"] = exc.messages
    if parsed_period is not None and not errors:
        try:
            form = form_for(form_code, parsed_period)
        except ValidationError as exc:
            errors.update(exc.message_dict)
        if submit and parsed_period.end >= today():
            errors.setdefault("period", []).append(
                _("The period %(period)s has not ended yet: it can be saved as a draft, not submitted.")
                % {"period": parsed_period.key}
            )
        first_issue = project.versions.aggregate(first=Min("issued_on"))["first"]
        if first_issue is None or first_issue > parsed_period.end:
            errors.setdefault("period", []).append(
                _("The project had no certificate yet at the end of %(period)s.") % {"period": parsed_period.key}
            )
    current = None
    if parsed_period is not None:
        current = (
            Report.objects.select_for_update()
            .filter(project=project, form_code=form_code, period=parsed_period.key, status__in=LIVE_STATUSES)
            .first()
        )
        if current is not None and current.status != ReportStatus.DRAFT:
            errors.setdefault("period", []).append(
                _("A report for %(period)s was already filed (%(status)s).")
                % {"period": parsed_period.key, "status": current.get_status_display()}
            )
    if form is not None and parsed_period is not None:
        previous = last_accepted(project, form_code, parsed_period)
        try:
            checked = check_values(form, values, submit=submit, previous=previous)
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                errors.setdefault(key, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    if form is None or parsed_period is None:  # every path that leaves them unset added an error
        raise ValidationError({"form": _("The form or the period is missing.")})
    now = timezone.now()
    status = ReportStatus.SUBMITTED if submit else ReportStatus.DRAFT
    if current is not None:
        step: dict[str, Any] = {"values": checked, "form": form, "status": status, "note": note[:MAX_TEXT]}
        if submit:
            step.update(submitted_at=now, submitted_by=actor.user)
        return REPORT_STEPS.update(current, actor, {}, also=step, status_field="status")
    else:
        earlier = (
            Report.objects.filter(project=project, form_code=form_code, period=parsed_period.key)
            .order_by("-revision")
            .first()
        )
        report = Report(
            project=project,
            investor=_investor_of(project, actor),
            form=form,
            period=parsed_period.key,
            period_start=parsed_period.start,
            period_end=parsed_period.end,
            revision=(earlier.revision + 1) if earlier else 1,
            corrects=earlier
            if earlier and earlier.status == ReportStatus.RETURNED and not hasattr(earlier, "correction")
            else None,
            status=status,
            channel=channel,
            values=checked,
            note=note[:MAX_TEXT],
            created_by=actor.user,
            submitted_at=now if submit else None,
            submitted_by=actor.user if submit else None,
        )
        report.full_clean(exclude=["corrects"])
        report.save()
        audit_record(actor=actor, instance=report, action=AuditAction.CREATED)
        bump_version(SCOPE, project.zone_id)
        return report


# The steps of a report (submit, withdraw, accept, return): values the services decide, none from callers.
REPORT_STEPS = ModelWrites(Report, (), SCOPE, zone_of=lambda report: report.project.zone_id)


@transaction.atomic
def report_withdraw(*, report: Report, actor: Actor) -> Report:
    """Take a submitted report back to a draft, as long as the board has not acted on it."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError({"status": _("Only a submitted report the board has not acted on can be withdrawn.")})
    values = {"status": ReportStatus.DRAFT, "submitted_at": None, "submitted_by": None}
    return REPORT_STEPS.update(report, actor, {}, also=values, status_field="status")


@transaction.atomic
def report_accept(*, report: Report, actor: Actor) -> Report:
    """Accept a submitted report and put its figures into the register (replacing an earlier version's)."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError({"status": _("Only a submitted report can be accepted.")})
    values = {
        "status": ReportStatus.ACCEPTED,
        "decided_at": timezone.now(),
        "decided_by": actor.user,
        "return_reason": "",
    }
    REPORT_STEPS.update(report, actor, {}, also=values, status_field="status")
    consolidate(report=report, actor=actor)
    return report


@transaction.atomic
def report_return(*, report: Report, reason: str, actor: Actor) -> Report:
    """Return a submitted (or already accepted) report for correction, with the reason. The figures of an
    accepted one stay in the register until its correction is accepted."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    reason = (reason or "").replace("\x00", "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the report is returned.")})
    if report.status not in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED):
        raise ValidationError({"status": _("Only a submitted or accepted report can be returned.")})
    values = {
        "status": ReportStatus.RETURNED,
        "decided_at": timezone.now(),
        "decided_by": actor.user,
        "return_reason": reason[:MAX_TEXT],
    }
    return REPORT_STEPS.update(report, actor, {}, also=values, status_field="status")


def consolidate(*, report: Report, actor: Actor) -> list[ReportedFigure]:
    """Replace the dated figures of every earlier version of this report (project, form, period) with
    this one's: the register never counts a period twice. Runs inside report_accept's transaction."""
    earlier = ReportedFigure.objects.filter(
        project=report.project, report__form_code=report.form_code, report__period=report.period
    ).select_related("disbursement")
    for figure in earlier:
        if figure.disbursement is not None:
            disbursement = figure.disbursement
            figure.disbursement = None
            figure.save(update_fields=["disbursement"])
            note = _("Replaced by report %(report)s") % {"report": str(report)}
            register.DISBURSEMENTS.delete(disbursement, actor, note=note, defer_bump=True)
    earlier.delete()
    created: list[ReportedFigure] = []
    values = report.values
    if report.form_code == CONSOLIDATED_FORM:
        for metric, key in METRIC_FIELDS.items():
            if values.get(key) in (None, ""):
                continue
            figure = ReportedFigure(
                project=report.project,
                report=report,
                metric=metric,
                period_start=report.period_start,
                period_end=report.period_end,
                value=Decimal(values[key]),
            )
            if metric == Metric.DISBURSED and figure.value > 0:
                figure.disbursement = register.disbursement_record(
                    project=report.project,
                    paid_on=report.period_end,
                    amount=figure.value,
                    note=_("From report %(form)s %(period)s, version %(rev)s")
                    % {"form": report.form_code, "period": report.period, "rev": report.revision},
                    actor=actor,
                )
            figure.save()
            created.append(figure)
    if values.get("employees_vn") not in (None, "") or values.get("employees_foreign") not in (None, ""):
        employees = Decimal(values.get("employees_vn") or 0) + Decimal(values.get("employees_foreign") or 0)
        created.append(
            ReportedFigure.objects.create(
                project=report.project,
                report=report,
                metric=Metric.EMPLOYEES,
                period_start=report.period_start,
                period_end=report.period_end,
                value=employees,
            )
        )
    for figure in created:
        audit_record(actor=actor, instance=figure, action=AuditAction.CREATED)
    bump_version(register.SCOPE, report.project.zone_id)
    return created


@transaction.atomic
def attachment_add(*, report: Report, upload: UploadedFile, actor: Actor) -> Attachment:
    """Attach a file to a draft or submitted report, checked by its content like every other upload."""
    from borderzone.documents.files import check_upload

    if report.status not in (ReportStatus.DRAFT, ReportStatus.SUBMITTED):
        raise ValidationError({"file": _("Files can be added only to a draft or submitted report.")})
    checked, data = check_upload(upload, field="file")
    attachment = Attachment(
        report=report,
        original_name=(upload.name or "file")[:255],
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
    )
    attachment.file.save(upload.name or f"file.{checked.kind}", ContentFile(data), save=False)
    attachment.save()
    audit_record(actor=actor, instance=attachment, action=AuditAction.CREATED)
    return attachment


@transaction.atomic
def investor_link_account(*, investor: Investor, user: Any, actor: Actor) -> None:
    """A specialist links an investor account to an investor (reusing the register's service)."""
    register.investor_link_user(investor=investor, user=user, actor=actor)


@transaction.atomic
def link_request_create(*, user: Any, project_code: str, tax_code: str, actor: Actor) -> LinkRequest:
    """An investor account asks to be linked to the investor of a project, giving its code and tax code.
    The same answer whether the project or the tax code is wrong, so that codes cannot be probed."""
    tax = "".join((tax_code or "").split())
    project = Project.objects.filter(code=(project_code or "").strip()).first()
    investor = (
        Investor.objects.filter(shares__project=project, tax_code=tax).first() if project is not None and tax else None
    )
    if project is None or investor is None:
        raise ValidationError(
            {"tax_code": _("No investor of a project with this code has this tax code. Check both and try again.")}
        )
    if investor.users.filter(pk=user.pk).exists():
        raise ValidationError({"project_code": _("Your account is already linked to this investor.")})
    if LinkRequest.objects.filter(user=user, investor=investor, status=LinkStatus.PENDING).exists():
        raise ValidationError({"project_code": _("You have already asked; the board will confirm.")})
    request = LinkRequest.objects.create(user=user, project=project, investor=investor)
    audit_record(actor=actor, instance=request, action=AuditAction.CREATED)
    return request


# A link request's decision: values the service decides; no cached figure reads link requests.
LINK_DECISIONS = ModelWrites(LinkRequest, (), "")


@transaction.atomic
def link_request_decide(*, request: LinkRequest, confirm: bool, actor: Actor) -> LinkRequest:
    """A specialist confirms (the account then sees the investor's projects) or refuses a link request."""
    request = LinkRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != LinkStatus.PENDING:
        raise ValidationError({"status": _("This request was already decided.")})
    values = {
        "status": LinkStatus.CONFIRMED if confirm else LinkStatus.REFUSED,
        "decided_by": actor.user,
        "decided_at": timezone.now(),
    }
    LINK_DECISIONS.update(request, actor, {}, also=values, status_field="status")
    if confirm:
        register.investor_link_user(investor=request.investor, user=request.user, actor=actor)
    return request


@transaction.atomic
def inquiry_message_add(*, inquiry: Any, body: str, actor: Actor, from_board: bool) -> InquiryMessage:
    """Add the board's answer (or the investor's reply) to the thread of an inquiry."""
    from borderzone.promotion.models import InquiryStatus
    from borderzone.promotion.services import INQUIRY_HANDLING

    text = (body or "").replace("\x00", "").strip()
    if not text:
        raise ValidationError({"body": _("Write the message.")})
    message = InquiryMessage(inquiry=inquiry, from_board=from_board, body=text[:MAX_TEXT])
    message.author = actor.person
    message.save()
    audit_record(actor=actor, instance=message, action=AuditAction.CREATED)
    if from_board and inquiry.status != InquiryStatus.ANSWERED:
        answered = {"status": InquiryStatus.ANSWERED}
        INQUIRY_HANDLING.update(inquiry, actor, answered, status_field="status", update_fields=["status"])
    return message


FIELD_LINE_HELP = (
    "key | tên (vi) | name (en) | 名称 (zh) | amount/integer/decimal/text | unit | required | cumulative | part_of"
)


def fields_as_text(form: ReportForm) -> str:
    """A form version's fields, one a line, in the layout `form_version_add` reads."""
    lines = []
    for f in form.fields.all():
        flags = [f.key, f.name_vi, f.name_en, f.name_zh, f.type, f.unit]
        flags += ["required" if f.required else "", "cumulative" if f.cumulative else "", f.part_of]
        lines.append(" | ".join(flags).rstrip(" |"))
    return "\n".join(lines)


def _parse_field_lines(text: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    errors: list[str] = []
    seen: set[str] = set()
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        parts += [""] * (9 - len(parts))
        key, vi, en, zh, kind, unit, required, cumulative, part_of = parts[:9]
        if not key or not key.replace("_", "").isalnum() or not key.isascii():
            errors.append(_("Line %(n)s: the key must be letters, digits and _.") % {"n": number})
        elif key in seen:
            errors.append(_("Line %(n)s: the key %(key)s appears twice.") % {"n": number, "key": key})
        seen.add(key)
        if not vi:
            errors.append(_("Line %(n)s: the Vietnamese name is missing.") % {"n": number})
        if kind not in FieldType.values:
            errors.append(
                _("Line %(n)s: the type must be one of %(types)s.")
                % {"n": number, "types": ", ".join(FieldType.values)}
            )
        rows.append(
            {
                "key": key[:50],
                "order": number * 10,
                "name_vi": vi[:300],
                "name_en": en[:300],
                "name_zh": zh[:300],
                "type": kind,
                "unit": unit[:30],
                "required": required.lower() == "required",
                "not_negative": kind != FieldType.TEXT,
                "cumulative": cumulative.lower() == "cumulative",
                "part_of": part_of[:50],
            }
        )
    if not rows and not errors:
        errors.append(_("Give at least one field."))
    if errors:
        raise ValidationError({"fields_text": errors})
    return rows


# A form version's end, set when the next version starts (`form_version_add` bumps once for both).
FORM_VERSIONS = ModelWrites(ReportForm, (), SCOPE)


@transaction.atomic
def form_version_add(
    *,
    code: str,
    valid_from: dt.date,
    legal_basis: str,
    legal_basis_confirmed: bool,
    fields_text: str,
    actor: Actor,
    legal_basis_en: str = "",
    legal_basis_zh: str = "",
) -> ReportForm:
    """A new version of a form (a new circular): the previous version ends the day before; reports already
    filed keep the version they were filed on."""
    latest = ReportForm.objects.select_for_update().filter(code=code).order_by("-version").first()
    if latest is None:
        raise ValidationError({"code": _("There is no form %(code)s.") % {"code": code}})
    if valid_from <= latest.valid_from:
        raise ValidationError(
            {
                "valid_from": _("The new version must start after %(day)s.")
                % {"day": latest.valid_from.strftime("%d/%m/%Y")}
            }
        )
    rows = _parse_field_lines(fields_text)
    ends = {"valid_to": valid_from - dt.timedelta(days=1)}
    FORM_VERSIONS.update(latest, actor, {}, also=ends, update_fields=["valid_to"], defer_bump=True)
    form = ReportForm.objects.create(
        code=latest.code,
        version=latest.version + 1,
        name_vi=latest.name_vi,
        name_en=latest.name_en,
        name_zh=latest.name_zh,
        legal_basis=legal_basis.strip() or latest.legal_basis,
        # A new basis comes with its own versions; the same basis keeps the earlier ones.
        legal_basis_en=legal_basis_en.strip() if legal_basis.strip() else latest.legal_basis_en,
        legal_basis_zh=legal_basis_zh.strip() if legal_basis.strip() else latest.legal_basis_zh,
        legal_basis_confirmed=legal_basis_confirmed,
        submitter=latest.submitter,
        period=latest.period,
        due_months_after=latest.due_months_after,
        due_day=latest.due_day,
        recipients=latest.recipients,
        valid_from=valid_from,
        valid_to=None,
    )
    for row in rows:
        FormField.objects.create(form=form, **row)
    audit_record(actor=actor, instance=form, action=AuditAction.CREATED)
    bump_version(SCOPE)
    return form
