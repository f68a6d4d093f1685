"""The search tables and the two full-text backends (SQLite FTS5, PostgreSQL tsvector + GIN).

The tables are not Django models: they are created on demand with ``CREATE ... IF NOT EXISTS``
by :func:`ensure_schema` (called by every write and by the index-building command), so the
search package needs no migration and cannot conflict with the publication app's migrations.
Several logical indexes share the tables, told apart by ``index_name``: ``public`` (published
judgments, the only one the public pages and the public API read) and e.g. ``bench`` (the
LeCaRD benchmark corpus, used only by the evaluation command and bench/search.py).

Tables
------
``search_document``  one row per (index_name, doc_id): metadata, the display text, the
                     space-joined bigrams of the facts (similarity) and the legal features.
``search_meta``      (index_name, version): bumped on every write so that per-process
                     similarity caches know when to reload.
SQLite: ``search_fts`` FTS5 table (rowid = search_document.id) with two columns,
        ``uni`` (character unigrams) and ``bi`` (character bigrams, in text order).
PostgreSQL: column ``search_document.tsv`` = setweight(to_tsvector('simple', bi), 'A') ||
        setweight(to_tsvector('simple', uni), 'B'), with a GIN index.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

from . import legal, text

_COLUMNS = (
    "index_name", "doc_id", "court_code", "court_name", "year", "case_type", "cause", "charges",
    "articles", "title", "case_number", "body", "facts", "outcome", "sim_bi",
    "sentence_kind", "sentence_months", "probation", "published",
)  # fmt: skip

_SQLITE_SCHEMA = [
    """CREATE TABLE IF NOT EXISTS search_document (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        index_name VARCHAR(20) NOT NULL, doc_id VARCHAR(64) NOT NULL,
        court_code VARCHAR(20) NOT NULL DEFAULT '', court_name VARCHAR(100) NOT NULL DEFAULT '',
        year INTEGER NULL, case_type VARCHAR(30) NOT NULL DEFAULT '',
        cause VARCHAR(100) NOT NULL DEFAULT '', charges TEXT NOT NULL DEFAULT '',
        articles TEXT NOT NULL DEFAULT '', title TEXT NOT NULL DEFAULT '',
        case_number VARCHAR(60) NOT NULL DEFAULT '', body TEXT NOT NULL DEFAULT '',
        facts TEXT NOT NULL DEFAULT '',
        outcome TEXT NOT NULL DEFAULT '', sim_bi TEXT NOT NULL DEFAULT '',
        sentence_kind VARCHAR(20) NOT NULL DEFAULT '',
        sentence_months REAL NULL, probation BOOLEAN NOT NULL DEFAULT 0,
        published BOOLEAN NOT NULL DEFAULT 1,
        UNIQUE (index_name, doc_id))""",
    "CREATE INDEX IF NOT EXISTS search_document_filter ON search_document "
    "(index_name, published, year, court_code)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(uni, bi, tokenize='unicode61')",
    """CREATE TABLE IF NOT EXISTS search_meta (
        index_name VARCHAR(20) PRIMARY KEY, version INTEGER NOT NULL DEFAULT 0)""",
]

_PG_SCHEMA = [
    """CREATE TABLE IF NOT EXISTS search_document (
        id BIGSERIAL PRIMARY KEY,
        index_name VARCHAR(20) NOT NULL, doc_id VARCHAR(64) NOT NULL,
        court_code VARCHAR(20) NOT NULL DEFAULT '', court_name VARCHAR(100) NOT NULL DEFAULT '',
        year INTEGER NULL, case_type VARCHAR(30) NOT NULL DEFAULT '',
        cause VARCHAR(100) NOT NULL DEFAULT '', charges TEXT NOT NULL DEFAULT '',
        articles TEXT NOT NULL DEFAULT '', title TEXT NOT NULL DEFAULT '',
        case_number VARCHAR(60) NOT NULL DEFAULT '', body TEXT NOT NULL DEFAULT '',
        facts TEXT NOT NULL DEFAULT '',
        outcome TEXT NOT NULL DEFAULT '', sim_bi TEXT NOT NULL DEFAULT '',
        sentence_kind VARCHAR(20) NOT NULL DEFAULT '',
        sentence_months DOUBLE PRECISION NULL, probation BOOLEAN NOT NULL DEFAULT FALSE,
        published BOOLEAN NOT NULL DEFAULT TRUE, tsv TSVECTOR,
        UNIQUE (index_name, doc_id))""",
    "CREATE INDEX IF NOT EXISTS search_document_filter ON search_document "
    "(index_name, published, year, court_code)",
    "CREATE INDEX IF NOT EXISTS search_document_tsv ON search_document USING GIN (tsv)",
    """CREATE TABLE IF NOT EXISTS search_meta (
        index_name VARCHAR(20) PRIMARY KEY, version INTEGER NOT NULL DEFAULT 0)""",
]

_ready: set[tuple[str, str]] = set()


def conn(using: str = "default") -> BaseDatabaseWrapper:
    return connections[using]


def ensure_schema(using: str = "default", *, force: bool = False) -> None:
    """Creates the search tables if they are missing (once per process and database; DDL is
    transactional on both backends, so tests create them once per session, outside the test
    transactions: see the ``search_schema`` fixture)."""
    c = conn(using)
    key = (using, c.settings_dict.get("NAME") or "")
    if key in _ready and not force:
        return
    stmts = _PG_SCHEMA if c.vendor == "postgresql" else _SQLITE_SCHEMA
    with c.cursor() as cur:
        for s in stmts:
            cur.execute(s)
    _ready.add(key)


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
            "sim_bi": " ".join(text.bigrams(facts)),
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


def delete_rows(cur: Any, vendor: str, index_name: str, doc_ids: Iterable[str]) -> None:
    ids = [str(d) for d in doc_ids]
    if not ids:
        return
    ph = ", ".join(["%s"] * len(ids))
    if vendor != "postgresql":
        cur.execute(
            f"DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_document "  # noqa: S608
            f"WHERE index_name = %s AND doc_id IN ({ph}))",
            [index_name, *ids],
        )
    cur.execute(
        f"DELETE FROM search_document WHERE index_name = %s AND doc_id IN ({ph})",  # noqa: S608
        [index_name, *ids],
    )


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
            uni = " ".join(text.unigrams(rec.text))
            bi = " ".join(text.bigrams(rec.text))
            if vendor == "postgresql":
                cur.execute(
                    f"INSERT INTO search_document ({cols}, tsv) VALUES ({ph}, "  # noqa: S608
                    "setweight(to_tsvector('simple', %s), 'A') || "
                    "setweight(to_tsvector('simple', %s), 'B'))",
                    [*values, bi, uni],
                )
            else:
                cur.execute(
                    f"INSERT INTO search_document ({cols}) VALUES ({ph})",  # noqa: S608
                    values,
                )
                cur.execute(
                    "INSERT INTO search_fts (rowid, uni, bi) VALUES (%s, %s, %s)",
                    [cur.lastrowid, uni, bi],
                )
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
        _bump(cur, index_name, c.vendor)


def clear(index_name: str, using: str = "default") -> None:
    ensure_schema(using)
    c = conn(using)
    with c.cursor() as cur:
        if c.vendor != "postgresql":
            cur.execute(
                "DELETE FROM search_fts WHERE rowid IN "
                "(SELECT id FROM search_document WHERE index_name = %s)",
                [index_name],
            )
        cur.execute("DELETE FROM search_document WHERE index_name = %s", [index_name])
        _bump(cur, index_name, c.vendor)
