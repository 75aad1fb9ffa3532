"""Reads of the portal: what visitors may see, what staff may edit, ratings, comments and visitor counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.models import Avg, Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.utils import timezone

from borderzone.access.permissions import is_staff_member, restrict_to_visible
from borderzone.portal.models import (
    Article,
    ArticleImage,
    ArticleStatus,
    Category,
    Comment,
    CommentStatus,
    DailyVisits,
    Rating,
    VisitLog,
    VisitorPresence,
)
from borderzone.portal.visits import ONLINE_WINDOW, VISIT_GAP, Seen, View, tally

if TYPE_CHECKING:
    from borderzone.access.permissions import AnyUser


def _with_joins(qs: QuerySet[Article]) -> QuerySet[Article]:
    return qs.select_related("category", "zone").prefetch_related(
        Prefetch("images", queryset=ArticleImage.objects.order_by("sort_order", "id"))
    )


def articles_published(*, category: Category | None = None) -> QuerySet[Article]:
    """Articles visitors may read now, newest first, with their category and images."""
    qs = Article.objects.published()
    if category is not None:
        qs = qs.filter(category=category)
    return _with_joins(qs).order_by("-publish_at", "-id")


def article_for_reader(user: AnyUser, slug: str) -> Article | None:
    """The article at `slug` if the user may read it: published, or unpublished for staff of its zone."""
    article = _with_joins(Article.objects.published()).filter(slug=slug).first()
    if article is None and is_staff_member(user):
        article = _with_joins(restrict_to_visible(user, Article.objects.all())).filter(slug=slug).first()
    return article


def articles_for_staff(user: AnyUser, *, status: str = "") -> QuerySet[Article]:
    """Articles of the zones the user may see, every status, most recently changed first."""
    qs = restrict_to_visible(user, Article.objects.all()).select_related(
        "category", "zone", "created_by", "approved_by"
    )
    if status:
        qs = qs.filter(status=status)
    return qs.annotate(pending_comments=Count("comments", filter=Q(comments__status=CommentStatus.PENDING))).order_by(
        "-updated_at", "-id"
    )


def _at(moment: dt.datetime) -> Any:
    return connections[router.db_for_read(Article) or DEFAULT_DB_ALIAS].ops.adapt_datetimefield_value(moment)


_ARTICLE = Article._meta.db_table
_LATEST_PUBLISHED = (
    f"SELECT publish_at FROM {_ARTICLE} WHERE status = %s AND publish_at <= %s ORDER BY publish_at DESC LIMIT 1"  # noqa: S608  # nosec B608 - our table; values are parameters
)
_LATEST_EXPIRED = (
    f"SELECT expire_at FROM {_ARTICLE} WHERE status = %s AND expire_at <= %s ORDER BY expire_at DESC LIMIT 1"  # noqa: S608  # nosec B608 - our table; values are parameters
)
# `ArticleQuerySet.published` for one slug (tests hold the two equal for every status and schedule).
_PUBLISHED_BY_SLUG = (
    f"SELECT id FROM {_ARTICLE} WHERE slug = %s AND status = %s AND publish_at <= %s "  # noqa: S608  # nosec B608 - our table; values are parameters
    "AND (expire_at IS NULL OR expire_at > %s) LIMIT 1"
)


def schedule_marks(now: dt.datetime | None = None) -> dict[str, Any]:
    """When the news schedule last changed what visitors see: the latest publication and expiry times of
    approved articles that have passed, as SQL read with the cache versions in one statement
    (`core.cache.versions`): a page built before a scheduled article appears or expires is not served after.
    Each is an index step on (status, publish_at) / (status, expire_at)."""
    at = _at(now or timezone.now())
    return {
        "published": (_LATEST_PUBLISHED, [ArticleStatus.APPROVED.value, at]),
        "expired": (_LATEST_EXPIRED, [ArticleStatus.APPROVED.value, at]),
    }


def schedule_epoch(now: dt.datetime | None = None) -> str:
    """Changes when any approved article passes its publication or expiry time, so cached pages built
    before a scheduled change are not served after it: the `schedule_marks` read on their own (one query)."""
    marks = schedule_marks(now).values()
    sql = "SELECT " + ", ".join(f"({expression})" for expression, _params in marks)
    with connections[router.db_for_read(Article) or DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(sql, [p for _expression, params in marks for p in params])
        row = cursor.fetchone()
    return "/".join(str(value) for value in row)


def article_page_marks(slug: str, visitor: str, now: dt.datetime | None = None) -> dict[str, Any]:
    """For the page of the article at `slug` as visitors see it, as SQL read with the cache versions: its
    id (None when it is not published), its own version (its ratings and moderated comments), the stars
    `visitor` gave it, and the schedule's marks."""
    from borderzone.core.models import DataVersion

    moment = now or timezone.now()
    at = _at(moment)
    approved = ArticleStatus.APPROVED.value
    by_slug = (_PUBLISHED_BY_SLUG, [slug, approved, at, at])
    own = (
        f"SELECT version FROM {DataVersion._meta.db_table} WHERE scope = %s || CAST(({by_slug[0]}) AS TEXT)",  # noqa: S608  # nosec B608 - our tables; values are parameters
        ["portal.article.", *by_slug[1]],
    )
    stars = (
        f"SELECT stars FROM {Rating._meta.db_table} WHERE article_id = ({by_slug[0]}) AND visitor = %s "  # noqa: S608  # nosec B608 - our tables; values are parameters
        "ORDER BY id LIMIT 1",
        [*by_slug[1], visitor],
    )
    return {"pk": by_slug, "own": own, "stars": stars, **schedule_marks(moment)}


def related_published(article: Article) -> list[Article]:
    return list(Article.objects.published().filter(pk__in=article.related.values("pk")).order_by("-publish_at"))


def categories() -> QuerySet[Category]:
    return Category.objects.order_by("sort_order", "name")


@dataclass(frozen=True)
class RatingSummary:
    average: Decimal | None
    count: int


def rating_summary(article: Article) -> RatingSummary:
    """Average stars (one decimal) and the number of ratings of an article."""
    data = article.ratings.aggregate(avg=Avg("stars"), n=Count("id"))
    avg = data["avg"]
    average = Decimal(str(avg)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) if avg is not None else None
    return RatingSummary(average=average, count=data["n"])


def comments_shown(article: Article) -> QuerySet[Comment]:
    """Approved comments of an article, oldest first."""
    return article.comments.filter(status=CommentStatus.APPROVED).only(
        "id", "name", "body", "created_at", "article_id", "status"
    )


def comments_waiting(user: AnyUser) -> QuerySet[Comment]:
    """Comments awaiting moderation in the zones the user may see, with their articles."""
    return (
        restrict_to_visible(user, Comment.objects.filter(status=CommentStatus.PENDING))
        .select_related("article")
        .order_by("created_at", "id")
    )


def comments_waiting_count(user: AnyUser) -> int:
    return comments_waiting(user).count()


def articles_waiting_approval(user: AnyUser) -> QuerySet[Article]:
    return articles_for_staff(user, status=ArticleStatus.SUBMITTED)


@dataclass(frozen=True)
class VisitorCounts:
    online: int
    online_bots: int
    today: int
    this_month: int
    total: int
    bots_today: int
    as_of: dt.datetime


def _pending(moment: dt.datetime | None = None) -> tuple[dict[str, Seen], list[View]]:
    """The views appended but not folded yet, with what the presence table knows of their visitors
    (one query; the worker keeps this to a few hundred rows)."""
    presence = VisitorPresence.objects.filter(visitor=OuterRef("visitor"))
    fields = ("is_bot", "first_seen", "last_seen", "visit_started", "last_path")
    log = VisitLog.objects.all() if moment is None else VisitLog.objects.filter(at__lte=moment)
    rows = (
        log.order_by("id")
        .annotate(**{f"known_{f}": Subquery(presence.values(f)[:1]) for f in fields})
        .values("at", "visitor", "path_key", "is_bot", *(f"known_{f}" for f in fields))
    )
    seen: dict[str, Seen] = {}
    views: list[View] = []
    for row in rows:
        if row["known_last_seen"] is not None and row["visitor"] not in seen:
            seen[row["visitor"]] = Seen(
                is_bot=row["known_is_bot"],
                first_seen=row["known_first_seen"],
                last_seen=row["known_last_seen"],
                visit_started=row["known_visit_started"],
                last_path=row["known_last_path"],
                stored=True,
            )
        views.append(View(row["at"], row["visitor"], row["path_key"], row["is_bot"]))
    return seen, views


def visitor_counts(now: dt.datetime | None = None) -> VisitorCounts:
    """The counter of the seed page: online now, visits today, this month, and since counting began:
    the folded day totals plus the views appended since the worker last folded them (so a view counts
    at once). On PostgreSQL one statement computes all of it (`_counts_in_sql`, which the tests hold equal to
    `visits.tally`); elsewhere, or when views wait unfolded for days, the rules run here over those views."""
    moment = now or timezone.now()
    if connections[router.db_for_read(VisitLog) or DEFAULT_DB_ALIAS].vendor == "postgresql":
        found = _counts_in_sql(moment)
        if found is not None:
            return found
    return _counts_in_python(moment)


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


# `visits.tally` in one PostgreSQL statement. A view starts a visit when its visitor has no earlier view
# (the one before it in the log, else the presence row), or that view is more than VISIT_GAP older, or a
# local midnight lies between them (either way round, as `tally` compares days). The midnights of the last
# days are given; views older than the first of them (the worker has not folded for days) send the caller
# back to `tally`.
_COUNTS_SQL = """
WITH pending AS (
    SELECT l.at, l.visitor, l.is_bot,
           COALESCE(LAG(l.at) OVER (PARTITION BY l.visitor ORDER BY l.id), p.last_seen) AS prev,
           ROW_NUMBER() OVER (PARTITION BY l.visitor ORDER BY l.id DESC) AS nth_last
    FROM portal_visitlog l LEFT JOIN portal_visitorpresence p ON p.visitor = l.visitor
    WHERE l.at <= %(moment)s
), starts AS (
    SELECT at, is_bot FROM pending
    WHERE prev IS NULL OR prev < at - %(gap)s OR {midnights}
)
SELECT
    (SELECT COUNT(*) FROM pending WHERE at < %(covered)s),
    (SELECT COALESCE(SUM(visits), 0) FROM portal_dailyvisits)
        + (SELECT COUNT(*) FROM starts WHERE NOT is_bot),
    (SELECT COALESCE(SUM(visits), 0) FROM portal_dailyvisits WHERE date >= %(first)s AND date <= %(today)s)
        + (SELECT COUNT(*) FROM starts WHERE NOT is_bot AND at >= %(month_start)s),
    (SELECT COALESCE(SUM(visits), 0) FROM portal_dailyvisits WHERE date = %(today)s)
        + (SELECT COUNT(*) FROM starts WHERE NOT is_bot AND at >= %(today_start)s),
    (SELECT COALESCE(SUM(bot_visits), 0) FROM portal_dailyvisits WHERE date = %(today)s)
        + (SELECT COUNT(*) FROM starts WHERE is_bot AND at >= %(today_start)s),
    (SELECT COUNT(*) FROM portal_visitorpresence
        WHERE last_seen >= %(window)s AND NOT is_bot AND visitor NOT IN (SELECT visitor FROM pending))
        + (SELECT COUNT(*) FROM pending WHERE nth_last = 1 AND at >= %(window)s AND NOT is_bot),
    (SELECT COUNT(*) FROM portal_visitorpresence
        WHERE last_seen >= %(window)s AND is_bot AND visitor NOT IN (SELECT visitor FROM pending))
        + (SELECT COUNT(*) FROM pending WHERE nth_last = 1 AND at >= %(window)s AND is_bot)
"""
_DAYS_COVERED = 3


def _counts_in_sql(moment: dt.datetime) -> VisitorCounts | None:
    today = timezone.localdate(moment)
    midnights = [_local_midnight(today - dt.timedelta(days=n)) for n in range(_DAYS_COVERED - 1, -1, -1)]
    params: dict[str, Any] = {
        "moment": moment,
        "gap": VISIT_GAP,
        "covered": midnights[0],
        "first": today.replace(day=1),
        "today": today,
        "month_start": _local_midnight(today.replace(day=1)),
        "today_start": midnights[-1],
        "window": moment - ONLINE_WINDOW,
    }
    terms = []
    for n, midnight in enumerate(midnights):
        params[f"m{n}"] = midnight
        terms.append(f"((prev < %(m{n})s) <> (at < %(m{n})s))")
    sql = _COUNTS_SQL.format(midnights="(" + " OR ".join(terms) + ")")
    with connections[router.db_for_read(VisitLog) or DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(sql, params)  # nosec B608 - the format only joins fixed terms; values are parameters
        uncovered, total, month, today_visits, bots_today, humans, bots = cursor.fetchone()
    if uncovered:
        return None
    return VisitorCounts(
        online=humans + bots,
        online_bots=bots,
        today=today_visits,
        this_month=month,
        total=total,
        bots_today=bots_today,
        as_of=moment,
    )


def _counts_in_python(moment: dt.datetime) -> VisitorCounts:
    """`visitor_counts` by `visits.tally` over the views not folded yet (three queries)."""
    today = timezone.localdate(moment)
    first = today.replace(day=1)
    seen, views = _pending(moment)
    before = {k: (v.is_bot, v.last_seen) for k, v in seen.items()}
    added = tally(seen, views).days
    totals = DailyVisits.objects.aggregate(
        total=Sum("visits"),
        month=Sum("visits", filter=Q(date__gte=first, date__lte=today)),
        today=Sum("visits", filter=Q(date=today)),
        bots_today=Sum("bot_visits", filter=Q(date=today)),
    )
    window = moment - ONLINE_WINDOW
    online = VisitorPresence.objects.filter(last_seen__gte=window).aggregate(
        humans=Count("id", filter=Q(is_bot=False)), bots=Count("id", filter=Q(is_bot=True))
    )
    humans, bots = online["humans"], online["bots"]
    for visitor, state in seen.items():  # the pending views' visitors: online as their last view says
        if visitor in before and before[visitor][1] >= window:
            if before[visitor][0]:
                bots -= 1
            else:
                humans -= 1
        if state.last_seen >= window:
            if state.is_bot:
                bots += 1
            else:
                humans += 1
    today_added = added.get(today, {})
    return VisitorCounts(
        online=humans + bots,
        online_bots=bots,
        today=(totals["today"] or 0) + today_added.get("visits", 0),
        this_month=(totals["month"] or 0) + sum(c["visits"] for d, c in added.items() if first <= d <= today),
        total=(totals["total"] or 0) + sum(c["visits"] for c in added.values()),
        bots_today=(totals["bots_today"] or 0) + today_added.get("bot_visits", 0),
        as_of=moment,
    )


def visits_of_month(year: int, month: int) -> list[DailyVisits]:
    """One row per day of the month (zeros for days without visits)."""
    first = dt.date(year, month, 1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    found = {d.date: d for d in DailyVisits.objects.filter(date__gte=first, date__lt=following)}
    seen, views = _pending()
    for day, counts in tally(seen, views).days.items():  # the views not folded yet count at once here too
        if first <= day < following:
            row = found.setdefault(day, DailyVisits(date=day))
            for name, n in counts.items():
                setattr(row, name, getattr(row, name) + n)
    days: list[DailyVisits] = []
    day = first
    while day < following:
        days.append(found.get(day) or DailyVisits(date=day))
        day += dt.timedelta(days=1)
    return days


def month_totals(rows: list[DailyVisits]) -> dict[str, Any]:
    fields = ("visitors", "visits", "page_views", "bot_visits", "bot_page_views")
    return {f: sum(getattr(r, f) for r in rows) for f in fields}
