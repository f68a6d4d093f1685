"""Similar-case ranking (类案检索) with explanations and the divergence alert.

Score of a candidate d for a query (a fact description, optionally with charges):

    score(d) = BM25(q, d) / max_d' BM25(q, d') + CHARGE_WEIGHT * Jaccard(charges(q), charges(d))

BM25 (k1 1.2, b 0.75) over the character bigrams of the facts, query bigrams taken as a set
(a bigram repeated in a long query is not counted twice: +0.03 NDCG@30 on LeCaRD train85).
Parameters were tuned on the 85 LeCaRD queries outside test20 only (docs/search.md).

Ranking the whole index is two-stage: candidate generation accumulates the query bigrams
rarest first, up to ``POSTINGS_BUDGET`` postings, never those in more than ``PRUNE_DF`` of the
documents (they are most of the postings and barely move the ranking); the best ``RERANK``
candidates (by BM25 so far plus the charge bonus) are then re-scored exactly with every bigram.
On the 105 LeCaRD queries over the 8,950 candidates the top 30 are identical to accumulating
every bigram up to PRUNE_DF. Ranking a given candidate list (the evaluation protocols) is exact.

The index is loaded from a snapshot file when there is one (see :func:`load`).
"""

from __future__ import annotations

import hashlib
import heapq
import threading
from array import array
from collections.abc import Iterable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from django.db import transaction

from . import legal, store, text
from .engine import Bm25Field

K1, B = 1.2, 0.75
CHARGE_WEIGHT = 1.0
PRUNE_DF = 0.3
PRUNE_MIN_DOCS = 1000  # small indexes are scored exactly
RERANK = 300
# Candidate generation reads the postings of the rarest query bigrams first, up to this many
# postings; the other bigrams (and those above PRUNE_DF) are scored for the RERANK best only.
POSTINGS_BUDGET = 30_000
SNAPSHOT_MIN_DOCS = 1000
SNAPSHOT_STALE = 0.2
# Divergence alert: among the top similar cases (same charge), severities (months) differ by
# more than this factor, or by more than DIVERGENCE_MONTHS, or probation and prison are mixed.
DIVERGENCE_RATIO = 3.0
DIVERGENCE_MONTHS = 24.0


@dataclass
class Doc:
    doc_id: str
    title: str
    court_code: str
    court_name: str
    year: int | None
    case_type: str
    cause: str
    case_number: str
    charges: tuple[str, ...]
    articles: tuple[str, ...]
    facts: str | None  # None: not loaded (see facts_of)
    sentence: legal.Sentence
    published: bool


@dataclass
class SimilarIndex:
    index_name: str
    version: int
    docs: list[Doc] = field(default_factory=list)
    bi: Bm25Field = field(default_factory=lambda: Bm25Field(K1, B))
    by_id: dict[str, int] = field(default_factory=dict)
    by_charge: dict[str, list[int]] = field(default_factory=dict)
    using: str = "default"
    bonus_cache: dict[frozenset[str], _Bonus] = field(default_factory=dict)
    n_unpublished: int = 0  # documents with published False (withdrawn, or removed since)
    published_mask: np.ndarray | None = None  # see _eligible


_cache: dict[tuple[str, str], SimilarIndex] = {}
_lock = threading.Lock()
_META_COLS = (
    "id, doc_id, title, court_code, court_name, year, case_type, cause, case_number, charges, "
    "articles, sentence_kind, sentence_months, probation, published"
)


def snapshot_path(index_name: str, using: str = "default") -> Path:
    """Where the similarity snapshot of ``index_name`` lives (var/search/, per database)."""
    c = store.conn(using)
    name = f"{c.vendor}:{c.settings_dict.get('HOST') or ''}:{c.settings_dict.get('NAME') or ''}"
    h = hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]  # noqa: S324 - a file name
    base = Path(
        getattr(settings, "YIZHAN_SEARCH_DIR", "") or Path(settings.BASE_DIR) / "var" / "search"
    )
    return base / f"sim-{h}-{index_name}.bin"


def _doc(r: Any) -> Doc:
    return Doc(
        r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], tuple(c for c in r[9].split("、") if c),
        tuple(a for a in r[10].split("、") if a), None,
        legal.Sentence(r[11] or "unknown", r[12], bool(r[13])), bool(r[14]),
    )  # fmt: skip


def _add_rows(field: Bm25Field, cur: Any, index_name: str, ids: Sequence[int] | None) -> list[int]:
    """Adds the similarity terms of the rows (all of the index, or ``ids``) in id order."""
    sql = "SELECT id, sim_terms, sim_tfs, sim_len FROM search_document WHERE index_name = %s"
    params: list[Any] = [index_name]
    if ids is not None:
        if not ids:
            return []
        sql += f" AND id IN ({', '.join(['%s'] * len(ids))})"
        params += list(ids)
    cur.execute(sql + " ORDER BY id", params)
    out = []
    while rows := cur.fetchmany(2000):
        for row_id, terms, tfs, length in rows:
            field.add_counts(terms.split(), array("H", bytes(tfs)), length)
            out.append(row_id)
    return out


def _build_field(index_name: str, using: str = "default") -> tuple[Bm25Field, list[int]]:
    """The frozen field of all the rows of the index in id order (what :func:`_add_rows` on
    an empty field then ``freeze`` give, built in bulk: :meth:`Bm25Field.from_rows`).

    The rows are streamed: on PostgreSQL through a server-side cursor, in a transaction (not
    WITH HOLD, so not materialised on the server first), as a client-side cursor would hold
    the whole result in memory (every row's terms: ~120 MB at 1x, over 1 GB at 10x); SQLite
    cursors step through the rows as they are fetched."""
    c = store.conn(using)
    ids: list[int] = []
    pg = c.vendor == "postgresql"
    with transaction.atomic(using=using) if pg else nullcontext(), c.chunked_cursor() as cur:
        cur.execute("SELECT id, sim_terms, sim_tfs, sim_len FROM search_document "
                    "WHERE index_name = %s ORDER BY id", [index_name])  # fmt: skip

        def chunks() -> Iterator[list[tuple[str, bytes, int]]]:
            while rows := cur.fetchmany(2000):
                ids.extend(r[0] for r in rows)
                yield [(r[1], r[2], r[3]) for r in rows]

        return Bm25Field.from_rows(chunks(), K1, B), ids


def build_snapshot(index_name: str, using: str = "default") -> Path:
    """Builds and saves the similarity snapshot of ``index_name`` (rebuild_search_index and
    bench/search.py call it; :func:`load` also writes one after a full build)."""
    field, ids = _build_field(index_name, using)
    path = snapshot_path(index_name, using)
    field.save(path, {"epoch": store.epoch(using), "index": index_name, "ids": ids})
    _cache.pop((using, index_name), None)
    return path


def load(index_name: str, using: str = "default") -> SimilarIndex:
    """The in-memory similarity index of ``index_name`` (reloaded when the index changed).

    From the snapshot file when there is one for this database (documents indexed since are
    appended, removed ones are ignored; the snapshot is rebuilt when they exceed
    ``SNAPSHOT_STALE`` of it), else built from the rows (and saved when the index has at
    least ``SNAPSHOT_MIN_DOCS`` documents). Facts are not kept in memory (read for results)."""
    ver = store.version(index_name, using)
    key = (using, index_name)
    cached = _cache.get(key)
    if cached is not None and cached.version == ver:
        return cached
    with _lock:
        cached = _cache.get(key)
        if cached is not None and cached.version == ver:
            return cached
        idx = SimilarIndex(index_name, ver, using=using)
        path = snapshot_path(index_name, using)
        with store.conn(using).cursor() as cur:
            cur.execute(f"SELECT {_META_COLS} FROM search_document WHERE index_name = %s "  # noqa: S608
                        "ORDER BY id", [index_name])  # fmt: skip
            rows = {r[0]: r for r in cur.fetchall()}
            field: Bm25Field | None = None
            ids: list[int] = []
            if path.exists():
                try:
                    field, meta = Bm25Field.load(path)
                    if meta.get("epoch") != store.epoch(using) or meta.get("index") != index_name:
                        field = None
                    else:
                        ids = list(meta["ids"])
                except (OSError, ValueError, KeyError):
                    field = None
            if field is not None:
                known = set(ids)
                new = [i for i in rows if i not in known]
                dead = sum(1 for i in ids if i not in rows)
                if len(new) + dead > SNAPSHOT_STALE * max(len(ids), 1):
                    field, ids = None, []
                else:
                    ids = ids + _add_rows(field, cur, index_name, new)
                    field.freeze()
            if field is None:
                field, ids = _build_field(index_name, using)
                if len(ids) >= SNAPSHOT_MIN_DOCS:
                    field.save(path, {"epoch": store.epoch(using), "index": index_name,
                                      "ids": ids})  # fmt: skip
        idx.bi = field
        for o, row_id in enumerate(ids):
            r = rows.get(row_id)
            if r is None:  # removed since the snapshot: never returned
                idx.docs.append(Doc("", "", "", "", None, "", "", "", (), (), "",
                                    legal.Sentence("unknown", None, False), False))  # fmt: skip
                continue
            d = _doc(r)
            idx.docs.append(d)
            idx.by_id[d.doc_id] = o
            for c in d.charges:
                idx.by_charge.setdefault(c, []).append(o)
        idx.n_unpublished = sum(1 for d in idx.docs if not d.published)
        _cache[key] = idx
        return idx


def facts_of(idx: SimilarIndex, doc_ids: Sequence[str]) -> dict[str, str]:
    """The facts of some documents (kept in memory by evaluation indexes, else read)."""
    out = {d: f for d in doc_ids if (f := idx.docs[idx.by_id[d]].facts) is not None}
    todo = [d for d in doc_ids if d not in out]
    if todo:
        with store.conn(idx.using).cursor() as cur:
            cur.execute(  # the body (the whole judgment) only when there are no facts
                "SELECT doc_id, CASE WHEN facts <> '' THEN facts ELSE body END FROM "  # noqa: S608
                "search_document WHERE index_name = %s AND "
                f"doc_id IN ({', '.join(['%s'] * len(todo))})",
                [idx.index_name, *todo],
            )
            for doc_id, facts in cur.fetchall():
                out[doc_id] = facts
    return out


@dataclass
class Query:
    facts: str
    charges: Sequence[str] = ()
    exclude: Sequence[str] = ()  # doc ids not to return (the case itself)

    def charge_set(self) -> set[str]:
        given = {legal.normalize_charge(c) for c in self.charges if c.strip()}
        return given or set(legal.charges(self.facts))


def _jaccard(a: set[str], b: Iterable[str]) -> float:
    bs = set(b)
    u = len(a | bs)
    return len(a & bs) / u if u else 0.0


@dataclass
class _Bonus:
    """The charge bonus of a query charge set: CHARGE_WEIGHT * Jaccard for the documents
    sharing a query charge (``ords`` ascending, ``vals``), the others get 0."""

    ords: np.ndarray
    vals: np.ndarray

    def dense(self, n: int) -> np.ndarray:
        out = np.zeros(n, np.float64)
        out[self.ords] = self.vals
        return out


def _bonus(idx: SimilarIndex, qc: set[str]) -> _Bonus:
    """The charge bonus, cached per index and charge set (queries repeat charges)."""
    key = frozenset(qc)
    got = idx.bonus_cache.get(key)
    if got is None:
        ords = sorted({o for c in qc for o in idx.by_charge.get(c, ())})
        vals = [CHARGE_WEIGHT * _jaccard(qc, idx.docs[o].charges) for o in ords]
        got = _Bonus(np.array(ords, np.int64), np.array(vals, np.float64))
        if len(idx.bonus_cache) >= 256:
            idx.bonus_cache.clear()
        idx.bonus_cache[key] = got
    return got


def _eligible(idx: SimilarIndex, excluded: set[int], published_only: bool) -> np.ndarray:
    """Boolean mask of the documents a ranking may return (published unless asked otherwise,
    not excluded). The published flags are read once per loaded index."""
    n = len(idx.docs)
    if published_only:
        if idx.published_mask is None or len(idx.published_mask) != n:
            idx.published_mask = np.array([d.published for d in idx.docs], bool)
        ok = idx.published_mask.copy()
    else:
        ok = np.ones(n, bool)
    if excluded:
        ok[np.array(sorted(excluded), np.int64)] = False
    return ok


def _best(items: np.ndarray, vals: np.ndarray, k: int) -> np.ndarray:
    """The ``k`` items with the largest values, best first, ties by position in ``items``
    (ascending ordinals here): the order of ``heapq.nlargest(k, items, key)``."""
    if len(items) > k:
        cut = np.partition(vals, len(vals) - k)[len(vals) - k]  # the k-th largest value
        keep = vals >= cut
        items, vals = items[keep], vals[keep]
    order = np.lexsort((np.arange(len(items)), -vals))[:k]
    return items[order]


def rank(
    idx: SimilarIndex,
    query: Query,
    *,
    limit: int = 10,
    candidates: Sequence[str] | None = None,
    published_only: bool = True,
) -> list[tuple[str, float]]:
    """(doc_id, score) best first. ``candidates`` restricts (and exactly scores) a list."""
    terms = set(text.bigrams(query.facts))
    qc = query.charge_set()
    excluded = {idx.by_id[d] for d in query.exclude if d in idx.by_id}
    if candidates is not None:
        ords = [idx.by_id[d] for d in candidates if d in idx.by_id]
        ords = [o for o in ords if o not in excluded]
        exact = idx.bi.score_only(terms, ords)
        ords = [o for o in ords if idx.docs[o].published or not published_only]
        top = max(exact.values(), default=0.0) or 1.0
        scored = [
            (idx.docs[o].doc_id, exact[o] / top + CHARGE_WEIGHT * _jaccard(qc, idx.docs[o].charges))
            for o in ords
        ]
        scored.sort(key=lambda x: (-x[1], x[0]))
        return scored
    bi = idx.bi
    n = bi.n_docs
    prune = n >= PRUNE_MIN_DOCS
    df_limit = PRUNE_DF * n if prune else float("inf")
    dfs = {t: bi.df_of(t) for t in terms}
    # rarest first; the first stage stops at the postings budget (large indexes only)
    rare = sorted((t for t in terms if 0 < dfs[t] <= df_limit), key=lambda t: (dfs[t], t))
    first: list[str] = []
    spent = 0
    for t in rare:
        if prune and spent + dfs[t] > POSTINGS_BUDGET and first:
            break
        first.append(t)
        spent += dfs[t]
    # first-stage BM25 of every document (numpy; the same floats as Bm25Field.accumulate)
    dense = bi.accumulate_array(first)
    # the best first-stage score (documents met only through a charge score 0)
    top = (float(dense.max()) if n else 0.0) or 1.0
    bonus = _bonus(idx, qc)
    bonus_at = bonus.dense(n)
    ok = _eligible(idx, excluded, published_only)
    if prune:
        # the RERANK best by pre-score (first stage / top + charge bonus) are among the RERANK
        # best by first-stage BM25 plus the charge documents; BM25 > 0 only for the documents
        # with a posting; the ineligible ones (excluded, withdrawn) are dropped after the
        # selection. Ties go to the lower ordinal at both steps.
        hits = np.flatnonzero(dense)
        spare = len(excluded) + (idx.n_unpublished if published_only else 0)
        best = _best(hits, dense[hits], RERANK + spare)
        pool = np.zeros(n, bool)
        pool[best[ok[best]][:RERANK]] = True
        pool[bonus.ords[ok[bonus.ords]]] = True
        cands = np.flatnonzero(pool)
        chosen = np.sort(_best(cands, dense[cands] / top + bonus_at[cands], RERANK))
    else:
        touched = dense != 0
        touched[bonus.ords] = True
        chosen = np.flatnonzero(touched & ok)
    # exact scores: add the bigrams skipped in the first stage (budget, frequent ones)
    done = set(first)
    rest = [t for t in terms if t not in done and dfs[t] > 0]
    scores = dense[chosen]
    if rest:
        scores = scores + bi.score_array(rest, chosen)
    top = (float(scores.max()) if len(scores) else 0.0) or 1.0
    final = (scores / top + bonus_at[chosen]).tolist()
    docs = idx.docs
    scored = [(docs[o].doc_id, sc) for o, sc in zip(chosen.tolist(), final, strict=True)]
    return heapq.nsmallest(limit, scored, key=lambda x: (-x[1], x[0]))


def key_terms(facts: str, idx: SimilarIndex, n: int = 12) -> list[str]:
    """The salient words of a fact description: jieba words of 2+ characters, ranked by the
    rarity (IDF) of their bigrams in the index."""
    seen: dict[str, float] = {}
    for w in text.words(facts):
        if len(w) < 2 or w.isdigit() or w in seen:
            continue
        grams = text.bigrams(w)
        if not grams:
            continue
        seen[w] = min(idx.bi.idf(g) for g in grams)
    return [w for w, _ in sorted(seen.items(), key=lambda x: -x[1])[:n]]


def _query_features(query: Query) -> tuple[set[str], set[str]]:
    """(charges, cited articles) of a query, computed once per query object."""
    got = getattr(query, "_features", None)
    if got is None:
        got = (query.charge_set(), set(legal.articles(query.facts)))
        object.__setattr__(query, "_features", got)
    return got


@lru_cache(maxsize=4096)
def _run_bigrams(word: str) -> tuple[str, ...] | None:
    """The bigrams of ``word`` when it is one run of CJK characters, else None (the key words
    of a query are tested against each of its results: segmented once)."""
    grams = text.bigrams(word)
    if len(word) < 2 or len(grams) != len(word) - 1:
        return None
    return tuple(grams)


def _has(idx: SimilarIndex, o: int, word: str) -> bool:
    """False when a bigram of ``word`` is missing from document ``o``'s facts (then the word
    cannot occur in them); True means "maybe" (a cheap filter before the substring test)."""
    grams = _run_bigrams(word)
    if grams is None:  # not one run of CJK characters
        return True
    return all(idx.bi.contains(g, o) for g in grams)


def explain(
    idx: SimilarIndex, query: Query, doc_id: str, *, keys: Sequence[str], facts: str | None = None
) -> dict[str, Any]:
    """Why ``doc_id`` is similar: shared charges, shared key facts, shared cited articles."""
    o = idx.by_id[doc_id]
    d = idx.docs[o]
    if facts is None:
        facts = d.facts if d.facts is not None else facts_of(idx, [doc_id])[doc_id]
    qc, q_articles = _query_features(query)
    return {
        "shared_charges": [c for c in d.charges if c in qc],
        "key_facts": [k for k in keys if _has(idx, o, k) and k in facts],
        "shared_articles": [a for a in d.articles if a in q_articles],
        "articles": list(d.articles),
    }


def divergence(
    results: Sequence[dict[str, Any]],
    *,
    top: int = 10,
    ratio: float = DIVERGENCE_RATIO,
    months: float = DIVERGENCE_MONTHS,
) -> dict[str, Any] | None:
    """A structured alert when the top similar cases ended very differently, else None.

    Only cases sharing the most frequent charge among the top ``top`` are compared. Triggers:
    the heaviest sentence is more than ``ratio`` times and more than ``months`` months longer
    than the lightest fixed-term one (or life/death beside a fixed term), or some got probation
    (缓刑) or exemption while others went to prison."""
    rows = [r for r in results[:top] if r.get("sentence") and r["sentence"]["kind"] != "unknown"]
    if len(rows) < 2:
        return None
    counts: dict[str, int] = {}
    for r in rows:
        for c in r.get("charges", []):
            counts[c] = counts.get(c, 0) + 1
    charge = max(sorted(counts), key=lambda c: counts[c]) if counts else None
    if charge is not None:
        rows = [r for r in rows if charge in r.get("charges", [])]
    if len(rows) < 2:
        return None
    sev = [(r["sentence"]["severity"], r) for r in rows]
    lo, hi = min(sev, key=lambda x: x[0]), max(sev, key=lambda x: x[0])
    reasons = []
    if hi[0] - lo[0] > months and (lo[0] == 0 or hi[0] / lo[0] > ratio):
        reasons.append("sentence_gap")
    jailed = [r for r in rows if r["sentence"]["kind"] in ("fixed", "detention", "life", "death")
              and not r["sentence"]["probation"]]  # fmt: skip
    lenient = [r for r in rows if r["sentence"]["probation"] or r["sentence"]["kind"] in (
        "exempt", "fine_only", "acquitted")]  # fmt: skip
    if jailed and lenient:
        reasons.append("custodial_and_non_custodial")
    if not reasons:
        return None
    return {
        "charge": charge,
        "reasons": reasons,
        "compared": len(rows),
        "min": {"doc_id": lo[1]["doc_id"], "months": lo[0]},
        "max": {"doc_id": hi[1]["doc_id"], "months": hi[0]},
        "custodial": [r["doc_id"] for r in jailed],
        "non_custodial": [r["doc_id"] for r in lenient],
        "message": f"相似案件（{charge or '同类'}）裁判结果差异较大：刑期 {lo[0]:g}–{hi[0]:g} 个月"
        + ("，且实刑与缓刑/免刑并存" if "custodial_and_non_custodial" in reasons else ""),
    }


def sentence_dict(s: legal.Sentence) -> dict[str, Any]:
    return {"kind": s.kind, "months": s.months, "probation": s.probation, "severity": s.severity}
