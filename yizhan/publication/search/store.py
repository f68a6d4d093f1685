"""The search tables and the two full-text backends (SQLite FTS5, PostgreSQL tsvector + GIN).

The tables are not Django models: they are created on demand with ``CREATE ... IF NOT EXISTS``
by :func:`ensure_schema` (called by every write and by the index-building command), so the
search package needs no migration and cannot conflict with the publication app's migrations.
Several logical indexes share the tables, told apart by ``index_name``: ``public`` (published
judgments, the only one the public pages and the public API read) and e.g. ``bench`` (the
LeCaRD benchmark corpus, used only by the evaluation command and bench/search.py).

Tables
------
``search_document``  one row per (index_name, doc_id): metadata, the display text (snippets
                     are cut from it, for the page's rows only), the facts' distinct bigrams
                     with their frequencies (``sim_terms``, ``sim_tfs`` uint16 blob,
                     ``sim_len``: similarity) and the legal features.
``search_meta``      (index_name, version): bumped on every write so that per-process
                     similarity caches know when to reload; row ``_schema`` holds the schema
                     version and a random ``epoch`` (tells similarity snapshots of different
                     databases apart).
SQLite: two **contentless** FTS5 tables (``content=''``: the text is stored once, in
        ``search_document.body``), rowid = :func:`fts_key` = year << 32 | id, so that
        ``ORDER BY rowid DESC`` is (year desc, id desc) and a year filter is a rowid range:
        ``search_fts_bi`` (character bigrams in text order, ``detail=full`` for
        phrases) and ``search_fts_uni`` (single characters and ASCII words,
        ``detail=none``: document lists only, no positions).
PostgreSQL: a narrow **key table** ``search_key`` (one row per document, same id, deleted
        with it) holds what keyword search filters and orders on (index, published, year,
        court, type, cause, charges) and three tsvectors with GIN indexes: ``tsv_uni`` =
        strip(to_tsvector('simple', unigrams)), ``tsv_bi`` = to_tsvector('simple', bigrams)
        (positions: ts_rank) and ``tsv_tri`` = strip(to_tsvector('simple', trigrams)). The
        tsvectors are stored out of line (``toast_tuple_target = 128``), so a capped count or a
        page walks a few narrow heap pages; queries use only GIN-exact operators (single
        lexemes and AND: no recheck, no detoasting), see keyword.py. A b-tree on (index_name,
        published, year desc, id desc) serves the cheap ordering.
"""

from __future__ import annotations

import secrets
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from . import legal, text

SCHEMA_VERSION = 3
_COLUMNS = (
    "index_name", "doc_id", "court_code", "court_name", "year", "case_type", "cause", "charges",
    "articles", "title", "case_number", "body", "facts", "outcome", "sim_terms", "sim_tfs",
    "sim_len", "sentence_kind", "sentence_months", "probation", "published",
)  # fmt: skip
_TABLE = """CREATE TABLE IF NOT EXISTS search_document (
        id {pk},
        index_name VARCHAR(20) NOT NULL, doc_id VARCHAR(64) NOT NULL,
        court_code VARCHAR(20) NOT NULL DEFAULT '', court_name VARCHAR(100) NOT NULL DEFAULT '',
        year INTEGER NULL, case_type VARCHAR(30) NOT NULL DEFAULT '',
        cause VARCHAR(100) NOT NULL DEFAULT '', charges TEXT NOT NULL DEFAULT '',
        articles TEXT NOT NULL DEFAULT '', title TEXT NOT NULL DEFAULT '',
        case_number VARCHAR(60) NOT NULL DEFAULT '', body TEXT NOT NULL DEFAULT '',
        facts TEXT NOT NULL DEFAULT '', outcome TEXT NOT NULL DEFAULT '',
        sim_terms TEXT NOT NULL DEFAULT '', sim_tfs {blob} NOT NULL, sim_len INTEGER NOT NULL,
        sentence_kind VARCHAR(20) NOT NULL DEFAULT '',
        sentence_months {real} NULL, probation BOOLEAN NOT NULL DEFAULT {false},
        published BOOLEAN NOT NULL DEFAULT {true}{extra},
        UNIQUE (index_name, doc_id))"""
_META = """CREATE TABLE IF NOT EXISTS search_meta (
        index_name VARCHAR(20) PRIMARY KEY, version INTEGER NOT NULL DEFAULT 0,
        epoch VARCHAR(32) NOT NULL DEFAULT '')"""

_SQLITE_SCHEMA = [
    _TABLE.format(
        pk="INTEGER PRIMARY KEY AUTOINCREMENT",
        blob="BLOB",
        real="REAL",
        false="0",
        true="1",
        extra="",
    ),
    "CREATE INDEX IF NOT EXISTS search_document_filter ON search_document "
    "(index_name, published, year, court_code)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_bi USING fts5(bi, content='', "
    "tokenize='unicode61')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_uni USING fts5(uni, content='', "
    "detail=none, tokenize='unicode61')",
    _META,
]

_PG_KEY_COLUMNS = ("index_name", "published", "year", "court_code", "case_type", "cause",
                   "charges")  # fmt: skip
_PG_KEY = """CREATE TABLE IF NOT EXISTS search_key (
        id BIGINT PRIMARY KEY REFERENCES search_document (id) ON DELETE CASCADE,
        index_name VARCHAR(20) NOT NULL, published BOOLEAN NOT NULL, year INTEGER NULL,
        court_code VARCHAR(20) NOT NULL, case_type VARCHAR(30) NOT NULL,
        cause VARCHAR(100) NOT NULL, charges TEXT NOT NULL,
        tsv_bi TSVECTOR NOT NULL, tsv_uni TSVECTOR NOT NULL, tsv_tri TSVECTOR NOT NULL)
        WITH (toast_tuple_target = 128)"""
# The key table's indexes (bench/search.py drops and re-creates them around a bulk load).
PG_KEY_INDEXES = [
    "CREATE INDEX IF NOT EXISTS search_key_order ON search_key "
    "(index_name, published, year DESC NULLS LAST, id DESC)",
    "CREATE INDEX IF NOT EXISTS search_key_tsv_bi ON search_key USING GIN (tsv_bi)",
    "CREATE INDEX IF NOT EXISTS search_key_tsv_uni ON search_key USING GIN (tsv_uni)",
    "CREATE INDEX IF NOT EXISTS search_key_tsv_tri ON search_key USING GIN (tsv_tri)",
]
_PG_SCHEMA = [
    _TABLE.format(
        pk="BIGSERIAL PRIMARY KEY",
        blob="BYTEA",
        real="DOUBLE PRECISION",
        false="FALSE",
        true="TRUE",
        extra="",
    ),
    "CREATE INDEX IF NOT EXISTS search_document_filter ON search_document "
    "(index_name, published, year, court_code)",
    _PG_KEY,
    *PG_KEY_INDEXES,
    _META,
]
_OLD_TABLES = ("search_fts", "search_fts_bi", "search_fts_uni", "search_key", "search_document",
               "search_meta")  # fmt: skip

_ready: set[tuple[str, str]] = set()


def conn(using: str = "default") -> BaseDatabaseWrapper:
    return connections[using]


def fts_key(year: int | None, row_id: int) -> int:
    """SQLite FTS rowid of a document: year << 32 | id (rowid order = year, then id)."""
    return ((year or 0) << 32) | int(row_id)


def ensure_schema(using: str = "default", *, force: bool = False) -> None:
    """Creates the search tables if they are missing (once per process and database; DDL is
    transactional on both backends, so tests create them once per session, outside the test
    transactions: see the ``search_schema`` fixture). Tables of an older layout are dropped
    (the index is derived data: run ``manage.py rebuild_search_index`` afterwards)."""
    c = conn(using)
    key = (using, c.settings_dict.get("NAME") or "")
    if key in _ready and not force:
        return
    stmts = _PG_SCHEMA if c.vendor == "postgresql" else _SQLITE_SCHEMA
    with c.cursor() as cur:
        tables = set(c.introspection.table_names(cur))
        cols: set[str] = set()
        if "search_document" in tables:
            cols = {d.name for d in c.introspection.get_table_description(cur, "search_document")}
            if "sim_terms" not in cols or "search_fts" in tables:
                cascade = " CASCADE" if c.vendor == "postgresql" else ""  # SQLite has none
                for t in _OLD_TABLES:
                    cur.execute(f"DROP TABLE IF EXISTS {t}{cascade}")
                tables, cols = set(), set()
        upgrade = c.vendor == "postgresql" and "search_document" in tables and "tsv_bi" in cols
        for s in stmts:
            cur.execute(s)
        if upgrade:  # schema 2 -> 3: the tsvectors move to the key table
            _pg_fill_keys(cur, "TRUE")
            cur.execute("ALTER TABLE search_document DROP COLUMN tsv_bi, DROP COLUMN tsv_uni")
        cur.execute(
            "INSERT INTO search_meta (index_name, version, epoch) VALUES ('_schema', %s, %s) "
            "ON CONFLICT (index_name) DO NOTHING",
            [SCHEMA_VERSION, secrets.token_hex(8)],
        )
    if c.in_atomic_block:  # the DDL may yet be rolled back: remember it once committed
        transaction.on_commit(lambda: _ready.add(key), using=using)
    else:
        _ready.add(key)


def epoch(using: str = "default") -> str:
    ensure_schema(using)
    with conn(using).cursor() as cur:
        cur.execute("SELECT epoch FROM search_meta WHERE index_name = '_schema'")
        r = cur.fetchone()
    return str(r[0]) if r else ""


@dataclass
class IndexRecord:
    """What the index stores for one judgment (see ``search.index_document``)."""

    doc_id: str
    text: str
    court_code: str = ""
    court_name: str = ""
    year: int | None = None
    case_type: str = ""
    cause: str = ""
    title: str = ""
    case_number: str = ""
    facts: str = ""
    outcome: str = ""
    charges: Sequence[str] = field(default_factory=tuple)
    published: bool = True

    def row(self, index_name: str) -> dict[str, Any]:
        facts = self.facts or self.text
        outcome = self.outcome or self.text
        found = [legal.normalize_charge(c) for c in self.charges] or legal.charges(outcome)
        if not found:
            found = legal.charges(self.text)
        sent = legal.sentence(outcome)
        counts = Counter(text.bigrams(facts))
        return {
            "index_name": index_name,
            "doc_id": str(self.doc_id),
            "court_code": self.court_code,
            "court_name": self.court_name,
            "year": self.year,
            "case_type": self.case_type,
            "cause": self.cause,
            "charges": "、".join(found),
            "articles": "、".join(legal.articles(self.text)),
            "title": self.title,
            "case_number": self.case_number,
            "body": self.text,
            "facts": facts,
            "outcome": self.outcome,
            "sim_terms": " ".join(counts),
            "sim_tfs": array("H", [min(v, 65535) for v in counts.values()]).tobytes(),
            "sim_len": sum(counts.values()),
            "sentence_kind": sent.kind,
            "sentence_months": sent.months,
            "probation": sent.probation,
            "published": self.published,
        }


def _bump(cur: Any, index_name: str, vendor: str) -> None:
    if vendor == "postgresql":
        cur.execute(
            "INSERT INTO search_meta (index_name, version) VALUES (%s, 1) "
            "ON CONFLICT (index_name) DO UPDATE SET version = search_meta.version + 1",
            [index_name],
        )
    else:
        cur.execute(
            "INSERT INTO search_meta (index_name, version) VALUES (%s, 1) "
            "ON CONFLICT (index_name) DO UPDATE SET version = version + 1",
            [index_name],
        )


def version(index_name: str, using: str = "default") -> int:
    ensure_schema(using)
    with conn(using).cursor() as cur:
        cur.execute("SELECT version FROM search_meta WHERE index_name = %s", [index_name])
        r = cur.fetchone()
    return int(r[0]) if r else 0


def fts_tokens(body: str) -> tuple[str, str]:
    """The SQLite FTS column values of a display text: (bigrams, unigrams), space-joined."""
    return " ".join(text.bigrams(body)), " ".join(text.unigrams(body))


def pg_key_values(body: str) -> tuple[str, str, str]:
    """The PostgreSQL tsvector sources of a display text: (bigrams, unigrams, trigrams)."""
    bi, uni = fts_tokens(body)
    return bi, uni, " ".join(text.trigrams(body))


_KEY_COLS = ", ".join(_PG_KEY_COLUMNS)
_PG_KEY_INSERT = (
    f"INSERT INTO search_key (id, {_KEY_COLS}, tsv_bi, tsv_uni, tsv_tri) SELECT id, {_KEY_COLS}, "  # noqa: S608
    "to_tsvector('simple', %s), strip(to_tsvector('simple', %s)), "
    "strip(to_tsvector('simple', %s)) FROM search_document WHERE id = %s"
)


def _pg_fill_keys(cur: Any, where: str, params: Sequence[Any] = ()) -> None:
    """Writes the key rows of the documents matching ``where`` (from their stored body)."""
    cur.execute(f"SELECT id, body FROM search_document WHERE {where} ORDER BY id", params)  # noqa: S608
    for row_id, body in cur.fetchall():
        cur.execute(_PG_KEY_INSERT, [*pg_key_values(body), row_id])


def fts_insert(cur: Any, key: int, bi: str, uni: str) -> None:
    cur.execute("INSERT INTO search_fts_bi (rowid, bi) VALUES (%s, %s)", [key, bi])
    cur.execute("INSERT INTO search_fts_uni (rowid, uni) VALUES (%s, %s)", [key, uni])


def _fts_delete(cur: Any, where: str, params: list[Any]) -> None:
    """Contentless FTS5 tables need the deleted row's tokens: recomputed from the body."""
    cur.execute(f"SELECT id, year, body FROM search_document WHERE {where}", params)  # noqa: S608
    for row_id, year, body in cur.fetchall():
        bi, uni = fts_tokens(body)
        key = fts_key(year, row_id)
        cur.execute(
            "INSERT INTO search_fts_bi (search_fts_bi, rowid, bi) VALUES ('delete', %s, %s)",
            [key, bi],
        )
        cur.execute(
            "INSERT INTO search_fts_uni (search_fts_uni, rowid, uni) VALUES ('delete', %s, %s)",
            [key, uni],
        )


def delete_rows(cur: Any, vendor: str, index_name: str, doc_ids: Iterable[str]) -> None:
    ids = [str(d) for d in doc_ids]
    if not ids:
        return
    ph = ", ".join(["%s"] * len(ids))
    where = f"index_name = %s AND doc_id IN ({ph})"
    if vendor != "postgresql":
        _fts_delete(cur, where, [index_name, *ids])
    cur.execute(f"DELETE FROM search_document WHERE {where}", [index_name, *ids])  # noqa: S608


def write(index_name: str, records: Sequence[IndexRecord], using: str = "default") -> int:
    """Inserts or replaces ``records`` in ``index_name``; returns the number written."""
    if not records:
        return 0
    ensure_schema(using)
    c = conn(using)
    vendor = c.vendor
    rows = [r.row(index_name) for r in records]
    cols = ", ".join(_COLUMNS)
    ph = ", ".join(["%s"] * len(_COLUMNS))
    with c.cursor() as cur:
        delete_rows(cur, vendor, index_name, [r["doc_id"] for r in rows])
        for r, rec in zip(rows, records, strict=True):
            values = [r[k] for k in _COLUMNS]
            if vendor == "postgresql":
                cur.execute(
                    f"INSERT INTO search_document ({cols}) VALUES ({ph}) RETURNING id",  # noqa: S608
                    values,
                )
                cur.execute(_PG_KEY_INSERT, [*pg_key_values(rec.text), cur.fetchone()[0]])
            else:
                bi, uni = fts_tokens(rec.text)
                cur.execute(
                    f"INSERT INTO search_document ({cols}) VALUES ({ph})",  # noqa: S608
                    values,
                )
                fts_insert(cur, fts_key(rec.year, cur.lastrowid), bi, uni)
        _bump(cur, index_name, vendor)
    return len(rows)


def remove(index_name: str, doc_ids: Iterable[str], using: str = "default") -> None:
    ensure_schema(using)
    c = conn(using)
    with c.cursor() as cur:
        delete_rows(cur, c.vendor, index_name, doc_ids)
        _bump(cur, index_name, c.vendor)


def set_published(index_name: str, doc_id: str, published: bool, using: str = "default") -> None:
    ensure_schema(using)
    c = conn(using)
    with c.cursor() as cur:
        cur.execute(
            "UPDATE search_document SET published = %s WHERE index_name = %s AND doc_id = %s",
            [published, index_name, str(doc_id)],
        )
        if c.vendor == "postgresql":
            cur.execute(
                "UPDATE search_key SET published = %s WHERE id IN (SELECT id FROM "
                "search_document WHERE index_name = %s AND doc_id = %s)",
                [published, index_name, str(doc_id)],
            )
        _bump(cur, index_name, c.vendor)


def clear(index_name: str, using: str = "default") -> None:
    ensure_schema(using)
    c = conn(using)
    with c.cursor() as cur:
        if c.vendor != "postgresql":
            cur.execute("SELECT 1 FROM search_document WHERE index_name <> %s LIMIT 1",
                        [index_name])  # fmt: skip
            if cur.fetchone() is None:  # the only index: drop every FTS entry at once
                cur.execute("INSERT INTO search_fts_bi (search_fts_bi) VALUES ('delete-all')")
                cur.execute("INSERT INTO search_fts_uni (search_fts_uni) VALUES ('delete-all')")
            else:
                _fts_delete(cur, "index_name = %s", [index_name])
        cur.execute("DELETE FROM search_document WHERE index_name = %s", [index_name])
        _bump(cur, index_name, c.vendor)
