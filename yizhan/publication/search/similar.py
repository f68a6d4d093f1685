"""Similar-case ranking (类案检索) with explanations and the divergence alert.

Score of a candidate d for a query (a fact description, optionally with charges):

    score(d) = BM25(q, d) / max_d' BM25(q, d') + CHARGE_WEIGHT * Jaccard(charges(q), charges(d))

BM25 (k1 1.2, b 0.75) over the character bigrams of the facts, query bigrams taken as a set
(a bigram repeated in a long query is not counted twice: +0.03 NDCG@30 on LeCaRD train85).
Parameters were tuned on the 85 LeCaRD queries outside test20 only (docs/search.md).

Ranking the whole index is two-stage: query bigrams found in more than ``PRUNE_DF`` of the
documents are skipped for candidate generation (they are most of the postings and barely move
the ranking), then the best ``RERANK`` candidates are re-scored exactly with every bigram.
Ranking a given candidate list (the evaluation protocols) is exact.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import legal, store, text
from .engine import Bm25Field

K1, B = 1.2, 0.75
CHARGE_WEIGHT = 1.0
PRUNE_DF = 0.3
PRUNE_MIN_DOCS = 1000  # small indexes are scored exactly
RERANK = 300
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
    facts: str
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


_cache: dict[tuple[str, str], SimilarIndex] = {}
_lock = threading.Lock()


def load(index_name: str, using: str = "default") -> SimilarIndex:
    """The in-memory similarity index of ``index_name`` (rebuilt when the index changed)."""
    ver = store.version(index_name, using)
    key = (using, index_name)
    cached = _cache.get(key)
    if cached is not None and cached.version == ver:
        return cached
    with _lock:
        idx = SimilarIndex(index_name, ver)
        with store.conn(using).cursor() as cur:
            cur.execute(
                "SELECT doc_id, title, court_code, court_name, year, case_type, cause, "
                "case_number, charges, articles, facts, sentence_kind, sentence_months, "
                "probation, published, sim_bi FROM search_document WHERE index_name = %s "
                "ORDER BY id",
                [index_name],
            )
            for r in cur.fetchall():
                ch = tuple(c for c in r[8].split("、") if c)
                o = idx.bi.add(r[15].split())
                idx.docs.append(Doc(
                    r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], ch,
                    tuple(a for a in r[9].split("、") if a), r[10],
                    legal.Sentence(r[11] or "unknown", r[12], bool(r[13])), bool(r[14]),
                ))  # fmt: skip
                idx.by_id[r[0]] = o
                for c in ch:
                    idx.by_charge.setdefault(c, []).append(o)
        idx.bi.freeze()
        _cache[key] = idx
        return idx


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
    else:
        prune = idx.bi.n_docs >= PRUNE_MIN_DOCS
        df_limit = PRUNE_DF * idx.bi.n_docs if prune else float("inf")
        acc = idx.bi.score(dict.fromkeys(terms, 1.0), max_df=PRUNE_DF if prune else 1.0)
        if qc:
            for c in qc:
                for o in idx.by_charge.get(c, ()):
                    acc.setdefault(o, 0.0)
        top = max(acc.values(), default=0.0) or 1.0

        def pre(o: int) -> float:
            return acc[o] / top + CHARGE_WEIGHT * _jaccard(qc, idx.docs[o].charges)

        ords = [o for o in acc if o not in excluded
                and (idx.docs[o].published or not published_only)]  # fmt: skip
        ords = sorted(ords, key=pre, reverse=True)[:RERANK] if prune else ords
        # exact scores: add the frequent bigrams skipped in the first stage
        common = [t for t in terms if idx.bi.df.get(t, 0) > df_limit]
        extra = idx.bi.score_only(common, ords) if common else {}
        exact = {o: acc[o] + extra.get(o, 0.0) for o in ords}
    ords = [o for o in ords if idx.docs[o].published or not published_only]
    top = max(exact.values(), default=0.0) or 1.0
    scored = [
        (idx.docs[o].doc_id, exact[o] / top + CHARGE_WEIGHT * _jaccard(qc, idx.docs[o].charges))
        for o in ords
    ]
    scored.sort(key=lambda x: (-x[1], x[0]))
    return scored if candidates is not None else scored[:limit]


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


def explain(idx: SimilarIndex, query: Query, doc_id: str, *, keys: Sequence[str]) -> dict[str, Any]:
    """Why ``doc_id`` is similar: shared charges, shared key facts, shared cited articles."""
    d = idx.docs[idx.by_id[doc_id]]
    qc = query.charge_set()
    q_articles = set(legal.articles(query.facts))
    return {
        "shared_charges": [c for c in d.charges if c in qc],
        "key_facts": [k for k in keys if k in d.facts],
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
