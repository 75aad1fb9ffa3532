"""Report builders: each kind of report registers a function that turns parameters into a file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

ProgressFn = Callable[[int], None]


@dataclass(frozen=True)
class ReportKind:
    code: str
    title: str | Promise
    formats: tuple[str, ...]
    build: Callable[
        ..., tuple[str, bytes]
    ]  # build(*, zone, params, fmt, language, progress, user) -> (filename, bytes)


_KINDS: dict[str, ReportKind] = {}


def register_report(code: str, title: str | Promise, formats: tuple[str, ...] = ("xlsx", "pdf")) -> Callable[..., Any]:
    def decorator(fn: Callable[..., tuple[str, bytes]]) -> Callable[..., tuple[str, bytes]]:
        _KINDS[code] = ReportKind(code=code, title=title, formats=formats, build=fn)
        return fn

    return decorator


def report_kinds() -> dict[str, ReportKind]:
    from borderzone.core.registry import app_modules

    list(app_modules("reporting"))  # each app's reporting.py registers its reports on import
    return dict(_KINDS)
