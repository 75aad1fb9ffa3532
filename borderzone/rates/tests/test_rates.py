import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from borderzone.access.actors import Actor
from borderzone.accounts.models import Role
from borderzone.accounts.tests.factories import UserFactory
from borderzone.core.models import AuditEvent
from borderzone.rates.models import ReferenceRate
from borderzone.rates.selectors import rate_on
from borderzone.rates.services import rate_set, rates_import

pytestmark = pytest.mark.django_db

SBV = "NHNN, tỷ giá trung tâm"


@pytest.fixture
def administrator():
    return UserFactory(username="admin_rates", role=Role.ADMIN)


@pytest.fixture
def admin_actor(administrator):
    return Actor(user=administrator, via="test", ip_address="127.0.0.1")


def test_the_rate_of_a_day_is_that_day_or_the_nearest_earlier_one(admin_actor):
    rate_set(currency="usd", day=dt.date(2016, 5, 2), vnd_per_unit=Decimal(21870), source=SBV, actor=admin_actor)
    rate_set(currency="USD", day=dt.date(2016, 5, 6), vnd_per_unit=Decimal(21880), source=SBV, actor=admin_actor)
    assert rate_on("USD", dt.date(2016, 5, 2)).vnd_per_unit == Decimal(21870)
    assert rate_on("USD", dt.date(2016, 5, 5)).vnd_per_unit == Decimal(21870)
    assert rate_on("USD", dt.date(2016, 5, 8)).vnd_per_unit == Decimal(21880)
    assert rate_on("USD", dt.date(2016, 5, 1)) is None


def test_a_corrected_rate_keeps_its_source_and_is_audited(admin_actor, administrator):
    rate_set(currency="USD", day=dt.date(2016, 5, 2), vnd_per_unit=Decimal(21870), source=SBV, actor=admin_actor)
    rate = rate_set(
        currency="USD", day=dt.date(2016, 5, 2), vnd_per_unit=Decimal(21875), source="Thông báo 123", actor=admin_actor
    )
    assert ReferenceRate.objects.count() == 1
    assert (rate.vnd_per_unit, rate.source, rate.updated_by) == (Decimal(21875), "Thông báo 123", administrator)
    assert list(AuditEvent.objects.filter(object_id=str(rate.pk)).values_list("action", flat=True).order_by("id")) == [
        "created",
        "updated",
    ]
    with pytest.raises(ValidationError, match="source|nguồn|đọc"):
        rate_set(currency="USD", day=dt.date(2016, 5, 3), vnd_per_unit=Decimal(1), source=" ", actor=admin_actor)


def test_a_csv_of_rates_is_saved_whole_or_not_at_all_with_rows_counted_from_one(admin_actor):
    good = 'day,currency,vnd_per_unit,source\n02/05/2016,USD,21870,NHNN\n2016-05-03,USD,"21.875",NHNN\n'
    assert rates_import(data=good.encode(), actor=admin_actor).saved == 2
    bad = (
        "day,currency,vnd_per_unit,source\n04/05/2016,USD,21880,NHNN\n31/02/2016,USD,1,NHNN\n05/05/2016,EUR,25000,ECB\n"
    )
    result = rates_import(data=bad.encode(), actor=admin_actor)
    assert result.saved == 0 and len(result.errors) == 1 and result.errors[0].startswith("dòng 2, day")
    result = rates_import(data=bad.replace("31/02/2016", "01/05/2016").encode(), actor=admin_actor)
    assert result.saved == 0 and len(result.errors) == 1 and result.errors[0].startswith("dòng 3, currency")
    assert ReferenceRate.objects.count() == 2


def test_only_administrators_change_rates_on_the_staff_page(client, administrator, specialist):
    client.force_login(specialist)
    assert client.get("/staff/rates/").status_code == 200
    post = {"currency": "USD", "day": "02/05/2016", "vnd_per_unit": "21870", "source": SBV}
    assert client.post("/staff/rates/", post).status_code == 404
    client.force_login(administrator)
    assert client.post("/staff/rates/", post).status_code == 302
    assert ReferenceRate.objects.get().day == dt.date(2016, 5, 2)
    page = client.get("/staff/rates/").content.decode()
    assert "02/05/2016" in page and SBV in page


def test_the_exported_rates_read_in_the_readers_language_and_import_back_unchanged(client, administrator, admin_actor):
    # given two rates, one with a fractional value
    rate_set(currency="USD", day=dt.date(2016, 5, 2), vnd_per_unit=Decimal("21870.50"), source=SBV, actor=admin_actor)
    rate_set(currency="USD", day=dt.date(2016, 5, 3), vnd_per_unit=Decimal(21880), source=SBV, actor=admin_actor)
    client.force_login(administrator)
    # when an English reader exports them
    content = client.get("/en/staff/rates/export.csv").content.decode("utf-8-sig")
    # then the headers are in English, the import's codes in the second row, and the rates follow
    lines = content.splitlines()
    assert lines[:2] == ["Day,Currency,VND per unit,Source", "day,currency,vnd_per_unit,source"]
    assert sorted(lines[2:]) == [f'02/05/2016,USD,21870.50,"{SBV}"', f'03/05/2016,USD,21880.00,"{SBV}"']
    # and the file imports back with nothing changed
    assert rates_import(data=content.encode(), actor=admin_actor).errors == []
    assert sorted(ReferenceRate.objects.values_list("day", "vnd_per_unit")) == [
        (dt.date(2016, 5, 2), Decimal("21870.50")),
        (dt.date(2016, 5, 3), Decimal("21880.00")),
    ]
