"""The one place numbers, amounts, areas and dates become text, for pages, exports, API texts and reports.

Vietnamese: 12.373 tỷ đồng, 11 triệu USD, 30.130,34 ha, 21/09/2020.
English:    VND 12,373 billion, USD 11 million, 30,130.34 ha, 21 Sep 2020.
Chinese:    123,730亿越南盾, 1,100万美元, 30,130.34公顷, 2020年9月21日 (amounts in 万 and 亿, as Chinese
            statistics write them: 10⁴ and 10⁸, not thousands and millions).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from django.utils import timezone, translation
from django.utils.translation import ngettext

from borderzone.core.money import Money

Scale = Literal["auto", "unit", "thousand", "million", "billion"]

_SCALES: dict[str, Decimal] = {
    "unit": Decimal(1),
    "thousand": Decimal(10) ** 3,
    "million": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
}
_VI_UNITS = {
    ("VND", "unit"): "đồng",
    ("VND", "thousand"): "nghìn đồng",
    ("VND", "million"): "triệu đồng",
    ("VND", "billion"): "tỷ đồng",
    ("USD", "unit"): "USD",
    ("USD", "thousand"): "nghìn USD",
    ("USD", "million"): "triệu USD",
    ("USD", "billion"): "tỷ USD",
}
_ZH_CURRENCIES = {"VND": "越南盾", "USD": "美元"}
# A forced Western scale reads as the unit headings of Chinese financial tables (单位：百万美元).
_ZH_SCALE_WORDS = {"unit": "", "thousand": "千", "million": "百万", "billion": "十亿"}
# Automatic Chinese scales, largest first: 亿 (10⁸) and 万 (10⁴).
_ZH_AUTO_SCALES = (("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4))
_EN_SCALE_WORDS = {"unit": "", "thousand": " thousand", "million": " million", "billion": " billion"}
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def current_lang(lang: str | None = None) -> str:
    """'vi', 'zh' or 'en' style for the given or active language (any other language reads the English way)."""
    code = (lang or translation.get_language() or "vi").lower()
    if code.startswith("vi"):
        return "vi"
    if code.startswith("zh"):
        return "zh"
    return "en"


def format_decimal(
    value: Decimal | int | float,
    lang: str | None = None,
    *,
    max_decimals: int = 2,
    min_decimals: int = 0,
) -> str:
    """Group thousands and mark decimals the way the language does, trimming trailing zeros."""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    quantum = Decimal(1).scaleb(-max_decimals)
    number = number.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    digits = f"{abs(number):f}"
    whole, _, frac = digits.partition(".")
    frac = frac.rstrip("0")
    if len(frac) < min_decimals:
        frac = frac.ljust(min_decimals, "0")
    if not frac.strip("0") and min_decimals == 0:
        frac = ""
    style = current_lang(lang)
    group, point = (".", ",") if style == "vi" else (",", ".")
    grouped = f"{int(whole):,}".replace(",", group)
    if sign and grouped == "0" and not frac:
        sign = ""
    return f"{sign}{grouped}{point}{frac}" if frac else f"{sign}{grouped}"


def auto_scale(amount: Decimal) -> str:
    size = abs(amount)
    if size >= _SCALES["billion"]:
        return "billion"
    if size >= _SCALES["million"]:
        return "million"
    return "unit"


def format_money(
    money: Money,
    lang: str | None = None,
    *,
    scale: Scale = "auto",
    max_decimals: int | None = None,
) -> str:
    """An amount with its currency in the units leaders read: tỷ đồng, triệu USD; 亿越南盾, 万美元."""
    if current_lang(lang) == "zh":
        return _format_money_zh(money, scale=scale, max_decimals=max_decimals)
    chosen = auto_scale(money.amount) if scale == "auto" else scale
    scaled = money.amount / _SCALES[chosen]
    if max_decimals is None:
        max_decimals = 0 if (chosen == "unit" and money.currency == "VND") else 2
    number = format_decimal(scaled, lang, max_decimals=max_decimals)
    if current_lang(lang) == "vi":
        return f"{number} {_VI_UNITS[(money.currency, chosen)]}"
    return f"{money.currency} {number}{_EN_SCALE_WORDS[chosen]}"


def _format_money_zh(money: Money, *, scale: Scale, max_decimals: int | None) -> str:
    if scale == "auto":
        word, divisor = next(((w, d) for w, d in _ZH_AUTO_SCALES if abs(money.amount) >= d), ("", Decimal(1)))
    else:
        word, divisor = _ZH_SCALE_WORDS[scale], _SCALES[scale]
    if max_decimals is None:
        max_decimals = 0 if (divisor == 1 and money.currency == "VND") else 2
    number = format_decimal(money.amount / divisor, "zh", max_decimals=max_decimals)
    return f"{number}{word}{_ZH_CURRENCIES[money.currency]}"


def format_area(hectares: Decimal | int | float, lang: str | None = None) -> str:
    number = format_decimal(hectares, lang, max_decimals=2)
    return f"{number}公顷" if current_lang(lang) == "zh" else f"{number} ha"


def format_percent(ratio: Decimal | float | None, lang: str | None = None, *, decimals: int = 1) -> str:
    """A ratio (0.255) as a percentage (25,5% / 25.5%); None as a dash."""
    if ratio is None:
        return "–"
    value = Decimal(str(ratio)) * 100
    return f"{format_decimal(value, lang, max_decimals=decimals)}%"


def format_date(value: dt.date | dt.datetime | None, lang: str | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    style = current_lang(lang)
    if style == "vi":
        return value.strftime("%d/%m/%Y")
    if style == "zh":
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day} {_EN_MONTHS[value.month - 1]} {value.year}"


def format_datetime(value: dt.datetime | None, lang: str | None = None) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{format_date(local, lang)} {local:%H:%M}"


def format_value(value: Any, lang: str | None = None) -> str:
    """Any recorded value as a reader expects it: a date or time (also one stored as ISO text, as the
    audit keeps changes) in the zone's time zone and the reader's order; anything else as it is."""
    if isinstance(value, dt.datetime):
        return format_datetime(value, lang)
    if isinstance(value, dt.date):
        return format_date(value, lang)
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            if len(value) == 10:
                return format_date(dt.date.fromisoformat(value), lang)
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        return format_datetime(moment, lang) if timezone.is_aware(moment) else format_date(moment, lang)
    return "" if value is None else str(value)


def format_month(value: dt.date, lang: str | None = None) -> str:
    style = current_lang(lang)
    if style == "vi":
        return f"{value.month:02d}/{value.year}"
    if style == "zh":
        return f"{value.year}年{value.month}月"
    return f"{_EN_MONTHS[value.month - 1]} {value.year}"


# How charts write numbers, dates and money in each language (core/static/core/charts.js reads it):
# the same separators, date order and money units as the pages (tỷ đồng / VND billion / 亿越南盾).
_CHART_LOCALES = {"vi": "vi-VN", "en": "en-GB", "zh": "zh-CN"}
_CHART_DATES = {"vi": "dd/mm/yyyy", "en": "d mon yyyy", "zh": "yyyy年m月d日"}


def chart_format(lang: str | None = None) -> dict[str, Any]:
    """The reader's conventions for a chart: locale, thousands and decimal marks, date pattern, month
    names, and the units (with their divisors) in which large amounts of money are drawn."""
    style = current_lang(lang)
    group, point = (".", ",") if style == "vi" else (",", ".")
    if style == "zh":
        money = {
            "VND": {"divisor": 10**8, "unit": f"亿{_ZH_CURRENCIES['VND']}"},
            "USD": {"divisor": 10**4, "unit": f"万{_ZH_CURRENCIES['USD']}"},
        }
    elif style == "vi":
        money = {
            "VND": {"divisor": 10**9, "unit": _VI_UNITS[("VND", "billion")]},
            "USD": {"divisor": 10**6, "unit": _VI_UNITS[("USD", "million")]},
        }
    else:
        money = {
            "VND": {"divisor": 10**9, "unit": "VND billion"},
            "USD": {"divisor": 10**6, "unit": "USD million"},
        }
    return {
        "lang": style,
        "locale": _CHART_LOCALES[style],
        "group": group,
        "decimal": point,
        "date": _CHART_DATES[style],
        "months": list(_EN_MONTHS),
        "money": money,
    }


_LEGAL_REFERENCE = re.compile(
    r"^\s*Điều\s+(?P<article>\d+[a-z]?)\s*,?"
    r"(?:\s*khoản\s+(?P<clause>\d+[a-z]?)\s*,?)?"
    r"(?:\s*điểm\s+(?P<point>[a-zđ]{1,2})\s*)?\s*$",
    re.IGNORECASE,
)


def format_legal_reference(text: str, lang: str | None = None) -> str:
    """A Vietnamese citation of a legal provision ("Điều 13, khoản 1, điểm c") the way readers of the
    language cite it: "Article 13(1)(c)", "第13条第1款第c项". Text that is not such a citation (a note, a
    range) is returned as written, in Vietnamese."""
    style = current_lang(lang)
    match = _LEGAL_REFERENCE.match(text or "")
    if style == "vi" or match is None:
        return text
    article, clause, point = match.group("article"), match.group("clause"), match.group("point")
    if style == "zh":
        return f"第{article}条" + (f"第{clause}款" if clause else "") + (f"第{point}项" if point else "")
    return f"Article {article}" + (f"({clause})" if clause else "") + (f"({point})" if point else "")


def unconverted_note(block: dict[str, Any] | None) -> str:
    """The mark beside a VND total that leaves out capital in USD not converted yet (no reference rate known
    on the certificate date): "(không kể 2 dự án vốn USD chưa quy đổi: 3 triệu USD)"; empty when none is
    left out; in the active language. `block` is the register summary's `unconverted_usd`
    ({"projects": n, "amount": usd})."""
    if not block or not block["projects"]:
        return ""
    n = int(block["projects"])
    return ngettext(
        "(not counting %(n)s project with capital in USD not converted: %(amount)s)",
        "(not counting %(n)s projects with capital in USD not converted: %(amount)s)",
        n,
    ) % {"n": n, "amount": format_money(Money(Decimal(block["amount"]), "USD"))}
