"""The public home page as a visitor sees it: the latest news with their pictures first, then the zone,
its gates, the documents recently issued, the calls for investment and the visitor counter, in the
reader's language. It spans portal, documents and promotion, which add their sections through
core.registry panels."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from borderzone.documents.tests.factories import create_published_document
from borderzone.gates.tests.factories import BorderGateFactory
from borderzone.portal import demo_images
from borderzone.portal import services as portal
from borderzone.portal.models import Article, ArticleStatus
from borderzone.portal.tests.factories import ArticleFactory
from borderzone.promotion import services as promotion

SECTIONS = ["home-news", "home-zone", "home-gates", "home-documents", "home-calls", "home-counter"]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")


def _png(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 36), colour).save(out, "PNG")
    return out.getvalue()


def _published_with_picture(zone, actor, *, slug: str, title: str, title_en: str, days_ago: int, alt: str, alt_en: str):
    article = ArticleFactory(
        zone=zone,
        created_by=actor.user,
        slug=slug,
        title=title,
        title_en=title_en,
        publish_at=timezone.now() - dt.timedelta(days=days_ago),
    )
    portal.image_add(article=article, data=_png((10 * days_ago, 90, 60)), alt=alt, alt_en=alt_en, actor=actor)
    # Adding the picture took the article back to draft; approved again here (the four-eyes path is tested
    # in the portal's own tests).
    Article.objects.filter(pk=article.pk).update(status=ArticleStatus.APPROVED)
    return article


@pytest.fixture
def home_zone(settings, zone, gate_area, actor):
    settings.DEFAULT_ZONE_CODE = zone.code
    BorderGateFactory(zone=zone, gate_area=gate_area, code="TRALINH", name="Cửa khẩu quốc tế Trà Lĩnh")
    _published_with_picture(
        zone,
        actor,
        slug="moi-nhat",
        title="Tin mới nhất về cửa khẩu",
        title_en="The latest gate news",
        days_ago=1,
        alt="Hình minh họa nhà cửa khẩu",
        alt_en="Illustration of a gate house",
    )
    _published_with_picture(
        zone,
        actor,
        slug="cu-hon",
        title="Tin cũ hơn",
        title_en="Older news",
        days_ago=9,
        alt="Sơ đồ vị trí các cửa khẩu",
        alt_en="Sketch of where the gates are",
    )
    create_published_document(
        zone=zone,
        actor=actor,
        number="225/QĐ-BQLKKT",
        doc_type="decision",
        field="finance",
        issuer="Ban Quản lý Khu kinh tế tỉnh Cao Bằng",
        title="Quyết định công bố dự toán ngân sách năm 2024",
        title_en="Decision publishing the 2024 budget estimate",
        issued_on=dt.date(2024, 5, 10),
    )
    promotion.call_create(
        zone=zone,
        actor=actor,
        title="Kho ngoại quan Trà Lĩnh",
        title_en="Tra Linh bonded warehouse",
        objectives="Kho ngoại quan 5 ha.",
        gate_area=gate_area,
        latitude=Decimal("22.80901"),
        longitude=Decimal("106.33212"),
        land_area_ha=Decimal("5"),
        capital_amount=Decimal("150000000000"),
        capital_currency="VND",
        status="open",
        is_published=True,
    )
    return zone


def _positions(html: str, ids: list[str]) -> list[int]:
    return [html.index(f'id="{name}"') for name in ids]


def test_the_home_leads_with_the_news_then_zone_gates_documents_calls_and_counter(client, home_zone):
    html = client.get("/").content.decode()

    positions = _positions(html, SECTIONS)
    assert positions == sorted(positions)
    news = html[positions[0] : positions[1]]
    # The newest article leads, with its full picture; the older one follows with its thumbnail.
    assert news.index("Tin mới nhất về cửa khẩu") < news.index("Tin cũ hơn")
    assert re.search(r'<img class="news-lead-img" src="/news/images/\d+/full/" alt="Hình minh họa nhà cửa khẩu"', news)
    assert re.search(r'<img src="/news/images/\d+/thumb/" alt="Sơ đồ vị trí các cửa khẩu"', news)
    documents = html[positions[3] : positions[4]]
    assert "225/QĐ-BQLKKT" in documents and "10/05/2024" in documents
    calls = html[positions[4] : positions[5]]
    assert "Kho ngoại quan Trà Lĩnh" in calls and "5 ha" in calls and "150 tỷ đồng" in calls
    assert "Cửa khẩu quốc tế Trà Lĩnh" in html[positions[2] : positions[3]]
    assert 'class="visitor-counter"' in html[positions[5] :]


def test_every_picture_of_the_home_has_a_text_alternative_in_the_readers_language(client, home_zone):
    for prefix, expected in (("", "Hình minh họa nhà cửa khẩu"), ("/en", "Illustration of a gate house")):
        html = client.get(f"{prefix}/").content.decode()
        images = re.findall(r"<img\b[^>]*>", html)
        assert len(images) == 2
        assert all(re.search(r'alt="[^"]{5,}"', tag) for tag in images), images
        assert f'alt="{expected}"' in html
    english = client.get("/en/").content.decode()
    assert "The latest gate news" in english and "Latest news" in english
    assert "Decision publishing the 2024 budget estimate" in english and "Tra Linh bonded warehouse" in english


def test_the_home_shows_the_sections_in_chinese(client, home_zone):
    html = client.get("/zh-hans/").content.decode()
    assert "最新消息" in html and "最近发布的文件" in html and "招商项目" in html
    assert "2024年5月10日" in html


def test_a_zone_without_news_documents_or_calls_shows_no_empty_section(client, settings, zone):
    settings.DEFAULT_ZONE_CODE = zone.code
    html = client.get("/").content.decode()
    assert 'id="home-zone"' in html and 'id="home-counter"' in html
    assert not any(f'id="{name}"' in html for name in ("home-news", "home-documents", "home-calls"))


def _queries(client) -> int:
    from django.core.cache import cache

    cache.clear()  # the home built afresh (its visitors' panels and counter are cached otherwise)
    with CaptureQueriesContext(connection) as run:
        assert client.get("/").status_code == 200
    return len(run)


def test_the_home_reads_as_many_queries_with_many_articles_as_with_few(client, home_zone, actor):
    client.get("/")  # the first visit is counted; the ones measured are reloads
    few = _queries(client)
    for n in range(8):
        article = ArticleFactory(zone=home_zone, created_by=actor.user, slug=f"them-{n}")
        portal.image_add(article=article, data=_png((n, n, n)), alt=f"Ảnh {n}", actor=actor)
    Article.objects.update(status=ArticleStatus.APPROVED)
    assert _queries(client) == few


def test_the_demo_pictures_are_drawn_here_and_carry_no_words():
    gate = Image.open(io.BytesIO(demo_images.gate_picture("morning")))
    sketch = Image.open(
        io.BytesIO(
            demo_images.zone_map(
                [(Decimal("22.8"), Decimal("106.3"), True), (Decimal("22.6"), Decimal("106.7"), False)]
            )
        )
    )
    assert gate.size == sketch.size == (demo_images.WIDTH, demo_images.HEIGHT)
    assert gate.format == sketch.format == "PNG"
    # The dark green of an international gate's dot is on the sketch; the gate's roof red is in the picture.
    assert (11, 93, 59) in {c for _n, c in sketch.getcolors(1 << 20)}
    assert (170, 40, 35) in {c for _n, c in gate.convert("RGB").getcolors(1 << 20)}


def test_a_visitors_home_is_read_from_the_cache_until_a_document_news_or_call_changes(client, home_zone, actor):
    client.get("/")  # the panels are built and cached
    with CaptureQueriesContext(connection) as cached_run:
        assert client.get("/").status_code == 200
    # the versions of the page's parts (zones, news, documents, calls), the news' schedule, the visitor
    # counter (read afresh: a visitor sees their own visit at once) and the visit's insert: no article,
    # document or call query
    tables = " ".join(q["sql"] for q in cached_run.captured_queries)
    for table in ("documents_legaldocument", "investing_investmentcall"):
        assert table not in tables, table
    assert "FROM portal_visitlog" in tables.replace('"', "")  # the counter adds the views not folded yet
    # the whole page is one shell (core.pagecache): one statement reads its versions and the news schedule,
    # then the counter (one statement on PostgreSQL, three elsewhere); the visit's insert runs after commit
    assert len(cached_run.captured_queries) == (2 if connection.vendor == "postgresql" else 4)
    # a document published now shows at once: its write bumps the documents' version
    create_published_document(
        zone=home_zone,
        actor=actor,
        number="999/QĐ-BQLKKT",
        doc_type="decision",
        field="finance",
        issuer="Ban Quản lý Khu kinh tế tỉnh Cao Bằng",
        title="Quyết định mới nhất về cửa khẩu",
        issued_on=timezone.localdate(),
    )
    assert "999/QĐ-BQLKKT" in client.get("/").content.decode()
