"""Map labels and tooltips are text, never HTML (issue 14): a gate or call named like markup shows those
characters, and no element is created from them, on /map/ and /investing/calls/<id>/."""

from __future__ import annotations

from decimal import Decimal

import pytest

from borderzone.access.actors import command_actor
from borderzone.gates.tests.factories import BorderGateFactory
from borderzone.zones.tests.factories import EconomicZoneFactory, ProvinceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOSTILE = '<img src=x onerror="document.body.dataset.xss=1">Trà Lĩnh'


def _hover_tooltip(page, selector: str, tooltip_selector: str = ".leaflet-tooltip") -> str:
    tooltip = page.locator(tooltip_selector)
    for _attempt in range(3):  # on a loaded machine the map may still be fitting its bounds
        page.locator(selector).first.hover(force=True)
        try:
            tooltip.first.wait_for(timeout=5000)
            break
        except Exception:  # noqa: S112 - retried, and the assertions below fail if it never shows
            continue
    return tooltip.first.inner_text()


def test_a_gate_named_like_markup_shows_as_text_on_the_map(page, settings):
    settings.DEFAULT_ZONE_CODE = "CB"
    zone = EconomicZoneFactory(code="CB", name="Khu kinh tế cửa khẩu Cao Bằng", province=ProvinceFactory(code="04"))
    BorderGateFactory(
        zone=zone, code="X1", name=HOSTILE, gate_type="international",
        latitude=Decimal("22.87249"), longitude=Decimal("106.32446"),
    )  # fmt: skip
    page.goto(page.base_url + "/map/")
    page.wait_for_selector("#gate-map[data-ready='true']", timeout=15000)
    # The gate's own tooltip: a commune's (sticky, underneath) may be open too.
    assert _hover_tooltip(page, "path.gate-marker", ".leaflet-tooltip.gate-tooltip") == HOSTILE
    assert page.locator(".leaflet-tooltip img").count() == 0
    assert page.evaluate("document.body.dataset.xss") is None


def test_a_call_titled_like_markup_shows_as_text_on_its_map(page, zone, gate_area):
    from borderzone.promotion import services

    call = services.call_create(
        zone=zone,
        actor=command_actor("test"),
        title=HOSTILE,
        objectives="Cảng cạn 5 ha",
        gate_area=gate_area,
        latitude=Decimal("22.86"),
        longitude=Decimal("106.33"),
        land_area_ha=Decimal("5"),
        status="open",
        is_published=True,
    )
    page.goto(f"{page.base_url}/investing/calls/{call.pk}/")
    page.wait_for_selector("#call-map[data-ready='1']")
    assert _hover_tooltip(page, "#call-map path.leaflet-interactive >> nth=-1") == HOSTILE
    assert page.locator(".leaflet-tooltip img").count() == 0
    assert page.evaluate("document.body.dataset.xss") is None
