import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command

from borderzone.accounts.tests.factories import UserFactory
from borderzone.gates.tests.factories import BorderGateFactory
from borderzone.register.tests.factories import make_project
from borderzone.trade.tests.factories import TradeFigureFactory


@pytest.fixture
def demo_leader(db, settings):
    settings.DEFAULT_ZONE_CODE = "CB"
    call_command("load_demo", stdout=StringIO())
    from borderzone.accounts.models import User

    return User.objects.get(username="lanhdao")


def _kpi(html, name):
    start = html.index(f'id="kpi-{name}"')
    return html[html.index(">", start) + 1 : html.index("<", start)]


def test_the_dashboard_of_21_09_2020_shows_the_articles_figures_in_vietnamese_and_chinese(client, demo_leader):
    client.force_login(demo_leader)
    html = client.get("/staff/dashboard/", {"as_of": "21/09/2020", "from_year": "2010", "to_year": "2020"}).text
    assert (_kpi(html, "projects"), _kpi(html, "foreign"), _kpi(html, "domestic")) == ("74", "9", "65")
    assert "11 triệu USD + 618 tỷ đồng" in html and "12.373 tỷ đồng" in html
    assert "200 tỷ đồng" in html and "500 tỷ đồng" in html
    assert _kpi(html, "turnover") == "16,35 tỷ USD" and _kpi(html, "revenue") == "3.850 tỷ đồng"
    assert "25,5%" in html and "9,3%" in html
    assert (_kpi(html, "need"), _kpi(html, "allocated"), _kpi(html, "coverage")) == (
        "1.230 tỷ đồng",
        "859,4 tỷ đồng",
        "69,9%",
    )
    # Each number links to the records behind it.
    assert "/staff/investments/?zone=CB&amp;as_of=2020-09-21&amp;status=operating" in html
    late_link = "/staff/investments/?zone=CB&amp;as_of=2020-09-21&amp;late=1"
    assert late_link in html
    # ... and the list behind a number holds as many projects as the number says.
    listed = client.get(late_link.replace("&amp;", "&"))
    assert listed.context["page"].paginator.count == int(_kpi(html, "late")) == 18

    # The same figures for a leader reading in Chinese, in 万 and 亿.
    html = client.get("/zh-hans/staff/dashboard/", {"as_of": "2020-09-21", "from_year": "2010", "to_year": "2020"}).text
    assert "<h1>数据看板 · " in html
    assert "项目和资本截至 2020年9月21日；进出口和基础设施为 2010–2020 年。" in html
    assert "外商投资" in html and "进度落后于证书承诺" in html and "到期或逾期的发展规划目标" in html
    assert (_kpi(html, "projects"), _kpi(html, "foreign"), _kpi(html, "domestic")) == ("74", "9", "65")
    assert "1,100万美元 + 6,180亿越南盾" in html and "123,730亿越南盾" in html
    assert _kpi(html, "turnover") == "163.5亿美元" and _kpi(html, "revenue") == "38,500亿越南盾"
    assert (_kpi(html, "need"), _kpi(html, "allocated"), _kpi(html, "coverage")) == (
        "12,300亿越南盾",
        "8,594亿越南盾",
        "69.9%",
    )


def _add(zone, actor, gate, start, n):
    for i in range(start, start + n):
        make_project(
            zone,
            actor,
            name=f"Kho {i}",
            issued_on=dt.date(2018, 1, 1) + dt.timedelta(days=i),
            plans={"operation_start": dt.date(2019, 1, 1)},
        )
        TradeFigureFactory(gate=gate, month=dt.date(2010 + i % 10, 1 + i % 12, 1))


def test_the_dashboard_makes_the_same_number_of_queries_at_two_data_sizes(client, zone, actor, specialist, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.DEFAULT_ZONE_CODE = zone.code
    client.force_login(specialist)
    client.get("/staff/dashboard/", {"as_of": "2020-09-21"})  # creates the cache's version rows once
    counts = []
    gate = BorderGateFactory(zone=zone, code="G1")
    for start, n in ((0, 3), (3, 22)):
        _add(zone, actor, gate, start, n)
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/staff/dashboard/", {"as_of": "2020-09-21"}).status_code == 200
        counts.append([q["sql"] for q in ctx.captured_queries])
    assert len(counts[0]) == len(counts[1]), "\n".join(counts[1])
    counts = [len(c) for c in counts]
    # A second look is served from the cache, keyed by the data versions.
    with CaptureQueriesContext(connection) as ctx:
        client.get("/staff/dashboard/", {"as_of": "2020-09-21"})
    assert len(ctx.captured_queries) < counts[0] / 2


def test_the_dashboard_changes_as_soon_as_the_data_does(client, zone, actor, specialist, settings):
    settings.DEFAULT_ZONE_CODE = zone.code
    client.force_login(specialist)
    make_project(zone, actor, name="Kho A", issued_on=dt.date(2019, 1, 1))
    assert _kpi(client.get("/staff/dashboard/", {"as_of": "2020-01-01"}).text, "projects") == "1"
    make_project(zone, actor, name="Kho B", issued_on=dt.date(2019, 6, 1), total_capital=Decimal(5_000_000_000))
    assert _kpi(client.get("/staff/dashboard/", {"as_of": "2020-01-01"}).text, "projects") == "2"


def test_the_dashboard_asks_for_a_zone_by_its_code_only(client, zone, other_zone, admin_user):
    client.force_login(admin_user)
    response = client.get("/staff/dashboard/", {"zone": other_zone.code, "as_of": "2020-01-01"})
    assert response.status_code == 200
    assert "Khu kinh tế cửa khẩu B" in response.text
    assert client.get("/staff/dashboard/", {"zone": str(other_zone.pk)}).status_code == 422


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"as_of": "0001-01-01"}, "as_of"),
        ({"as_of": "2020-01-01", "from_year": "2030"}, "to_year"),
        ({"as_of": "2020-01-01", "from_year": "2019", "to_year": "2018"}, "to_year"),
    ],
)
def test_a_span_the_as_of_date_makes_invalid_is_a_form_error(client, zone, specialist, settings, query, field):
    # Given a dashboard asked for a span that cannot be (year 1, or only a from_year after the as-of year),
    settings.DEFAULT_ZONE_CODE = zone.code
    client.force_login(specialist)
    for url in ("/staff/dashboard/", "/staff/summary/"):
        response = client.get(url, query)
        # then the form says so on the field, and the page is not a server error.
        assert response.status_code == 422, url
        assert response.context["form"].errors[field], url


def test_a_leader_cannot_open_another_zones_dashboard(client, zone, other_zone, leader):
    client.force_login(leader)
    response = client.get("/staff/dashboard/", {"zone": other_zone.code})
    assert response.status_code == 422  # not among the zones offered to this leader
    assert "Khu kinh tế cửa khẩu B" not in response.text
    investor = UserFactory(username="inv", role="investor", zones=[zone])
    client.force_login(investor)
    assert client.get("/staff/dashboard/").status_code == 404


def _two_zones(zone, other_zone, actor):
    make_project(
        zone, actor, name="Kho A", issued_on=dt.date(2018, 1, 1), plans={"operation_start": dt.date(2019, 1, 1)}
    )
    make_project(
        zone,
        actor,
        name="Nhà máy A",
        ownership="foreign",
        issued_on=dt.date(2018, 3, 1),
        total_capital=Decimal(2_000_000),
        currency="USD",
    )
    make_project(other_zone, actor, name="Kho B", issued_on=dt.date(2019, 5, 1), total_capital=Decimal(50_000_000_000))
    gate_a = BorderGateFactory(zone=zone, code="GA")
    gate_b = BorderGateFactory(zone=other_zone, code="GB")
    for month in range(1, 13):
        TradeFigureFactory(
            gate=gate_a, month=dt.date(2019, month, 1), export_usd=Decimal(1000), import_usd=Decimal(500)
        )
        TradeFigureFactory(
            gate=gate_a, month=dt.date(2020, month, 1), export_usd=Decimal(2000), import_usd=Decimal(1000)
        )
        TradeFigureFactory(gate=gate_b, month=dt.date(2019, month, 1), export_usd=Decimal(100), import_usd=Decimal(0))
        TradeFigureFactory(gate=gate_b, month=dt.date(2020, month, 1), export_usd=Decimal(200), import_usd=Decimal(0))


ALL = {"zone": "", "as_of": "2020-09-21", "from_year": "2019", "to_year": "2020"}


def test_an_administrator_sees_every_zone_summed_and_compared(client, zone, other_zone, actor, admin_user):
    _two_zones(zone, other_zone, actor)
    client.force_login(admin_user)
    response = client.get("/staff/dashboard/", ALL)
    assert response.status_code == 200
    html, board = response.text, response.context["board"]
    assert "Tất cả khu kinh tế" in html
    assert (_kpi(html, "projects"), _kpi(html, "foreign"), _kpi(html, "domestic"), _kpi(html, "late")) == (
        "3",
        "1",
        "2",
        "1",
    )
    summary = board["investments"]["summary"]
    assert summary["registered_capital"]["domestic"]["VND"] == Decimal(150000000000)
    assert summary["registered_capital"]["foreign"]["USD"] == Decimal(2000000)
    # 2019: 12 x (1,500 + 100); 2020: 12 x (3,000 + 200); growth 2019 -> 2020 = 3,200 / 1,600 - 1.
    trade = board["trade"]
    assert trade["span_turnover_usd"] == Decimal(12 * 1600 + 12 * 3200)
    assert [y["turnover_usd"] for y in trade["years"]] == [Decimal(19200), Decimal(38400)]
    assert trade["turnover_growth"] == pytest.approx(1.0)
    assert trade["revenue_share"] == {}  # a share is of one province's budget: not summed across zones
    # One row a zone, each linking to that zone's own dashboard and pages.
    rows = {r["code"]: r for r in response.context["zone_rows"]}
    assert (rows["ZA"]["projects"], rows["ZB"]["projects"]) == (2, 1)
    assert (rows["ZA"]["turnover_usd"], rows["ZB"]["turnover_usd"]) == (Decimal(54000), Decimal(3600))
    # A zone without figures in the span shows a dash, not a zero.
    response = client.get("/staff/dashboard/", {**ALL, "from_year": "2000", "to_year": "2001"})
    assert [r["turnover_usd"] for r in response.context["zone_rows"]] == [None, None]
    assert f"/staff/dashboard/?zone={other_zone.code}&amp;as_of=2020-09-21" in html
    assert "/trade/staff/?zone=ZB" in html or "zone=ZB&amp;from=2019-01" in html
    # The late project is listed with its zone; the project list behind the number counts all zones.
    assert board["investments"]["late_projects"][0]["zone"] == "ZA"
    listed = client.get("/staff/investments/", {"as_of": "2020-09-21", "late": "1"})
    assert listed.context["page"].paginator.count == 1
    assert client.get("/staff/investments/", {"as_of": "2020-09-21"}).context["page"].paginator.count == 3


def test_the_combined_dashboard_is_for_users_of_several_zones(client, zone, other_zone, actor, leader, admin_user):
    _two_zones(zone, other_zone, actor)
    client.force_login(leader)
    response = client.get("/staff/dashboard/", ALL)
    # One zone: no "all zones" choice; an empty choice is that zone.
    assert response.status_code == 200 and "zone_rows" not in response.context
    assert _kpi(response.text, "projects") == "2"
    assert "Tất cả khu kinh tế" not in response.text
    # A zone's staff list of projects shows its own register, not other zones' published projects.
    from borderzone.register.models import Project

    Project.objects.filter(zone=other_zone).update(published=True)
    assert client.get("/staff/investments/", {"as_of": "2020-09-21"}).context["page"].paginator.count == 2


def test_the_combined_dashboard_makes_the_same_number_of_queries_at_two_data_sizes(
    client, zone, other_zone, actor, admin_user
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(admin_user)
    client.get("/staff/dashboard/", ALL)
    counts = []
    gate = BorderGateFactory(zone=other_zone, code="G1")
    for start, n in ((7, 3), (10, 20)):  # both sizes have trade figures inside the span (2019)
        _add(zone, actor, gate, start, n)
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/staff/dashboard/", ALL).status_code == 200
        counts.append([q["sql"] for q in ctx.captured_queries])
    assert len(counts[0]) == len(counts[1]), "\n".join(counts[1])
    # Changing one zone's data makes the combined board change at once.
    make_project(other_zone, actor, name="Kho mới", issued_on=dt.date(2019, 1, 1))
    board = client.get("/staff/dashboard/", ALL).context["board"]
    assert board["investments"]["summary"]["projects"]["total"] == 24


def test_the_combined_dashboard_reads_in_english_and_chinese(client, zone, other_zone, actor, admin_user):
    _two_zones(zone, other_zone, actor)
    client.force_login(admin_user)
    english = client.get("/en/staff/dashboard/", ALL)
    assert english.status_code == 200
    assert "Dashboard · All zones" in english.text and "Zones compared" in english.text
    assert "Summed over 2 zones." in english.text and _kpi(english.text, "projects") == "3"
    chinese = client.get("/zh-hans/staff/dashboard/", ALL)
    assert chinese.status_code == 200
    assert "所有经济区" in chinese.text and "各经济区对比" in chinese.text and "合计 2 个经济区。" in chinese.text


def test_after_a_change_the_worker_recomputes_todays_dashboards(
    client, zone, actor, specialist, settings, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.DEFAULT_ZONE_CODE = zone.code
    settings.WARM_DASHBOARDS = True
    client.force_login(specialist)
    client.get("/staff/dashboard/")  # the cache's version rows exist; the page is computed once
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        make_project(zone, actor, name="Kho A", issued_on=dt.date(2019, 1, 1))
        make_project(zone, actor, name="Kho B", issued_on=dt.date(2019, 2, 1))
    # Once per committed transaction that changed what the dashboard reads (two writes: two transactions).
    assert _warms(callbacks) == [frozenset({zone.pk})]  # (the test's own transaction holds both writes)
    # The worker (run at once here) computed today's dashboard: the page now only checks versions.
    with CaptureQueriesContext(connection) as ctx:
        html = client.get("/staff/dashboard/").text
    assert _kpi(html, "projects") == "2"
    assert not [q for q in ctx.captured_queries if "investments_project" in q["sql"]]


def test_one_recomputation_a_transaction_and_none_after_a_rollback(
    zone, actor, settings, django_capture_on_commit_callbacks
):
    from django.db import transaction

    # Several writes in one transaction ask for one recomputation; a rolled-back one asks for none.
    with django_capture_on_commit_callbacks() as callbacks:
        with transaction.atomic():
            make_project(zone, actor, name="Kho C", issued_on=dt.date(2019, 3, 1))
            make_project(zone, actor, name="Kho D", issued_on=dt.date(2019, 4, 1))
    assert _warms(callbacks) == [frozenset({zone.pk})]
    with django_capture_on_commit_callbacks() as callbacks:
        try:
            with transaction.atomic():
                make_project(zone, actor, name="Kho E", issued_on=dt.date(2019, 5, 1))
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert _warms(callbacks) == []


def _warms(callbacks):
    """The zones each pending dashboard recomputation is for (None: every zone)."""
    from borderzone.core.cache import _AfterCommit
    from borderzone.reports import services

    found = [c for c in callbacks if isinstance(c, _AfterCommit) and c.callback is services.warm_after_change]
    return [None if None in c.zones else frozenset(c.zones) for c in found]


@pytest.fixture
def warmed(settings, monkeypatch):
    """The zone codes whose dashboard the worker recomputes (run at once here)."""
    settings.WARM_DASHBOARDS = True
    computed: list[str] = []
    monkeypatch.setattr("borderzone.reports.dashboard.dashboard_data", lambda q: computed.append(q.zone.code))
    return computed


# Each case in its own test: the test's transaction never commits, so a pending recomputation would
# otherwise gather the writes of the next case too.
def test_a_write_in_one_zone_recomputes_that_zones_dashboard_only(
    zone, other_zone, actor, warmed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_project(zone, actor, name="Kho F", issued_on=dt.date(2019, 6, 1))
    assert warmed == [zone.code]


def test_a_transaction_writing_in_two_zones_recomputes_both(
    zone, other_zone, actor, warmed, django_capture_on_commit_callbacks
):
    from django.db import transaction

    from borderzone.zones.tests.factories import EconomicZoneFactory

    EconomicZoneFactory(code="ZC", name="Khu kinh tế cửa khẩu C")

    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            make_project(other_zone, actor, name="Kho G", issued_on=dt.date(2019, 6, 1))
            make_project(zone, actor, name="Kho H", issued_on=dt.date(2019, 6, 1))
    assert sorted(warmed) == sorted([zone.code, other_zone.code])  # not the third zone


def test_a_write_tied_to_no_zone_recomputes_every_zones_dashboard(
    zone, other_zone, warmed, django_capture_on_commit_callbacks
):
    from borderzone.core.cache import bump_version
    from borderzone.zones.models import EconomicZone

    with django_capture_on_commit_callbacks(execute=True):
        bump_version("investments")  # a legal rule, say: it changes every zone's figures
    assert sorted(warmed) == sorted(EconomicZone.objects.values_list("code", flat=True))
    assert {zone.code, other_zone.code} <= set(warmed)


def test_dashboards_are_not_recomputed_where_the_cache_is_not_shared(zone, actor, settings, monkeypatch):
    from types import SimpleNamespace

    from borderzone.reports import services

    settings.WARM_DASHBOARDS = False
    queued = []
    monkeypatch.setattr(services, "warm_dashboards", SimpleNamespace(enqueue=lambda zones: queued.append(zones)))
    services.warm_after_change(frozenset({3, 1}))
    assert queued == []
    settings.WARM_DASHBOARDS = True
    services.warm_after_change(frozenset({3, 1}))
    services.warm_after_change(None)
    assert queued == [[1, 3], None]


def test_an_incomplete_year_is_compared_with_the_same_months_of_the_year_before(zone):
    from borderzone.reports.dashboard import DashboardQuery, dashboard_data
    from borderzone.reports.summary_text import _trade_span

    gate = BorderGateFactory(zone=zone)
    for year in (2024, 2025):
        for month in range(1, 13 if year == 2024 else 12):  # 2025 has figures up to November only
            TradeFigureFactory(gate=gate, month=dt.date(year, month, 1), export_usd=Decimal(100), import_usd=Decimal(0))
    trade = dashboard_data(
        DashboardQuery(zone=zone, gate_area=None, as_of=dt.date(2025, 12, 20), from_year=2024, to_year=2025)
    )["trade"]
    # Eleven months against the same eleven, not against twelve: no change, not -8.3 %.
    assert trade["ytd_last_month"] == dt.date(2025, 11, 1)
    assert (trade["ytd_turnover_usd"], trade["last_year_turnover_usd"]) == (Decimal(1100), Decimal(1100))
    assert trade["turnover_change"] == 0.0
    # Average growth needs two complete years: 2025 is not one.
    assert trade["full_years"] == [2024] and trade["turnover_growth"] is None
    assert _trade_span(2024, 2025, dt.date(2025, 11, 1)) == "2024–11/2025"


def test_a_flags_milestones_read_in_the_language_of_the_reader_not_of_the_first_computation(
    client, zone, actor, specialist
):
    # given a project whose construction start is years overdue (a legal flag), and a dashboard first
    # computed for a Vietnamese reader (as the worker computes it), so cached in Vietnamese
    make_project(zone, actor, issued_on=dt.date(2015, 1, 10), plans={"construction_start": dt.date(2016, 1, 1)})
    client.force_login(specialist)
    query = {"zone": zone.code, "as_of": "2020-09-21", "from_year": "2019", "to_year": "2020"}
    vi = client.get("/staff/dashboard/", query).text
    assert "– Khởi công xây dựng" in vi
    # when an English and a Chinese reader open the same (cached) dashboard
    en = client.get("/en/staff/dashboard/", query).text
    zh = client.get("/zh-hans/staff/dashboard/", query).text
    # then the milestones are named in their language
    assert "– Construction start" in en and "Khởi công" not in en
    assert "Khởi công" not in zh
