"""What the register puts into a project's dossier (core.registry.dossier_sources, slot "investments.project"):
certificate versions with what changed, status changes, disbursements, milestones reached or missed, deposits,
legal flags raised and cleared (with the law), and every later edit of these records. A fixed number of
queries whatever the number of entries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from borderzone.access.history import Recorded, audit_of, edit_entries, first_recorded, key_of
from borderzone.core import formatting
from borderzone.core.i18n import as_written
from borderzone.core.money import Money
from borderzone.core.registry import DossierEntry, DossierSource
from borderzone.register.models import (
    IMPLIED_BY_STATUS,
    LegalRule,
    MilestoneKind,
    Project,
    ProjectState,
    Status,
)
from borderzone.register.selectors import add_months, rule_detail
from borderzone.register.states import KINDS

SLOT = "investments.project"


def _money(amount: Any, currency: str) -> str:
    return formatting.format_money(Money(amount, currency)) if amount is not None else "—"


def _date(day: dt.date | None) -> str:
    return formatting.format_date(day) if day else "—"


def _law(rule: LegalRule) -> str:
    text = rule.law
    if rule.article:
        text += f", {formatting.format_legal_reference(rule.article)}"
    if not rule.article_confirmed:
        text += f" ({_('article number not confirmed')})"
    return text


def flag_changes(
    states: list[ProjectState], rules: list[LegalRule], first_issued: dt.date, today: dt.date
) -> list[tuple[dt.date, LegalRule, str, bool]]:
    """(day, rule, milestones concerned, raised?) for each day a rule starts or stops flagging the project,
    up to `today`. The evaluator's conditions (selectors.rule_detail) change only on days computable from the
    state intervals and the rules: an interval's start, a rule's first and last day, a milestone's date and
    each of those dates plus a rule's months (plus one day, as the conditions are "more than"); so the flags
    are judged on those days only."""
    if not states:
        return []
    labels = {kind: str(label) for kind, label in MilestoneKind.choices}
    months = {0} | {r.months for r in rules}
    days: set[dt.date] = set()
    for state in states:
        days.add(state.valid_from)
        handed = state.reached_land_handover
        planned_handover = state.plan_land_handover
        shift = handed - planned_handover if handed and planned_handover and handed > planned_handover else None
        for kind in KINDS:
            for prefix in ("plan", "first", "reached"):
                value = getattr(state, f"{prefix}_{kind}")
                if value is None:
                    continue
                for m in months:
                    days.add(add_months(value, m))
                    days.add(add_months(value, m) + dt.timedelta(days=1))
                    if shift is not None and prefix == "plan":
                        days.add(add_months(value + shift, m) + dt.timedelta(days=1))
    for rule in rules:
        days.add(rule.valid_from)
        if rule.valid_to:
            days.add(rule.valid_to)
    start = states[0].valid_from
    active: dict[int, str] = {}
    out: list[tuple[dt.date, LegalRule, str, bool]] = []
    by_pk = {r.pk: r for r in rules}
    for day in sorted(d for d in days if start <= d <= today):
        current = next((s for s in states if s.valid_from <= day < s.valid_to), None)
        now: dict[int, str] = {}
        if current is not None and current.status != Status.TERMINATED:
            state = current
            implied = IMPLIED_BY_STATUS.get(state.status, frozenset())
            planned = {k: getattr(state, f"plan_{k}") for k in KINDS if getattr(state, f"plan_{k}") is not None}
            first_planned = {k: getattr(state, f"first_{k}") for k in KINDS if getattr(state, f"first_{k}") is not None}
            reached = {
                k: getattr(state, f"reached_{k}")
                for k in KINDS
                if getattr(state, f"reached_{k}") is not None and getattr(state, f"reached_{k}") <= day
            }
            late_since = {k: d for k, d in planned.items() if d < day and k not in reached and k not in implied}
            for rule in rules:
                in_force = rule.valid_from <= day and (rule.valid_to is None or day < rule.valid_to)
                if not in_force or (rule.policy_approved_only and not state.policy_approval):
                    continue
                if not rule.covers_certificate(first_issued):
                    continue
                detail = rule_detail(rule, day, planned, first_planned, reached, implied, late_since, labels)
                if detail:
                    now[rule.pk] = detail
        for pk, detail in now.items():
            if pk not in active:
                out.append((day, by_pk[pk], detail, True))
        for pk, detail in active.items():
            if pk not in now:
                out.append((day, by_pk[pk], detail, False))
        active = now
    return out


def missed_milestones(states: list[ProjectState], today: dt.date) -> list[tuple[dt.date, str, dt.date]]:
    """(first day late, milestone, planned date) for each milestone whose planned date in the version then in
    force passed without it being reached (nor implied by the status), up to `today`."""
    out: list[tuple[dt.date, str, dt.date]] = []
    seen: set[tuple[str, dt.date]] = set()
    for state in states:
        implied = IMPLIED_BY_STATUS.get(state.status, frozenset())
        for kind in KINDS:
            planned = getattr(state, f"plan_{kind}")
            if planned is None or (kind, planned) in seen:
                continue
            late_from = planned + dt.timedelta(days=1)
            reached = getattr(state, f"reached_{kind}")
            if not (state.valid_from <= late_from < state.valid_to) or late_from > today:
                continue
            if (reached is not None and reached <= planned) or kind in implied or state.status == Status.TERMINATED:
                continue
            seen.add((kind, planned))
            out.append((late_from, kind, planned))
    return out


def project_entries(project: Project, user: Any) -> list[DossierEntry]:
    from borderzone.register.services import today as register_today

    today = register_today()
    versions = list(project.versions.prefetch_related("plans").order_by("issued_on", "number"))
    statuses = list(project.status_changes.order_by("effective_on", "id"))
    disbursements = list(project.disbursements.order_by("paid_on", "id"))
    deposits = list(project.deposit_events.order_by("happened_on", "id"))
    actuals = list(project.actuals.all())
    states = list(ProjectState.objects.filter(project=project).order_by("valid_from"))
    rules = list(LegalRule.objects.order_by("valid_from", "code"))
    audit = audit_of([project, *versions, *statuses, *disbursements, *deposits, *actuals])
    kinds = dict(MilestoneKind.choices)
    statuses_label = dict(Status.choices)

    def recorded(instance: Any) -> Recorded:
        return first_recorded(audit.get(key_of(instance), []))

    out: list[DossierEntry] = []
    previous = None
    for version in versions:
        details: list[tuple[str, str]] = []
        if version.certificate_no:
            details.append((_("Certificate number"), version.certificate_no))
        if version.changes:
            details.append((_("What changed"), version.changes))
        plans = {p.kind: p.planned_on for p in version.plans.all()}
        if previous is None:
            details.append((_("Total capital"), _money(version.total_capital, version.currency)))
            if version.equity is not None:
                details.append((_("Equity"), _money(version.equity, version.currency)))
            for kind in KINDS:
                if kind in plans:
                    details.append((str(kinds[kind]), _date(plans[kind])))
        else:
            old_plans = {p.kind: p.planned_on for p in previous.plans.all()}
            if (previous.total_capital, previous.currency) != (version.total_capital, version.currency):
                details.append(
                    (
                        _("Total capital"),
                        f"{_money(previous.total_capital, previous.currency)} → "
                        f"{_money(version.total_capital, version.currency)}",
                    )
                )
            if previous.equity != version.equity:
                details.append(
                    (
                        _("Equity"),
                        f"{_money(previous.equity, previous.currency)} → {_money(version.equity, version.currency)}",
                    )
                )
            for kind in KINDS:
                if old_plans.get(kind) != plans.get(kind):
                    details.append((str(kinds[kind]), f"{_date(old_plans.get(kind))} → {_date(plans.get(kind))}"))
        title = (
            _("Certificate first issued")
            if version.number == 0
            else _("Certificate adjusted (adjustment %(n)d)") % {"n": version.number}
        )
        out.append(
            DossierEntry(
                day=version.issued_on, kind=_("Certificate"), title=title, details=tuple(details), **recorded(version)
            )
        )
        previous = version

    for change in statuses:
        details = []
        if change.decision_no:
            details.append((_("Decision number"), change.decision_no))
        if change.reason:
            details.append((_("Reason"), change.reason))
        out.append(
            DossierEntry(
                day=change.effective_on,
                kind=_("Status"),
                title=_("Status: %(status)s") % {"status": statuses_label.get(change.status, change.status)},
                details=tuple(details),
                tone="warn" if change.status in (Status.SUSPENDED, Status.TERMINATED, Status.PARTLY_TERMINATED) else "",
                **recorded(change),
            )
        )

    for record in disbursements:
        out.append(
            DossierEntry(
                day=record.paid_on,
                kind=_("Capital"),
                title=_("Capital disbursed: %(amount)s") % {"amount": _money(record.amount, record.currency)},
                details=((_("Note"), record.note),) if record.note else (),
                **recorded(record),
            )
        )

    for actual in actuals:
        out.append(
            DossierEntry(
                day=actual.reached_on,
                kind=_("Milestone"),
                title=_("Milestone reached: %(milestone)s") % {"milestone": kinds.get(actual.kind, actual.kind)},
                tone="ok",
                **recorded(actual),
            )
        )
    for day, kind, planned in missed_milestones(states, today):
        out.append(
            DossierEntry(
                day=day,
                kind=_("Milestone"),
                title=_("Milestone missed: %(milestone)s") % {"milestone": kinds.get(kind, kind)},
                details=((_("Planned date"), _date(planned)),),
                tone="warn",
            )
        )

    for event in deposits:
        details = [(_("Amount"), _money(event.amount, "VND"))]
        if event.note:
            details.append((_("Note or decision number"), event.note))
        out.append(
            DossierEntry(
                day=event.happened_on,
                kind=_("Deposit"),
                title=_("Deposit: %(what)s") % {"what": event.get_kind_display()},
                details=tuple(details),
                **recorded(event),
            )
        )

    if versions:
        changes = flag_changes(states, rules, versions[0].issued_on, today)
        # A rule replaced on a day by its successor under a new law (same code) is one entry: the flag goes on.
        by_day_code: dict[tuple[dt.date, str], list[tuple[LegalRule, str, bool]]] = {}
        for day, rule, detail, raised in changes:
            by_day_code.setdefault((day, rule.code), []).append((rule, detail, raised))
        for (day, _code), group in by_day_code.items():
            raised_now = [g for g in group if g[2]]
            cleared_now = [g for g in group if not g[2]]
            if raised_now and cleared_now:
                rule, detail, _raised = raised_now[0]
                title, tone = _("Flag continues under a new law: %(rule)s"), "warn"
            elif raised_now:
                rule, detail, _raised = raised_now[0]
                title, tone = _("Flag raised: %(rule)s"), "warn"
            else:
                rule, detail, _raised = cleared_now[0]
                title, tone = _("Flag cleared: %(rule)s"), "ok"
            details = [(_("Milestones concerned"), detail)]
            if not raised_now and rule.valid_to == day:
                details.append((_("Why"), _("The rule is no longer in force from %(day)s.") % {"day": _date(day)}))
            if rule.description:
                # The law's text is in Vietnamese only: other readers see it marked as such.
                details.append((_("Description"), as_written(rule.description)))
            out.append(
                DossierEntry(
                    day=day,
                    kind=_("Legal flag"),
                    title=title % {"rule": rule.condition_text()},
                    details=tuple(details),
                    law=_law(rule),
                    tone=tone,
                )
            )

    out.extend(edit_entries(audit))
    return out


SOURCES = [DossierSource(SLOT, project_entries, order=10)]
