"""Every date field of every form reads and shows dd/mm/yyyy; every time is shown in the zone's time zone."""

import datetime as dt
import importlib
import pkgutil

import pytest
from django import forms
from django.template import Context, Template
from django.utils import timezone

import borderzone
from borderzone.core.formatting import format_value
from borderzone.core.forms import DateField, DateTimeField


def _form_classes() -> list[type[forms.BaseForm]]:
    """Every form class of every app (forms.py and the other *forms.py modules)."""
    found: dict[str, type[forms.BaseForm]] = {}
    for module_info in pkgutil.walk_packages(borderzone.__path__, "borderzone."):
        name = module_info.name
        if ".tests" in name or ".migrations" in name or not name.rsplit(".", 1)[-1].endswith("forms"):
            continue
        module = importlib.import_module(name)
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, forms.BaseForm) and value.__module__ == name:
                found[f"{name}.{value.__name__}"] = value
    return [found[k] for k in sorted(found)]


def _date_fields() -> list[tuple[str, str, forms.Field]]:
    fields: list[tuple[str, str, forms.Field]] = []
    for form in _form_classes():
        for name, field in getattr(form, "base_fields", {}).items():
            if isinstance(field, forms.DateField):
                fields.append((f"{form.__module__}.{form.__name__}", name, field))
    return fields


DATE_FIELDS = _date_fields()


def _datetime_fields() -> list[tuple[str, str, forms.Field]]:
    """Every date-and-time field (forms.DateTimeField is no DateField: found apart)."""
    return [
        (f"{form.__module__}.{form.__name__}", name, field)
        for form in _form_classes()
        for name, field in getattr(form, "base_fields", {}).items()
        if isinstance(field, forms.DateTimeField | forms.SplitDateTimeField)
    ]


DATETIME_FIELDS = _datetime_fields()


def test_the_forms_with_dates_and_times_are_all_found():
    found = {(form, name) for form, name, _field in DATETIME_FIELDS}
    # The portal's publish and withdraw times used the browser's datetime-local box.
    assert {
        ("borderzone.portal.forms.ScheduleForm", "publish_at"),
        ("borderzone.portal.forms.ScheduleForm", "expire_at"),
    } <= found


@pytest.mark.parametrize(("form", "name", "field"), DATETIME_FIELDS, ids=[f"{f}.{n}" for f, n, _x in DATETIME_FIELDS])
def test_every_datetime_field_reads_and_shows_day_month_year_in_the_zones_time_zone(form, name, field):
    assert isinstance(field, DateTimeField), f"{form}.{name} is not the shared date-and-time field"
    # 08:00 on 5 December in Vietnam is 01:00 UTC: typed and shown in the zone's time zone, whatever is active.
    moment = dt.datetime(2030, 12, 5, 1, 0, tzinfo=dt.UTC)
    with timezone.override(dt.UTC):
        assert field.clean("05/12/2030 08:00") == moment
        assert field.clean("2030-12-05T08:00") == moment  # ISO, as scripts send it
        html = field.widget.render(name, field.prepare_value(moment))
    assert 'value="05/12/2030 08:00"' in html and 'type="text"' in html and "datetime-local" not in html
    with pytest.raises(forms.ValidationError, match="dd/mm/yyyy hh:mm"):
        field.clean("12/31/2030 08:00")
    with pytest.raises(forms.ValidationError):
        field.clean("05/12/9999 08:00")


def test_the_forms_with_dates_are_all_found():
    forms_found = {form for form, _name, _field in DATE_FIELDS}
    # The forms the review found storing 05/12/2030 as 12 May are among them.
    assert {
        "borderzone.planning.forms.GoalForm",
        "borderzone.infrastructure.forms.WorkForm",
        "borderzone.gates.forms.GateStatusForm",
        "borderzone.register.forms.ProjectCreateForm",
        "borderzone.documents.forms.DocumentForm",
        "borderzone.reports.forms.DashboardForm",
    } <= forms_found
    assert len(DATE_FIELDS) >= 25


@pytest.mark.parametrize(("form", "name", "field"), DATE_FIELDS, ids=[f"{f}.{n}" for f, n, _x in DATE_FIELDS])
def test_every_date_field_reads_and_shows_day_month_year(form, name, field):
    assert isinstance(field, DateField), f"{form}.{name} is not the shared date field"
    assert field.clean("05/12/2030") == dt.date(2030, 12, 5)
    assert field.clean("31/12/2030") == dt.date(2030, 12, 31)
    assert field.clean("2030-12-05") == dt.date(2030, 12, 5)  # links and scripts send ISO dates
    html = field.widget.render(name, dt.date(2030, 12, 5))
    assert 'value="05/12/2030"' in html and 'type="text"' in html
    with pytest.raises(forms.ValidationError, match="dd/mm/yyyy"):
        field.clean("12/31/2030")


def test_times_are_shown_in_the_zones_time_zone():
    # 17:56 UTC on 5 December is 00:56 on the 6th in Vietnam.
    moment = dt.datetime(2026, 12, 5, 17, 56, tzinfo=dt.UTC)
    assert format_value(moment) == "06/12/2026 00:56"
    assert format_value("2026-12-05T17:50:47+00:00") == "06/12/2026 00:50"
    assert format_value("2030-12-05") == "05/12/2030"
    assert format_value("Kho bãi") == "Kho bãi" and format_value(12) == "12"
    html = Template("{{ when|bzdate }} {{ when|bzdatetime }}").render(Context({"when": moment}))
    assert html == "06/12/2026 06/12/2026 00:56"
    assert timezone.get_current_timezone_name() == "Asia/Ho_Chi_Minh"


def test_an_inquiry_is_named_by_the_local_day_it_came(db):
    from borderzone.promotion.models import Inquiry

    inquiry = Inquiry(name="Công ty A", created_at=dt.datetime(2026, 12, 5, 17, 56, tzinfo=dt.UTC))
    assert str(inquiry) == "Công ty A – 06/12/2026"


def test_the_history_shows_recorded_dates_and_times_in_the_zones_time_zone(db):
    from borderzone.core.models import AuditEvent

    event = AuditEvent(
        changes={"target_date": ["2030-05-12", "2030-12-05"], "sent_at": [None, "2026-12-05T17:50:47+00:00"]},
        action="updated",
        via="web",
        created_at=dt.datetime(2026, 12, 5, 17, 50, tzinfo=dt.UTC),
    )
    html = Template("{% include 'core/_events.html' %}").render(Context({"events": [event]}))
    assert "12/05/2030" in html and "05/12/2030" in html and "06/12/2026 00:50" in html
    assert "+00:00" not in html and "2030-12-05" not in html and "∅" in html
