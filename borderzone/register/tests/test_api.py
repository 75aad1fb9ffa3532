import datetime as dt
import json
from decimal import Decimal

import pytest
from django.test import Client

from borderzone.register import services
from borderzone.register.models import Investor, Project
from borderzone.register.tests.factories import make_project

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client: Client, url: str, data: dict):
    return client.post(url, json.dumps(data, default=str), content_type="application/json")


def test_summary_counts_unpublished_projects_for_anonymous_callers(zone, actor):
    make_project(zone, actor, published=False, status="operating")
    response = Client().get("/api/v1/investments/summary?as_of=2020-09-21&zone=ZA")
    assert response.status_code == 200
    body = response.json()
    assert body["projects"] == {"total": 1, "foreign": 0, "domestic": 1}
    assert body["by_status"]["operating"] == 1
    assert body["registered_capital"]["domestic"] == {"VND": "100000000000", "USD": "0"}
    assert set(body) >= {"as_of", "projects", "by_status", "registered_capital", "disbursed_capital", "late", "flagged"}


def test_summary_reflects_a_write_at_once_despite_the_cache(zone, actor):
    project = make_project(zone, actor)
    url = "/api/v1/investments/summary?as_of=2020-01-01&zone=ZA"
    assert Client().get(url).json()["disbursed_capital"]["domestic"]["VND"] == "0"
    services.disbursement_record(project=project, paid_on=dt.date(2019, 1, 1), amount=Decimal(9), actor=actor)
    assert Client().get(url).json()["disbursed_capital"]["domestic"]["VND"] == "9"


def test_summary_rejects_a_bad_date_and_an_unknown_zone():
    assert Client().get("/api/v1/investments/summary?as_of=21/09/2020").status_code == 422
    assert Client().get("/api/v1/investments/summary?as_of=2020-09-21&zone=NOPE").status_code == 422


def test_anonymous_list_shows_published_projects_only(zone, actor):
    make_project(zone, actor, code="1001", published=True)
    make_project(zone, actor, code="1002", published=False)
    body = Client().get("/api/v1/investments/projects").json()
    assert body["count"] == 1
    assert [i["code"] for i in body["items"]] == ["1001"]


def test_specialist_sees_own_zone_unpublished_but_not_other_zone(zone, other_zone, actor, specialist, other_specialist):
    make_project(zone, actor, code="1001")
    other_actor = services.Actor(user=other_specialist, via="test")
    make_project(other_zone, other_actor, code="2001")
    codes = [i["code"] for i in login(specialist).get("/api/v1/investments/projects").json()["items"]]
    assert codes == ["1001"]
    assert login(specialist).get("/api/v1/investments/projects/2001").status_code == 404


def test_investor_sees_only_linked_projects(zone, actor, investor):
    mine = make_project(zone, actor, code="1001")
    make_project(zone, actor, code="1002")
    services.investor_link_user(investor=mine.shares.get().investor, user=investor, actor=actor)
    codes = [i["code"] for i in login(investor).get("/api/v1/investments/projects").json()["items"]]
    assert codes == ["1001"]


def test_list_filters_and_pages(zone, actor):
    for i in range(5):
        make_project(
            zone,
            actor,
            code=f"10{i}",
            status="operating" if i < 3 else "implementing",
            published=True,
            name=f"Kho bãi Đông {i}",
        )
    body = Client().get("/api/v1/investments/projects?status=operating&page=2&page_size=2").json()
    assert body["count"] == 3
    assert [i["code"] for i in body["items"]] == ["102"]
    assert Client().get("/api/v1/investments/projects?q=kho bai dong 4").json()["count"] == 1


def test_list_filters_late_projects(zone, actor, specialist):
    make_project(zone, actor, code="101", published=True, plans={"operation_start": dt.date(2019, 1, 1)})
    make_project(zone, actor, code="102", published=True)
    body = login(specialist).get("/api/v1/investments/projects?late=true&as_of=2020-01-01").json()
    assert [i["code"] for i in body["items"]] == ["101"]
    assert body["items"][0]["late"] == ["operation_start"]


def test_staff_creates_a_project_through_the_api(zone, gate_area, specialist):
    payload = {
        "zone": "ZA",
        "code": "5566778899",
        "name": "Trung tâm logistics",
        "ownership": "foreign",
        "investors": [{"name": "Guangxi Trade Co.", "ownership": "foreign", "country": "CN"}],
        "gate_area": "TRALINH",
        "sector": "52",
        "sector_version": "2025",
        "issued_on": "2021-03-01",
        "currency": "USD",
        "total_capital": "2000000",
        "equity": "500000",
        "vnd_rate": "23000",
        "plans": {"construction_start": "2021-06-01", "operation_start": "2022-06-01"},
        "status": "implementing",
    }
    response = post(login(specialist), "/api/v1/investments/projects", payload)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["certificate"]["total_capital_vnd"] == "46000000000"
    assert body["gate_area"] == "TRALINH"
    assert body["sector"] == {"version": "2025", "code": "52"}


def test_api_accepts_usd_capital_with_no_rate_known_and_leaves_it_unconverted(zone, gate_area, specialist):
    payload = {
        "zone": "ZA",
        "code": "5566778800",
        "name": "Kho ngoại quan",
        "ownership": "foreign",
        "investors": [{"name": "Guangxi Trade Co.", "ownership": "foreign", "country": "CN"}],
        "issued_on": "2021-03-01",
        "currency": "USD",
        "total_capital": "3000000",
        "status": "implementing",
    }
    client = login(specialist)
    response = post(client, "/api/v1/investments/projects", payload)
    assert response.status_code == 201, response.content
    certificate = response.json()["certificate"]
    assert (certificate["total_capital_vnd"], certificate["vnd_rate"], certificate["rate_date"]) == (None, None, None)
    summary = client.get("/api/v1/investments/summary", {"as_of": "2022-01-01", "zone": "ZA"}).json()
    assert summary["registered_capital_vnd_equivalent"]["total"] == "0"
    assert summary["unconverted_usd"] == {"projects": 1, "amount": "3000000"}
    assert summary["registered_capital"]["foreign"]["USD"] == "3000000"


def test_api_validation_errors_answer_422_with_the_field(zone, specialist):
    payload = {
        "zone": "ZA",
        "code": "55",
        "name": "X",
        "ownership": "domestic",
        "investors": [{"name": "A", "ownership": "domestic", "country": "VN"}],
        "issued_on": "2021-03-01",
        "total_capital": "100",
        "equity": "200",
    }
    response = post(login(specialist), "/api/v1/investments/projects", payload)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "equity"]
    assert Project.objects.count() == 0


def test_staff_writes_need_login_and_rights(zone, actor, leader, other_specialist):
    make_project(zone, actor, code="1001")
    data = {"status": "operating", "effective_on": "2020-01-01"}
    assert post(Client(), "/api/v1/investments/projects/1001/status-changes", data).status_code == 401
    assert post(login(leader), "/api/v1/investments/projects/1001/status-changes", data).status_code == 403
    assert post(login(other_specialist), "/api/v1/investments/projects/1001/status-changes", data).status_code == 404


def test_staff_adds_version_status_and_disbursement(zone, actor, specialist):
    make_project(zone, actor, code="1001")
    client = login(specialist)
    r = post(
        client,
        "/api/v1/investments/projects/1001/versions",
        {"issued_on": "2019-01-01", "total_capital": "200000000000", "changes": "Tăng vốn"},
    )
    assert r.status_code == 201
    assert r.json()["certificate"]["number"] == 1
    assert (
        post(
            client,
            "/api/v1/investments/projects/1001/status-changes",
            {"status": "operating", "effective_on": "2020-01-01"},
        ).json()["status"]
        == "operating"
    )
    r = post(client, "/api/v1/investments/projects/1001/disbursements", {"paid_on": "2020-02-01", "amount": "5000"})
    assert r.json()["disbursed"]["VND"] == "5000"


def test_project_list_runs_in_a_bounded_number_of_queries(zone, actor, specialist, django_assert_max_num_queries):
    client = login(specialist)  # board staff: the rows carry their lateness
    for i in range(15):
        project = make_project(
            zone, actor, code=f"30{i}", published=True, plans={"operation_start": dt.date(2019, 1, 1)}
        )
        services.disbursement_record(project=project, paid_on=dt.date(2019, 1, 1), amount=Decimal(1), actor=actor)
    with django_assert_max_num_queries(12):
        body = client.get("/api/v1/investments/projects?as_of=2020-01-01&page_size=100").json()
    assert body["count"] == 15
    assert all(item["late"] == ["operation_start"] for item in body["items"])


def test_a_refused_api_create_leaves_no_investor_behind(zone, actor, specialist):
    # Given project 55 exists, when the API is asked for another 55 with a new investor and an unknown gate area,
    make_project(zone, actor, code="55")
    investors_before = Investor.objects.count()
    payload = {
        "zone": "ZA",
        "code": "55",
        "name": "X",
        "ownership": "domestic",
        "investors": [{"name": "Công ty Chưa Có", "ownership": "domestic", "country": "VN"}],
        "issued_on": "2021-03-01",
        "total_capital": "100",
    }
    response = post(login(specialist), "/api/v1/investments/projects", payload)
    # then it answers 422 on the code, and writes nothing.
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "code"]
    assert Investor.objects.count() == investors_before
    assert not Investor.objects.filter(name="Công ty Chưa Có").exists()
    payload["code"] = "56"
    payload["gate_area"] = "NOWHERE"
    response = post(login(specialist), "/api/v1/investments/projects", payload)
    assert response.status_code == 422
    assert not Investor.objects.filter(name="Công ty Chưa Có").exists()


def _late_and_flagged(zone, actor, code: str, **fields) -> Project:
    """Late on its construction start on 01/01/2018 and flagged OVERDUE_12M by the legal rules."""
    return make_project(
        zone,
        actor,
        code=code,
        issued_on=dt.date(2016, 1, 1),
        plans={"construction_start": dt.date(2016, 6, 1)},
        **fields,
    )


def test_anonymous_callers_get_no_lateness_flags_or_unpublished_rows(zone, actor, specialist):
    _late_and_flagged(zone, actor, "101", published=True)
    _late_and_flagged(zone, actor, "103", published=False)
    make_project(zone, actor, code="102", published=True, issued_on=dt.date(2016, 1, 1))
    # Board staff see the flags and the filters narrow their list.
    staff = login(specialist).get("/api/v1/investments/projects?flagged=true&as_of=2018-01-01").json()
    assert [i["code"] for i in staff["items"]] == ["101", "103"]
    assert staff["items"][0]["flags"][0]["code"] == "OVERDUE_12M" and staff["items"][0]["late"]
    for query in ("flagged=true", "late=true", "flagged=false", "late=true&flagged=true"):
        body = Client().get(f"/api/v1/investments/projects?{query}&as_of=2018-01-01")
        assert body.status_code == 200
        items = body.json()["items"]
        # The filter is ignored: the same published rows, in any case none unpublished, none with lateness.
        assert [i["code"] for i in items] == ["101", "102"], query
        assert all("late" not in i and "flags" not in i for i in items)
    assert Client().get("/api/v1/investments/projects/103?as_of=2018-01-01").status_code == 404
    one = Client().get("/api/v1/investments/projects/101?as_of=2018-01-01").json()
    assert one["code"] == "101" and "late" not in one and "flags" not in one
    # The zone totals still count every project, the unpublished one too.
    summary = Client().get("/api/v1/investments/summary?as_of=2018-01-01&zone=ZA").json()
    assert summary["projects"]["total"] == 3 and summary["flagged"] == 2 and summary["late"] == 2


def test_investor_reads_lateness_of_own_projects_only(zone, actor, investor):
    mine = _late_and_flagged(zone, actor, "101")
    _late_and_flagged(zone, actor, "102", published=True)
    services.investor_link_user(investor=mine.shares.get().investor, user=investor, actor=actor)
    client = login(investor)
    items = client.get("/api/v1/investments/projects?as_of=2018-01-01").json()["items"]
    assert [i["code"] for i in items] == ["101", "102"]
    assert items[0]["flags"][0]["code"] == "OVERDUE_12M" and items[0]["late"] == ["construction_start"]
    assert "late" not in items[1] and "flags" not in items[1]
    other = client.get("/api/v1/investments/projects/102?as_of=2018-01-01").json()
    assert "late" not in other and "flags" not in other
    assert client.get("/api/v1/investments/projects/101?as_of=2018-01-01").json()["late"] == ["construction_start"]
    # An investor's filter does not single out others' late projects either.
    filtered = client.get("/api/v1/investments/projects?flagged=false&as_of=2018-01-01").json()["items"]
    assert [i["code"] for i in filtered] == ["101", "102"]


def test_project_api_sends_its_version_and_refuses_a_stale_if_match(zone, actor, specialist):
    from borderzone.access.tests.if_match import assert_if_match_contract, send

    project = make_project(zone, actor, code="7700000001", name="Kho A")
    client = login(specialist)
    url = f"/api/v1/investments/projects/{project.code}"
    assert_if_match_contract(
        read_etag=lambda: client.get(url)["ETag"],
        change=lambda body, tag: send(client, "patch", url, body, tag),
        first={"name": "Kho B"},
        stale={"name": "Kho C"},
        fresh={"name": "Kho D"},
        current=lambda: Project.objects.get(pk=project.pk).name,
    )


def test_a_certificate_version_added_makes_an_earlier_version_of_the_project_stale(zone, actor, specialist):
    from borderzone.access.tests.if_match import send

    project = make_project(zone, actor, code="7700000002")
    client = login(specialist)
    url = f"/api/v1/investments/projects/{project.code}"
    read = client.get(url)["ETag"]
    body = {"issued_on": "2019-01-10", "total_capital": "120000000000"}
    added = send(client, "post", f"{url}/versions", body, read)
    assert added.status_code == 201 and added["ETag"] != read
    assert client.get(url)["ETag"] == added["ETag"]
    # A second adjustment, or a change of the project, sent by someone who read it before is refused.
    assert send(client, "post", f"{url}/versions", {**body, "issued_on": "2019-02-10"}, read).status_code == 412
    assert send(client, "patch", url, {"name": "Kho Z"}, read).status_code == 412
    assert project.versions.count() == 2 and Project.objects.get(pk=project.pk).name == project.name
    assert send(client, "post", f"{url}/versions", {**body, "issued_on": "2019-03-10"}, None).status_code == 201
    assert project.versions.count() == 3
