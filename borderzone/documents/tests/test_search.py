import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from borderzone.documents import selectors, services
from borderzone.documents.models import DocumentStatus, LegalDocument
from borderzone.documents.search import filter_documents
from borderzone.documents.tests.factories import approve_and_publish

pytestmark = pytest.mark.django_db


def _search(q, user=None, **kw):
    return list(selectors.document_search(user or AnonymousUser(), selectors.DocumentFilters(q=q, **kw)))


def test_search_finds_dong_dang_from_unaccented_words(zone, make_document):
    # given a document whose title has the accented name and another that does not
    wanted = make_document(zone, number="12/QĐ-UBND", title="Quyết định về tuyến cao tốc Trà Lĩnh – Đồng Đăng")
    make_document(zone, number="13/QĐ-UBND", title="Quyết định về chợ biên giới Tà Lùng")
    # when searching without accents and in capitals
    found = _search("dong dang")
    found_caps = _search("ĐỒNG đăng")
    # then only the Đồng Đăng document comes back, either way
    assert [d.pk for d in found] == [wanted.pk]
    assert [d.pk for d in found_caps] == [wanted.pk]


def test_search_reads_the_text_of_attached_pdfs(zone, make_document, pdf_upload, actor):
    doc = make_document(zone, number="7/KH-BQLKKT", title="Kế hoạch năm 2025")
    assert _search("Hung Quoc") == []
    services.document_file_add(
        document=doc, upload=pdf_upload("Khu trung chuyển hàng hóa Hùng Quốc 100 ha"), actor=actor
    )
    approve_and_publish(doc, actor=actor)
    assert [d.pk for d in _search("hung quoc")] == [doc.pk]


def test_search_matches_the_number_and_symbol(zone, make_document):
    doc = make_document(zone, number="225/QĐ-BQLKKT")
    make_document(zone, number="178/QĐ-BQLKKT", title="Quyết định khác")
    assert [d.pk for d in _search("225/QD-BQLKKT")] == [doc.pk]
    assert [d.pk for d in _search("225")] == [doc.pk]


def test_search_ignores_unpublished_documents_for_visitors_but_not_for_zone_staff(
    zone, make_document, specialist, other_specialist
):
    doc = make_document(zone, title="Đồng Đăng nội bộ", is_published=False)
    assert _search("dong dang") == []
    assert _search("dong dang", user=other_specialist) == []
    assert [d.pk for d in _search("dong dang", user=specialist)] == [doc.pk]


def test_filters_by_type_field_issuer_year_and_status(zone, make_document):
    a = make_document(zone, number="1/TB-BQLKKT", doc_type="notice", field="personnel", issued_on=dt.date(2024, 6, 1))
    b = make_document(
        zone, number="2/QĐ-UBND", doc_type="decision", issuer="UBND tỉnh Cao Bằng", issued_on=dt.date(2023, 2, 1)
    )
    make_document(
        zone,
        number="3/QĐ-UBND",
        doc_type="decision",
        issuer="UBND tỉnh Cao Bằng",
        issued_on=dt.date(2024, 2, 1),
        replaces=[b],
    )
    assert [d.pk for d in _search("", doc_type="notice")] == [a.pk]
    assert [d.pk for d in _search("", field="personnel")] == [a.pk]
    assert {d.number for d in _search("", issuer="UBND tỉnh Cao Bằng")} == {"2/QĐ-UBND", "3/QĐ-UBND"}
    assert {d.number for d in _search("", year=2024)} == {"1/TB-BQLKKT", "3/QĐ-UBND"}
    assert [d.pk for d in _search("", status=DocumentStatus.REPLACED)] == [b.pk]


def test_search_runs_in_a_fixed_number_of_queries(zone, make_document, django_assert_max_num_queries):
    for i in range(8):
        make_document(zone, number=f"{i}/QĐ-X", title=f"Đồng Đăng {i}")
    with django_assert_max_num_queries(3):
        docs = _search("dong dang")
        assert len(docs) == 8
        _ = [list(d.files.all()) for d in docs] + [d.zone.code for d in docs]


def test_search_costs_the_same_queries_for_few_and_many_documents(zone, make_document):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_document(zone, number="1/QĐ-UBND", title="Quyết định về cửa khẩu Đồng Đăng", title_zh="陆地边境口岸管理规定")

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            _search("dong dang")
            _search("口岸管理")
        return len(ctx.captured_queries)

    few = count()
    for i in range(12):
        make_document(
            zone, number=f"{i + 2}/QĐ-UBND", title=f"Quyết định {i} về Đồng Đăng", title_zh="陆地边境口岸管理规定"
        )
    assert count() == few
    assert len(_search("dong dang")) == 13 and len(_search("口岸管理")) == 13


def test_postgresql_search_reads_the_stored_vector_through_its_gin_index(zone, make_document):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the GIN indexes are PostgreSQL's (SQLite answers from its FTS5 tables)")
    for i in range(30):
        make_document(
            zone, number=f"{i + 1}/QĐ-UBND", title=f"Quyết định {i} về Tà Lùng", title_zh="陆地边境口岸管理规定"
        )
    wanted = make_document(zone, number="99/QĐ-UBND", title="Quyết định về Đồng Đăng")
    qs = selectors.document_search(AnonymousUser(), selectors.DocumentFilters(q="dong dang"))
    assert [d.pk for d in qs] == [wanted.pk]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a table this small would be read whole anyway
        words = filter_documents(LegalDocument.objects.all(), "dong dang").explain()
        chinese = filter_documents(LegalDocument.objects.all(), "口岸管理").explain()
    assert "documents_search_vector_gin" in words, words
    assert "to_tsvector" not in words  # the stored vector is read, never rebuilt row by row
    assert "documents_title_zh_trgm" in chinese and "documents_summary_zh_trgm" in chinese, chinese


def _results_page(client, q, page=None):
    from django.core.cache import cache

    cache.clear()  # the uncached search: the results fragment is built afresh
    params = {"q": q} | ({"page": page} if page else {})
    response = client.get("/en/documents/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_public_search_page_costs_the_same_queries_for_few_and_many_matches(client, zone, make_document):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_document(zone, number="1/QĐ-UBND", title="Quyết định về cửa khẩu Đồng Đăng", title_zh="陆地边境口岸管理规定")

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            _results_page(client, "dong dang")
            _results_page(client, "口岸管理")
        return len(ctx.captured_queries)

    few = queries()
    for i in range(24):  # more than a page of 20
        make_document(
            zone, number=f"{i + 2}/QĐ-UBND", title=f"Quyết định {i} về Đồng Đăng", title_zh="陆地边境口岸管理规定"
        )
    assert queries() == few
    page = _results_page(client, "dong dang")
    assert "25 documents" in page and "Page 1 of 2" in page


def test_a_search_counts_its_matches_only_up_to_its_cap_and_keeps_every_page_reachable(
    client, zone, make_document, monkeypatch
):
    from borderzone.documents import search, views

    for i in range(8):
        make_document(
            zone, number=f"{i + 1}/QĐ-UBND", title=f"Quyết định {i} về Đồng Đăng", issued_on=dt.date(2024, 1, i + 1)
        )
    qs = selectors.document_search(AnonymousUser(), selectors.DocumentFilters(q="dong dang"))
    monkeypatch.setattr(search, "COUNT_CAP", 5)
    # one a page: the cap is 5, or five pages past the page asked for (6 for page 1)
    first = search.SearchPaginator(qs, 1, "1").get_page("1")
    assert first.paginator.cap == 6 and first.paginator.count == 7 and first.paginator.capped
    assert [d.number for d in first.object_list] == ["8/QĐ-UBND"] and first.has_next()
    # page 7 counts up to 12: all 8 are counted, the last page is known again
    seventh = search.SearchPaginator(qs, 1, "7").get_page("7")
    assert seventh.paginator.count == 8 and not seventh.paginator.capped and seventh.paginator.num_pages == 8
    assert [d.number for d in seventh.object_list] == ["2/QĐ-UBND"]
    # the page says "more than" the cap and shows no last page; beyond the cap, the count is exact again
    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    page = _results_page(client, "dong dang")
    assert "More than 6 documents" in page and "Page 1<" in page and 'rel="next"' in page
    assert "8 documents" in _results_page(client, "dong dang", page="7")
    monkeypatch.setattr(search, "COUNT_CAP", 1000)
    assert "8 documents" in _results_page(client, "dong dang")


def test_a_number_typed_in_part_is_found_through_the_number_index(zone, make_document):
    from django.db import connection

    from borderzone.documents.search import NUMBER_TABLE

    wanted = make_document(zone, number="1234/QĐ-UBND", title="Quyết định về cửa khẩu")
    make_document(zone, number="2340/TB-UBND", title="Thông báo khác")
    # "234/qd" is inside the first number only (not a word prefix of it: the number match finds it)
    assert [d.pk for d in _search("234/QĐ")] == [wanted.pk]
    sql = str(filter_documents(LegalDocument.objects.all(), "234/QĐ").query)
    if connection.vendor == "sqlite":
        assert NUMBER_TABLE in sql and "LIKE" not in sql.upper()  # the trigram table, not a scan of the rows
    elif connection.vendor == "postgresql":
        assert "number_key" in sql  # LIKE served by the pg_trgm index documents_number_key_trgm
