"""Optimistic locking of staff forms: a stale form shows the other person's change instead of overwriting it."""

import re
from decimal import Decimal

import pytest
from django.test import Client

from borderzone.accounts.tests.factories import UserFactory
from borderzone.zones.models import FunctionalArea
from borderzone.zones.tests.factories import FunctionalAreaFactory

pytestmark = pytest.mark.django_db


def _form(html: str) -> dict[str, str]:
    """The values a browser would send back from the page's edit form, as drawn."""
    data = {
        name: value
        for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html)
        if name != "csrfmiddlewaretoken"
    }
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        data[name] = body.strip()
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', options)
        data[name] = chosen.group(1) if chosen else ""
    return data


def test_the_second_of_two_editors_sees_the_first_ones_change_and_nothing_is_lost(zone, specialist):
    area = FunctionalAreaFactory(zone=zone, name="Khu công nghiệp Đề Thám", area_ha=Decimal("100"))
    url = f"/staff/functional-areas/{area.pk}/edit/"
    first, second = Client(), Client()
    first.force_login(specialist)
    second.force_login(UserFactory(username="spec_b", role="specialist", zones=[zone]))
    form_a = _form(first.get(url).text)
    form_b = _form(second.get(url).text)
    assert form_a["_version"] and {**form_a, "_version": ""} == {**form_b, "_version": ""}

    assert first.post(url, {**form_a, "area_ha": "120"}).status_code == 302
    refused = second.post(url, {**form_b, "name": "KCN Đề Thám mở rộng"})

    assert refused.status_code == 409
    assert "spec_a đã sửa bản ghi này sau khi bạn mở" in refused.text and "120.00" in refused.text
    area.refresh_from_db()
    assert (area.name, area.area_ha) == ("Khu công nghiệp Đề Thám", Decimal("120.00"))
    # Sent again after reading the other change, the form saves (its version is now the current one).
    again = _form(refused.text)
    assert second.post(url, {**again, "name": "KCN Đề Thám mở rộng", "area_ha": "120"}).status_code == 302
    area.refresh_from_db()
    assert (area.name, area.area_ha) == ("KCN Đề Thám mở rộng", Decimal("120.00"))


def test_a_forged_version_is_refused_and_an_absent_one_is_not_checked(zone, specialist, client):
    area = FunctionalAreaFactory(zone=zone, name="Khu A")
    url = f"/staff/functional-areas/{area.pk}/edit/"
    client.force_login(specialist)
    form = _form(client.get(url).text)
    assert client.post(url, {**form, "_version": "forged", "name": "Khu B"}).status_code == 409
    assert FunctionalArea.objects.get(pk=area.pk).name == "Khu A"
    del form["_version"]
    assert client.post(url, {**form, "name": "Khu C"}).status_code == 302
    assert FunctionalArea.objects.get(pk=area.pk).name == "Khu C"
