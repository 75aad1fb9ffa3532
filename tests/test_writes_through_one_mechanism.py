"""Every update goes through `access.services.ModelWrites` (snapshot → set → prepare → check → save → audit diff
→ bump when something changed). This walk finds the hand-written version of that path in any module of the
project (tests and migrations aside) and fails on it; it also checks itself on planted code.

What it calls hand-written:
- a `snapshot(...)` call in a function that also saves or audits: only ModelWrites (and the audit and version
  modules it stands on) takes the picture an audit diff is made from (a snapshot kept for another purpose,
  such as the values a trade figure's revision keeps, is not an audit diff);
- an `audit_record(...)` given `before=`: the diff of a hand-made snapshot;
- an `audit_record(...)` whose action is an update (not `CREATED`, `DELETED` or `IMPORTED`) in a function
  that also calls `.save(...)`: a row changed and audited by hand, even without a snapshot.
Audit rows that record no field of a saved row (a relation added, a device enrolled: `changes=` with names
the model does not have) are not updates of a row and stay allowed.
"""

from __future__ import annotations

import ast
import textwrap

from borderzone import layers

#: Modules that make the mechanism itself, where snapshots and diffs belong.
MECHANISM = {"borderzone.access.audit", "borderzone.access.services", "borderzone.access.versions"}

#: What must stay hand-written, each with its reason: `module:function`.
ALLOWED = {
    # Enrolling saves the django-otp device (not a row of ours) and audits the user it belongs to: there is
    # no field of the user to diff, only the fact `second_factor: enrolled` (`changes=`).
    "borderzone.accounts.second_factor:authenticator_confirm": "the saved row is django-otp's device",
}

NOT_UPDATES = {"CREATED", "DELETED", "IMPORTED"}


def _action(call: ast.Call) -> str:
    for keyword in call.keywords:
        if keyword.arg == "action":
            value = keyword.value
            return value.attr if isinstance(value, ast.Attribute) else ast.unparse(value)
    return "UPDATED"


def _name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def hand_written(module: str, source: str) -> list[str]:
    """The places of `source` (module `module`) that snapshot, diff or save-and-audit an update by hand."""
    if module in MECHANISM:
        return []
    found: list[str] = []
    tree = ast.parse(source)
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    for function in functions:
        where = f"{module}:{function.name}"
        if where in ALLOWED:
            continue
        calls = [n for n in ast.walk(function) if isinstance(n, ast.Call)]
        saves = any(_name(c) == "save" for c in calls)
        audits = any(_name(c) == "audit_record" for c in calls)
        for call in calls:
            name = _name(call)
            if name == "snapshot" and (saves or audits):
                found.append(f"{where}:{call.lineno} takes a snapshot by hand")
            elif name == "audit_record" and any(k.arg == "before" for k in call.keywords):
                found.append(f"{where}:{call.lineno} diffs a snapshot by hand")
            elif name == "audit_record" and saves and _action(call) not in NOT_UPDATES:
                found.append(f"{where}:{call.lineno} saves and audits an update by hand")
    return sorted(set(found))


def test_no_service_writes_an_update_by_hand():
    found = []
    for module, path in layers.project_modules().items():
        if layers.is_test(module) or ".migrations." in module:
            continue
        found += hand_written(module, path.read_text())
    assert found == []


def test_every_allowed_exception_still_exists_and_says_why():
    modules = layers.project_modules()
    for where, reason in ALLOWED.items():
        module, function = where.split(":")
        tree = ast.parse(modules[module].read_text())
        assert function in {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
        assert len(reason) > 20


def test_the_walk_finds_a_planted_snapshot_a_hand_diff_and_a_hand_update():
    planted = textwrap.dedent(
        """\
        def rate_correct(*, rate, value, actor):
            before = snapshot(rate)
            rate.value = value
            rate.save()
            audit_record(actor=actor, instance=rate, before=before)

        def flag_count_set(*, comment, count, actor):
            comment.flag_count = count
            comment.save(update_fields=["flag_count"])
            audit_record(actor=actor, instance=comment, action=AuditAction.STATUS_CHANGED, changes={})

        def rate_create(*, actor):
            rate = Rate(value=1)
            rate.save()
            audit_record(actor=actor, instance=rate, action=AuditAction.CREATED)

        def revision_values(figure):
            return snapshot(figure, fields=["value"])

        def investor_link_user(*, investor, user, actor):
            investor.users.add(user)
            audit_record(actor=actor, instance=investor, changes={"users": [None, user.username]})
        """
    )
    assert hand_written("borderzone.planted.services", planted) == [
        "borderzone.planted.services:flag_count_set:10 saves and audits an update by hand",
        "borderzone.planted.services:rate_correct:2 takes a snapshot by hand",
        "borderzone.planted.services:rate_correct:5 diffs a snapshot by hand",
    ]
    assert hand_written("borderzone.access.services", planted) == []
