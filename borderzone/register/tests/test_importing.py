import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from borderzone.access.importing import no_progress
from borderzone.core.models import AuditEvent
from borderzone.register import selectors
from borderzone.register.importing import import_projects
from borderzone.register.models import CertificateVersion, Project, StatusChange

pytestmark = pytest.mark.django_db

HEADER = (
    "code,name,investor,investor_country,ownership,gate_area,status,certificate_date,capital_currency,"
    "registered_capital,operation_start_planned"
)
GOOD = [
    "4300000001,Kho bãi Trà Lĩnh,Công ty A,VN,domestic,Cửa khẩu quốc tế Trà Lĩnh,operating,15/03/2012,VND,"
    '"120.000.000.000",2014-01-01',
    "4300000002,Nhà máy chế biến,Guangxi B Co.,CN,foreign,tra linh,Đang triển khai,2016-05-02,USD,2500000,01/06/2018",
]


def csv(*rows: str, header: str = HEADER, extra: str = "") -> bytes:
    head = header + ("," + extra if extra else "")
    return ("\n".join([head, *rows]) + "\n").encode()


def run(zone, actor, data: bytes, dry_run: bool = False):
    return import_projects(data=data, actor=actor, zone=zone, dry_run=dry_run, progress=no_progress, options={})


@pytest.fixture
def administrator():
    from borderzone.accounts.models import Role
    from borderzone.accounts.tests.factories import UserFactory

    return UserFactory(username="admin_rates", role=Role.ADMIN)


@pytest.fixture
def usd_rows():
    return [GOOD[0], GOOD[1] + ",23000"]


def test_good_file_creates_projects_with_version_status_and_plans(zone, gate_area, actor, usd_rows):
    report = run(zone, actor, csv(*usd_rows, extra="vnd_rate"))
    assert report.errors == []
    assert (report.created, report.updated) == (2, 0)
    project = Project.objects.get(code="4300000002")
    assert project.gate_area == gate_area
    version = project.versions.get()
    assert (version.currency, version.total_capital, version.total_capital_vnd) == (
        "USD",
        Decimal(2_500_000),
        Decimal(57_500_000_000),
    )
    assert version.plans.get().planned_on == dt.date(2018, 6, 1)
    assert project.status_changes.get().status == "implementing"
    assert AuditEvent.objects.filter(action="imported").count() >= 6
    summary = selectors.summary(dt.date(2020, 1, 1), zone)
    assert summary["by_status"]["operating"] == 1
    assert summary["registered_capital"]["domestic"]["VND"] == Decimal(120000000000)


def test_same_file_twice_changes_nothing(zone, gate_area, actor, usd_rows):
    data = csv(*usd_rows, extra="vnd_rate")
    run(zone, actor, data)
    events = AuditEvent.objects.count()
    report = run(zone, actor, data)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert AuditEvent.objects.count() == events


def test_a_later_certificate_date_records_an_adjustment_and_status(zone, gate_area, actor):
    run(zone, actor, csv(GOOD[0]))
    changed = (
        GOOD[0].replace("operating,15/03/2012", "suspended,01/02/2019").replace('"120.000.000.000"', "150000000000")
    )
    report = run(zone, actor, csv(changed))
    assert report.updated == 1
    assert CertificateVersion.objects.filter(project__code="4300000001").count() == 2
    assert StatusChange.objects.filter(project__code="4300000001").last().status == "suspended"


def test_status_date_column_sets_when_the_status_takes_effect(zone, gate_area, actor):
    run(zone, actor, csv(GOOD[0] + ",2013-07-01", extra="status_date"))
    assert StatusChange.objects.get().effective_on == dt.date(2013, 7, 1)


def test_command_imports_and_says_when_nothing_changed(zone, gate_area, tmp_path):
    path = tmp_path / "projects.csv"
    path.write_bytes(csv(GOOD[0]))
    out = io.StringIO()
    call_command("import_projects", str(path), "--zone", "ZA", stdout=out)
    assert "1 created" in out.getvalue()
    out = io.StringIO()
    call_command("import_projects", str(path), "--zone", "ZA", stdout=out)
    assert "Nothing changed" in out.getvalue()


def test_command_dry_run_writes_nothing(zone, gate_area, tmp_path):
    path = tmp_path / "projects.csv"
    path.write_bytes(csv(GOOD[0]))
    out = io.StringIO()
    call_command("import_projects", str(path), "--zone", "ZA", "--dry-run", stdout=out)
    assert "would import" in out.getvalue()
    assert Project.objects.count() == 0


def test_command_lists_bad_rows_and_exits_non_zero(zone, gate_area, tmp_path):
    path = tmp_path / "projects.csv"
    path.write_bytes(csv(GOOD[0], GOOD[0].replace("15/03/2012", "31/02/2012")))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_projects", str(path), "--zone", "ZA", stderr=err)
    assert err.getvalue().startswith("dòng 2, certificate_date: không phải là ngày")
    assert Project.objects.count() == 0


def _errors(zone, actor, data: bytes) -> list[str]:
    report = run(zone, actor, data)
    assert Project.objects.count() == 0
    return report.errors


def test_wrong_header_is_refused(zone, gate_area, actor):
    errors = _errors(zone, actor, csv(GOOD[0], header=HEADER.replace("gate_area", "gate")))
    assert errors == ["Thiếu cột: gate_area.", "Cột không xác định: gate."]


def test_unknown_gate_area(zone, gate_area, actor):
    errors = _errors(zone, actor, csv(GOOD[0].replace("Cửa khẩu quốc tế Trà Lĩnh", "Móng Cái")))
    assert len(errors) == 1 and errors[0].startswith("dòng 1, gate_area:") and "Móng Cái" in errors[0]


def test_bad_date(zone, gate_area, actor):
    errors = _errors(zone, actor, csv(GOOD[0].replace("15/03/2012", "2012-13-45")))
    assert len(errors) == 1 and errors[0].startswith("dòng 1, certificate_date:")


def test_negative_amount(zone, gate_area, actor):
    errors = _errors(zone, actor, csv(GOOD[0].replace('"120.000.000.000"', "-5")))
    assert len(errors) == 1 and errors[0].startswith("dòng 1, registered_capital:")


def test_non_numeric_amount(zone, gate_area, actor):
    errors = _errors(zone, actor, csv(GOOD[0].replace('"120.000.000.000"', "một trăm")))
    assert len(errors) == 1 and errors[0].startswith("dòng 1, registered_capital:")


def test_duplicate_code_in_one_file(zone, gate_area, actor):
    errors = _errors(zone, actor, csv(GOOD[0], GOOD[0]))
    assert len(errors) == 1 and errors[0].startswith("dòng 2, code:") and "1" in errors[0]


def test_empty_file(zone, gate_area, actor):
    assert _errors(zone, actor, b"") == ["Tệp trống."]


def test_file_that_is_not_a_spreadsheet(zone, gate_area, actor):
    assert _errors(zone, actor, b"%PDF-1.4\x00\x01\x02binary") == ["Tệp không phải là bảng tính CSV hoặc XLSX."]


def test_every_bad_row_is_listed_and_nothing_written(zone, gate_area, actor):
    rows = [
        GOOD[0],
        GOOD[0].replace("4300000001", "43A").replace("VN,", "Vietnam,"),
        GOOD[0].replace("4300000001", "4300000003").replace("VND", "EUR"),
    ]
    errors = _errors(zone, actor, csv(*rows))
    assert [e.split(":")[0] for e in errors] == ["dòng 2, code", "dòng 2, investor_country", "dòng 3, capital_currency"]


def test_xlsx_file_with_date_cells_is_read(zone, gate_area, actor):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    sheet.append(
        [
            "4300000009",
            "Kho",
            "Công ty A",
            "VN",
            "domestic",
            "TRALINH",
            "preparing",
            dt.datetime(2019, 1, 2),  # noqa: DTZ001
            "VND",
            5_000_000_000,
            dt.datetime(2021, 1, 1),  # noqa: DTZ001
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = run(zone, actor, buffer.getvalue())
    assert report.errors == []
    assert Project.objects.get().versions.get().issued_on == dt.date(2019, 1, 2)


def test_a_code_of_another_zone_is_refused(zone, other_zone, gate_area, actor):
    from borderzone.register.tests.factories import make_project

    make_project(other_zone, actor, code="4300000001")
    report = run(zone, actor, csv(GOOD[0]))
    # Codes are unique nationwide; the refusal names no zone, project or investor.
    assert report.errors == ["dòng 1, code: mã số dự án này đã được đăng ký"]


def test_an_older_certificate_date_than_the_register_is_refused(zone, gate_area, actor):
    run(zone, actor, csv(GOOD[0]))
    older = GOOD[0].replace("15/03/2012", "15/03/2011")
    report = run(zone, actor, csv(older))
    assert len(report.errors) == 1 and report.errors[0].startswith("dòng 1, certificate_date: sổ đăng ký đã có")
    assert CertificateVersion.objects.count() == 1


def test_milestones_out_of_order_are_refused(zone, gate_area, actor):
    errors = _errors(zone, actor, csv(GOOD[0] + ",2015-01-01", extra="construction_start_planned"))
    assert len(errors) == 1 and errors[0].startswith("dòng 1, operation_start_planned:")


def test_a_gate_area_is_found_by_its_name_without_the_part_in_brackets(zone, actor):
    from borderzone.zones.tests.factories import GateAreaFactory

    ha_lang = GateAreaFactory(zone=zone, code="HALANG", name="Hạ Lang (Bí Hà)")
    row = GOOD[0].replace("Cửa khẩu quốc tế Trà Lĩnh", "Hạ Lang")
    report = run(zone, actor, csv(row))
    assert report.errors == []
    assert Project.objects.get(code="4300000001").gate_area == ha_lang


@pytest.mark.parametrize(
    ("country", "accepted"), [("VN", True), ("cn", True), ("LA", True), ("XX", False), ("EN", False)]
)
def test_a_country_is_checked_against_iso_3166_1(zone, gate_area, actor, country, accepted):
    data = csv(GOOD[0].replace(",VN,", f",{country},"))
    if accepted:
        assert run(zone, actor, data).errors == []
        assert Project.objects.get().shares.get().investor.country == country.upper()
    else:
        errors = _errors(zone, actor, data)
        assert len(errors) == 1 and errors[0].startswith("dòng 1, investor_country:") and country in errors[0]


def test_an_investor_of_no_iso_country_is_refused_by_the_service(zone, actor):
    from django.core.exceptions import ValidationError

    from borderzone.register.services import investor_create

    with pytest.raises(ValidationError, match="ISO 3166-1"):
        investor_create(zone=zone, name="Công ty Z", ownership="foreign", country="ZZ", actor=actor)
    assert investor_create(zone=zone, name="Công ty L", ownership="foreign", country="la", actor=actor).country == "LA"


def test_usd_capital_without_a_rate_column_takes_the_reference_rate_of_its_certificate_date(zone, gate_area, actor):
    from borderzone.rates.models import ReferenceRate

    ReferenceRate.objects.create(currency="USD", day=dt.date(2016, 4, 29), vnd_per_unit=Decimal(21870), source="NHNN")
    report = run(zone, actor, csv(*GOOD))  # no vnd_rate column, as the documented columns allow
    assert report.errors == []
    version = Project.objects.get(code="4300000002").versions.get()
    assert (version.vnd_rate, version.rate_date) == (Decimal(21870), dt.date(2016, 4, 29))
    assert version.total_capital_vnd == Decimal(2_500_000 * 21870)


def test_a_stated_rate_wins_over_the_reference_rate(zone, gate_area, actor, usd_rows):
    from borderzone.rates.models import ReferenceRate

    ReferenceRate.objects.create(currency="USD", day=dt.date(2016, 4, 29), vnd_per_unit=Decimal(21870), source="NHNN")
    assert run(zone, actor, csv(*usd_rows, extra="vnd_rate")).errors == []
    assert Project.objects.get(code="4300000002").versions.get().vnd_rate == Decimal(23000)


def test_usd_capital_with_no_rate_known_is_kept_in_usd_and_marked_not_converted(zone, gate_area, actor):
    report = run(zone, actor, csv(*GOOD))  # no vnd_rate column and no reference rate of 02/05/2016
    assert report.errors == [] and report.created == 2
    version = Project.objects.get(code="4300000002").versions.get()
    assert (version.currency, version.total_capital) == ("USD", Decimal(2_500_000))
    assert (version.vnd_rate, version.rate_date, version.total_capital_vnd) == (None, None, None)  # not zero
    summary = selectors.summary(dt.date(2020, 1, 1), zone)
    assert summary["registered_capital_vnd_equivalent"] == {
        "foreign": Decimal(0),
        "domestic": Decimal(120_000_000_000),
        "total": Decimal(120_000_000_000),
    }
    assert summary["unconverted_usd"] == {"projects": 1, "amount": Decimal(2_500_000)}
    assert summary["registered_capital"]["foreign"]["USD"] == Decimal(2_500_000)


def test_a_rate_entered_later_converts_the_usd_capital_kept_unconverted(client, zone, gate_area, actor, administrator):
    from borderzone.access.actors import Actor
    from borderzone.rates.services import rate_set
    from borderzone.register.presenters import cached_summary

    assert run(zone, actor, csv(*GOOD)).errors == []
    day = dt.date(2020, 1, 1)
    assert cached_summary(day, zone)["unconverted_usd"]["projects"] == 1  # cached before the rate
    rate_set(
        currency="USD",
        day=dt.date(2016, 4, 29),
        vnd_per_unit=Decimal(21870),
        source="NHNN, Thông báo tỷ giá trung tâm ngày 29/04/2016",
        actor=Actor(user=administrator, via="web"),
    )
    version = Project.objects.get(code="4300000002").versions.get()
    assert (version.vnd_rate, version.rate_date) == (Decimal(21870), dt.date(2016, 4, 29))
    assert version.total_capital_vnd == Decimal(2_500_000 * 21870)
    converted = AuditEvent.objects.filter(object_id=str(version.pk), action="updated").get()
    assert converted.user == administrator and "29/04/2016" in converted.note
    # Every view reads the new figure at once: the cached summary's data version was bumped.
    expected = Decimal(120_000_000_000 + 2_500_000 * 21870)
    assert cached_summary(day, zone)["registered_capital_vnd_equivalent"]["total"] == expected
    assert cached_summary(day, zone)["unconverted_usd"] == {"projects": 0, "amount": Decimal(0)}
    api = client.get("/api/v1/investments/summary", {"as_of": "2020-01-01", "zone": zone.code}).json()
    assert Decimal(api["registered_capital_vnd_equivalent"]["total"]) == expected
    assert api["unconverted_usd"] == {"projects": 0, "amount": "0"}


def test_a_rate_of_a_later_day_converts_nothing_issued_before_it(zone, gate_area, actor, administrator):
    from borderzone.access.actors import Actor
    from borderzone.rates.services import rate_set

    assert run(zone, actor, csv(*GOOD)).errors == []
    rate_set(
        currency="USD",
        day=dt.date(2016, 5, 3),
        vnd_per_unit=Decimal(21880),
        source="NHNN",
        actor=Actor(user=administrator, via="web"),
    )
    assert Project.objects.get(code="4300000002").versions.get().total_capital_vnd is None


def test_a_stated_rate_is_kept_when_a_reference_rate_is_entered_later(zone, gate_area, actor, administrator, usd_rows):
    from borderzone.access.actors import Actor
    from borderzone.rates.services import rate_set

    assert run(zone, actor, csv(*usd_rows, extra="vnd_rate")).errors == []
    rate_set(
        currency="USD",
        day=dt.date(2016, 4, 29),
        vnd_per_unit=Decimal(21870),
        source="NHNN",
        actor=Actor(user=administrator, via="web"),
    )
    version = Project.objects.get(code="4300000002").versions.get()
    assert (version.vnd_rate, version.total_capital_vnd) == (Decimal(23000), Decimal(57_500_000_000))
