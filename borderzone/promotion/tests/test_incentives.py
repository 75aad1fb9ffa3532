import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.urls import reverse

from borderzone.core.models import AuditEvent
from borderzone.documents import services as document_services
from borderzone.promotion import selectors
from borderzone.promotion.models import Incentive

pytestmark = pytest.mark.django_db


def test_an_incentive_for_a_section_reaches_its_divisions_and_every_sector_incentives_reach_all(
    make_incentive, sectors
):
    for_c = make_incentive(title="Ưu đãi chế biến", sectors=[sectors["C"]])
    make_incentive(title="Ưu đãi kho bãi", sectors=[sectors["H"]])
    for_all = make_incentive(title="Ưu đãi chung")
    found = selectors.incentive_list(AnonymousUser(), sector=sectors["10"])
    assert {i.pk for i in found} == {for_c.pk, for_all.pk}


def test_area_filter_keeps_the_area_and_whole_zone_incentives(make_incentive, areas):
    nt = make_incentive(
        title="Miễn thuế nhập khẩu", kind="import_duty", area_scope="non_tariff", functional_areas=[areas["non_tariff"]]
    )
    make_incentive(title="Giảm tiền thuê đất KCN", kind="land_rent", area_scope="industrial_park")
    whole = make_incentive(title="Thuế suất 10%")
    assert {i.pk for i in selectors.incentive_list(AnonymousUser(), area_scope="non_tariff")} == {nt.pk, whole.pk}


def test_an_incentive_cites_a_document_of_its_zone_and_published_incentives_need_a_published_document(
    zone, other_zone, actor, make_incentive
):
    foreign = document_services.document_create(
        zone=other_zone, actor=actor, number="1/QĐ", doc_type="decision", issuer="X", title="Y", issued_on="2024-01-01"
    )
    with pytest.raises(ValidationError, match="khu kinh tế khác"):
        make_incentive(document=foreign)
    draft = document_services.document_create(
        zone=zone, actor=actor, number="2/QĐ", doc_type="decision", issuer="X", title="Y", issued_on="2024-01-01"
    )
    with pytest.raises(ValidationError, match="Công khai văn bản 2/QĐ"):
        make_incentive(document=draft)
    assert Incentive.objects.count() == 0


def test_non_tariff_incentive_refuses_an_industrial_park(make_incentive, areas):
    with pytest.raises(ValidationError):
        make_incentive(area_scope="non_tariff", functional_areas=[areas["park"]])


def test_incentives_page_shows_the_clause_and_links_the_document(client, make_incentive, law, sectors):
    make_incentive(sectors=[sectors["C"]])
    body = client.get(reverse("investing:home"), {"sector": sectors["10"].pk}).content.decode()
    assert "Thuế suất thu nhập doanh nghiệp 10% trong 15 năm" in body
    assert "Điều 13, khoản 1" in body
    assert reverse("documents:detail", args=[law.pk]) in body


def test_unpublished_incentives_are_invisible_to_visitors(client, make_incentive):
    make_incentive(title="Ưu đãi nội bộ", is_published=False)
    assert "Ưu đãi nội bộ" not in client.get(reverse("investing:home")).content.decode()
    assert client.get("/api/v1/investing/incentives").json() == []


def test_api_filters_incentives_by_sector_code(client, make_incentive, sectors):
    make_incentive(title="Ưu đãi chế biến", sectors=[sectors["C"]])
    make_incentive(title="Ưu đãi kho bãi", sectors=[sectors["H"]])
    data = client.get("/api/v1/investing/incentives", {"sector": "10"}).json()
    assert [i["title"] for i in data] == ["Ưu đãi chế biến"]
    assert data[0]["document"]["number"] == "67/2025/QH15" and data[0]["clause"] == "Điều 13, khoản 1"


def test_changing_an_incentive_is_audited_with_its_sectors(make_incentive, actor, sectors):
    from borderzone.promotion import services

    incentive = make_incentive()
    services.incentive_update(incentive=incentive, actor=actor, sectors=[sectors["C"]], clause="Điều 13, khoản 2")
    events = AuditEvent.objects.filter(object_id=str(incentive.pk), action="updated")
    assert any(e.changes.get("clause") == ["Điều 13, khoản 1", "Điều 13, khoản 2"] for e in events)
    assert any("sectors" in e.changes for e in events)


def test_the_incentives_page_is_cached_for_visitors_and_refreshed_when_an_incentive_changes(
    client, make_incentive, actor, django_assert_max_num_queries
):
    from borderzone.promotion import services

    incentive = make_incentive(title="Ưu đãi ban đầu")
    assert "Ưu đãi ban đầu" in client.get(reverse("investing:home")).content.decode()
    with django_assert_max_num_queries(3):
        client.get(reverse("investing:home"))
    services.incentive_update(incentive=incentive, actor=actor, title="Ưu đãi đã sửa")
    assert "Ưu đãi đã sửa" in client.get(reverse("investing:home")).content.decode()
