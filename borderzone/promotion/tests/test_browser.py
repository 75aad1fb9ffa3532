from decimal import Decimal

import pytest

from borderzone.access.actors import command_actor
from borderzone.promotion import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_call_map_draws_the_province_outline_and_the_site_without_tiles(page, zone, gate_area):
    call = services.call_create(
        zone=zone,
        actor=command_actor("test"),
        title="Cảng cạn ICD Trà Lĩnh",
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
    assert page.locator("#call-map path.leaflet-interactive").count() >= 2
    assert page.locator("#call-map img.leaflet-tile").count() == 0
    assert page.watch.external_requests == []
    assert page.watch.console_errors == [] and page.watch.page_errors == []
