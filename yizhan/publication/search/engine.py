"""A small, dependency-free BM25 engine over "impact" postings (the document side of BM25 is
precomputed per posting), used for similar-case ranking on both database backends.

The database is the source of truth (the ``search_document`` table holds every document's
segmented fields); :class:`Bm25Field` is an in-memory projection of one field that scores a
long query (a whole fact description) by term-at-a-time accumulation.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping


class Bm25Field:
    def __init__(self, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self._docs: dict[str, array] = {}
        self._tfs: dict[str, array] = {}
        self._lengths: list[int] = []
        self.n_docs = 0
        self.df: dict[str, int] = {}
        self.postings: dict[str, tuple[array, array]] = {}
        self.avgdl = 0.0

    def add(self, tokens: Iterable[str]) -> int:
        """Adds a document (call :meth:`freeze` after the last one); returns its ordinal."""
        counts = Counter(tokens)
        o = len(self._lengths)
        self._lengths.append(sum(counts.values()))
        docs, tfs = self._docs, self._tfs
        for t, tf in counts.items():
            d = docs.get(t)
            if d is None:
                d = docs[t] = array("i")
                tfs[t] = array("i")
            d.append(o)
            tfs[t].append(tf)
        return o

    def freeze(self) -> None:
        k1, b = self.k1, self.b
        lengths = self._lengths
        n = len(lengths)
        avgdl = (sum(lengths) / n) if n else 1.0
        norms = [k1 * (1 - b + b * dl / avgdl) for dl in lengths]
        postings = {}
        for t, docs in self._docs.items():
            tfs = self._tfs[t]
            postings[t] = (
                docs,
                array(
                    "f", [tf * (k1 + 1) / (tf + norms[o]) for o, tf in zip(docs, tfs, strict=True)]
                ),
            )
        self.n_docs, self.avgdl = n, avgdl
        self.df = {t: len(d) for t, d in self._docs.items()}
        self.postings = postings
        self._docs, self._tfs, self._lengths = {}, {}, []

    def idf(self, term: str) -> float:
        df = self.df.get(term, 0)
        return math.log(1 + (self.n_docs - df + 0.5) / (df + 0.5))

    def score(
        self,
        query: Mapping[str, float],
        acc: dict[int, float] | None = None,
        weight: float = 1.0,
        max_df: float = 1.0,
    ) -> dict[int, float]:
        """Adds weight * sum_t q[t] * idf(t) * impact(t, d) into ``acc``. Terms found in more
        than ``max_df`` of the documents are skipped (they barely move the ranking)."""
        acc = {} if acc is None else acc
        limit = max_df * self.n_docs
        get = acc.get
        for t, qw in query.items():
            p = self.postings.get(t)
            if p is None or len(p[0]) > limit:
                continue
            w = weight * qw * self.idf(t)
            for d, imp in zip(p[0], p[1], strict=True):
                acc[d] = get(d, 0.0) + w * imp
        return acc

    def score_only(self, terms: Iterable[str], ordinals: Iterable[int]) -> dict[int, float]:
        """Exact BM25 (query terms as a set) of the given documents only (binary search in the
        postings): used to re-score a candidate list."""
        from bisect import bisect_left

        ords = sorted(set(ordinals))
        out = dict.fromkeys(ords, 0.0)
        for t in set(terms):
            p = self.postings.get(t)
            if p is None:
                continue
            docs, imps = p
            w = self.idf(t)
            n = len(docs)
            for o in ords:
                i = bisect_left(docs, o)
                if i < n and docs[i] == o:
                    out[o] += w * imps[i]
        return out
