"""Anonymous public pages cached under the data versions they read: a repeated visit reads nothing of
the zone, a write shows at once, and a cached page never carries another response's CSP nonce."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from borderzone.documents.tests.factories import create_published_document
from borderzone.gates import services as gate_services
from borderzone.gates.tests.factories import BorderGateFactory
from borderzone.portal.tests.factories import ArticleFactory, CategoryFactory


@pytest.fixture
def gate(zone, gate_area):
    return BorderGateFactory(
        zone=zone,
        gate_area=gate_area,
        code="TRALINH1",
        name="Cửa khẩu Trà Lĩnh",
        latitude=Decimal("22.8"),
        longitude=Decimal("106.3"),
    )


def _zone_queries(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    # Queries reading the zone, its areas and gates themselves (not another table joined to its zone: the
    # home's news panel reads the zone's latest articles).
    return [q["sql"] for q in ctx.captured_queries if re.search(r'FROM "(zones|gates)_', q["sql"])]


@pytest.mark.parametrize("url_name", ["core:home", "gates:map"])
def test_a_repeated_visit_reads_no_zone_data_and_a_gate_renamed_shows_at_once(client, gate, actor, url_name):
    url = reverse(url_name)
    assert "Cửa khẩu Trà Lĩnh" in client.get(url).content.decode()
    assert _zone_queries(client, url) == []
    gate_services.gate_update(gate=gate, actor=actor, name="Cửa khẩu Trà Lĩnh mới")
    assert "Cửa khẩu Trà Lĩnh mới" in client.get(url).content.decode()


def test_the_map_is_cached_per_language(client, gate):
    vietnamese = client.get(reverse("gates:map")).content.decode()
    english = client.get("/en" + reverse("gates:map")).content.decode()
    assert "Bản đồ" in vietnamese and "Map of the border gates" in english
    assert "/en/map/layers/" in english and "/en/map/layers/" not in vietnamese


def test_signed_in_users_read_the_zone_afresh(client, gate, specialist):
    client.force_login(specialist)
    client.get(reverse("core:home"))
    assert _zone_queries(client, reverse("core:home"))


def test_a_document_approved_shows_at_once_in_the_cached_search(client, zone, actor):
    url = reverse("documents:list") + "?q=cua+khau"
    assert "Quy chế cửa khẩu" not in client.get(url).content.decode()
    create_published_document(
        actor=actor,
        zone=zone,
        number="12/QĐ-UBND",
        title="Quy chế cửa khẩu",
        doc_type="decision",
        issuer="UBND tỉnh",
        issued_on="2024-01-02",
    )
    assert "Quy chế cửa khẩu" in client.get(url).content.decode()


def test_cached_pages_never_reuse_a_nonce(client, zone, gate, specialist):
    article = ArticleFactory(zone=zone, category=CategoryFactory(slug="tin"), created_by=specialist, slug="bai")
    urls = [reverse("core:home"), reverse("gates:map"), article.get_absolute_url(), reverse("documents:list") + "?q=a"]
    for url in urls:
        for _ in range(2):  # the second answer is built from the cache
            response = client.get(url)
            assert response.status_code == 200
            policy = response.get("Content-Security-Policy", "")
            for nonce in re.findall(r'nonce="([^"]+)"', response.content.decode()):
                assert f"'nonce-{nonce}'" in policy, url


# --- Whole pages kept as shells, with each reader's parts filled in (core.pagecache) ---------------------

READER_A = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"
READER_B = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Version/17.0 Safari/605.1.15"


@pytest.fixture
def rated_article(zone, specialist):
    return ArticleFactory(zone=zone, category=CategoryFactory(slug="tin"), created_by=specialist, slug="bai-danh-gia")


def _token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def _checked_star(html: str) -> str | None:
    found = re.search(r'name="stars" value="(\d)" id="stars-\d" checked', html)
    return found.group(1) if found else None


def test_two_readers_of_a_cached_article_each_see_their_own_stars_and_get_a_working_token(rated_article):
    from django.test import Client

    url = rated_article.get_absolute_url()
    reader_a = Client(enforce_csrf_checks=True, HTTP_USER_AGENT=READER_A)
    reader_b = Client(enforce_csrf_checks=True, HTTP_USER_AGENT=READER_B)
    page = reader_a.get(url).content.decode()
    assert reader_a.get(url).content.decode().count('name="csrfmiddlewaretoken"') == 1  # from the shell
    response = reader_a.post(
        reverse("portal:rate", args=[rated_article.slug]), {"stars": 4, "csrfmiddlewaretoken": _token(page)}
    )
    assert response.status_code == 302
    assert "Cảm ơn" in reader_a.get(url).content.decode()  # the message, on a page rendered for this reader
    mine = reader_a.get(url).content.decode()  # the shell again, with this reader's stars filled in
    assert _checked_star(mine) == "4" and "4 / 5 từ 1 đánh giá" in mine
    theirs = reader_b.get(url).content.decode()
    assert _checked_star(theirs) is None and "4 / 5 từ 1 đánh giá" in theirs  # the summary is shared, the stars are not
    # the token in the shell is this reader's own: B rates with it
    response = reader_b.post(
        reverse("portal:rate", args=[rated_article.slug]), {"stars": 2, "csrfmiddlewaretoken": _token(theirs)}
    )
    assert response.status_code == 302
    reader_b.get(url)
    assert _checked_star(reader_b.get(url).content.decode()) == "2"
    assert _checked_star(reader_a.get(url).content.decode()) == "4"


def _total_visits(html: str) -> int:
    found = re.search(r"<dt>Tổng lượt truy cập</dt><dd>([\d.]+)</dd>", html)
    assert found, "no counter on the page"
    return int(found.group(1).replace(".", ""))


@pytest.mark.parametrize("url_name", ["core:home", "article"])
def test_the_counter_of_a_cached_page_counts_each_new_visitor_at_once(
    client, zone, rated_article, url_name, django_capture_on_commit_callbacks
):
    url = rated_article.get_absolute_url() if url_name == "article" else reverse(url_name)
    seen = []
    for n in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            seen.append(_total_visits(client.get(url, HTTP_USER_AGENT=f"{READER_A} reader/{n}").content.decode()))
    # each page shows the visits before its own (its view is appended after the answer)
    assert seen == [seen[0], seen[0] + 1, seen[0] + 2]


def test_text_that_poses_as_a_marker_is_never_filled(zone, specialist, client):
    from borderzone.core import pagecache

    marker = f"<!--bz-live-{pagecache._secret()}:portal.counter-->"
    article = ArticleFactory(
        zone=zone,
        category=CategoryFactory(slug="tin"),
        created_by=specialist,
        slug="bai-la",
        body=f"<p>a{marker}b</p>",
        title=f"Tiêu đề {marker}",
    )
    for _ in range(2):
        html = client.get(article.get_absolute_url()).content.decode()
        assert html.count('class="visitor-counter"') == 1
        assert "Tiêu đề &lt;!--bz-live-" in html


def test_a_query_string_or_a_signed_in_reader_is_answered_afresh(client, rated_article, specialist):
    url = rated_article.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    # the shell: the article's row is not read (its key comes with the versions)
    assert not [q for q in ctx.captured_queries if '"portal_article"."title"' in q["sql"]]
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url + "?utm_source=zalo").status_code == 200
    assert [q for q in ctx.captured_queries if '"portal_article"."title"' in q["sql"]]  # rendered afresh
    client.force_login(specialist)
    assert "Quản lý bài viết này" in client.get(url).content.decode()
