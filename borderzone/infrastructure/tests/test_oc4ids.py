from __future__ import annotations

import datetime as dt

import pytest

from borderzone.infrastructure import oc4ids
from borderzone.infrastructure.tests.factories import BILLION, FundingFactory, WorkFactory

pytestmark = pytest.mark.django_db


def test_the_shipped_example_validates_so_the_local_schema_store_works():
    import json

    example = json.loads((oc4ids.SCHEMA_DIR / "example-package.json").read_text(encoding="utf-8"))
    assert oc4ids.validation_errors(example) == []


def test_a_broken_package_is_reported():
    errors = oc4ids.validation_errors(
        {
            "uri": "x",
            "version": "0.9",
            "publisher": {"name": "A"},
            "publishedDate": "x",
            "projects": [{"title": "no id"}],
        }
    )
    assert any("'id' is a required property" in e for e in errors)


@pytest.fixture
def funded_work(zone, gate_area):
    work = WorkFactory(
        zone=zone,
        gate_area=gate_area,
        code="HT-1",
        kind="road",
        status="implementation",
        capital_need_vnd=240 * BILLION,
        medium_term_allocation_vnd=170 * BILLION,
        start_date=dt.date(2017, 3, 1),
        planned_completion=dt.date(2020, 12, 31),
    )
    FundingFactory(work=work, year=2017, source="central", allocated_vnd=60 * BILLION, disbursed_vnd=55 * BILLION)
    FundingFactory(work=work, year=2018, source="provincial", allocated_vnd=40 * BILLION, disbursed_vnd=0)
    return work


def test_the_export_is_valid_oc4ids_with_codelist_values(client, funded_work):
    response = client.get("/api/v1/infrastructure/oc4ids")

    assert response.status_code == 200
    data = response.json()
    assert oc4ids.validation_errors(data) == []
    project = data["projects"][0]
    assert project["id"] == f"oc4ids-bzvn-{funded_work.zone.code}-HT-1"
    assert project["status"] in oc4ids.codelist("projectStatus")
    assert project["type"] in oc4ids.codelist("projectType")
    assert set(project["sector"]) <= oc4ids.codelist("projectSector")
    assert {m["type"] for m in project["milestones"]} <= oc4ids.codelist("milestoneType")
    assert {r for p in project["parties"] for r in p["roles"]} <= oc4ids.codelist("partyRole")
    assert project["budget"]["amount"] == {"amount": 240 * 10**9, "currency": "VND"}
    by_period, by_funder = project["budget"]["budgetBreakdowns"]
    assert by_period["budgetBreakdown"][0]["amount"]["amount"] == 170 * 10**9
    assert [b["id"] for b in by_funder["budgetBreakdown"]] == ["2017-central", "2018-provincial"]
    assert [t["value"]["amount"] for t in project["transactions"]] == [55 * 10**9]
    assert project["locations"][0]["address"]["countryName"] == "Việt Nam"


def test_every_demo_work_exports_validly(client):
    import io

    from django.core.management import call_command

    call_command("load_demo", stdout=io.StringIO())
    data = client.get("/api/v1/infrastructure/oc4ids", {"zone": "CB"}).json()
    assert len(data["projects"]) == 12
    assert oc4ids.validation_errors(data) == []


def test_unpublished_works_are_not_exported_to_the_public(client, zone):
    WorkFactory(zone=zone, is_published=False)
    assert client.get("/api/v1/infrastructure/oc4ids").status_code == 404
