from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image

from borderzone.access.actors import Actor
from borderzone.core.models import AuditEvent
from borderzone.portal import selectors, services
from borderzone.portal.models import (
    Article,
    ArticleStatus,
    CommentStatus,
    DailyVisits,
    Rating,
    VisitLog,
    VisitorPresence,
)
from borderzone.portal.tests.factories import CategoryFactory, CommentFactory

READER = Actor(user=None, via="web:reader")


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (20, 120, 60)).save(out, "PNG")
    return out.getvalue()


def test_article_create_stores_a_sanitised_draft_with_an_ascii_slug(zone, category, actor):
    article = services.article_create(
        zone=zone,
        category=category,
        title="Cửa khẩu Trà Lĩnh – Đồng Đăng",
        body='<p onclick="x()">Nội dung<script>alert(1)</script> <a href="javascript:alert(2)">liên kết</a></p>',
        author_name="Ban Quản lý",
        actor=actor,
    )
    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT
    assert article.slug == "cua-khau-tra-linh-dong-dang"
    assert "script" not in article.body and "onclick" not in article.body and "javascript" not in article.body
    assert article.body.startswith("<p>Nội dung")
    assert AuditEvent.objects.filter(object_id=str(article.pk), action="created").count() == 1


def test_article_slugs_stay_unique(zone, category, actor):
    first = services.article_create(
        zone=zone, category=category, title="Tin mới", body="<p>a</p>", author_name="A", actor=actor
    )
    second = services.article_create(
        zone=zone, category=category, title="Tin mới", body="<p>b</p>", author_name="A", actor=actor
    )
    assert (first.slug, second.slug) == ("tin-moi", "tin-moi-2")


def test_the_author_cannot_approve_their_own_article(zone, category, actor):
    article = services.article_create(
        zone=zone, category=category, title="Tin", body="<p>a</p>", author_name="A", actor=actor
    )
    services.article_submit(article=article, actor=actor)
    with pytest.raises(ValidationError, match="khác tác giả"):
        services.article_approve(article=article, actor=actor)
    article.refresh_from_db()
    assert article.status == ArticleStatus.SUBMITTED


def test_another_editor_approves_and_the_article_is_published(zone, category, actor, editor_actor, editor):
    article = services.article_create(
        zone=zone, category=category, title="Tin", body="<p>a</p>", author_name="A", actor=actor
    )
    services.article_submit(article=article, actor=actor)
    services.article_approve(article=article, actor=editor_actor)
    article.refresh_from_db()
    assert article.status == ArticleStatus.APPROVED and article.approved_by == editor
    assert article.is_published()
    assert list(Article.objects.published()) == [article]


def test_a_draft_cannot_be_approved_without_being_submitted(zone, category, actor, editor_actor):
    article = services.article_create(
        zone=zone, category=category, title="Tin", body="<p>a</p>", author_name="A", actor=actor
    )
    with pytest.raises(ValidationError, match="đang chờ duyệt"):
        services.article_approve(article=article, actor=editor_actor)


def test_scheduled_article_appears_at_its_time_and_leaves_at_expiry(zone, category, actor, editor_actor):
    now = timezone.now()
    article = services.article_create(
        zone=zone,
        category=category,
        title="Tin hẹn giờ",
        body="<p>a</p>",
        author_name="A",
        publish_at=now + dt.timedelta(hours=2),
        expire_at=now + dt.timedelta(days=2),
        actor=actor,
    )
    services.article_submit(article=article, actor=actor)
    services.article_approve(article=article, actor=editor_actor)
    assert not article.is_published(now)
    assert article.is_published(now + dt.timedelta(hours=3))
    assert not article.is_published(now + dt.timedelta(days=3))
    assert not Article.objects.published(now).exists()
    assert Article.objects.published(now + dt.timedelta(hours=3)).get() == article


def test_expiry_before_publication_is_refused(article, actor):
    with pytest.raises(ValidationError, match="phải sau thời điểm đăng"):
        services.article_schedule(
            article=article, actor=actor, publish_at=timezone.now(), expire_at=timezone.now() - dt.timedelta(days=1)
        )


def test_changing_an_approved_articles_content_needs_a_new_approval(article, actor):
    services.article_update(article=article, actor=actor, title="Tiêu đề mới")
    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT and article.approved_by is None
    assert not article.is_published()


def test_a_second_rating_from_the_same_visitor_replaces_the_first(article):
    services.rating_set(article=article, visitor="v1", stars=2, actor=READER)
    services.rating_set(article=article, visitor="v1", stars=5, actor=READER)
    services.rating_set(article=article, visitor="v2", stars=4, actor=READER)
    assert Rating.objects.filter(article=article).count() == 2
    assert Rating.objects.get(article=article, visitor="v1").stars == 5


def test_ratings_can_be_switched_off_per_category(article, actor):
    article.category.ratings_enabled = False
    article.category.save()
    with pytest.raises(ValidationError, match="không nhận đánh giá"):
        services.rating_set(article=article, visitor="v1", stars=3, actor=READER)
    assert not Rating.objects.exists()


@pytest.mark.parametrize("stars", [0, 6])
def test_stars_outside_one_to_five_are_refused(article, stars):
    with pytest.raises(ValidationError, match="từ 1 đến 5 sao"):
        services.rating_set(article=article, visitor="v1", stars=stars, actor=READER)


def test_unpublished_articles_cannot_be_rated(article):
    article.status = ArticleStatus.DRAFT
    article.save()
    with pytest.raises(ValidationError):
        services.rating_set(article=article, visitor="v1", stars=3, actor=READER)


def test_comments_wait_for_moderation_and_the_rate_limit_holds_per_address(article):
    for i in range(services.COMMENT_LIMIT):
        comment = services.comment_post(
            article=article, name="An", email="", body=f"Ý kiến {i}", address="addr1", actor=READER
        )
        assert comment.status == CommentStatus.PENDING
    with pytest.raises(ValidationError, match="chờ một lúc"):
        services.comment_post(article=article, name="An", email="", body="Thêm", address="addr1", actor=READER)
    other = services.comment_post(article=article, name="Bình", email="", body="Khác", address="addr2", actor=READER)
    assert other.pk is not None
    later = timezone.now() + services.COMMENT_WINDOW + dt.timedelta(seconds=1)
    assert services.comment_post(
        article=article, name="An", email="", body="Sau", address="addr1", actor=READER, now=later
    ).pk


def test_comment_flagged_by_several_readers_goes_back_to_moderation(article):
    comment = CommentFactory(article=article)
    for reporter in ("addr:a", "addr:a", "user:7"):
        services.comment_flag(comment=comment, reporter=reporter, actor=READER)
    comment.refresh_from_db()
    assert comment.flag_count == 2 and comment.status == CommentStatus.APPROVED
    services.comment_flag(comment=comment, reporter="addr:c", actor=READER)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


def test_a_report_without_a_reporter_identity_is_refused_and_old_browser_keyed_rows_do_not_count(article):
    from borderzone.portal.models import CommentFlag

    comment = CommentFactory(article=article)
    CommentFlag.objects.create(comment=comment, visitor="0123abcd" * 5)  # an older address-and-browser hash
    with pytest.raises(ValidationError):
        services.comment_flag(comment=comment, reporter="0123456789abcdef", actor=READER)
    services.comment_flag(comment=comment, reporter="addr:a", actor=READER)
    services.comment_flag(comment=comment, reporter="addr:b", actor=READER)
    comment.refresh_from_db()
    assert comment.flag_count == 2 and comment.status == CommentStatus.APPROVED


def test_an_image_is_checked_by_content_resized_and_stored_under_a_server_name(article, actor):
    image = services.image_add(article=article, data=_png(3200, 1600), alt="Cửa khẩu Trà Lĩnh", actor=actor)
    assert (image.width, image.height) == (1600, 800)
    assert image.file.startswith("portal/images/") and image.file.endswith(".jpg")
    assert default_storage.exists(image.file) and default_storage.exists(image.thumbnail)
    with default_storage.open(image.thumbnail) as handle:
        assert max(Image.open(handle).size) == 480


def test_a_renamed_executable_is_refused_as_an_image(article, actor):
    with pytest.raises(ValidationError, match="không phải là ảnh"):
        services.image_add(article=article, data=b"MZ\x90\x00" + b"\x00" * 200, alt="ảnh", actor=actor)
    assert not article.images.exists()


def test_an_image_needs_alternative_text(article, actor):
    with pytest.raises(ValidationError, match="không xem được ảnh"):
        services.image_add(article=article, data=_png(10, 10), alt=" ", actor=actor)


def test_visits_do_not_count_reloads_and_keep_bots_apart(db, monkeypatch):
    monkeypatch.setattr(services, "AGGREGATE_EVERY", 10**9)  # no fold but ours, whatever the id sequence says
    start = timezone.now()
    services.visit_record(visitor="h1", path_key="/news/", bot=False, now=start)
    services.visit_record(visitor="h1", path_key="/news/", bot=False, now=start + dt.timedelta(seconds=5))
    services.visit_record(visitor="h1", path_key="/news/a/", bot=False, now=start + dt.timedelta(seconds=9))
    services.visit_record(visitor="b1", path_key="/news/", bot=True, now=start)
    services.visit_record(visitor="b1", path_key="/news/a/", bot=True, now=start + dt.timedelta(seconds=1))
    local = timezone.localdate(start)
    # Counted at once from the appended views, before the worker folds them ...
    (pending,) = [d for d in selectors.visits_of_month(local.year, local.month) if d.date == local]
    assert (pending.visitors, pending.visits, pending.page_views) == (1, 1, 2)
    assert (pending.bot_visits, pending.bot_page_views) == (1, 2)
    assert not DailyVisits.objects.exists()
    # ... and the same once folded into the day's totals (the log is emptied).
    assert services.visits_aggregate() == 5
    assert not VisitLog.objects.exists()
    day = DailyVisits.objects.get(date=local)
    assert (day.visitors, day.visits, day.page_views) == (1, 1, 2)
    assert (day.bot_visits, day.bot_page_views) == (1, 2)
    assert VisitorPresence.objects.get(visitor="h1").last_path == "/news/a/"


def test_a_visitor_back_after_half_an_hour_makes_a_new_visit(db, monkeypatch):
    monkeypatch.setattr(services, "AGGREGATE_EVERY", 10**9)  # no fold but ours, whatever the id sequence says
    start = timezone.now().replace(hour=1)
    services.visit_record(visitor="h1", path_key="/news/", bot=False, now=start)
    services.visits_aggregate()  # the first view folded, the second still in the log: the same rules apply
    services.visit_record(visitor="h1", path_key="/news/", bot=False, now=start + dt.timedelta(minutes=45))
    assert selectors.visitor_counts(now=start + dt.timedelta(minutes=46)).total == 2
    services.visits_aggregate()
    day = DailyVisits.objects.get(date=timezone.localdate(start))
    assert (day.visitors, day.visits, day.page_views) == (1, 2, 2)
    assert selectors.visitor_counts(now=start + dt.timedelta(minutes=46)).total == 2


def test_category_create_makes_a_slug(actor):
    category = services.category_create(actor=actor, name="Thu hút đầu tư")
    assert category.slug == "thu-hut-dau-tu"
    assert CategoryFactory(slug="khac").ratings_enabled is True
