"""The investment register under /zh-hans/: the public list and a staff page."""

import pytest

from borderzone.register.tests.factories import make_project

pytestmark = pytest.mark.django_db


def test_the_public_project_list_reads_in_chinese(client, zone, actor, settings):
    settings.DEFAULT_ZONE_CODE = zone.code
    make_project(zone, actor, name="Kho ngoại quan công khai", published=True, status="operating")
    html = client.get("/zh-hans/projects/").text
    assert "<h1>区内项目</h1>" in html
    assert "管理委员会公开的在本经济区登记的投资项目及其当前状态。" in html
    assert "Kho ngoại quan công khai" in html and "运营中" in html
    assert "1,000亿越南盾" in html and "2018年1月10日" in html
    assert "注册资本" in html and "证书日期" in html


def test_the_staff_register_and_a_project_read_in_chinese(client, zone, actor, specialist):
    project = make_project(zone, actor, name="Kho bãi Trà Lĩnh", status="operating")
    client.force_login(specialist)
    html = client.get("/zh-hans/staff/investments/").text
    assert "新项目" in html and "从文件导入" in html and "法律规则" in html and "进度延误" in html
    detail = client.get(f"/zh-hans/staff/investments/{project.code}/").text
    assert "证书版本" in detail and "进度节点：计划与实际对比" in detail and "添加证书调整" in detail
