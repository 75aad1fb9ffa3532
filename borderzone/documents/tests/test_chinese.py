"""The register under /zh-hans/, and the language links that keep the document being read."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _link(html, code):
    return re.search(rf'<a href="([^"]*)" lang="{code}" hreflang="{code}"', html)[1]


def test_the_register_reads_in_chinese(client, zone, make_document):
    make_document(zone)
    html = client.get("/zh-hans/documents/").text
    assert "<h1>法律文件</h1>" in html
    assert "文件类型" in html and "发布机关" in html and "今日效力" in html
    assert "1 份文件" in html
    assert "225/QĐ-BQLKKT</span> · 决定 · 2024年5月10日" in html
    assert "现行有效" in html
    # Vietnamese titles stay as issued.
    assert "Quyết định về việc công bố công khai giao dự toán chi ngân sách năm 2024" in html


def test_switching_a_document_page_from_vietnamese_to_chinese_keeps_the_document(client, zone, make_document):
    doc = make_document(zone)
    vietnamese = client.get(f"/documents/{doc.pk}/?q=ngan+sach").text
    assert "Số, ký hiệu" in vietnamese
    href = _link(vietnamese, "zh-hans")
    assert href == f"/zh-hans/documents/{doc.pk}/?q=ngan+sach"
    chinese = client.get(href)
    assert chinese.status_code == 200
    assert doc.title in chinese.text
    assert "文号" in chinese.text and "发布日期" in chinese.text and "2024年5月10日" in chinese.text
    assert _link(chinese.text, "vi") == f"/documents/{doc.pk}/?q=ngan+sach"
    # The form endpoint of earlier versions lands on the same page too.
    response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": f"/documents/{doc.pk}/"})
    assert response["Location"] == f"/zh-hans/documents/{doc.pk}/"


def test_the_staff_register_reads_in_chinese_with_each_documents_standing(client, zone, make_document, specialist):
    make_document(zone)
    client.force_login(specialist)
    html = client.get("/zh-hans/staff/documents/").text
    assert "添加文件" in html and "已公开" in html
    assert "<td>现行有效</td>" in html and "in_force" not in html.replace('status-in_force"', "")


def test_procedures_read_in_chinese(client, zone):
    html = client.get("/zh-hans/procedures/").text
    assert "<h1>行政手续</h1>" in html and "办理时限" in html
