"""Keyword search over an index (public: published documents only) on either backend.

A query is split on whitespace into terms; a 1-character term matches the unigram stream, a
longer one the phrase of its consecutive bigrams (so 盗窃 and 盗窃罪 match as exact
substrings inside a run of Chinese characters; a phrase can in rare cases match across
punctuation, e.g. 盗窃罪 in "盗窃，窃罪"). All terms must match (AND).
Ranked by FTS5 ``bm25()`` (SQLite) or
``ts_rank`` (PostgreSQL), then newest year, then id.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from . import store, text

PAGE_SIZE = 10
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
SNIPPET_CHARS = 160


@dataclass
class Filters:
    court: str = ""
    year: int | None = None
    case_type: str = ""
    cause: str = ""


def _fts5_query(terms: list[str]) -> str:
    parts = []
    for t in terms:
        if len(t) == 1 or not re.match(r"[\u3400-\u9fff\uf900-\ufaff]", t):
            parts.append(f'uni : "{t}"')
        else:
            parts.append('bi : "' + " ".join(text.bigrams(t)) + '"')
    return " AND ".join(parts)


def _pg_query(terms: list[str]) -> str:
    parts = []
    for t in terms:
        if len(t) == 1 or not re.match(r"[\u3400-\u9fff\uf900-\ufaff]", t):
            parts.append(f"'{t}':B")
        else:
            parts.append("(" + " <-> ".join(f"'{g}':A" for g in text.bigrams(t)) + ")")
    return " & ".join(parts)


def search(
    q: str,
    filters: Filters | None = None,
    *,
    page: int = 1,
    page_size: int = PAGE_SIZE,
    index_name: str = "public",
    using: str = "default",
) -> dict[str, Any]:
    """``{"total", "page", "pages", "results": [{doc_id, title, court_name, year, case_type,
    cause, case_number, snippet (HTML with <mark>)}]}``; only published documents."""
    filters = filters or Filters()
    terms = text.query_terms(q)
    page = max(int(page), 1)
    empty = {"total": 0, "page": page, "pages": 0, "results": [], "terms": terms}
    if not terms:
        return empty
    store.ensure_schema(using)
    c = store.conn(using)
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
        where.append("(d.cause = %s OR instr('、' || d.charges || '、', %s) > 0)"
                     if c.vendor != "postgresql"
                     else "(d.cause = %s OR strpos('、' || d.charges || '、', %s) > 0)"
                     )  # fmt: skip
        params += [filters.cause, f"、{filters.cause}、"]
    cond = " AND ".join(where)
    if c.vendor == "postgresql":
        tsq = _pg_query(terms)
        base = f"FROM search_document d WHERE d.tsv @@ to_tsquery('simple', %s) AND {cond}"
        base_params = [tsq, *params]
        order = "ts_rank(d.tsv, to_tsquery('simple', %s)) DESC, d.year DESC NULLS LAST, d.id"
        order_params = [tsq]
    else:
        base = (f"FROM search_fts f JOIN search_document d ON d.id = f.rowid "
                f"WHERE search_fts MATCH %s AND {cond}")  # fmt: skip
        base_params = [_fts5_query(terms), *params]
        order = "bm25(search_fts) ASC, d.year DESC, d.id"
        order_params = []
    with c.cursor() as cur:
        cur.execute(f"SELECT count(*) {base}", base_params)
        total = int(cur.fetchone()[0])
        cur.execute(
            f"SELECT d.id {base} ORDER BY {order} LIMIT %s OFFSET %s",
            [*base_params, *order_params, page_size, (page - 1) * page_size],
        )
        page_ids = [r[0] for r in cur.fetchall()]
        rows = []
        if page_ids:
            cur.execute(
                "SELECT d.id, d.doc_id, d.title, d.court_code, d.court_name, d.year, "  # noqa: S608
                "d.case_type, d.cause, d.charges, d.case_number, d.body FROM search_document d "
                f"WHERE d.id IN ({', '.join(['%s'] * len(page_ids))})",
                page_ids,
            )
            by_id = {r[0]: r[1:] for r in cur.fetchall()}
            rows = [by_id[i] for i in page_ids]
    results = [
        {
            "doc_id": r[0], "title": r[1], "court_code": r[2], "court_name": r[3],
            "year": r[4], "case_type": r[5], "cause": r[6],
            "charges": [x for x in r[7].split("、") if x], "case_number": r[8],
            "snippet": snippet(r[9], terms),
        }
        for r in rows
    ]  # fmt: skip
    return {"total": total, "page": page, "pages": -(-total // page_size), "results": results,
            "terms": terms}  # fmt: skip


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
