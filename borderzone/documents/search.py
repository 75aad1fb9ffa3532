"""Accent-insensitive full-text search over the register, over a stored unaccented copy of the text
(`search_text`, made by `core.text.search_key`, so no database extension is needed for the accents):
PostgreSQL full text over the stored `search_vector` (GIN index), SQLite FTS5. Both answer "dong dang"
with "Đồng Đăng". Chinese has no spaces between words, so a run of Chinese characters is matched as a
substring of the Chinese title and summary, helped by a trigram index (pg_trgm GIN on PostgreSQL, an FTS5
trigram table on SQLite). The services keep the vector and the SQLite tables in step in the writing
transaction (`index_document`); `index_all` rebuilds them (bulk loads, the bench)."""

from __future__ import annotations

import re
from functools import cached_property

from django.core.paginator import Paginator
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from borderzone.core.text import search_key

FTS_TABLE = "documents_legaldocument_fts"


def tokens(query: str) -> list[str]:
    """The words of a query, lower case and unaccented ([0-9a-z] only, so safe inside a query string)."""
    return search_key(query).split()[:12]


ZH_TABLE = "documents_legaldocument_zh"  # SQLite: FTS5 trigram table over the Chinese title and summary
# SQLite: FTS5 trigram table over the number key, so that a number typed in part is found without reading
# every row (PostgreSQL: the pg_trgm index documents_number_key_trgm).
NUMBER_TABLE = "documents_legaldocument_number"


def index_document(document_id: int, text: str, zh: tuple[str, str] = ("", "")) -> None:
    """Keep the search index of a document in step with its stored text `search_text` (and its Chinese
    title and summary `zh`): the stored vector on PostgreSQL, the FTS5 rows on SQLite."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "UPDATE documents_legaldocument SET search_vector = to_tsvector('simple', %s) WHERE id = %s",
                [text, document_id],
            )
            return
        if connection.vendor != "sqlite":
            return
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [document_id])  # noqa: S608  # nosec B608 B611 - the table name is our constant FTS_TABLE; values are parameters
        cursor.execute(f"INSERT INTO {FTS_TABLE} (rowid, body) VALUES (%s, %s)", [document_id, text])  # noqa: S608  # nosec B608 B611 - the table name is our constant FTS_TABLE; values are parameters
        cursor.execute(f"DELETE FROM {ZH_TABLE} WHERE rowid = %s", [document_id])  # noqa: S608  # nosec B608 - constant table name
        cursor.execute(f"INSERT INTO {ZH_TABLE} (rowid, title_zh, summary_zh) VALUES (%s, %s, %s)", [document_id, *zh])  # noqa: S608  # nosec B608 - constant table name
        cursor.execute(f"DELETE FROM {NUMBER_TABLE} WHERE rowid = %s", [document_id])  # noqa: S608  # nosec B608 - constant table name
        cursor.execute(
            f"INSERT INTO {NUMBER_TABLE} (rowid, number_key) "  # noqa: S608  # nosec B608 - constant table name
            "SELECT id, number_key FROM documents_legaldocument WHERE id = %s",
            [document_id],
        )


def index_all(schema_editor_connection: BaseDatabaseWrapper | None = None) -> None:
    """Rebuild the whole search index from the stored columns (after a bulk load; migrations)."""
    conn = schema_editor_connection or connection
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute("UPDATE documents_legaldocument SET search_vector = to_tsvector('simple', search_text)")
        elif conn.vendor == "sqlite":
            for statement in (
                f"DELETE FROM {FTS_TABLE}",  # noqa: S608  # nosec B608 - constant table names
                f"INSERT INTO {FTS_TABLE} (rowid, body) SELECT id, search_text FROM documents_legaldocument",  # noqa: S608  # nosec B608 - constant table names
                f"DELETE FROM {ZH_TABLE}",  # noqa: S608  # nosec B608 - constant table names
                f"INSERT INTO {ZH_TABLE} (rowid, title_zh, summary_zh) "  # noqa: S608  # nosec B608 - constant table names
                "SELECT id, title_zh, summary_zh FROM documents_legaldocument",
                f"DELETE FROM {NUMBER_TABLE}",  # noqa: S608  # nosec B608 - constant table names
                f"INSERT INTO {NUMBER_TABLE} (rowid, number_key) SELECT id, number_key FROM documents_legaldocument",  # noqa: S608  # nosec B608 - constant table names
            ):
                cursor.execute(statement)


def unindex_document(document_id: int) -> None:
    if connection.vendor != "sqlite":
        return  # the row and its vector go together
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [document_id])  # noqa: S608  # nosec B608 B611 - the table name is our constant FTS_TABLE; values are parameters
        cursor.execute(f"DELETE FROM {ZH_TABLE} WHERE rowid = %s", [document_id])  # noqa: S608  # nosec B608 - constant table name
        cursor.execute(f"DELETE FROM {NUMBER_TABLE} WHERE rowid = %s", [document_id])  # noqa: S608  # nosec B608 - constant table name


def _sqlite_ids(words: list[str]) -> RawSQL:
    """The documents whose FTS5 row holds every word as a prefix, as a subquery (the ids stay in SQLite,
    not listed into the statement: a frequent word would otherwise send thousands of ids back)."""
    match = " ".join(f'"{w}"*' for w in words)
    return RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])  # noqa: S608, S611  # nosec B608 B611 - the table name is our constant FTS_TABLE; values are parameters


# Runs of Chinese characters (CJK ideographs): Chinese has no spaces between words, so a run is matched as
# a substring of the Chinese title and summary rather than as words of the full-text index.
CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def _sqlite_number_ids(text: str) -> RawSQL:
    return RawSQL(f"SELECT rowid FROM {NUMBER_TABLE} WHERE {NUMBER_TABLE} MATCH %s", ['"' + text + '"'])  # noqa: S608, S611  # nosec B608 B611 - constant table name


def _sqlite_zh_ids(run: str) -> RawSQL:
    # The trigram tokenizer matches any substring of three characters or more (quoted: a literal string).
    return RawSQL(f"SELECT rowid FROM {ZH_TABLE} WHERE {ZH_TABLE} MATCH %s", ['"' + run + '"'])  # noqa: S608, S611  # nosec B608 B611 - constant table name


def _chinese[Q_T: QuerySet](qs: Q_T, runs: list[str]) -> Q_T:
    for run in runs[:6]:
        if connection.vendor == "sqlite" and len(run) >= 3:
            qs = qs.filter(pk__in=_sqlite_zh_ids(run))
        # On PostgreSQL the trigram GIN indexes serve these LIKE conditions directly (runs of 3 or more).
        qs = qs.filter(Q(title_zh__contains=run) | Q(summary_zh__contains=run))
    return qs


def filter_documents[Q_T: QuerySet](qs: Q_T, query: str) -> Q_T:
    """Documents whose title, number, summary or file text hold every word of `query` (as a word prefix),
    and whose Chinese title or summary holds every run of Chinese characters in it."""
    words = tokens(query)
    runs = CJK_RUN.findall(query or "")
    if runs:
        qs = _chinese(qs, runs)
    if not words:
        return qs
    number_match = Q(number_key__contains=" ".join(words))
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery

        # The words are [0-9a-z] only (search_key), so the raw prefix query needs no escaping.
        tsquery = SearchQuery(" & ".join(f"{w}:*" for w in words), config="simple", search_type="raw")
        return qs.filter(Q(search_vector=tsquery) | number_match)
    if len(" ".join(words)) >= 3:
        # The trigram table finds the same rows as the LIKE (a quoted string: a substring, case-insensitive
        # like SQLite's LIKE for these [0-9a-z ] keys), through its index instead of reading every row.
        number_ids = _sqlite_number_ids(" ".join(words))
        number_match = Q(pk__in=number_ids)
    return qs.filter(Q(pk__in=_sqlite_ids(words)) | number_match)


# A search counts its matches up to this many (and at least a few pages past the one asked for): the page
# says "more than 1,000 documents" beyond it, so the count stays bounded as the register grows.
COUNT_CAP = 1000


class SearchPaginator(Paginator):
    """Pages of a search whose count is bounded: it counts at most `cap` + 1 matches, where `cap` is
    COUNT_CAP or five pages past the page asked for, whichever is larger, so every page stays reachable
    (Next is always shown on a full page of a capped result) and no search counts every match."""

    def __init__(self, object_list: QuerySet, per_page: int, page_number: object = 1) -> None:
        super().__init__(object_list, per_page)
        self.queryset = object_list
        try:
            asked = max(1, int(str(page_number)))
        except (TypeError, ValueError):
            asked = 1
        self.cap = max(COUNT_CAP, (min(asked, 10**6) + 5) * per_page)

    @cached_property
    def count(self) -> int:
        # Only the keys, without ordering or annotations: COUNT(*) over at most cap + 1 matching rows.
        return self.queryset.order_by().values("pk")[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        """More matches than were counted: the page says "more than `cap`" and has no last page."""
        return self.count > self.cap
