import pytest
from captcha.models import CaptchaStore
from playwright.sync_api import expect

from borderzone.accounts.tests.factories import UserFactory
from borderzone.portal.models import Comment, CommentStatus, Rating
from borderzone.portal.tests.factories import ArticleFactory, CategoryFactory
from borderzone.zones.tests.factories import EconomicZoneFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published(db):
    zone = EconomicZoneFactory(code="CB", name="Khu kinh tế cửa khẩu tỉnh Cao Bằng")
    category = CategoryFactory(slug="tin-tuc-su-kien", name="Tin tức - Sự kiện", name_zh="新闻动态")
    return ArticleFactory(
        zone=zone,
        category=category,
        created_by=UserFactory(username="tacgia"),
        slug="xay-dung-kktck",
        title="Xây dựng KKTCK tỉnh trở thành khu vực kinh tế trọng điểm",
        title_zh="将边境口岸经济区建设成为重点经济区域",
        body="<p>Đến nay, trong Khu KTCK tỉnh có 74 dự án đầu tư.</p>",
    )


def _clean(page) -> None:
    assert page.watch.external_requests == []
    assert page.watch.console_errors == [] and page.watch.page_errors == []


def test_a_reader_reads_rates_and_comments_on_an_article(page, published):
    page.goto(page.base_url + "/news/")
    page.get_by_role("link", name=published.title).click()
    page.wait_for_url(page.base_url + "/news/xay-dung-kktck/")
    assert page.locator("h1").count() == 1
    assert page.locator("h1").inner_text() == published.title
    assert "74 dự án" in page.locator(".article-body").inner_text()

    page.get_by_label("4 sao").check()
    page.get_by_role("button", name="Gửi đánh giá").click()
    page.wait_for_url("**/news/xay-dung-kktck/#rating")
    assert "4 / 5 từ 1 đánh giá" in page.locator(".rating-summary").inner_text()
    # Rating again from the keyboard replaces the first rating.
    page.get_by_label("2 sao").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Gửi đánh giá").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "2 / 5 từ 1 đánh giá" in page.locator(".rating-summary").inner_text()
    assert list(Rating.objects.values_list("stars", flat=True)) == [2]

    page.get_by_role("link", name="Viết ý kiến").click()
    page.locator("img.captcha").wait_for()
    assert page.url.endswith("#rating")  # the form came in place, the page stayed
    assert page.locator("img.captcha").evaluate("img => img.decode().then(() => img.naturalWidth > 0)")
    unlabelled = page.evaluate(
        """[...document.querySelectorAll('main input:not([type=hidden]), main textarea, main select')]
           .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.name)"""
    )
    assert unlabelled == []
    levels = page.evaluate("[...document.querySelectorAll('main h1, main h2, main h3')].map(h => h.tagName)")
    assert levels[0] == "H1" and levels.count("H1") == 1 and "H3" not in levels
    key = page.locator("input[name=captcha_0]").input_value()
    page.get_by_label("Họ và tên").fill("Nguyễn Văn Bình")
    page.get_by_label("Thư điện tử (không bắt buộc)").fill("binh@example.com")
    page.get_by_label("Bình luận").fill("Xin hỏi về ưu đãi đầu tư tại Trà Lĩnh.")
    page.get_by_label("Mã bảo mật (chữ trong ảnh)").fill(CaptchaStore.objects.get(hashkey=key).response)
    page.get_by_role("button", name="Gửi ý kiến").click()
    page.wait_for_url("**/news/xay-dung-kktck/#comments")
    assert "đang chờ duyệt" in page.locator(".messages").inner_text()
    assert "Xin hỏi về ưu đãi" not in page.locator("#comments").inner_text()
    assert Comment.objects.get().status == CommentStatus.PENDING
    _clean(page)


def test_the_language_switch_keeps_the_article(page, published):
    page.goto(page.base_url + "/news/xay-dung-kktck/")
    page.get_by_role("link", name="中文").click()
    page.wait_for_url(page.base_url + "/zh-hans/news/xay-dung-kktck/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.locator("h1").inner_text() == "将边境口岸经济区建设成为重点经济区域"
    assert page.get_by_role("navigation", name="主导航").get_by_role("link", name="新闻").is_visible()
    assert page.get_by_role("heading", name="评分").is_visible()

    page.get_by_role("link", name="English").click()
    page.wait_for_url(page.base_url + "/en/news/xay-dung-kktck/")
    assert page.get_by_role("heading", name="Rating").is_visible()
    page.get_by_role("link", name="Tiếng Việt").click()
    page.wait_for_url(page.base_url + "/news/xay-dung-kktck/")
    assert page.get_by_role("heading", name="Đánh giá").is_visible()
    _clean(page)


def test_the_skip_link_reaches_the_content_by_keyboard(page, published):
    page.goto(page.base_url + "/news/xay-dung-kktck/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Chuyển đến nội dung chính"
    page.keyboard.press("Enter")
    page.wait_for_url("**/news/xay-dung-kktck/#main", timeout=5000)  # the hash changes after the key event
    assert page.url.endswith("#main")
    _clean(page)


def test_the_captcha_gives_another_picture_and_can_be_heard(page, published):
    page.goto(page.base_url + "/news/xay-dung-kktck/")
    page.get_by_role("link", name="Viết ý kiến").click()
    page.locator("img.captcha").wait_for()
    size = page.locator("img.captcha").evaluate("img => img.decode().then(() => [img.naturalHeight, img.height])")
    assert size[0] == size[1]  # shown at its own size, not stretched
    first_key = page.locator("input[name=captcha_0]").input_value()
    first_src = page.locator("img.captcha").get_attribute("src")
    page.get_by_role("button", name="Ảnh khác").click()
    expect(page.locator("img.captcha")).not_to_have_attribute("src", first_src)
    new_key = page.locator("input[name=captcha_0]").input_value()
    assert new_key != first_key
    assert new_key in page.locator("img.captcha").get_attribute("src")
    assert new_key in page.get_by_role("link", name="Nghe các ký tự").get_attribute("href")
    audio = page.request.get(page.base_url + page.get_by_role("link", name="Nghe các ký tự").get_attribute("href"))
    assert audio.status == 200 and audio.body()[:4] == b"RIFF"
    page.locator(".captcha-box").screenshot(path="var/captcha.png")
    # The answer works in lower case, typed after a refresh.
    page.get_by_label("Họ và tên").fill("Nguyễn Văn Bình")
    page.get_by_label("Bình luận").fill("Ý kiến thử.")
    page.get_by_label("Mã bảo mật (chữ trong ảnh)").fill(CaptchaStore.objects.get(hashkey=new_key).response.lower())
    page.get_by_role("button", name="Gửi ý kiến").click()
    page.wait_for_url("**/news/xay-dung-kktck/#comments")
    assert Comment.objects.count() == 1
    _clean(page)
