"""Authorities that were replaced on a date, so that the system never names a body that no longer exists.

From 01/03/2025 the Ministry of Finance took over the Ministry of Planning and Investment's role, and each
provincial Department of Finance the Department of Planning and Investment's (the two ministries merged;
see docs/legal-sources.md). A name stored before the change stays as it was written (it is history); where
the system names the body responsible now, it names the successor beside the old name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from borderzone.core.text import name_key


@dataclass(frozen=True)
class Succession:
    old: str
    new: str
    on: dt.date


MERGER_DAY = dt.date(2025, 3, 1)
SUCCESSIONS = [
    Succession("Bộ Kế hoạch và Đầu tư", "Bộ Tài chính", MERGER_DAY),
    Succession("Sở Kế hoạch và Đầu tư", "Sở Tài chính", MERGER_DAY),
]
_BY_KEY = {name_key(s.old): s for s in SUCCESSIONS}


def successor_on(name: str, day: dt.date) -> Succession | None:
    """The succession that replaced the body `name` on or before `day`, if any."""
    succession = _BY_KEY.get(name_key(name or ""))
    return succession if succession is not None and day >= succession.on else None


def authority_on(name: str, day: dt.date) -> str:
    """The body to name on `day`: the successor, saying whom it replaced and since when, or `name` itself."""
    succession = successor_on(name, day)
    if succession is None:
        return name
    return _("%(new)s (in place of %(old)s since %(date)s)") % {
        "new": succession.new,
        "old": succession.old,
        "date": succession.on.strftime("%d/%m/%Y"),
    }
