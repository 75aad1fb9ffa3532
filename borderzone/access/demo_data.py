"""Pieces the apps' demo loaders (`<app>/demo.py`) share, so that loading the demo twice creates nothing twice.

Not named demo.py: the registry would take it for the core app's own demo loader."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from operator import itemgetter
from typing import Any, TextIO

from django.db import models

from borderzone.zones.models import EconomicZone


def demo_zone(code: str, out: TextIO, missing_note: str) -> EconomicZone | None:
    """The demo zone, or None after writing `missing_note` (the loader then loads nothing)."""
    zone = EconomicZone.objects.filter(code=code).first()
    if zone is None:
        out.write(missing_note)
    return zone


def missing[R](
    rows: Iterable[R], existing: models.QuerySet[Any], field: str, key: Callable[[Any], Any] = itemgetter(0)
) -> Iterator[R]:
    """The demo rows not loaded yet: those whose `key` (by default their first value) no row of
    `existing` has as its `field`. One query, whatever the number of rows."""
    present = set(existing.values_list(field, flat=True))
    return (row for row in rows if key(row) not in present)


def untranslated(instance: models.Model, translations: Mapping[str, Any]) -> dict[str, Any]:
    """The translations (`name_en=...`, `title_zh=...`) a row loaded earlier still lacks: those with a value
    whose field is still empty. A version staff wrote is never replaced."""
    return {field: value for field, value in translations.items() if value and not getattr(instance, field)}
