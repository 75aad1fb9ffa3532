import datetime as dt
import io

from django.core.management import call_command
from django.utils import timezone

from borderzone.access.actors import command_actor
from borderzone.core.registry import demo_loaders
from borderzone.portal.demo import SEED_SLUG
from borderzone.portal.models import Article, DailyVisits, VisitorPresence


def _load_demo() -> None:
    # The loaders that `load_demo` runs, in its order (the command itself also checks the settings module).
    for loader in demo_loaders():
        loader.load(actor=command_actor("load_demo"), out=io.StringIO())


def test_demo_news_holds_the_seed_article_and_is_safe_to_run_twice(db):
    _load_demo()
    _load_demo()
    assert Article.objects.count() == 4
    seed = Article.objects.get(slug=SEED_SLUG)
    assert seed.is_published()
    assert timezone.localtime(seed.publish_at).strftime("%d/%m/%Y %H:%M") == "21/09/2020 10:08"
    assert seed.author_name.startswith("Hoàng Xuân Ánh")
    assert seed.title == "Xây dựng KKTCK tỉnh trở thành khu vực kinh tế trọng điểm"
    assert "74 dự án đầu tư" in seed.body
    assert seed.category.name == "Tin tức - Sự kiện"
    assert seed.approved_by != seed.created_by
    assert list(seed.related.values_list("slug", flat=True)) == ["cua-khau-tra-linh-tro-thanh-cua-khau-quoc-te"]


def test_pruning_visitor_presence_keeps_the_daily_totals(db):
    old = timezone.now() - dt.timedelta(days=3)
    VisitorPresence.objects.create(visitor="a", first_seen=old, last_seen=old, visit_started=old, last_path="x")
    VisitorPresence.objects.create(
        visitor="b", first_seen=timezone.now(), last_seen=timezone.now(), visit_started=timezone.now(), last_path="x"
    )
    DailyVisits.objects.create(date=old.date(), visits=7)
    out = io.StringIO()
    call_command("prune_visitor_presence", stdout=out)
    assert "1 hashed" in out.getvalue()
    assert list(VisitorPresence.objects.values_list("visitor", flat=True)) == ["b"]
    assert DailyVisits.objects.get().visits == 7
