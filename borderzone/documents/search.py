"""Accent-insensitive full-text search over the register: PostgreSQL full text through the unaccent
extension, SQLite FTS5 over a stored unaccented copy. Both answer "dong dang" with "Đồng Đăng"."""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import F, Func, Q, QuerySet, TextField, Value

from borderzone.core.text import search_key

FTS_TABLE = "documents_legaldocument_fts"


def tokens(query: str) -> list[str]:
    """The words of a query, lower case and unaccented ([0-9a-z] only, so safe inside a query string)."""
    return search_key(query).split()[:12]


def index_document(document_id: int, text: str) -> None:
    """Keep the SQLite FTS5 row of a document in step with its stored text (PostgreSQL needs nothing)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [document_id])  # noqa: S608  # nosec B608 - the table name is our constant FTS_TABLE; values are parameters
        cursor.execute(f"INSERT INTO {FTS_TABLE} (rowid, body) VALUES (%s, %s)", [document_id, text])  # noqa: S608  # nosec B608 - the table name is our constant FTS_TABLE; values are parameters


def unindex_document(document_id: int) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [document_id])  # noqa: S608  # nosec B608 - the table name is our constant FTS_TABLE; values are parameters


def _sqlite_ids(words: list[str]) -> list[int]:
    match = " ".join(f'"{w}"*' for w in words)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])  # noqa: S608  # nosec B608 - the table name is our constant FTS_TABLE; values are parameters
        return [row[0] for row in cursor.fetchall()]


# Runs of Chinese characters (CJK ideographs): Chinese has no spaces between words, so a run is matched as
# a substring of the Chinese title and summary rather than as words of the full-text index.
CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def _chinese[Q_T: QuerySet](qs: Q_T, runs: list[str]) -> Q_T:
    for run in runs[:6]:
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
        from django.contrib.postgres.search import SearchQuery, SearchVector

        # unaccent, then punctuation to spaces, so "1/2000" and "QĐ-UBND" split into words as search_key splits them.
        words_only = Func(
            Func(F("search_source"), function="unaccent"),
            Value("[^[:alnum:]]+"),
            Value(" "),
            Value("g"),
            function="regexp_replace",
            output_field=TextField(),
        )
        vector = SearchVector(words_only, config="simple")
        tsquery = SearchQuery(
            Func(Value(" & ".join(f"{w}:*" for w in words)), function="unaccent"), config="simple", search_type="raw"
        )
        return qs.annotate(_fts=vector).filter(Q(_fts=tsquery) | number_match)
    return qs.filter(Q(pk__in=_sqlite_ids(words)) | number_match)
