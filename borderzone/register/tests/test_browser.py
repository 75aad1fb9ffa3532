import datetime as dt
from decimal import Decimal

import pytest

from borderzone.access.actors import Actor
from borderzone.accounts.tests.factories import TEST_PASSWORD, UserFactory
from borderzone.register import services
from borderzone.register.tests.factories import make_project
from borderzone.zones.tests.factories import EconomicZoneFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_project_page_draws_the_capital_chart_without_errors(page, settings):
    settings.DEFAULT_ZONE_CODE = "CB"
    zone = EconomicZoneFactory(code="CB", name="Khu kinh tế cửa khẩu tỉnh Cao Bằng")
    user = UserFactory(username="chuyenvien", role="specialist", zones=[zone])
    actor = Actor(user=user, via="test")
    project = make_project(zone, actor, code="4300000001", plans={"operation_start": dt.date(2019, 1, 1)})
    services.disbursement_record(project=project, paid_on=dt.date(2019, 2, 1), amount=Decimal(10**9), actor=actor)

    page.goto(page.base_url + "/accounts/login/")
    page.fill("input[name=username]", "chuyenvien")
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url(page.base_url + "/staff/")
    page.goto(page.base_url + "/staff/investments/4300000001/")
    page.wait_for_selector("#capital-chart canvas")

    assert page.locator("h1").inner_text() == "Kho bãi Trà Lĩnh"
    assert page.watch.external_requests == []
    assert page.watch.console_errors == [] and page.watch.page_errors == []
