from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from PIL import Image

from borderzone.portal import services
from borderzone.portal.models import ArticleStatus, Comment, CommentStatus, DailyVisits, Rating
from borderzone.portal.tests.factories import ArticleFactory, CategoryFactory, CommentFactory

XSS = '<script>alert("x")</script><img src=x onerror="alert(1)"><a href="javascript:alert(2)">bấm</a>'
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 10, 10)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def hidden_articles(zone, category, specialist):
    """A draft, one awaiting approval, one scheduled for tomorrow and one expired yesterday."""
    now = timezone.now()
    return [
        ArticleFactory(
            zone=zone, category=category, created_by=specialist, slug="ban-nhap", status=ArticleStatus.DRAFT
        ),
        ArticleFactory(
            zone=zone, category=category, created_by=specialist, slug="cho-duyet", status=ArticleStatus.SUBMITTED
        ),
        ArticleFactory(
            zone=zone, category=category, created_by=specialist, slug="hen-gio", publish_at=now + dt.timedelta(days=1)
        ),
        ArticleFactory(
            zone=zone,
            category=category,
            created_by=specialist,
            slug="het-han",
            publish_at=now - dt.timedelta(days=5),
            expire_at=now - dt.timedelta(days=1),
        ),
    ]


def test_the_news_page_lists_only_published_articles(client, article, hidden_articles):
    response = client.get(reverse("portal:news"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bài mẫu" in html
    for hidden in hidden_articles:
        assert hidden.title not in html


def test_unpublished_articles_are_404_for_visitors_and_other_zones(client, hidden_articles, other_specialist):
    for hidden in hidden_articles:
        assert client.get(reverse("portal:article", args=[hidden.slug])).status_code == 404
    client.force_login(other_specialist)
    for hidden in hidden_articles:
        assert client.get(reverse("portal:article", args=[hidden.slug])).status_code == 404


def test_staff_of_the_zone_preview_a_draft(client, hidden_articles, specialist):
    client.force_login(specialist)
    response = client.get(reverse("portal:article", args=["ban-nhap"]))
    assert response.status_code == 200
    assert "noindex" in response.content.decode()


def test_unpublished_articles_are_absent_from_api_feeds_and_sitemap(client, article, hidden_articles):
    listing = client.get("/api/v1/portal/articles").json()
    assert [a["slug"] for a in listing["items"]] == ["bai-mau"]
    assert client.get("/api/v1/portal/articles/bai-mau").status_code == 200
    for url in ("/news/rss/", "/news/atom/", "/sitemap.xml"):
        body = client.get(url).content.decode()
        assert "/news/bai-mau/" in body, url
        for hidden in hidden_articles:
            assert hidden.slug not in body, url
    for hidden in hidden_articles:
        assert client.get(f"/api/v1/portal/articles/{hidden.slug}").status_code == 404


def test_the_api_gives_an_articles_rating_summary(client, article):
    from borderzone.access.actors import Actor

    assert client.get(f"/api/v1/portal/articles/{article.slug}").json()["rating_count"] == 0
    reader = Actor(user=None, via="web:reader")
    for visitor, stars in (("v1", 5), ("v2", 4), ("v3", 4)):
        services.rating_set(article=article, visitor=visitor, stars=stars, actor=reader)
    body = client.get(f"/api/v1/portal/articles/{article.slug}").json()
    assert (body["rating_average"], body["rating_count"]) == ("4.3", 3)


def test_images_of_unpublished_articles_are_not_served(client, article, hidden_articles, actor, editor_actor):
    shown = services.image_add(article=article, data=_png(), alt="Ảnh", actor=actor)
    assert client.get(reverse("portal:image", args=[shown.pk, "full"])).status_code == 404  # back for approval
    services.article_submit(article=article, actor=actor)
    services.article_approve(article=article, actor=editor_actor)
    hidden = services.image_add(article=hidden_articles[0], data=_png(), alt="Ảnh nháp", actor=actor)
    response = client.get(reverse("portal:image", args=[shown.pk, "full"]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get(reverse("portal:image", args=[hidden.pk, "full"])).status_code == 404
    assert client.get(reverse("portal:image", args=[hidden.pk, "thumb"])).status_code == 404


def test_article_page_has_open_graph_tags_and_the_image_alt_text(client, article, actor, editor_actor):
    services.image_add(article=article, data=_png(), alt="Toàn cảnh cửa khẩu", actor=actor)
    services.article_submit(article=article, actor=actor)
    services.article_approve(article=article, actor=editor_actor)
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<meta property="og:title" content="Bài mẫu">' in html
    assert 'property="og:image" content="http://testserver/news/images/' in html
    assert 'alt="Toàn cảnh cửa khẩu"' in html


def test_article_content_is_shown_in_english_when_it_has_a_version(client, article):
    html = client.get(f"/en{article.get_absolute_url()}").content.decode()
    assert article.title_en in html


def test_stored_xss_in_an_article_is_harmless_on_render(client, article):
    # Even a body written straight to the database (not through the service) is sanitised on render.
    article.body = f"<p>Nội dung</p>{XSS}"
    article.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "onerror" not in html and "javascript:alert" not in html
    assert "Nội dung" in html


def test_the_comment_form_and_its_captcha_are_drawn_only_on_request(client, article):
    from captcha.models import CaptchaStore

    html = client.get(article.get_absolute_url()).content.decode()
    assert "captcha_0" not in html and not CaptchaStore.objects.exists()
    fragment = client.get(reverse("portal:comment", args=[article.slug]), HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.content.decode() and "captcha_1" in fragment.content.decode()
    page = client.get(reverse("portal:comment", args=[article.slug]))
    assert "<h1>Gửi ý kiến</h1>" in page.content.decode()
    assert CaptchaStore.objects.count() == 2


def test_stored_xss_in_an_article_is_harmless_in_the_api(client, article):
    article.body = f"<p>Nội dung</p>{XSS}"
    article.save()
    body = client.get(f"/api/v1/portal/articles/{article.slug}").json()["body"]
    assert "<script" not in body and "onerror" not in body and "javascript:" not in body
    assert body.startswith("<p>Nội dung</p>")


def test_a_comment_without_a_valid_captcha_is_refused(client, article):
    data = {"name": "An", "email": "an@example.com", "body": "Ý kiến", "captcha_0": "abc", "captcha_1": "wrong"}
    response = client.post(reverse("portal:comment", args=[article.slug]), data)
    assert response.status_code == 422
    assert "Ý kiến" in response.content.decode()  # what was typed is kept
    assert not Comment.objects.exists()


def test_a_comment_waits_for_approval_before_it_is_shown(client, article, captcha_answer, specialist):
    data = {"name": "Bạn đọc An", "email": "an@example.com", "body": "Câu hỏi về ưu đãi", **captcha_answer()}
    response = client.post(reverse("portal:comment", args=[article.slug]), data, follow=True)
    html = response.content.decode()
    assert "chờ" in html or "moderator" in html  # the commenter is told it awaits approval
    assert "Câu hỏi về ưu đãi" not in html
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING and len(comment.address_hash) == 40

    client.force_login(specialist)
    queue = client.get(reverse("portal:staff-comments")).content.decode()
    assert "Câu hỏi về ưu đãi" in queue
    client.post(reverse("portal:staff-comment-moderate", args=[comment.pk]), {"decision": "approve"})
    client.logout()

    html = client.get(article.get_absolute_url()).content.decode()
    assert "Câu hỏi về ưu đãi" in html
    assert "an@example.com" not in html


def test_stored_xss_in_a_comment_is_escaped(client, article):
    CommentFactory(article=article, body=XSS, name='<b onmouseover="x()">Kẻ xấu</b>')
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html and "<b onmouseover" not in html
    assert "&lt;script&gt;" in html


def test_a_second_rating_through_the_page_replaces_the_first(client, article):
    url = reverse("portal:rate", args=[article.slug])
    client.post(url, {"stars": "3"}, HTTP_USER_AGENT=BROWSER)
    client.post(url, {"stars": "5"}, HTTP_USER_AGENT=BROWSER)
    other = client_class_post(url, {"stars": "4"})
    assert other == 302
    assert sorted(Rating.objects.values_list("stars", flat=True)) == [4, 5]
    html = client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER).content.decode()
    assert "4,5 / 5 từ 2 đánh giá" in html


def client_class_post(url: str, data: dict[str, str]) -> int:
    from django.test import Client

    return Client(REMOTE_ADDR="10.0.0.9").post(url, data, HTTP_USER_AGENT=BROWSER).status_code


def test_rating_form_is_absent_when_the_category_switches_ratings_off(client, zone, specialist):
    closed = CategoryFactory(slug="thong-bao", ratings_enabled=False)
    notice = ArticleFactory(zone=zone, category=closed, created_by=specialist, slug="thong-bao-1")
    html = client.get(notice.get_absolute_url()).content.decode()
    assert 'id="rating"' not in html
    client.post(reverse("portal:rate", args=[notice.slug]), {"stars": "5"})
    assert not Rating.objects.exists()


def test_the_report_button_opens_a_report_page_without_script_with_a_captcha_for_anonymous_readers(client, article):
    comment = CommentFactory(article=article)
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'id="flag-form" method="get"' in html and f'form="flag-form" name="comment" value="{comment.pk}"' in html
    page = client.get(reverse("portal:comment-flag"), {"comment": comment.pk})
    body = page.content.decode()
    assert page.status_code == 200 and "captcha_1" in body and comment.body in body
    assert f'name="comment" value="{comment.pk}"' in body


def test_a_report_without_captcha_or_login_is_refused_with_a_clear_message(client, article):
    comment = CommentFactory(article=article)
    response = client.post(reverse("portal:comment-flag"), {"comment": comment.pk})
    assert response.status_code == 422
    assert "Hãy gõ các ký tự trong hình, hoặc đăng nhập, để báo cáo bình luận." in response.content.decode()
    wrong = client.post(reverse("portal:comment-flag"), {"comment": comment.pk, "captcha_0": "abc", "captcha_1": "x"})
    assert wrong.status_code == 422
    comment.refresh_from_db()
    assert comment.flag_count == 0 and not comment.flags.exists()


def test_one_address_with_three_user_agents_does_not_hide_a_comment(client, article, captcha_answer):
    comment = CommentFactory(article=article)
    for agent in ("Firefox/130", "Chrome/131", "curl/8.0"):
        response = client.post(
            reverse("portal:comment-flag"),
            {"comment": comment.pk, **captcha_answer()},
            REMOTE_ADDR="203.0.113.9",
            HTTP_USER_AGENT=agent,
        )
        assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.flag_count == 1 and comment.status == CommentStatus.APPROVED
    assert comment.flags.get().visitor.startswith("addr:") and "203.0.113.9" not in comment.flags.get().visitor


def test_three_distinct_signed_in_users_hide_a_comment_without_a_captcha(client, article):
    from borderzone.accounts.models import Role
    from borderzone.accounts.tests.factories import UserFactory

    comment = CommentFactory(article=article)
    for n in range(3):
        user = UserFactory(username=f"reader{n}", role=Role.INVESTOR)
        client.force_login(user)
        assert "captcha_1" not in client.get(reverse("portal:comment-flag"), {"comment": comment.pk}).content.decode()
        for _twice in range(2):  # the same user counts once
            response = client.post(reverse("portal:comment-flag"), {"comment": comment.pk}, REMOTE_ADDR="203.0.113.9")
            assert response.status_code == 302
        comment.refresh_from_db()
        assert comment.flag_count == n + 1
    assert comment.status == CommentStatus.PENDING


def test_two_users_and_one_anonymous_address_hide_a_comment(client, article, captcha_answer):
    from borderzone.accounts.models import Role
    from borderzone.accounts.tests.factories import UserFactory

    comment = CommentFactory(article=article)
    client.post(reverse("portal:comment-flag"), {"comment": comment.pk, **captcha_answer()}, REMOTE_ADDR="198.51.100.1")
    client.post(reverse("portal:comment-flag"), {"comment": comment.pk, **captcha_answer()}, REMOTE_ADDR="198.51.100.1")
    for n in range(2):
        client.force_login(UserFactory(username=f"mixed{n}", role=Role.INVESTOR))
        client.post(reverse("portal:comment-flag"), {"comment": comment.pk}, REMOTE_ADDR="198.51.100.1")
    comment.refresh_from_db()
    assert comment.flag_count == 3 and comment.status == CommentStatus.PENDING


def test_anonymous_pages_are_cached_and_invalidated_when_content_changes(client, article, actor, editor_actor):
    url = article.get_absolute_url()
    assert "Bài mẫu" in client.get(url).content.decode()
    services.article_update(article=article, actor=actor, title="Tiêu đề đã sửa")
    services.article_submit(article=article, actor=actor)
    services.article_approve(article=article, actor=editor_actor)
    assert "Tiêu đề đã sửa" in client.get(url).content.decode()
    assert "Tiêu đề đã sửa" in client.get(reverse("portal:news")).content.decode()


def test_a_scheduled_article_appears_in_the_cached_list_once_its_time_passes(
    client, article, zone, category, specialist
):
    later = ArticleFactory(zone=zone, category=category, created_by=specialist, slug="sap-dang", title="Sắp đăng")
    later.publish_at = timezone.now() + dt.timedelta(days=1)
    later.save()
    assert "Sắp đăng" not in client.get(reverse("portal:news")).content.decode()
    later.publish_at = timezone.now() - dt.timedelta(seconds=1)
    later.save()  # no version bump: only the clock moved past the scheduled time
    assert "Sắp đăng" in client.get(reverse("portal:news")).content.decode()


def test_the_cached_article_page_costs_few_queries(client, article, django_assert_max_num_queries):
    client.get(article.get_absolute_url())
    with django_assert_max_num_queries(8):
        assert client.get(article.get_absolute_url()).status_code == 200


def test_the_news_list_costs_a_fixed_number_of_queries(
    client, zone, category, specialist, django_assert_max_num_queries
):
    for _ in range(15):
        ArticleFactory(zone=zone, category=category, created_by=specialist)
    # The first request also creates the cache's version rows (each in a savepoint, in case another
    # process creates it at the same time); neither count grows with the number of articles. The
    # counter reads its folded totals, who is online and the views not folded yet (three queries).
    with django_assert_max_num_queries(15):
        assert client.get(reverse("portal:news")).status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get(reverse("portal:news"), {"page": 2}).status_code == 200


def test_visits_counted_by_the_middleware_skip_reloads_and_bots(client, article, django_capture_on_commit_callbacks):
    url = article.get_absolute_url()
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url, HTTP_USER_AGENT=BROWSER)
        client.get(url, HTTP_USER_AGENT=BROWSER)  # a reload
        client.get(reverse("portal:news"), HTTP_USER_AGENT=BROWSER)
        client.get(url, HTTP_USER_AGENT="Googlebot/2.1 (+http://www.google.com/bot.html)")
        client.get("/news/rss/", HTTP_USER_AGENT=BROWSER)  # feeds are not pages
    services.aggregate_visits.call()
    day = DailyVisits.objects.get()
    assert (day.visitors, day.visits, day.page_views) == (1, 1, 2)
    assert (day.bot_visits, day.bot_page_views) == (1, 1)
    html = client.get(reverse("portal:news"), HTTP_USER_AGENT=BROWSER).content.decode()
    assert "Đang truy cập" in html


def test_the_visitor_table_stores_no_address(client, article, django_capture_on_commit_callbacks):
    from borderzone.portal.models import VisitorPresence

    with django_capture_on_commit_callbacks(execute=True):
        client.get(article.get_absolute_url(), REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT=BROWSER)
    services.aggregate_visits.call()
    presence = VisitorPresence.objects.get()
    assert "203.0.113.7" not in presence.visitor and len(presence.visitor) == 40


def test_monthly_visits_export_as_csv_and_xlsx(client, specialist):
    today = timezone.localdate()
    DailyVisits.objects.create(date=today, visitors=3, visits=4, page_views=9, bot_visits=2, bot_page_views=5)
    client.force_login(specialist)
    month = f"{today:%Y-%m}"
    csv_text = client.get(reverse("portal:staff-visitors-export", args=["csv"]), {"month": month}).content.decode()
    assert f"{today.isoformat()},3,4,9,2,5" in csv_text
    xlsx = client.get(reverse("portal:staff-visitors-export", args=["xlsx"]), {"month": month})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[today.day][1:] == (3, 4, 9, 2, 5)
    assert rows[-1][0] == "Tổng cộng" and rows[-1][2] == 4


def test_visitor_pages_are_for_staff_only(client, investor):
    assert client.get(reverse("portal:staff-visitors")).status_code == 302
    client.force_login(investor)
    assert client.get(reverse("portal:staff-visitors")).status_code == 404


def test_writing_submitting_and_approving_through_the_staff_pages(client, zone, category, specialist, editor):
    client.force_login(specialist)
    response = client.post(
        reverse("portal:staff-article-create"),
        {
            "zone": zone.pk,
            "category": category.pk,
            "title": "Hội nghị xúc tiến đầu tư",
            "body": "<p>Nội dung</p>",
            "author_name": "Phòng Xúc tiến",
        },
    )
    assert response.status_code == 302
    from borderzone.portal.models import Article

    article = Article.objects.get(slug="hoi-nghi-xuc-tien-dau-tu")
    client.post(reverse("portal:staff-article-submit", args=[article.pk]))
    client.post(reverse("portal:staff-article-approve", args=[article.pk]))
    article.refresh_from_db()
    assert article.status == ArticleStatus.SUBMITTED  # the author's own approval was refused
    client.force_login(editor)
    client.post(reverse("portal:staff-article-approve", args=[article.pk]))
    article.refresh_from_db()
    assert article.status == ArticleStatus.APPROVED and article.is_published()


def test_the_article_form_keeps_what_was_typed_on_error(client, zone, category, specialist):
    client.force_login(specialist)
    response = client.post(reverse("portal:staff-article-create"), {"zone": zone.pk, "title": "Chưa xong"})
    assert response.status_code == 422
    assert "Chưa xong" in response.content.decode()


def test_a_leader_reads_but_cannot_write_articles(client, article, leader):
    client.force_login(leader)
    assert client.get(reverse("portal:staff-article", args=[article.pk])).status_code == 200
    assert client.post(reverse("portal:staff-article-return", args=[article.pk])).status_code == 403


def test_a_specialist_of_another_zone_cannot_see_the_article_in_the_staff_pages(
    client, hidden_articles, other_specialist
):
    client.force_login(other_specialist)
    assert client.get(reverse("portal:staff-article", args=[hidden_articles[0].pk])).status_code == 404


def test_the_cached_home_and_article_follow_the_schedule_without_a_version_bump(
    client, article, zone, category, specialist
):
    later = ArticleFactory(zone=zone, category=category, created_by=specialist, slug="sap-dang", title="Sắp đăng")
    later.publish_at = timezone.now() + dt.timedelta(days=1)
    later.save()
    assert "Sắp đăng" not in client.get(reverse("core:home")).content.decode()
    assert client.get(later.get_absolute_url()).status_code == 404
    later.publish_at = timezone.now() - dt.timedelta(seconds=1)
    later.save()  # no version bump: only the clock moved past the scheduled time
    assert "Sắp đăng" in client.get(reverse("core:home")).content.decode()
    assert "Sắp đăng" in client.get(later.get_absolute_url()).content.decode()
    article.expire_at = timezone.now() - dt.timedelta(seconds=1)
    article.save()  # the article shown on both pages expires
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Bài mẫu" not in client.get(reverse("core:home")).content.decode()


def test_scheduling_through_the_staff_page(client, article, specialist):
    client.force_login(specialist)
    response = client.post(
        reverse("portal:staff-article-schedule", args=[article.pk]),
        {"publish_at": "2030-01-02T08:00", "expire_at": "2030-01-01T08:00"},
    )
    assert response.status_code == 422
    response = client.post(
        reverse("portal:staff-article-schedule", args=[article.pk]), {"publish_at": "2030-01-02T08:00", "expire_at": ""}
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert timezone.localtime(article.publish_at).strftime("%d/%m/%Y %H:%M") == "02/01/2030 08:00"
    assert not article.is_published()


def test_uploading_a_renamed_executable_through_the_page_is_refused(client, article, specialist):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(specialist)
    upload = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00" + b"\x00" * 100, content_type="image/jpeg")
    response = client.post(reverse("portal:staff-image-upload", args=[article.pk]), {"image": upload, "alt": "Ảnh"})
    assert response.status_code == 422
    assert not article.images.exists()


def test_the_interface_reads_in_chinese(client, article):
    html = client.get("/zh-hans/news/").content.decode()
    assert '<html lang="zh-hans">' in html
    assert "新闻" in html and "首页" in html


def test_the_language_switch_keeps_the_page(client, article):
    response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/news/bai-mau/"})
    assert response["Location"] == "/zh-hans/news/bai-mau/"
    # From an English page, with a browser that asks for Vietnamese and no language cookie yet.
    client.cookies.clear()
    response = client.post("/i18n/setlang/", {"language": "vi", "next": "/en/news/bai-mau/"}, HTTP_ACCEPT_LANGUAGE="vi")
    assert response["Location"] == "/news/bai-mau/"


def test_staff_article_index_shows_waiting_counts(client, article, specialist):
    CommentFactory(article=article, status=CommentStatus.PENDING)
    client.force_login(specialist)
    html = client.get(reverse("portal:staff-articles")).content.decode()
    assert "1 bình luận chờ duyệt" in html


def test_the_category_page_is_for_administrators_to_change(client, specialist, admin_user):
    client.force_login(specialist)
    assert client.post(reverse("portal:staff-categories"), {"name": "Mới", "sort_order": 1}).status_code == 403
    client.force_login(admin_user)
    response = client.post(reverse("portal:staff-categories"), {"name": "Mới", "sort_order": 1})
    assert response.status_code == 302


def test_feeds_give_the_titles_of_their_language_and_vietnamese_where_there_is_none(client, article, category):
    article.title_en, article.title_zh, article.lead_zh = "Sample article", "示例文章", ""
    article.save(update_fields=["title_en", "title_zh", "lead_zh"])
    english = client.get("/en/news/rss/").content.decode()
    assert "<title>Sample article</title>" in english and "<language>en</language>" in english
    chinese = client.get("/zh-hans/news/atom/").content.decode()
    assert "<title>示例文章</title>" in chinese and 'xml:lang="zh-hans"' in chinese
    assert article.lead in chinese  # no Chinese lead: the Vietnamese one
    assert "<title>Bài mẫu</title>" in client.get("/news/rss/").content.decode()


@pytest.mark.parametrize(
    ("prefix", "title", "refusal"),
    [
        ("/en", "Report a comment", "Type the letters in the picture, or sign in, to report a comment."),
        ("/zh-hans", "举报评论", "请输入图片中的字符或登录后再举报评论。"),
    ],
)
def test_the_report_page_and_its_refusal_are_in_the_readers_language(client, article, prefix, title, refusal):
    comment = CommentFactory(article=article)
    url = prefix + reverse("portal:comment-flag")
    assert title in client.get(url, {"comment": comment.pk}).content.decode()
    response = client.post(url, {"comment": comment.pk})
    assert response.status_code == 422 and refusal in response.content.decode()


def test_a_public_page_counts_its_visit_with_one_insert_and_no_lock(
    monkeypatch, client, article, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "AGGREGATE_EVERY", 10**9)  # no fold now, whatever the id sequence says
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)  # warms the cache and the version rows
    with CaptureQueriesContext(connection) as ctx, django_capture_on_commit_callbacks(execute=True):
        assert client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER).status_code == 200
    statements = [q["sql"].strip().upper() for q in ctx.captured_queries]
    writes = [s for s in statements if not s.startswith(("SELECT", "WITH", "SAVEPOINT", "RELEASE"))]
    assert [w.split("(")[0].strip() for w in writes] == ['INSERT INTO "PORTAL_VISITLOG"']
    assert not [s for s in statements if "FOR UPDATE" in s or (s.startswith("WITH") and "INSERT" in s)]
    # One statement for the page's key (versions, the article's id and own version, the reader's stars, the
    # schedule), the counter (one statement on PostgreSQL, three elsewhere) and the insert.
    assert len(statements) == (3 if connection.vendor == "postgresql" else 5)


def test_the_counter_shows_n_visits_before_and_after_the_worker_folds_them(
    monkeypatch, client, article, django_capture_on_commit_callbacks
):
    from borderzone.portal import selectors

    monkeypatch.setattr(services, "AGGREGATE_EVERY", 10**9)  # the fold is run by hand below
    from borderzone.portal.models import VisitLog

    n = 7
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(n):
            client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=f"198.51.100.{i + 1}")
    assert VisitLog.objects.count() == n and not DailyVisits.objects.exists()
    before = selectors.visitor_counts()
    assert (before.online, before.today, before.this_month, before.total) == (n, n, n, n)
    assert services.aggregate_visits.call() == n
    assert not VisitLog.objects.exists()
    after = selectors.visitor_counts()
    assert (after.online, after.today, after.this_month, after.total) == (n, n, n, n)
    assert DailyVisits.objects.get().visits == n
    # Another view of a visitor already folded: counted at once again (a new page within the visit).
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("portal:news"), HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="198.51.100.1")
    assert selectors.visitor_counts().online == n
    assert (
        selectors.visits_of_month(timezone.localdate().year, timezone.localdate().month)[
            timezone.localdate().day - 1
        ].page_views
        == n + 1
    )


def test_the_worker_folds_the_log_every_few_hundred_views(db, settings):
    from borderzone.portal import services
    from borderzone.portal.models import VisitLog

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    for i in range(services.AGGREGATE_EVERY + 5):
        services.visit_record(visitor=f"v{i}", path_key="/", bot=False)
    # The immediate backend ran the fold when the row numbered AGGREGATE_EVERY was appended.
    assert VisitLog.objects.count() < services.AGGREGATE_EVERY
    assert DailyVisits.objects.get().visits + VisitLog.objects.count() == services.AGGREGATE_EVERY + 5
