import datetime as dt

from django.template import Context, Template
from django.utils import translation

from borderzone.core.authorities import authority_on, successor_on


def test_the_department_of_planning_and_investment_is_named_by_its_successor_from_1_march_2025():
    with translation.override("vi"):
        assert authority_on("Sở Kế hoạch và Đầu tư", dt.date(2025, 2, 28)) == "Sở Kế hoạch và Đầu tư"
        assert authority_on("Sở Kế hoạch và Đầu tư", dt.date(2025, 3, 1)) == (
            "Sở Tài chính (thay Sở Kế hoạch và Đầu tư từ 01/03/2025)"
        )
        assert authority_on("Bộ Kế hoạch và Đầu tư", dt.date(2026, 1, 1)).startswith("Bộ Tài chính")
        assert authority_on("Sở Công Thương", dt.date(2026, 1, 1)) == "Sở Công Thương"
    assert successor_on("so ke hoach va dau tu", dt.date(2026, 1, 1)) is not None  # accents and case ignored


def test_the_template_filter_names_the_body_responsible_today():
    with translation.override("en"):
        html = Template("{{ name|authority_today }}").render(Context({"name": "Sở Kế hoạch và Đầu tư"}))
    assert html == "Sở Tài chính (in place of Sở Kế hoạch và Đầu tư since 01/03/2025)"
