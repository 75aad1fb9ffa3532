"""The staff home's work list in Chromium: a specialist signs in, sees what waits with its count, follows
the link to the page where it is done, and money typed on a form is grouped the Vietnamese way."""

import datetime as dt

import pytest
from django.utils import timezone

from borderzone.accounts.tests.factories import TEST_PASSWORD, UserFactory, code_for, give_authenticator
from borderzone.portal.models import CommentStatus
from borderzone.portal.tests.factories import ArticleFactory, CommentFactory
from borderzone.register.tests.factories import make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_specialist_reads_the_work_list_and_follows_it_to_the_work(page, zone):
    from borderzone.access.actors import Actor

    user = UserFactory(username="chuyenvien", role="specialist", zones=[zone])
    device = give_authenticator(user)
    article = ArticleFactory(zone=zone, created_by=user)
    CommentFactory(article=article, status=CommentStatus.PENDING)
    CommentFactory(article=article, status=CommentStatus.PENDING)
    today = timezone.localdate()
    make_project(
        zone,
        Actor(user=user, via="test"),
        code="4300000009",
        name="Kho ngoại quan Tà Lùng",
        issued_on=today - dt.timedelta(days=400),
        plans={"construction_start": today - dt.timedelta(days=3)},
    )

    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("chuyenvien")
    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").last.click()
    page.get_by_label("Mã dùng một lần").fill(code_for(device))
    page.get_by_role("button", name="Đăng nhập").last.click()
    page.wait_for_url(page.base_url + "/staff/")

    work = page.locator("section.work-list")
    assert "Việc chờ bạn hôm nay" in work.inner_text()
    comments = work.locator("li.work-item", has_text="Bình luận của bạn đọc chờ kiểm duyệt")
    assert comments.locator(".count").inner_text() == "2"
    late = work.locator("li.work-item", has_text="Dự án chậm tiến độ kể từ")
    assert late.locator(".count").inner_text() == "1" and "Kho ngoại quan Tà Lùng" in late.inner_text()

    comments.get_by_role("link").first.click()
    page.wait_for_url(page.base_url + "/staff/portal/comments/")

    page.goto(page.base_url + "/staff/investments/4300000009/disbursements/new/")
    amount = page.locator("input#id_amount")
    amount.press_sequentially("1234567")
    assert amount.input_value() == "1.234.567"
    assert page.watch.page_errors == [] and page.watch.external_requests == []
