"""Keyword search over an index (public: published documents only) on either backend.

A query is split on whitespace into terms; a 1-character term matches the unigram stream, a
longer one the phrase of its consecutive bigrams (so 盗窃 and 盗窃罪 match as exact
substrings inside a run of Chinese characters; a phrase can in rare cases match across
punctuation, e.g. 盗窃罪 in "盗窃，窃罪"). All terms must match (AND).
Speed: only the first ``COUNT_CAP`` + 1 matches are counted; a frequent term (盗窃) is ordered
by (year desc, id desc), which both backends stream with LIMIT, a rarer one by FTS5 ``bm25()`` /
``ts_rank``; snippets are cut from the stored body of the page's rows only.
"""

from __future__ import annotations

import html
import re
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from . import store, text

PAGE_SIZE = 10
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
SNIPPET_CHARS = 160
# The total is counted up to COUNT_CAP (then shown as "1000+"); results are ordered by
# relevance (FTS5 bm25 / ts_rank) when there are at most RELEVANCE_MAX matches, else by the
# cheap (year desc, id desc) order that the indexes stream with LIMIT.
COUNT_CAP = 1000
# (PostgreSQL: ts_rank reads each match's tsvector from TOAST, ~0.1 ms a row)
RELEVANCE_MAX = {"sqlite": 300, "postgresql": 50}
SPARE_ROWS = 3


@dataclass
class Filters:
    court: str = ""
    year: int | None = None
    case_type: str = ""
    cause: str = ""


def _single(t: str) -> bool:
    """A 1-character term or an ASCII word: matched on the unigram index."""
    return len(t) == 1 or not re.match(r"[\u3400-\u9fff\uf900-\ufaff]", t)


def _fts5_phrases(terms: list[str]) -> str:
    return " AND ".join('"' + " ".join(text.bigrams(t)) + '"' for t in terms)


def _pg_bi(terms: list[str]) -> str:
    """The ts_rank query of the multi-character terms (bigram phrases)."""
    return " & ".join("(" + " <-> ".join(f"'{g}'" for g in text.bigrams(t)) + ")" for t in terms)


def _pg_match(terms: list[str]) -> list[tuple[str, str]]:
    """(column, tsquery) pairs that select the documents containing every term, using only
    operators a GIN index answers exactly (single lexemes joined by AND: no recheck, so no
    tsvector is ever read from the table): a 1-character term or ASCII word on ``tsv_uni``, a
    2-character term on ``tsv_bi``, a longer one as the AND of its trigrams on ``tsv_tri``.
    The AND of trigrams of a 4+ character term can match a document that has them apart (on
    LeCaRD: 4 of 37,779 matches of 18 terms); the page's rows are verified (:func:`_contains`)."""
    cols: dict[str, list[str]] = {"tsv_uni": [], "tsv_bi": [], "tsv_tri": []}
    for t in terms:
        if _single(t):
            cols["tsv_uni"].append(t)
        elif len(t) == 2:
            cols["tsv_bi"].append(t)
        else:
            cols["tsv_tri"].extend(text.trigrams(t))
    return [(col, " & ".join(f"'{x}'" for x in dict.fromkeys(xs))) for col, xs in cols.items()
            if xs]  # fmt: skip


def _contains(body: str, terms: list[str]) -> bool:
    """Whether every term occurs in the text (the keyword semantics, on the normalised text;
    NFKC of a whole judgment takes milliseconds, so the text as stored is tried first)."""
    if all(t in body for t in terms):
        return True
    norm = text.normalize(body)
    return all(t in norm for t in terms)


def search(
    q: str,
    filters: Filters | None = None,
    *,
    page: int = 1,
    page_size: int = PAGE_SIZE,
    index_name: str = "public",
    using: str = "default",
) -> dict[str, Any]:
    """``{"total", "total_capped", "page", "pages", "results": [{doc_id, title, court_name,
    year, case_type, cause, case_number, snippet (HTML with <mark>)}]}``; published only.
    ``total`` is exact up to ``COUNT_CAP``; above it ``total == COUNT_CAP`` and
    ``total_capped`` is true (show "1000+")."""
    filters = filters or Filters()
    terms = text.query_terms(q)
    page = max(int(page), 1)
    empty = {"total": 0, "total_capped": False, "page": page, "pages": 0, "results": [],
             "terms": terms}  # fmt: skip
    if not terms:
        return empty
    store.ensure_schema(using)
    c = store.conn(using)
    pg = c.vendor == "postgresql"
    where = ["d.index_name = %s", "d.published"]
    params: list[Any] = [index_name]
    if filters.court:
        where.append("d.court_code = %s")
        params.append(filters.court)
    if filters.year:
        where.append("d.year = %s")
        params.append(int(filters.year))
    if filters.case_type:
        where.append("d.case_type = %s")
        params.append(filters.case_type)
    if filters.cause:
        where.append("(d.cause = %s OR strpos('、' || d.charges || '、', %s) > 0)" if pg
                     else "(d.cause = %s OR instr('、' || d.charges || '、', %s) > 0)")  # fmt: skip
        params += [filters.cause, f"、{filters.cause}、"]
    multi = [t for t in terms if not _single(t)]
    single = [t for t in terms if _single(t)]
    verify = False
    if pg:
        # the narrow key table (store.py): filters, order and GIN-exact matching
        match: list[str] = []
        mparams: list[Any] = []
        for col, tsq in _pg_match(terms):
            match.append(f"d.{col} @@ to_tsquery('simple', %s)")
            mparams.append(tsq)
        verify = any(len(t) > 3 and not _single(t) for t in terms)
        base = f"FROM search_key d WHERE {' AND '.join(match + where)}"
        base_params = [*mparams, *params]
        cheap = "d.year DESC NULLS LAST, d.id DESC"
        rank = (f"ts_rank(d.tsv_bi, to_tsquery('simple', %s)) DESC, {cheap}" if multi
                else cheap)  # fmt: skip
        rank_params = [_pg_bi(multi)] if multi else []
    else:
        # The driving FTS table streams rowids (year << 32 | id) newest first; LIMIT stops it.
        if multi:
            fts = "search_fts_bi"
            mparams = [_fts5_phrases(multi)]
            extra = ""
            if single:
                extra = (" AND f.rowid IN (SELECT rowid FROM search_fts_uni "
                         "WHERE search_fts_uni MATCH %s)")  # fmt: skip
                mparams.append(" AND ".join(f'"{t}"' for t in single))
        else:
            fts, mparams = "search_fts_uni", [" AND ".join(f'"{t}"' for t in single)]
            extra = ""
        rng = ""
        if filters.year:
            rng = " AND f.rowid BETWEEN %s AND %s"
            mparams += [store.fts_key(int(filters.year), 0),
                        store.fts_key(int(filters.year), 0xFFFFFFFF)]  # fmt: skip
        base = (f"FROM {fts} f JOIN search_document d ON d.id = (f.rowid & 4294967295) "
                f"WHERE {fts} MATCH %s{extra}{rng} AND {' AND '.join(where)}")  # fmt: skip
        base_params = [*mparams, *params]
        cheap = "f.rowid DESC"
        rank = f"bm25({fts}), f.rowid DESC" if multi else cheap
        rank_params = []
    with transaction.atomic(using) if pg else nullcontext(), c.cursor() as cur:
        if pg:
            # GIN bitmaps only: a sequential or b-tree scan would test the tsvectors row by
            # row, reading each from TOAST (tens of KB), which the planner does not cost
            cur.execute("SET LOCAL enable_seqscan = off")
            cur.execute("SET LOCAL enable_indexscan = off")
        cur.execute(f"SELECT count(*) FROM (SELECT 1 {base} LIMIT %s) s",  # noqa: S608
                    [*base_params, COUNT_CAP + 1])  # fmt: skip
        total = int(cur.fetchone()[0])
        capped = total > COUNT_CAP
        total = min(total, COUNT_CAP)
        by_rank = not capped and total <= RELEVANCE_MAX[c.vendor if pg else "sqlite"]
        order, oparams = (rank, rank_params) if by_rank else (cheap, [])
        # a 4+ character term on PostgreSQL: the page's rows are verified, a few spare ones
        # are read in case some have the term's trigrams apart (rare), more if needed
        offset = (page - 1) * page_size
        rows: list[Any] = []
        while True:
            want = page_size - len(rows) + (SPARE_ROWS if verify else 0)
            cur.execute(
                f"SELECT d.id {base} ORDER BY {order} LIMIT %s OFFSET %s",
                [*base_params, *oparams, want, offset],
            )
            page_ids = [r[0] for r in cur.fetchall()]
            offset += len(page_ids)
            if not page_ids:
                break
            cur.execute(
                "SELECT d.id, d.doc_id, d.title, d.court_code, d.court_name, d.year, "  # noqa: S608
                "d.case_type, d.cause, d.charges, d.case_number, d.body FROM search_document d "
                f"WHERE d.id IN ({', '.join(['%s'] * len(page_ids))})",
                page_ids,
            )
            by_id = {r[0]: r[1:] for r in cur.fetchall()}
            got = [by_id[i] for i in page_ids]
            rows += [r for r in got if _contains(r[9], terms)] if verify else got
            if not verify or len(rows) >= page_size or len(page_ids) < want:
                break
        rows = rows[:page_size]
    results = [
        {
            "doc_id": r[0], "title": r[1], "court_code": r[2], "court_name": r[3],
            "year": r[4], "case_type": r[5], "cause": r[6],
            "charges": [x for x in r[7].split("、") if x], "case_number": r[8],
            "snippet": snippet(r[9], terms),
        }
        for r in rows
    ]  # fmt: skip
    return {"total": total, "total_capped": capped, "page": page,
            "pages": -(-total // page_size), "results": results, "terms": terms}  # fmt: skip


def snippet(body: str, terms: list[str], width: int = SNIPPET_CHARS) -> str:
    """An HTML-escaped window of ``body`` around the first match, every term occurrence in it
    wrapped in <mark>. Matching is on the NFKC/lower-cased text, character by character, so the
    offsets map back to the original."""
    norm = body
    if not any(t in body for t in terms):
        norm = body.translate(_FULLWIDTH).lower()
    if len(norm) != len(body):
        norm = "".join(text.normalize(ch)[:1] or " " for ch in body)  # 1 char -> 1 char
    spans: list[tuple[int, int]] = []
    for t in terms:
        start = 0
        while (i := norm.find(t, start)) >= 0:
            spans.append((i, i + len(t)))
            start = i + 1
    if not spans:
        return html.escape(body[:width])
    first = min(s for s, _ in spans)
    lo = max(0, first - width // 4)
    hi = min(len(body), lo + width)
    marks = [0] * (hi - lo + 1)
    for s, e in spans:
        for i in range(max(s, lo), min(e, hi)):
            marks[i - lo] = 1
    out = ["…" if lo > 0 else ""]
    inside = False
    for i in range(lo, hi):
        m = marks[i - lo]
        if m and not inside:
            out.append("<mark>")
        elif not m and inside:
            out.append("</mark>")
        inside = bool(m)
        out.append(html.escape(body[i]))
    if inside:
        out.append("</mark>")
    if hi < len(body):
        out.append("…")
    return "".join(out)
