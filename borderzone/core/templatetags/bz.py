"""Template filters over borderzone.core.formatting, in the active language, and the header's language links."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import template
from django.conf import settings
from django.db import models
from django.urls import reverse, translate_url
from django.utils import translation

from borderzone.core import formatting
from borderzone.core.i18n import as_written
from borderzone.core.money import Money

register = template.Library()

# Each language named in itself, as a reader looks for their own (W3C: no flags, native names).
NATIVE_NAMES = {"vi": "Tiếng Việt", "en": "English", "zh-hans": "中文"}


@register.simple_tag(takes_context=True)
def live_fragment(context: template.Context, name: str, *args: object) -> str:
    """A part of a public page that differs per reader (`core.pagecache`): a marker in a cached page's shell,
    the fragment itself otherwise."""
    from borderzone.core.pagecache import live

    return live(context, name, *args)


@register.filter
def authority_today(name: str | None) -> str:
    """The body responsible today: a body replaced by another (the Department of Planning and Investment by the
    Department of Finance from 01/03/2025) is named by its successor."""
    from django.utils import timezone

    from borderzone.core.authorities import authority_on

    return authority_on(name or "", timezone.localdate()) if name else ""


@register.filter
def written(text: str | None) -> str:
    """`core.i18n.as_written`: Vietnamese text without other-language versions, marked as such."""
    return as_written(text or "")


@register.filter
def written_block(text: str | None) -> str:
    """`written` for text of several lines or paragraphs (minutes)."""
    return as_written(text or "", multiline=True)


@register.filter
def money(value: Money | None) -> str:
    return formatting.format_money(value) if value is not None else "–"


@register.filter
def vnd(value: Decimal | int | None) -> str:
    return formatting.format_money(Money(Decimal(value), "VND")) if value is not None else "–"


@register.filter
def usd(value: Decimal | int | None) -> str:
    return formatting.format_money(Money(Decimal(value), "USD")) if value is not None else "–"


@register.filter
def unconverted(block: dict[str, Any] | None) -> str:
    """The mark of USD capital left out of a VND total (see formatting.unconverted_note); empty when none."""
    return formatting.unconverted_note(block)


@register.filter
def area(value: Decimal | int | None) -> str:
    return formatting.format_area(value) if value is not None else "–"


@register.filter
def number(value: Decimal | int | float | None, decimals: int = 2) -> str:
    return formatting.format_decimal(value, max_decimals=int(decimals)) if value is not None else "–"


@register.filter
def percent(value: Decimal | float | None) -> str:
    if not isinstance(value, Decimal | float | int) or isinstance(value, bool):
        return "–"
    return formatting.format_percent(value)


@register.filter
def bzdate(value: dt.date | dt.datetime | None) -> str:
    return formatting.format_date(value)


@register.filter
def bzmonth(value: dt.date | None) -> str:
    return formatting.format_month(value) if value is not None else ""


@register.filter
def bzdatetime(value: dt.datetime | None) -> str:
    return formatting.format_datetime(value)


@register.filter
def bzvalue(value: Any) -> str:
    """A recorded value (an audit change, say), dates and times in the zone's time zone."""
    return formatting.format_value(value)


@register.simple_tag
def history_url(instance: models.Model) -> str:
    from django.contrib.contenttypes.models import ContentType
    from django.urls import reverse

    content_type = ContentType.objects.get_for_model(instance, for_concrete_model=False)
    return reverse("core:history", args=[content_type.pk, instance.pk])


@register.filter
def get_item(mapping: dict[object, object], key: object) -> object:
    return mapping.get(key, []) if mapping else []


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[dict[str, Any]]:
    """The page being read, in each language: links, so the switch keeps the page and needs no form."""
    request = context.get("request")
    path = request.get_full_path() if request is not None else "/"
    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(path, code)
        if url == path and code != current:
            # translate_url gives the path back when it resolves to no page (a 404): go home instead.
            with translation.override(code):
                url = reverse("core:home")
        links.append({"code": code, "name": NATIVE_NAMES.get(code, code), "url": url, "current": code == current})
    return links


@register.filter
def legalref(value: str | None) -> str:
    """A citation of a legal provision ("Điều 13, khoản 1") in the active language's way."""
    return formatting.format_legal_reference(value or "")
