"""A small, dependency-free BM25 engine over postings of term frequencies, used for similar-case
ranking on both database backends.

The database is the source of truth (``search_document`` holds each document's distinct facts
bigrams and their frequencies); :class:`Bm25Field` is an in-memory projection of that field.
It can be saved to and loaded from a compact binary snapshot (stdlib ``array``: one int32
array of document ordinals and one uint16 array of frequencies for all terms, plus offsets),
so a process loads it in seconds instead of re-reading and re-counting every text.

The BM25 "impact" of a posting, ``tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl))``, is
computed lazily per term on first use (float32, the same expression as before, so rankings are
bit-identical) and cached.
"""

from __future__ import annotations

import json
import math
import os
from array import array
from bisect import bisect_left
from collections import Counter, deque
from collections.abc import Iterable, Mapping, Sequence
from itertools import repeat
from operator import add, eq, mul
from pathlib import Path
from typing import Any

_MAGIC = b"YZBM25\x02\n"


class Bm25Field:
    def __init__(self, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        # postings added with add()/add_counts(): term -> (ordinals int32, tfs uint32)
        self._lists: dict[str, tuple[array, array]] = {}
        # snapshot-backed postings: term -> i, slice off[i]:off[i+1] of _bdocs/_btfs
        self._bterms: dict[str, int] = {}
        self._boff = array("q")
        self._bdocs = array("i")
        self._btfs = array("H")
        self._bimps: array | None = None  # snapshot impacts, valid while no document is added
        self._bn = -1
        self._lengths = array("i")
        self._norms: list[float] = []
        self._impacts: dict[str, tuple[array, array]] = {}
        self.n_docs = 0
        self.avgdl = 0.0

    # -- building -------------------------------------------------------------------------
    def add(self, tokens: Iterable[str]) -> int:
        """Adds a document (call :meth:`freeze` after the last one); returns its ordinal."""
        counts = Counter(tokens)
        return self.add_counts(counts.keys(), counts.values(), sum(counts.values()))

    def add_counts(self, terms: Iterable[str], tfs: Iterable[int], length: int) -> int:
        """Adds a document given its distinct terms and their frequencies."""
        o = len(self._lengths)
        self._lengths.append(length)
        lists = self._lists
        for t, tf in zip(terms, tfs, strict=True):
            p = lists.get(t)
            if p is None:
                p = lists[t] = (array("i"), array("I"))
            p[0].append(o)
            p[1].append(tf)
        return o

    def freeze(self) -> None:
        """Recomputes the collection statistics (after adding documents)."""
        k1, b = self.k1, self.b
        lengths = self._lengths
        n = len(lengths)
        avgdl = (sum(lengths) / n) if n else 1.0
        self._norms = [k1 * (1 - b + b * dl / avgdl) for dl in lengths]
        self.n_docs, self.avgdl = n, avgdl
        self._impacts = {}
        if n != self._bn:
            self._bimps = None

    # -- reading ------------------------------------------------------------------------
    def df_of(self, term: str) -> int:
        n = 0
        i = self._bterms.get(term)
        if i is not None:
            n = self._boff[i + 1] - self._boff[i]
        p = self._lists.get(term)
        return n + (len(p[0]) if p is not None else 0)

    def idf(self, term: str) -> float:
        df = self.df_of(term)
        return math.log(1 + (self.n_docs - df + 0.5) / (df + 0.5))

    def postings(self, term: str) -> tuple[array, array] | None:
        """(ordinals, impacts) of ``term``, ordinals ascending; None if unknown."""
        got = self._impacts.get(term)
        if got is not None:
            return got
        i = self._bterms.get(term)
        p = self._lists.get(term)
        if i is None and p is None:
            return None
        docs: array = array("i")
        tfs: Sequence[int] = ()
        if i is not None:
            a, z = self._boff[i], self._boff[i + 1]
            docs = self._bdocs[a:z]
            tfs = self._btfs[a:z]
        if p is None and i is not None and self._bimps is not None:
            imps = self._bimps[self._boff[i] : self._boff[i + 1]]
            self._impacts[term] = (docs, imps)
            return docs, imps
        if p is not None:
            if i is None:
                docs, tfs = array("i", p[0]), p[1]
            else:
                docs.extend(p[0])
                tfs = list(tfs) + list(p[1])
        imps = self._impact_array(docs, tfs)
        self._impacts[term] = (docs, imps)
        return docs, imps

    def _impact_array(self, docs: Sequence[int], tfs: Sequence[int]) -> array:
        k1p, norms = self.k1 + 1, self._norms
        return array("f", [tf * k1p / (tf + norms[o]) for o, tf in zip(docs, tfs, strict=True)])

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
            if self.df_of(t) > limit:
                continue
            p = self.postings(t)
            if p is None:
                continue
            w = weight * qw * self.idf(t)
            for d, imp in zip(p[0], p[1], strict=True):
                acc[d] = get(d, 0.0) + w * imp
        return acc

    def accumulate(self, terms: Iterable[str]) -> tuple[list[float], set[int]]:
        """BM25 of every document for ``terms`` (weights 1): a dense score list and the set of
        documents touched. The per-posting work runs in C (``map`` over the arrays), about
        twice as fast as a Python loop; the sums are the same floats as :meth:`score`'s."""
        acc = [0.0] * self.n_docs
        touched: set[int] = set()
        get, put = acc.__getitem__, acc.__setitem__
        for t in terms:
            p = self.postings(t)
            if p is None:
                continue
            docs, imps = p
            w = self.idf(t)
            deque(map(put, docs, map(add, map(get, docs), map(w.__mul__, imps))), maxlen=0)
            touched.update(docs)
        return acc, touched

    def score_only(self, terms: Iterable[str], ordinals: Iterable[int]) -> dict[int, float]:
        """Exact BM25 (query terms as a set) of the given documents only: used to re-score a
        candidate list. Per term, the binary searches, the hit test and the sums run in C
        (``map``); a miss adds ``w * 0.0``, so the sums equal a Python loop's."""
        ords = sorted(set(ordinals))
        acc = [0.0] * len(ords)
        for t in set(terms):
            p = self.postings(t)
            if p is None or not ords:
                continue
            docs, imps = p
            w = self.idf(t)
            pos = list(map(min, map(bisect_left, repeat(docs), ords), repeat(len(docs) - 1)))
            hit = map(eq, map(docs.__getitem__, pos), ords)
            acc = list(map(add, acc, map(w.__mul__, map(mul, map(imps.__getitem__, pos), hit))))
        return dict(zip(ords, acc, strict=True))

    # -- snapshot -----------------------------------------------------------------------
    def save(self, path: Path, meta: dict[str, Any]) -> None:
        """Writes the postings and lengths (atomically: temp file + rename)."""
        terms = list(self._bterms) + [t for t in self._lists if t not in self._bterms]
        off = array("q", [0])
        docs, tfs, imps = array("i"), array("H"), array("f")
        for t in terms:
            a = len(docs)
            i = self._bterms.get(t)
            if i is not None:
                docs.extend(self._bdocs[self._boff[i] : self._boff[i + 1]])
                tfs.extend(self._btfs[self._boff[i] : self._boff[i + 1]])
            p = self._lists.get(t)
            if p is not None:
                docs.extend(p[0])
                tfs.extend(min(x, 65535) for x in p[1])
            imps.extend(self._impact_array(docs[a:], tfs[a:]))
            off.append(len(docs))
        head = json.dumps({**meta, "k1": self.k1, "b": self.b, "n": len(self._lengths),
                           "terms": terms}, ensure_ascii=False).encode("utf-8")  # fmt: skip
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        with open(tmp, "wb") as f:
            f.write(_MAGIC)
            f.write(len(head).to_bytes(8, "little"))
            f.write(head)
            for arr in (self._lengths, off, docs, tfs, imps):
                f.write(len(arr).to_bytes(8, "little"))
                arr.tofile(f)
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path) -> tuple[Bm25Field, dict[str, Any]]:
        with open(path, "rb") as f:
            if f.read(len(_MAGIC)) != _MAGIC:
                raise ValueError(f"not a BM25 snapshot: {path}")
            head = json.loads(f.read(int.from_bytes(f.read(8), "little")).decode("utf-8"))
            arrays = []
            for code in ("i", "q", "i", "H", "f"):
                a = array(code)
                a.fromfile(f, int.from_bytes(f.read(8), "little"))
                arrays.append(a)
        field = cls(head.pop("k1"), head.pop("b"))
        field._lengths, field._boff, field._bdocs, field._btfs, imps = arrays
        field._bterms = {t: i for i, t in enumerate(head.pop("terms"))}
        field._bn = len(field._lengths)
        field.freeze()
        field._bimps = imps  # computed with these statistics: valid until a document is added
        return field, head
