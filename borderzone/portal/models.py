"""The public portal: news articles with their images, ratings and comments, and the visitor counter."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderzone.core.i18n import content_language, localized


class Category(models.Model):
    """A news category; ratings can be switched off per category."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("English name"), max_length=120, blank=True)
    name_zh = models.CharField(_("Chinese name"), max_length=120, blank=True)
    ratings_enabled = models.BooleanField(_("readers may rate articles"), default=True)
    comments_enabled = models.BooleanField(_("readers may comment"), default=True)
    sort_order = models.PositiveIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ("sort_order", "name")

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return localized(self, "name")


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("awaiting approval")
    APPROVED = "approved", _("approved")


class ArticleQuerySet(models.QuerySet["Article"]):
    def published(self, at: Any = None) -> ArticleQuerySet:
        """Approved, past their publication time and not yet expired."""
        now = at or timezone.now()
        return self.filter(status=ArticleStatus.APPROVED, publish_at__lte=now).filter(
            Q(expire_at__isnull=True) | Q(expire_at__gt=now)
        )


class Article(models.Model):
    """A news article. Visitors see it only once approved, from `publish_at` until `expire_at`."""

    # Not columns: its rating summary, set where the API shows one article (api.article_detail).
    rating_average: Decimal | None
    rating_count: int

    zone = models.ForeignKey("zones.EconomicZone", on_delete=models.PROTECT, related_name="articles")
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="articles", verbose_name=_("category")
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=False)
    title = models.CharField(_("title"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    lead = models.TextField(_("lead"), blank=True)
    lead_en = models.TextField(_("lead (English)"), blank=True)
    lead_zh = models.TextField(_("lead (Chinese)"), blank=True)
    body = models.TextField(_("body"))
    body_en = models.TextField(_("body (English)"), blank=True)
    body_zh = models.TextField(_("body (Chinese)"), blank=True)
    author_name = models.CharField(_("author"), max_length=200, help_text=_("The byline shown to readers."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("written by")
    )
    status = models.CharField(_("status"), max_length=20, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    # Who changed the content since the last approval: none of them may approve it (access.review).
    changed_by_ids = models.JSONField(default=list, blank=True, editable=False)
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True, db_index=True)
    expire_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    related = models.ManyToManyField("self", blank=True, symmetrical=False, verbose_name=_("related articles"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    ZONE_LOOKUP = "zone"

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ("-publish_at", "-id")
        constraints = [
            models.CheckConstraint(
                condition=Q(expire_at__isnull=True)
                | Q(publish_at__isnull=True)
                | Q(expire_at__gt=models.F("publish_at")),
                name="article_expires_after_publication",
            ),
        ]
        # The latest publication and expiry passed (the schedule epoch of every cached page) read as one
        # index step each, not a scan of every article.
        indexes = [
            models.Index(fields=["status", "publish_at"], name="article_status_publish_idx"),
            models.Index(fields=["status", "expire_at"], name="article_status_expire_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("portal:article", kwargs={"slug": self.slug})

    @property
    def display_title(self) -> str:
        return localized(self, "title")

    @property
    def display_lead(self) -> str:
        return localized(self, "lead")

    @property
    def display_body(self) -> str:
        return localized(self, "body")

    @property
    def lead_in_vietnamese_only(self) -> bool:
        """Whether a reader of another language sees the Vietnamese lead (nobody translated it): the pages
        then say so and mark it as Vietnamese rather than pass it off as the reader's language."""
        return bool(self.lead) and self.display_lead == self.lead and content_language() != "vi"

    @property
    def body_in_vietnamese_only(self) -> bool:
        return bool(self.body) and self.display_body == self.body and content_language() != "vi"

    def is_published(self, at: Any = None) -> bool:
        now = at or timezone.now()
        return (
            self.status == ArticleStatus.APPROVED
            and self.publish_at is not None
            and self.publish_at <= now
            and (self.expire_at is None or self.expire_at > now)
        )


class ArticleImage(models.Model):
    """An image of an article, checked by content, resized, stored under a name the server made."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="images")
    file = models.CharField(max_length=200, editable=False)
    thumbnail = models.CharField(max_length=200, editable=False)
    content_type = models.CharField(max_length=40, editable=False)
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    alt = models.CharField(_("alternative text"), max_length=300)
    alt_en = models.CharField(_("alternative text (English)"), max_length=300, blank=True)
    alt_zh = models.CharField(_("alternative text (Chinese)"), max_length=300, blank=True)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    ZONE_LOOKUP = "article__zone"

    class Meta:
        verbose_name = _("article image")
        verbose_name_plural = _("article images")
        ordering = ("sort_order", "id")

    def __str__(self) -> str:
        return self.alt

    @property
    def display_alt(self) -> str:
        return localized(self, "alt")


class Rating(models.Model):
    """One visitor's stars for one article; a second rating replaces the first."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="ratings")
    visitor = models.CharField(max_length=64, help_text=_("Salted hash of the visitor, never the address."))
    stars = models.PositiveSmallIntegerField(_("stars"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    ZONE_LOOKUP = "article__zone"

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(fields=["article", "visitor"], name="one_rating_per_visitor"),
            models.CheckConstraint(condition=Q(stars__gte=1, stars__lte=5), name="rating_stars_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id}: {self.stars}"


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("awaiting moderation")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class Comment(models.Model):
    """A reader's comment, shown only after a moderator approves it. The e-mail is never shown."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    body = models.TextField(_("comment"), max_length=3000)
    status = models.CharField(
        _("status"), max_length=20, choices=CommentStatus.choices, default=CommentStatus.PENDING, db_index=True
    )
    address_hash = models.CharField(max_length=64, db_index=True, editable=False)
    flag_count = models.PositiveIntegerField(_("flags"), default=0)
    created_at = models.DateTimeField(_("posted at"), auto_now_add=True, db_index=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    moderated_at = models.DateTimeField(null=True, blank=True)

    ZONE_LOOKUP = "article__zone"
    # Deleted after RETENTION_COMMENT_CONTACT_MONTHS; audit rows keep only a mark (access.audit.snapshot).
    PERSONAL_FIELDS = ("email", "address_hash")

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"{self.name}: {self.body[:40]}"


class CommentFlag(models.Model):
    """A reader's report that a published comment is abusive; one per visitor per comment."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="flags")
    visitor = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    ZONE_LOOKUP = "comment__article__zone"

    class Meta:
        verbose_name = _("comment flag")
        constraints = [models.UniqueConstraint(fields=["comment", "visitor"], name="one_flag_per_visitor")]

    def __str__(self) -> str:
        return f"{self.comment_id} flagged"


class VisitorPresence(models.Model):
    """The last page view of one visitor (a salted hash of address and browser), for visits and "online now"."""

    visitor = models.CharField(max_length=64, unique=True)
    is_bot = models.BooleanField(default=False)
    first_seen = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)
    visit_started = models.DateTimeField()
    last_path = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("visitor presence")

    def __str__(self) -> str:
        return self.visitor[:12]


class VisitLog(models.Model):
    """One page view as it happened, appended by the request (one insert, no lock) and folded into
    `VisitorPresence` and `DailyVisits` by `visits_aggregate` (the worker, every few hundred views, or the
    `aggregate_visits` command), which deletes the rows it folded. The counter adds the rows not folded yet."""

    at = models.DateTimeField()
    visitor = models.CharField(max_length=64)
    path_key = models.CharField(max_length=64)
    is_bot = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("page view not yet counted")

    def __str__(self) -> str:
        return f"{self.visitor[:12]} {self.at:%Y-%m-%d %H:%M}"


class DailyVisits(models.Model):
    """Visits and page views of one day; humans and bots apart. Never reset, never deleted."""

    date = models.DateField(_("date"), unique=True)
    visitors = models.PositiveIntegerField(_("visitors"), default=0)
    visits = models.PositiveIntegerField(_("visits"), default=0)
    page_views = models.PositiveIntegerField(_("page views"), default=0)
    bot_visits = models.PositiveIntegerField(_("bot visits"), default=0)
    bot_page_views = models.PositiveIntegerField(_("bot page views"), default=0)

    class Meta:
        verbose_name = _("daily visits")
        verbose_name_plural = _("daily visits")
        ordering = ("date",)

    def __str__(self) -> str:
        return f"{self.date}: {self.visits}"
