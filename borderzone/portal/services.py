"""Writes of the portal: articles and their workflow, images, ratings, comments, categories, visits."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from borderzone.access.actors import Actor
from borderzone.access.audit import audit_record, snapshot
from borderzone.access.notifications import notify_zone_staff
from borderzone.access.review import check_approver, content_changed
from borderzone.access.services import ModelWrites
from borderzone.core.cache import bump_version
from borderzone.core.models import AuditAction
from borderzone.core.storage import delete_files, delete_files_on_commit
from borderzone.portal.content import make_slug, process_image, sanitize_html
from borderzone.portal.models import (
    Article,
    ArticleImage,
    ArticleStatus,
    Category,
    Comment,
    CommentFlag,
    CommentStatus,
    DailyVisits,
    Rating,
    VisitorPresence,
)
from borderzone.portal.notifications import COMMENTS_TOPIC
from borderzone.zones.models import EconomicZone

ARTICLES_SCOPE = "portal.articles"

CONTENT_FIELDS = (
    "category",
    "title",
    "title_en",
    "title_zh",
    "lead",
    "lead_en",
    "lead_zh",
    "body",
    "body_en",
    "body_zh",
    "author_name",
)
HTML_FIELDS = ("body", "body_en", "body_zh")

COMMENT_LIMIT = 3  # comments per address ...
COMMENT_WINDOW = dt.timedelta(minutes=10)  # ... within this window
FLAGS_TO_HIDE = 3  # a published comment that this many readers flag goes back to moderation

VISIT_GAP = dt.timedelta(minutes=30)  # a visitor back after this long starts a new visit
ONLINE_WINDOW = dt.timedelta(minutes=5)


def article_scope(article_id: int) -> str:
    """The cache scope of one article's page (its ratings and approved comments)."""
    return f"portal.article.{article_id}"


def _bump(article: Article | None = None) -> None:
    bump_version(ARTICLES_SCOPE)
    if article is not None:
        bump_version(article_scope(article.pk))


def _unique_slug(title: str, exclude_pk: int | None = None) -> str:
    base = make_slug(title)
    slug, n = base, 2
    taken = Article.objects.exclude(pk=exclude_pk) if exclude_pk is not None else Article.objects.all()
    while taken.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def _check_schedule(publish_at: dt.datetime | None, expire_at: dt.datetime | None) -> None:
    if publish_at and expire_at and expire_at <= publish_at:
        raise ValidationError({"expire_at": _("The expiry must come after the publication time.")})


def _set_related(article: Article, related: Iterable[Article] | None) -> None:
    if related is None:
        return
    items = [a for a in related if a.pk != article.pk]
    if any(a.zone_id != article.zone_id for a in items):
        raise ValidationError({"related": _("Related articles must belong to the same zone.")})
    article.related.set(items)


# Categories -----------------------------------------------------------------------------------------


CATEGORY_FIELDS = ("slug", "name", "name_en", "name_zh", "ratings_enabled", "comments_enabled", "sort_order")
CATEGORIES = ModelWrites(Category, CATEGORY_FIELDS, ARTICLES_SCOPE, clash_field="slug")


@transaction.atomic
def category_create(*, actor: Actor, name: str, slug: str = "", **fields: Any) -> Category:
    """Add a news category."""
    return CATEGORIES.create(actor, {**fields, "name": name, "slug": slug or make_slug(name, 80)})


@transaction.atomic
def category_update(
    *, category: Category, actor: Actor, expected_version: str | None = None, **fields: Any
) -> Category:
    """Change a category (its names, order, whether ratings and comments are open)."""
    return CATEGORIES.update(category, actor, fields, expected_version=expected_version)


# Articles -------------------------------------------------------------------------------------------


@transaction.atomic
def article_create(
    *,
    zone: EconomicZone,
    actor: Actor,
    related: Iterable[Article] | None = None,
    publish_at: dt.datetime | None = None,
    expire_at: dt.datetime | None = None,
    slug: str = "",
    **fields: Any,
) -> Article:
    """Write a new article as a draft of the acting user; rich text is sanitised before it is stored."""
    if actor.user is None:
        raise ValidationError(_("Only a signed-in editor can write articles."))
    _check_schedule(publish_at, expire_at)
    values = {k: v for k, v in fields.items() if k in CONTENT_FIELDS}
    for key in HTML_FIELDS:
        if key in values:
            values[key] = sanitize_html(values[key])
    if not values.get("body"):
        raise ValidationError({"body": _("The body cannot be empty.")})
    article = Article(
        zone=zone,
        created_by=actor.user,
        changed_by_ids=[actor.user.pk],
        status=ArticleStatus.DRAFT,
        slug=make_slug(slug) if slug else _unique_slug(values.get("title", "")),
        publish_at=publish_at,
        expire_at=expire_at,
        **values,
    )
    if slug and Article.objects.filter(slug=article.slug).exists():
        raise ValidationError({"slug": _("Another article already has this address.")})
    article.full_clean()
    article.save()
    _set_related(article, related)
    audit_record(actor=actor, instance=article, action=AuditAction.CREATED)
    _bump(article)
    return article


def _content_changed(article: Article, actor: Actor) -> None:
    """A change of what readers see: noted against its author, and an approved article goes back to draft."""
    content_changed(article, actor)
    if article.status != ArticleStatus.DRAFT:
        article.status = ArticleStatus.DRAFT
        article.approved_by = None
        article.approved_at = None
        article.submitted_at = None


def _images_changed(article: Article, actor: Actor) -> None:
    """An image added or removed changes what readers see, as a change of text does."""
    before = snapshot(article)
    _content_changed(article, actor)
    article.save(update_fields=["status", "approved_by", "approved_at", "submitted_at", "changed_by_ids", "updated_at"])
    audit_record(actor=actor, instance=article, action=AuditAction.STATUS_CHANGED, before=before, note="images changed")


def _sanitise(article: Article) -> None:
    for key in HTML_FIELDS:
        setattr(article, key, sanitize_html(getattr(article, key)))


def _check_article(article: Article) -> None:
    if not article.body:
        raise ValidationError({"body": _("The body cannot be empty.")})


def _article_changed(article: Article) -> None:
    _bump(article)


ARTICLES = ModelWrites(
    Article, CONTENT_FIELDS, ARTICLES_SCOPE, prepare=_sanitise, check=_check_article, bump=_article_changed
)


@transaction.atomic
def article_update(
    *,
    article: Article,
    actor: Actor,
    related: Iterable[Article] | None = None,
    expected_version: str | None = None,
    **fields: Any,
) -> Article:
    """Change an article's content. A change to an approved article's content takes it back to draft,
    so that what readers see is always what an editor approved."""
    ARTICLES.check_version(article, expected_version)
    related_before = set(article.related.values_list("pk", flat=True)) if related is not None else set()
    _set_related(article, related)
    related_changed = related is not None and set(article.related.values_list("pk", flat=True)) != related_before
    changed = ARTICLES.change(article, actor, fields, edited=lambda a: _content_changed(a, actor))
    if related_changed and not changed:
        _bump(article)
    return article


SCHEDULES = ModelWrites(Article, ("publish_at", "expire_at"), ARTICLES_SCOPE, bump=_article_changed)


@transaction.atomic
def article_schedule(
    *, article: Article, actor: Actor, publish_at: dt.datetime | None, expire_at: dt.datetime | None
) -> Article:
    """Set when an article appears and when it is withdrawn (no new approval needed)."""
    _check_schedule(publish_at, expire_at)
    return SCHEDULES.update(article, actor, {"publish_at": publish_at, "expire_at": expire_at})


# The review steps of an article: values the services decide (`also`), none from callers.
ARTICLE_REVIEW = ModelWrites(Article, (), ARTICLES_SCOPE, bump=_article_changed)


@transaction.atomic
def article_submit(*, article: Article, actor: Actor) -> Article:
    """Send a draft to the editors for approval."""
    if article.status != ArticleStatus.DRAFT:
        raise ValidationError({"status": _("Only a draft can be submitted for approval.")})
    values = {"status": ArticleStatus.SUBMITTED, "submitted_at": timezone.now()}
    return ARTICLE_REVIEW.update(article, actor, {}, also=values, status_field="status")


@transaction.atomic
def article_approve(*, article: Article, actor: Actor, publish_at: dt.datetime | None = None) -> Article:
    """Approve a submitted article; the approving editor must not be its author. It appears at `publish_at`
    (or its scheduled time, or now)."""
    if article.status != ArticleStatus.SUBMITTED:
        raise ValidationError({"status": _("Only an article awaiting approval can be approved.")})
    if actor.user is None or actor.user.pk == article.created_by_id:
        raise ValidationError({"approved_by": _("An article must be approved by an editor other than its author.")})
    check_approver(article, actor)
    now = timezone.now()
    appears = publish_at or article.publish_at or now
    _check_schedule(appears, article.expire_at)
    values = {
        "changed_by_ids": [],
        "status": ArticleStatus.APPROVED,
        "approved_by": actor.user,
        "approved_at": now,
        "publish_at": appears,
    }
    return ARTICLE_REVIEW.update(article, actor, {}, also=values, status_field="status")


@transaction.atomic
def article_return(*, article: Article, actor: Actor, note: str = "") -> Article:
    """Send a submitted or approved article back to its author as a draft (it leaves the public pages)."""
    if article.status == ArticleStatus.DRAFT:
        raise ValidationError({"status": _("The article is already a draft.")})
    values = {"status": ArticleStatus.DRAFT, "approved_by": None, "approved_at": None}
    return ARTICLE_REVIEW.update(article, actor, {}, also=values, status_field="status", note=note)


# Images ---------------------------------------------------------------------------------------------


@transaction.atomic
def image_add(
    *, article: Article, data: bytes, alt: str, actor: Actor, alt_en: str = "", alt_zh: str = "", caption: str = ""
) -> ArticleImage:
    """Attach an image: checked by its content, resized, stored under a server-made name, with its alt text."""
    if not alt.strip():
        raise ValidationError({"alt": _("Describe the image for readers who cannot see it.")})
    processed = process_image(data)
    name = uuid.uuid4().hex
    main = default_storage.save(f"portal/images/{name}.{processed.extension}", ContentFile(processed.main))
    thumb = default_storage.save(f"portal/images/{name}-thumb.{processed.extension}", ContentFile(processed.thumbnail))
    image = ArticleImage(
        article=article,
        file=main,
        thumbnail=thumb,
        content_type=processed.content_type,
        width=processed.width,
        height=processed.height,
        alt=alt.strip(),
        alt_en=alt_en.strip(),
        alt_zh=alt_zh.strip(),
        caption=caption.strip(),
        sort_order=article.images.count(),
    )
    try:
        image.full_clean()
        image.save()
    except Exception:
        delete_files(default_storage, [main, thumb])
        raise
    audit_record(actor=actor, instance=image, action=AuditAction.CREATED)
    _images_changed(article, actor)
    _bump(article)
    return image


@transaction.atomic
def image_delete(*, image: ArticleImage, actor: Actor) -> None:
    """Remove an image and, once the transaction commits, its files."""
    article = image.article
    audit_record(actor=actor, instance=image, action=AuditAction.DELETED, before=snapshot(image))
    paths = [image.file, image.thumbnail]
    image.delete()
    _images_changed(article, actor)
    delete_files_on_commit(default_storage, paths)
    _bump(article)


# Ratings --------------------------------------------------------------------------------------------


@transaction.atomic
def rating_set(*, article: Article, visitor: str, stars: int, actor: Actor) -> Rating:
    """A visitor's stars for a published article; a second rating by the same visitor replaces the first."""
    if not article.is_published():
        raise ValidationError({"stars": _("This article cannot be rated.")})
    if not article.category.ratings_enabled:
        raise ValidationError({"stars": _("Ratings are closed for this category.")})
    if stars not in range(1, 6):
        raise ValidationError({"stars": _("Choose from 1 to 5 stars.")})
    rating = Rating.objects.select_for_update().filter(article=article, visitor=visitor).first()
    if rating is None:
        try:
            with transaction.atomic():
                rating = Rating.objects.create(article=article, visitor=visitor, stars=stars)
        except IntegrityError:
            # Two clicks raced: the other one created the row, so this one replaces it.
            rating = Rating.objects.select_for_update().get(article=article, visitor=visitor)
        else:
            audit_record(actor=actor, instance=rating, action=AuditAction.CREATED)
            bump_version(article_scope(article.pk))
            return rating
    before = snapshot(rating)
    rating.stars = stars
    rating.save(update_fields=["stars", "updated_at"])
    audit_record(actor=actor, instance=rating, action=AuditAction.UPDATED, before=before)
    bump_version(article_scope(article.pk))
    return rating


# Comments -------------------------------------------------------------------------------------------


@transaction.atomic
def comment_post(
    *, article: Article, name: str, email: str, body: str, address: str, actor: Actor, now: dt.datetime | None = None
) -> Comment:
    """A reader's comment, held for moderation; refused when the address posted too many lately.

    `address` is already a salted hash: the comment never stores the reader's network address.
    """
    if not article.is_published() or not article.category.comments_enabled:
        raise ValidationError({"body": _("Comments are closed for this article.")})
    moment = now or timezone.now()
    recent = Comment.objects.filter(address_hash=address, created_at__gte=moment - COMMENT_WINDOW).count()
    if recent >= COMMENT_LIMIT:
        raise ValidationError(
            {"body": _("You have sent several comments in the last minutes. Please wait a while before the next.")}
        )
    comment = Comment(
        article=article,
        name=name.strip(),
        email=email.strip(),
        body=body.strip(),
        address_hash=address,
        status=CommentStatus.PENDING,
    )
    comment.full_clean()
    comment.save()
    audit_record(actor=actor, instance=comment, action=AuditAction.CREATED)
    bump_version("portal.comments")
    notify_zone_staff(topic=COMMENTS_TOPIC, zone_id=article.zone_id)
    return comment


def _comment_changed(comment: Comment) -> None:
    bump_version("portal.comments")
    bump_version(article_scope(comment.article_id))


# Moderation of a comment: values the service decides (`also`), none from callers.
MODERATION = ModelWrites(Comment, (), "portal.comments", bump=_comment_changed)


@transaction.atomic
def comment_moderate(*, comment: Comment, approve: bool, actor: Actor) -> Comment:
    """Publish or reject a comment."""
    values: dict[str, Any] = {
        "status": CommentStatus.APPROVED if approve else CommentStatus.REJECTED,
        "moderated_by": actor.user,
        "moderated_at": timezone.now(),
    }
    if approve:
        values["flag_count"] = 0
        comment.flags.all().delete()
    return MODERATION.update(comment, actor, {}, also=values, status_field="status")


REPORTER_PREFIXES = ("user:", "addr:")


@transaction.atomic
def comment_flag(*, comment: Comment, reporter: str, actor: Actor) -> Comment:
    """A reader reports a published comment; once FLAGS_TO_HIDE distinct reporters have, it waits for a moderator.

    `reporter` is `user:<id>` for a signed-in user or `addr:<salted hash of the address>` for anyone else
    (content.reporter_key), so one address counts once however many browsers it uses.
    """
    if not reporter.startswith(REPORTER_PREFIXES) or len(reporter) > 64:
        raise ValidationError({"comment": _("Sign in or answer the captcha to report a comment.")})
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.status != CommentStatus.APPROVED:
        raise ValidationError({"comment": _("This comment cannot be reported.")})
    _flag, created = CommentFlag.objects.get_or_create(comment=comment, visitor=reporter)
    if not created:
        return comment
    before = snapshot(comment)
    # Only reports made under the per-reporter rule count (older rows keyed on address and browser do not).
    comment.flag_count = sum(
        CommentFlag.objects.filter(comment=comment, visitor__startswith=prefix).count() for prefix in REPORTER_PREFIXES
    )
    fields = ["flag_count"]
    if comment.flag_count >= FLAGS_TO_HIDE:
        comment.status = CommentStatus.PENDING
        fields.append("status")
    comment.save(update_fields=fields)
    if comment.status == CommentStatus.PENDING:
        bump_version(article_scope(comment.article_id))
        notify_zone_staff(topic=COMMENTS_TOPIC, zone_id=comment.article.zone_id)
    audit_record(actor=actor, instance=comment, action=AuditAction.UPDATED, before=before, note="flagged by a reader")
    bump_version("portal.comments")
    return comment


# Visits ---------------------------------------------------------------------------------------------


@transaction.atomic
def visit_record(*, visitor: str, path_key: str, bot: bool, now: dt.datetime | None = None) -> None:
    """Count a page view in the day's totals: a reload of the same page within a visit is not counted,
    a visit is a run of views without a 30-minute gap, a visitor is counted once a day. Bots apart.

    Counting is telemetry, not a change to the register, so it writes no audit row.
    """
    moment = now or timezone.now()
    today = timezone.localdate(moment)
    presence = VisitorPresence.objects.select_for_update().filter(visitor=visitor).first()
    new_visitor_today = new_visit = counted_view = True
    if presence is None:
        try:
            with transaction.atomic():
                VisitorPresence.objects.create(
                    visitor=visitor,
                    is_bot=bot,
                    first_seen=moment,
                    last_seen=moment,
                    visit_started=moment,
                    last_path=path_key,
                )
        except IntegrityError:
            return  # a parallel request of the same visitor counted this moment
    else:
        new_visitor_today = timezone.localdate(presence.last_seen) != today
        new_visit = moment - presence.last_seen > VISIT_GAP or new_visitor_today
        counted_view = new_visit or presence.last_path != path_key
        presence.last_seen = moment
        presence.last_path = path_key
        presence.is_bot = bot
        if new_visit:
            presence.visit_started = moment
        presence.save(update_fields=["last_seen", "last_path", "is_bot", "visit_started"])
    if not counted_view:
        return
    DailyVisits.objects.get_or_create(date=today)
    if bot:
        updates: dict[str, Any] = {"bot_page_views": F("bot_page_views") + 1}
        if new_visit:
            updates["bot_visits"] = F("bot_visits") + 1
    else:
        updates = {"page_views": F("page_views") + 1}
        if new_visit:
            updates["visits"] = F("visits") + 1
        if new_visitor_today:
            updates["visitors"] = F("visitors") + 1
    DailyVisits.objects.filter(date=today).update(**updates)


def presence_prune(*, older_than: dt.timedelta = dt.timedelta(days=2)) -> int:
    """Forget visitor hashes not seen lately (the day totals keep the counts)."""
    deleted, _ = VisitorPresence.objects.filter(last_seen__lt=timezone.now() - older_than).delete()
    return deleted
