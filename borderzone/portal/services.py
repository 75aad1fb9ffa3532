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
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from borderzone.access.actors import Actor
from borderzone.access.audit import audit_record
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
    VisitLog,
    VisitorPresence,
)
from borderzone.portal.notifications import COMMENTS_TOPIC
from borderzone.portal.visits import Seen, View, tally
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
    """An image added or removed changes what readers see, as a change of text does (the caller bumps)."""
    ARTICLE_REVIEW.change(
        article,
        actor,
        {},
        status_field="status",
        note="images changed",
        edited=lambda changed: _content_changed(changed, actor),
        edited_anyway=True,
        update_fields=["status", "approved_by", "approved_at", "submitted_at", "changed_by_ids"],
        defer_bump=True,
    )


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


# An article's images: the services bump the article (`_bump`) once the article's review state is updated.
IMAGES = ModelWrites(ArticleImage, (), ARTICLES_SCOPE)


@transaction.atomic
def image_delete(*, image: ArticleImage, actor: Actor) -> None:
    """Remove an image and, once the transaction commits, its files."""
    article = image.article
    paths = [image.file, image.thumbnail]
    IMAGES.delete(image, actor, defer_bump=True)
    _images_changed(article, actor)
    delete_files_on_commit(default_storage, paths)
    _bump(article)


# Ratings --------------------------------------------------------------------------------------------


# A visitor's stars, set by `rating_set` (`also`); a change bumps only the rated article's figures.
RATINGS = ModelWrites(Rating, (), "", bump=lambda rating: bump_version(article_scope(rating.article_id)))


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
    return RATINGS.update(rating, actor, {}, also={"stars": stars}, update_fields=["stars"])


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


# A reader's report of a comment: the count (and, past FLAGS_TO_HIDE, the status) the service decides.
FLAGGING = ModelWrites(Comment, (), "portal.comments")


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
    # Only reports made under the per-reporter rule count (older rows keyed on address and browser do not).
    values: dict[str, Any] = {
        "flag_count": sum(
            CommentFlag.objects.filter(comment=comment, visitor__startswith=prefix).count()
            for prefix in REPORTER_PREFIXES
        )
    }
    if values["flag_count"] >= FLAGS_TO_HIDE:
        values["status"] = CommentStatus.PENDING
    FLAGGING.update(
        comment, actor, {}, also=values, status_field="status", note="flagged by a reader", update_fields=values
    )
    if comment.status == CommentStatus.PENDING:
        bump_version(article_scope(comment.article_id))
        notify_zone_staff(topic=COMMENTS_TOPIC, zone_id=comment.article.zone_id)
    return comment


# Visits ---------------------------------------------------------------------------------------------


AGGREGATE_EVERY = 50  # the worker folds the appended views into the counter every this many views (the counter
# reads the views not folded yet on every page, so fewer is cheaper there; a fold is a few statements)
AGGREGATE_BATCH = 2000  # views folded in one transaction


def visit_record(*, visitor: str, path_key: str, bot: bool, now: dt.datetime | None = None) -> VisitLog:
    """Append a page view to the log: one insert, no lock and no read, so counting costs a page almost
    nothing. The worker folds the log into the day totals (`visits_aggregate`, queued every
    AGGREGATE_EVERY views); until then the counter adds the views not folded yet, so it is right at once.

    Counting is telemetry, not a change to the register, so it writes no audit row and bumps no version.
    """
    view = VisitLog.objects.create(at=now or timezone.now(), visitor=visitor, path_key=path_key, is_bot=bot)
    if view.pk % AGGREGATE_EVERY == 0:
        aggregate_visits.enqueue()
    return view


@transaction.atomic
def visits_aggregate(*, batch: int = AGGREGATE_BATCH) -> int:
    """Fold the oldest `batch` appended views into the visitors' presence and the day totals (the rules
    are in `portal/visits.py`) and delete them, in one transaction; returns how many were folded. Two
    runs at once fold different views: the rows are locked (PostgreSQL) or the writes serialised (SQLite)."""
    rows = list(VisitLog.objects.select_for_update().order_by("id")[:batch])
    if not rows:
        return 0
    stored = list(VisitorPresence.objects.select_for_update().filter(visitor__in={r.visitor for r in rows}))
    ids = {p.visitor: p.pk for p in stored}
    seen = {
        p.visitor: Seen(p.is_bot, p.first_seen, p.last_seen, p.visit_started, p.last_path, stored=True) for p in stored
    }
    result = tally(seen, (View(r.at, r.visitor, r.path_key, r.is_bot) for r in rows))
    changed = [v for v in seen.items() if v[1].changed]
    fields = ("is_bot", "last_seen", "visit_started", "last_path")
    VisitorPresence.objects.bulk_update(
        [VisitorPresence(id=ids[k], **{f: getattr(v, f) for f in fields}) for k, v in changed if k in ids],
        fields,
        batch_size=500,
    )
    VisitorPresence.objects.bulk_create(
        [
            VisitorPresence(visitor=k, first_seen=v.first_seen, **{f: getattr(v, f) for f in fields})
            for k, v in changed
            if not v.stored
        ],
        batch_size=500,
        ignore_conflicts=True,
    )
    for day, counts in result.days.items():
        DailyVisits.objects.get_or_create(date=day)
        DailyVisits.objects.filter(date=day).update(**{name: F(name) + n for name, n in counts.items() if n})
    VisitLog.objects.filter(id__in=[r.pk for r in rows]).delete()
    return len(rows)


@task()
def aggregate_visits() -> int:
    """The worker's fold of the appended views (queued by `visit_record`; `manage.py aggregate_visits`
    does the same from cron). Folds everything there is, a batch per transaction."""
    folded = 0
    while count := visits_aggregate():
        folded += count
    return folded


def presence_prune(*, older_than: dt.timedelta = dt.timedelta(days=2)) -> int:
    """Forget visitor hashes not seen lately (the day totals keep the counts), once the views appended
    so far are folded (so that a visitor's last view is not forgotten before it is counted)."""
    while visits_aggregate():
        pass
    deleted, _ = VisitorPresence.objects.filter(last_seen__lt=timezone.now() - older_than).delete()
    return deleted
