"""The report forms under /zh-hans/, whose dates must survive a round trip in Chinese. The dashboard in
Chinese is checked with the demo data in test_dashboard.py (loading the demo once)."""

import re


def test_the_report_form_sends_back_the_date_it_shows_in_chinese(client, zone, leader):
    client.force_login(leader)
    page = client.get("/zh-hans/staff/reports/").text
    assert "编制报告" in page and "已编制的报告" in page
    shown = re.search(r'name="as_of" value="([^"]*)"', page)[1]
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", shown)  # every date field shows dd/mm/yyyy
    summary = client.get("/zh-hans/staff/summary/", {"as_of": shown, "from_year": "2010", "to_year": "2020"})
    assert summary.status_code == 200
    assert "文字摘要" in summary.text and "yyyy-mm-dd 或 dd/mm/yyyy" in summary.text
    assert 'id="id_as_of_error"' not in summary.text
