"""Writes on reference rates: one rate set by hand, or many imported from a CSV file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from borderzone.access.actors import Actor
from borderzone.access.services import ModelWrites
from borderzone.core.tabular import RowError, TableError, cell_text, check_columns, parse_amount, parse_date, read_table
from borderzone.rates.models import ReferenceRate

SCOPE = "rates"
CURRENCIES = ("USD",)
COLUMNS = ("day", "currency", "vnd_per_unit", "source")

# A rate's value, source and who set it are decided by `rate_set` (`also`), none taken from callers.
RATES = ModelWrites(ReferenceRate, (), SCOPE, clash_field="day")


@transaction.atomic
def rate_set(*, currency: str, day: dt.date, vnd_per_unit: Decimal, source: str, actor: Actor) -> ReferenceRate:
    """Record (or correct) the reference rate of a currency on a day, with where it was read."""
    currency = currency.strip().upper()
    if currency not in CURRENCIES:
        raise ValidationError({"currency": _("Rates are kept for USD only.")})
    if vnd_per_unit <= 0:
        raise ValidationError({"vnd_per_unit": _("The rate must be above zero.")})
    if not source.strip():
        raise ValidationError({"source": _("Say where the rate was read (the State Bank's notice, say).")})
    rate = ReferenceRate.objects.filter(currency=currency, day=day).first()
    also = {"vnd_per_unit": vnd_per_unit, "source": source.strip(), "updated_by": actor.user}
    rate, _outcome = RATES.record(rate, actor, {}, parents={"currency": currency, "day": day}, also=also)
    return rate


@dataclass
class RatesImported:
    saved: int
    errors: list[str]


def rates_import(*, data: bytes, actor: Actor) -> RatesImported:
    """Rates from a CSV or XLSX file with columns day, currency, vnd_per_unit, source; every row is
    checked first, and nothing is saved if one is wrong (rows counted from 1 after the header)."""
    try:
        table = read_table(data, max_rows=20000)
        check_columns(table, COLUMNS)
    except TableError as exc:
        return RatesImported(0, [str(exc)])
    parsed: list[tuple[int, str, dt.date, Decimal, str]] = []
    errors: list[str] = []
    for number, row in table.numbered():
        try:
            day = parse_date(row.get("day"))
        except (ValueError, TableError) as exc:
            errors.append(str(RowError(number, "day", str(exc))))
            continue
        try:
            value = parse_amount(row.get("vnd_per_unit"), whole=False)
        except (ValueError, TableError) as exc:
            errors.append(str(RowError(number, "vnd_per_unit", str(exc))))
            continue
        parsed.append((number, cell_text(row.get("currency")) or "", day, value, cell_text(row.get("source")) or ""))
    if errors:
        return RatesImported(0, errors)
    try:
        with transaction.atomic():
            for number, currency, day, value, source in parsed:
                try:
                    rate_set(currency=currency, day=day, vnd_per_unit=value, source=source, actor=actor)
                except ValidationError as exc:
                    for column, messages in exc.message_dict.items():
                        errors.extend(str(RowError(number, column, m)) for m in messages)
            if errors:
                raise ValidationError(errors)
    except ValidationError:
        return RatesImported(0, errors)
    return RatesImported(len(parsed), [])
