"""A small BM25 engine over postings of term frequencies, used for similar-case ranking on both
database backends.

The database is the source of truth (``search_document`` holds each document's distinct facts
bigrams and their frequencies); :class:`Bm25Field` is an in-memory projection of that field.
It can be saved to and loaded from a compact binary snapshot (stdlib ``array``: one int32
array of document ordinals and one uint16 array of frequencies for all terms, plus offsets),
so a process loads it in seconds instead of re-reading and re-counting every text.

The BM25 "impact" of a posting, ``tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl))``, is
computed lazily per term on first use (float32, the same expression as before, so rankings are
bit-identical) and cached.

The whole-index ranking runs on numpy views of these arrays (no copies): the first stage
(:meth:`accumulate_array`, one ``bincount`` over the concatenated postings, the same floats as
the stdlib :meth:`accumulate`) and the re-scoring of the candidates (:meth:`score_array`).
"""

from __future__ import annotations

import ctypes
import json
import math
import os
from array import array
from bisect import bisect_left
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache
from itertools import compress, filterfalse
from operator import add
from pathlib import Path
from typing import Any

import numpy as np

_MAGIC = b"YZBM25\x03\n"
# score_only: scan a term's postings (instead of binary searches) when it has at most this
# many postings per candidate
SCAN_FACTOR = 10
# score_only: the frequent terms (in at least this share of the documents, when the snapshot is
# saved) also have a forward index, used when a query has at least FORWARD_MIN_TERMS of them
FORWARD_MIN_DF = 0.05
FORWARD_MIN_TERMS = 40
# The bulk build (Bm25Field.from_rows, save) works on at most this many occurrences (or
# postings, or forward entries) at a time for its temporaries, and reads the rows in groups of
# about this many terms (see from_rows)
BLOCK = 1 << 19
# Packed keys (see _Packer): characters are numbered densely; past this many distinct ones
# (or when a key and its position need more than _KEY_BITS bits) the build numbers the terms
# with a dict instead (_group_dict). Module constants so that tests can lower them.
_MAX_CHARS = 65535
_KEY_BITS = 64
# whitespace that str.split() splits on, other than " " (none above U+3000: see the tests)
_OTHER_SPACE = np.zeros(0x3002, bool)
_OTHER_SPACE[[c for c in range(0x3001) if chr(c).isspace() and c != 32]] = True


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
        # forward index of the frequent terms (see _build_forward): per document d < _fwd_n,
        # entries _fwd_off[d]:_fwd_off[d+1] of _fwd_ids (term ids, ``_fwd_terms``) and
        # _fwd_tfs (frequencies)
        self._fwd_terms: dict[str, int] = {}
        self._fwd_off = array("q")
        self._fwd_ids = array("H")
        self._fwd_tfs = array("H")
        self._fwd_imps = array("f")  # impacts, valid for the statistics _fwd_stats
        self._fwd_stats: tuple[int, float] = (-1, 0.0)
        self._fwd_n = 0
        self._norms: list[float] = []
        self._impacts: dict[str, tuple[array, array]] = {}
        self._np: dict[str, Any] | None = None  # numpy views of the arrays (see _views)
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
        self._np = None
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

    def contains(self, term: str, ordinal: int) -> bool:
        """Whether document ``ordinal`` has ``term`` (binary search, no impacts computed)."""
        i = self._bterms.get(term)
        if i is not None:
            a, z = self._boff[i], self._boff[i + 1]
            k = bisect_left(self._bdocs, ordinal, a, z)
            if k < z and self._bdocs[k] == ordinal:
                return True
        p = self._lists.get(term)
        if p is not None:
            k = bisect_left(p[0], ordinal)
            return k < len(p[0]) and p[0][k] == ordinal
        return False

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
        """The impacts of postings (float32 in an array), from :meth:`_impacts_np`."""
        d = np.asarray(docs, np.int64)
        t = np.asarray(tfs, np.float64)
        if len(d) != len(t):
            raise ValueError("postings: ordinals and frequencies differ in length")
        return array("f", self._impacts_np(d, t).tobytes())

    def _norms_np(self) -> np.ndarray:
        v = self._views()
        if v["norms"] is None:
            v["norms"] = np.array(self._norms, np.float64)
        return v["norms"]

    def _impacts_np(
        self, docs: np.ndarray, tfs: np.ndarray, out: np.ndarray | None = None,
        block: int = BLOCK,
    ) -> np.ndarray:  # fmt: skip
        """``tf * (k1 + 1) / (tf + norm[d])`` per posting in float64, stored as float32 (into
        ``out`` when given): the same operations in the same order as the scalar expression,
        so the same floats. The float64 temporaries are ``block`` postings at a time."""
        if out is None:
            out = np.empty(len(docs), np.float32)
        norms = self._norms_np()
        for a in range(0, len(docs), block):
            tf = tfs[a : a + block].astype(np.float64)
            val = tf * (self.k1 + 1)
            val /= tf + norms[docs[a : a + block]]
            out[a : a + block] = val
        return out

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

    def accumulate(self, terms: Iterable[str]) -> list[float]:
        """BM25 of every document for ``terms`` (weights 1), as a dense score list. The
        per-posting work runs in C (``map`` over the arrays), about twice as fast as a Python
        loop; the sums are the same floats as :meth:`score`'s."""
        acc = [0.0] * self.n_docs
        get, put = acc.__getitem__, acc.__setitem__
        for t in terms:
            p = self.postings(t)
            if p is None:
                continue
            docs, imps = p
            w = self.idf(t)
            deque(map(put, docs, map(add, map(get, docs), map(w.__mul__, imps))), maxlen=0)
        return acc

    def touched(self, acc: list[float]) -> set[int]:
        """The documents an :meth:`accumulate` list scores: every posting adds a positive
        score (idf > 0, impact > 0), so these are the non-zero ones."""
        return set(compress(range(self.n_docs), acc))

    # -- numpy kernels (the whole-index ranking of similar.rank) -----------------------------
    def _views(self) -> dict[str, Any]:
        """Zero-copy numpy views of the snapshot arrays (rebuilt after :meth:`freeze`; the
        arrays viewed are never resized: documents added later go to ``_lists``)."""
        v = self._np
        if v is None:
            v = {
                "boff": np.frombuffer(self._boff, np.int64),
                "bdocs": np.frombuffer(self._bdocs, np.int32),
                "bimps": None if self._bimps is None else np.frombuffer(self._bimps, np.float32),
                "fwd_off": np.frombuffer(self._fwd_off, np.int64),
                "fwd_ids": np.frombuffer(self._fwd_ids, np.uint16),
                "fwd_tfs": np.frombuffer(self._fwd_tfs, np.uint16),
                "fwd_imps": np.frombuffer(self._fwd_imps, np.float32),
                "norms": None,  # np.array(self._norms), made when first needed
            }
            self._np = v
        return v

    def _term_arrays(self, term: str) -> tuple[np.ndarray, np.ndarray] | None:
        """(ordinals int32 ascending, impacts float32) of ``term`` as numpy arrays: slices of
        the snapshot (no copy) while its impacts are valid and no document added since has
        the term, else the arrays of :meth:`postings`."""
        if self._bimps is not None and term not in self._lists:
            i = self._bterms.get(term)
            if i is None:
                return None
            v = self._views()
            a, z = self._boff[i], self._boff[i + 1]
            return v["bdocs"][a:z], v["bimps"][a:z]
        p = self.postings(term)
        if p is None:
            return None
        return np.frombuffer(p[0], np.int32), np.frombuffer(p[1], np.float32)

    def _gather(self, terms: Iterable[str]) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """The postings of ``terms`` one after the other: (ordinals, idf(t) * impact as
        float64, the terms found), the products being the floats of :meth:`accumulate`."""
        docs, imps, ws, lens, found = [], [], [], [], []
        for t in terms:
            p = self._term_arrays(t)
            if p is None:
                continue
            docs.append(p[0])
            imps.append(p[1])
            ws.append(self.idf(t))
            lens.append(len(p[0]))
            found.append(t)
        if not docs:
            return np.zeros(0, np.int32), np.zeros(0, np.float64), found
        vals = np.concatenate(imps).astype(np.float64)
        vals *= np.repeat(np.array(ws, np.float64), lens)
        return np.concatenate(docs), vals, found

    def accumulate_array(self, terms: Iterable[str]) -> np.ndarray:
        """:meth:`accumulate` as a float64 numpy array, bit for bit: ``np.bincount`` adds the
        weights in input order, i.e. term by term in the order given, starting from 0.0."""
        docs, vals, _ = self._gather(terms)
        return np.bincount(docs, weights=vals, minlength=self.n_docs)

    def score_only(self, terms: Iterable[str], ordinals: Iterable[int]) -> dict[int, float]:
        """Exact BM25 (query terms as a set) of the given documents only: used to re-score a
        candidate list. See :meth:`score_array`."""
        ords = np.array(sorted(set(ordinals)), np.int64)
        if not len(ords):
            return {}
        return dict(zip(ords.tolist(), self.score_array(terms, ords).tolist(), strict=True))

    def score_array(self, terms: Iterable[str], ords: np.ndarray) -> np.ndarray:
        """Exact BM25 (query terms as a set) of the documents ``ords`` (ascending, distinct,
        int64), aligned with them. Vectorised (numpy), the same sums as the postings up to
        the order of the additions:

        * a frequent term (one of the forward index, when the query has at least
          ``FORWARD_MIN_TERMS`` of them) is scored from the candidates' forward entries: all
          their entries in one gather, each weighted by the query weight of its term id
          (zero for the terms not in the query), the impact of each entry stored (or, after
          documents were added, recomputed from its frequency and the new statistics: the
          same float32 values as the postings' impacts); documents added since the forward
          index was built are binary-searched in the term's postings;
        * a term with few postings (at most ``SCAN_FACTOR`` per candidate): all such terms'
          postings concatenated, filtered by a candidate mask and summed by ``bincount``;
        * otherwise the term is binary-searched (``searchsorted``) for every candidate.
        """
        m = len(ords)
        out = np.zeros(m, np.float64)
        if not m:
            return out
        terms = set(terms)
        fwd_ids_q = {t: self._fwd_terms[t] for t in terms if t in self._fwd_terms}
        if len(fwd_ids_q) < FORWARD_MIN_TERMS:
            fwd_ids_q = {}
        in_fwd = ords < self._fwd_n if fwd_ids_q else np.zeros(m, bool)
        new_pos = np.flatnonzero(~in_fwd)  # positions of the candidates outside it
        new_ords = ords[new_pos]
        scan: list[str] = []
        for t in terms:
            if t in fwd_ids_q and not len(new_pos):
                continue
            p = self._term_arrays(t)
            if p is None:
                continue
            docs, imps = p
            if t in fwd_ids_q:  # forward term: only the documents added since, by search
                sub, where = new_ords, new_pos
            elif len(docs) <= SCAN_FACTOR * m:
                scan.append(t)
                continue
            else:
                sub, where = ords, np.arange(m)
            k = np.minimum(np.searchsorted(docs, sub), len(docs) - 1)
            hit = docs[k] == sub
            out[where] += np.where(hit, imps[k].astype(np.float64) * self.idf(t), 0.0)
        if scan:
            docs, vals, _ = self._gather(scan)
            member = np.zeros(self.n_docs, bool)
            member[ords] = True
            sel = member[docs]
            out += np.bincount(docs[sel], weights=vals[sel], minlength=self.n_docs)[ords]
        if fwd_ids_q and len(new_pos) < m:
            out += self._forward_scores(fwd_ids_q, ords, in_fwd)
        return out

    def _forward_scores(
        self, fwd_ids_q: dict[str, int], ords: np.ndarray, in_fwd: np.ndarray
    ) -> np.ndarray:
        """BM25 of the forward-index terms of the query for the candidates ``ords[in_fwd]``
        (zeros elsewhere), from their forward entries in one gather."""
        v = self._views()
        wvec = np.zeros(len(self._fwd_terms), np.float64)
        for t, fid in fwd_ids_q.items():
            wvec[fid] = self.idf(t)
        fo = ords[in_fwd]
        starts = v["fwd_off"][fo]
        lens = v["fwd_off"][fo + 1] - starts
        ends = np.cumsum(lens)
        total = int(ends[-1]) if len(ends) else 0
        out = np.zeros(len(ords), np.float64)
        if not total:
            return out
        seg = ends - lens  # where each candidate's entries start in the gathered arrays
        flat = np.arange(total, dtype=np.int64) + np.repeat(starts - seg, lens)
        if self._fwd_stats == (self.n_docs, self.avgdl):  # stored impacts still valid
            imps = v["fwd_imps"][flat]  # float32, promoted exactly by the product below
        else:  # documents were added: impacts from the new statistics (float32 as stored)
            tf = v["fwd_tfs"][flat].astype(np.float64)
            nd = np.repeat(self._norms_np()[fo], lens)
            imps = (tf * (self.k1 + 1) / (tf + nd)).astype(np.float32)
        vals = wvec[v["fwd_ids"][flat]] * imps
        sums = np.zeros(len(fo), np.float64)
        nz = lens > 0  # reduceat needs non-empty segments
        sums[nz] = np.add.reduceat(vals, seg[nz])
        out[in_fwd] = sums
        return out

    def _build_forward(
        self, terms: Sequence[str], off: np.ndarray, docs: np.ndarray, tfs: np.ndarray,
        imps: np.ndarray,
    ) -> np.ndarray:  # fmt: skip
        """The forward index of the terms in at least ``FORWARD_MIN_DF`` of the documents,
        from the postings (``off``, ``docs``, ``tfs``, ``imps`` as in a snapshot, numpy): the
        chosen terms' postings grouped by document, the entries of a document in term order
        (the order of the chosen terms), by a counting sort term by term (one loop over the
        chosen terms to count the entries per document, one to place them): no array
        besides the forward index itself. Returns the chosen term indices (int32). It
        depends on the frequencies only (impacts are computed per candidate from the current
        statistics), so it stays valid when documents are added; those are simply not in it
        (``_fwd_n``)."""
        n = len(self._lengths)
        limit = max(FORWARD_MIN_DF * n, 1)
        df = np.diff(off)
        chosen = np.flatnonzero(df >= limit)
        if len(chosen) > 65535:  # the most frequent, ties in term order
            chosen = chosen[np.argsort(-df[chosen], kind="stable")[:65535]]
        spans = list(zip(off[chosen].tolist(), off[chosen + 1].tolist(), strict=True))
        fill = np.zeros(n, np.int64)
        # a term's postings name a document twice only when a row repeated the term
        twice = []
        for a, z in spans:
            d = docs[a:z]
            rep = len(d) > 1 and not bool((d[1:] > d[:-1]).all())
            twice.append(rep)
            if rep:
                np.add.at(fill, d, 1)
            else:
                fill[d] += 1
        fwd_off = np.zeros(n + 1, np.int64)
        np.cumsum(fill, out=fwd_off[1:])
        total = int(fwd_off[-1])
        fill[:] = fwd_off[:-1]  # the next free entry of each document
        ids_a, tfs_a, imps_a = (
            array("H", [0]) * total,
            array("H", [0]) * total,
            array("f", [0.0]) * total,
        )
        ids_v, tfs_v = np.frombuffer(ids_a, np.uint16), np.frombuffer(tfs_a, np.uint16)
        imps_v = np.frombuffer(imps_a, np.float32)
        for fid, ((a, z), rep) in enumerate(zip(spans, twice, strict=True)):
            d = docs[a:z]
            dest = fill[d]
            if rep:  # the i-th posting of a document in this term goes i entries further
                first = np.flatnonzero(np.diff(d, prepend=-1))
                dest += np.arange(len(d)) - np.repeat(first, np.diff(first, append=len(d)))
                np.add.at(fill, d, 1)
            else:
                fill[d] += 1
            ids_v[dest] = fid
            tfs_v[dest] = tfs[a:z]
            imps_v[dest] = imps[a:z]
        del ids_v, tfs_v, imps_v
        self._fwd_imps, self._fwd_stats = imps_a, (n, self.avgdl)
        self._fwd_terms = {terms[i]: fid for fid, i in enumerate(chosen.tolist())}
        self._fwd_off = array("q", fwd_off.tobytes())
        self._fwd_ids = ids_a
        self._fwd_tfs = tfs_a
        self._fwd_n = n
        self._np = None
        return chosen.astype(np.int32)

    def _merged_postings(self, terms: Sequence[str]) -> tuple[np.ndarray, ...]:
        """(offsets int64, ordinals int32, frequencies uint16) of ``terms`` (the snapshot's
        terms first, in order, then the terms only added since): per term the snapshot's
        postings, then those added since (frequencies capped at 65535)."""
        nt, nb = len(terms), len(self._bterms)
        lb = np.zeros(nt, np.int64)
        boff = np.frombuffer(self._boff, np.int64) if nb else np.zeros(1, np.int64)
        lb[:nb] = np.diff(boff)
        added = [(i, self._lists[t]) for i, t in enumerate(terms) if t in self._lists]
        la = np.zeros(nt, np.int64)
        where = np.array([i for i, _ in added], np.int64)
        la[where] = [len(p[0]) for _, p in added]
        off = np.zeros(nt + 1, np.int64)
        np.cumsum(lb + la, out=off[1:])
        total = int(off[-1])
        docs = np.empty(total, np.int32)
        tfs = np.empty(total, np.uint16)
        nbp = int(boff[-1])
        if nbp:  # the snapshot's postings, each term's block moved to its new offset
            dest = np.arange(nbp, dtype=np.int64)
            dest += np.repeat(off[:nb] - boff[:-1], lb[:nb])
            docs[dest] = np.frombuffer(self._bdocs, np.int32)[:nbp]
            tfs[dest] = np.frombuffer(self._btfs, np.uint16)[:nbp]
        if added:  # then the postings added since, after them
            lens = la[where]
            dest = np.arange(int(lens.sum()), dtype=np.int64)
            dest += np.repeat(off[where] + lb[where] - (np.cumsum(lens) - lens), lens)
            docs[dest] = np.concatenate([np.frombuffer(p[0], np.int32) for _, p in added])
            atf = np.concatenate([np.frombuffer(p[1], np.uint32) for _, p in added])
            tfs[dest] = np.minimum(atf, 65535)
        return off, docs, tfs

    @classmethod
    def from_rows(
        cls, chunks: Iterable[Sequence[tuple[str, bytes, int]]], k1: float = 1.2, b: float = 0.75,
        *, block: int = BLOCK,
    ) -> Bm25Field:  # fmt: skip
        """A frozen field of the documents given as rows (space-separated distinct terms,
        their uint16 frequencies as bytes, the length), in batches: the same field as
        :meth:`add_counts` of each row then :meth:`freeze` would give (the same terms in
        the same order: first appearance; the same postings and frequencies), held as
        snapshot arrays, with the impacts. Terms of one or two characters (the bigrams) are
        packed into integer keys and grouped by one sort (:class:`_Packer`); other terms are
        numbered with a dict (:func:`_group_dict`). The rows are read in groups of about
        ``block`` terms and every temporary array of the build is at most ``block`` long,
        besides the keys (8 bytes per occurrence) and the frequencies read (2 bytes)."""
        field = cls(k1, b)
        packer: _Packer | None = _Packer()
        toks: list[list[str]] = []  # the terms of each group of rows, once not packed
        tf_parts: list[np.ndarray] = []
        counts: list[int] = []
        for rows in chunks:
            for group in _row_groups(rows, block):
                joined, units, n_terms = _joined_terms([r[0] for r in group])
                for (_, freqs, length), k in zip(group, n_terms, strict=True):
                    if 2 * k != len(freqs):
                        raise ValueError("a row's terms and frequencies differ in number")
                    field._lengths.append(length)
                tf_parts.append(np.frombuffer(b"".join(bytes(r[1]) for r in group), np.uint16))
                if packer is not None and not packer.add(units, len(counts), n_terms):
                    toks, packer = packer.unpack(), None
                if packer is None:
                    toks.append(joined.split(" ") if joined else [])
                counts += n_terms
        n = len(counts)
        _release_memory()
        got = packer.group(counts, tf_parts, block) if packer is not None else None
        if got is None and packer is not None:
            toks = packer.unpack()
        del packer
        if got is None:
            terms_list, off, order = _group_dict(toks)
            del toks
            tfs_all = np.concatenate(tf_parts) if tf_parts else np.zeros(0, np.uint16)
            del tf_parts
            m = len(order)
            bdocs, btfs = array("i", [0]) * m, array("H", [0]) * m
            ords = np.repeat(np.arange(n, dtype=np.int32), counts)
            np.frombuffer(bdocs, np.int32)[:] = ords[order]
            np.frombuffer(btfs, np.uint16)[:] = tfs_all[order]
            del ords, order, tfs_all
        else:
            terms_list, off, bdocs, btfs = got
        _release_memory()
        field._bterms = dict(zip(terms_list, range(len(terms_list)), strict=True))
        field._boff = array("q", off.tobytes())
        field._bdocs, field._btfs = bdocs, btfs
        field._bn = n
        field.freeze()
        bimps = array("f", [0.0]) * len(bdocs)
        field._impacts_np(np.frombuffer(bdocs, np.int32), np.frombuffer(btfs, np.uint16),
                          np.frombuffer(bimps, np.float32), block)  # fmt: skip
        field._bimps = bimps
        field._np = None
        return field

    # -- snapshot -----------------------------------------------------------------------
    def save(self, path: Path, meta: dict[str, Any], *, block: int = BLOCK) -> None:
        """Writes the postings and lengths (atomically: temp file + rename). A field built by
        :meth:`from_rows` (or loaded) with no document added writes its arrays as they are;
        ``block``: see :meth:`_impacts_np`."""
        terms = list(self._bterms) + [t for t in self._lists if t not in self._bterms]
        if self._lists:
            off, docs, tfs = self._merged_postings(terms)
        else:  # the snapshot arrays as they are (no copy)
            off = np.frombuffer(self._boff, np.int64) if self._bterms else np.zeros(1, np.int64)
            docs = np.frombuffer(self._bdocs, np.int32)
            tfs = np.frombuffer(self._btfs, np.uint16)
        if not self._lists and self._bimps is not None:  # computed for these statistics
            imps = np.frombuffer(self._bimps, np.float32)
        else:
            imps = self._impacts_np(docs, tfs, block=block)
        _release_memory()
        fwd = self._build_forward(terms, off, docs, tfs, imps)
        head = json.dumps({**meta, "k1": self.k1, "b": self.b, "n": len(self._lengths),
                           "terms": terms}, ensure_ascii=False).encode("utf-8")  # fmt: skip
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        with open(tmp, "wb") as f:
            f.write(_MAGIC)
            f.write(len(head).to_bytes(8, "little"))
            f.write(head)
            for arr in (self._lengths, off, docs, tfs, imps, fwd, self._fwd_off, self._fwd_ids,
                        self._fwd_tfs, self._fwd_imps):  # fmt: skip
                f.write(len(arr).to_bytes(8, "little"))
                arr.tofile(f)
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path) -> tuple[Bm25Field, dict[str, Any]]:
        with open(path, "rb") as f:
            if f.read(len(_MAGIC)) != _MAGIC:
                raise ValueError(f"not a BM25 snapshot: {path}")
            head = json.loads(f.read(int.from_bytes(f.read(8), "little")).decode("utf-8"))
            arrays: list[Any] = []
            for code in ("i", "q", "i", "H", "f", "i", "q", "H", "H", "f"):
                a = array(code)
                a.fromfile(f, int.from_bytes(f.read(8), "little"))
                arrays.append(a)
        field = cls(head.pop("k1"), head.pop("b"))
        field._lengths, field._boff, field._bdocs, field._btfs, imps = arrays[:5]
        terms = head.pop("terms")
        field._bterms = {t: i for i, t in enumerate(terms)}
        field._fwd_terms = {terms[i]: fid for fid, i in enumerate(arrays[5])}
        field._fwd_off, field._fwd_ids, field._fwd_tfs, field._fwd_imps = arrays[6:]
        field._fwd_n = len(field._fwd_off) - 1 if field._fwd_terms else 0
        field._bn = len(field._lengths)
        field.freeze()
        field._bimps = imps  # computed with these statistics: valid until a document is added
        field._np = None
        field._fwd_stats = (field.n_docs, field.avgdl)
        return field, head


@cache
def _malloc_trim() -> Any:
    """glibc's ``malloc_trim``, or None (another C library)."""
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None


def _release_memory() -> None:
    """Returns the free memory of the C heap to the system (glibc: ``malloc_trim``; nothing
    elsewhere). The build frees many arrays of a few MB (the keys and frequencies read per
    group of rows, the rows themselves) that lie between live ones, so the heap keeps them
    (1x: 60-80 MB of the peak RSS) unless trimmed between the build's steps."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def _row_groups(
    rows: Sequence[tuple[str, bytes, int]], block: int
) -> Iterator[Sequence[tuple[str, bytes, int]]]:
    """The rows in groups of about ``block`` terms (a bigram and its space: 3 characters),
    whole rows, at least one per group."""
    start, size = 0, 0
    for i, r in enumerate(rows):
        size += len(r[0])
        if size >= 3 * block:
            yield rows[start : i + 1]
            start, size = i + 1, 0
    if start < len(rows):
        yield rows[start:]


def _joined_terms(texts: Sequence[str]) -> tuple[str, np.ndarray, list[int]]:
    """The terms of rows as one string (terms separated by single spaces), its UTF-32 code
    units and the number of terms of each row: those of ``str.split()``, taken from the
    spaces when the rows are already single-spaced (nothing else to split on)."""
    joined = " ".join(filter(None, texts))
    units = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), np.uint32)
    if len(units):
        sp = units == 32
        if (
            sp[0] or sp[-1] or (sp[1:] & sp[:-1]).any()
            or _OTHER_SPACE[np.minimum(units, len(_OTHER_SPACE) - 1)].any()
        ):  # fmt: skip
            words = [t.split() for t in texts]
            joined = " ".join(w for ws in words for w in ws)
            units = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), np.uint32)
            return joined, units, [len(ws) for ws in words]
    return joined, units, [t.count(" ") + 1 if t else 0 for t in texts]


class _Packer:
    """Terms of at most two characters (no NUL) as integer keys, grouped by one sort.

    Each character gets a dense id (1, 2, ... in order of first sight; 0 pads a
    one-character term), a term the key ``id1 << 16 | id2`` (uint32, kept per group of rows).
    :meth:`group` sorts uint64 ``key << pbits | document << jbits | j`` (j: the term's place
    in its row) in place: the occurrences grouped by term, in input order within a term,
    without a permutation array; the terms are then ordered by their first occurrence."""

    def __init__(self) -> None:
        self.ids = np.full(0x110000, -1, np.int32)  # code point -> id
        self.ids[0] = 0
        self.chars = [0]  # id -> code point
        self.parts: list[np.ndarray | None] = []  # uint32 keys per group of rows
        self.first: list[int] = []  # the first document of each part

    def _char_ids(self, units: np.ndarray) -> np.ndarray | None:
        got = self.ids[units]
        miss = got < 0
        if miss.any():
            new = np.unique(units[miss])
            if len(self.chars) + len(new) > _MAX_CHARS + 1:
                return None
            self.ids[new] = np.arange(len(self.chars), len(self.chars) + len(new))
            self.chars += new.tolist()
            got = self.ids[units]
        return got.astype(np.uint32)

    def add(self, units: np.ndarray, first_doc: int, n_terms: Sequence[int]) -> bool:
        """Adds the terms of a group of rows (single-spaced code units, see _joined_terms);
        False when they cannot be packed (a longer term, a NUL, too many characters)."""
        keys = np.zeros(0, np.uint32)
        if len(units):
            if (units == 0).any():
                return False
            starts = np.flatnonzero(units == 32)
            ends = np.append(starts, len(units))
            starts += 1
            starts = np.insert(starts, 0, 0)
            two = ends - starts == 2
            if (ends - starts > 2).any():
                return False
            c1 = self._char_ids(units[starts])
            del ends
            second = np.where(two, units[np.minimum(starts + 1, len(units) - 1)], 0)
            c2 = self._char_ids(second)
            if c1 is None or c2 is None:
                return False
            keys = (c1 << np.uint32(16)) | c2
        self.parts.append(keys)
        self.first.append(first_doc)
        return True

    def _terms(self, keys: np.ndarray) -> list[str]:
        """The terms of uint32 keys (``id1 << 16 | id2``)."""
        chars = np.array(self.chars, np.uint32)
        pairs = np.stack([chars[keys >> np.uint32(16)], chars[keys & np.uint32(0xFFFF)]], 1)
        return pairs.view("<U2").ravel().tolist()  # a one-character term: its NUL dropped

    def unpack(self) -> list[list[str]]:
        """The terms of the parts added so far (to go on with a dict numbering)."""
        return [self._terms(p) for p in self.parts if p is not None]

    def group(
        self, counts: Sequence[int], tf_parts: list[np.ndarray], block: int
    ) -> tuple[list[str], np.ndarray, array, array] | None:
        """(the distinct terms in first-appearance order, their postings' offsets, the
        postings' document ordinals and frequencies as stdlib arrays), or None when the
        keys and positions need more than _KEY_BITS bits (then :meth:`unpack`). The
        frequencies of the occurrences, ``tf_parts``, are taken (the list emptied)."""
        n = len(counts)
        cbits = max(len(self.chars) - 1, 1).bit_length()
        jbits = max(max(counts, default=0) - 1, 1).bit_length()
        pbits = max(n - 1, 1).bit_length() + jbits
        if 2 * cbits + pbits > _KEY_BITS:
            return None
        cnt = np.array(counts, np.int64)
        row_start = np.zeros(n + 1, np.int64)
        np.cumsum(cnt, out=row_start[1:])
        m = int(row_start[-1])
        u64 = np.uint64
        tfs = np.concatenate(tf_parts) if tf_parts else np.zeros(0, np.uint16)
        tf_parts.clear()
        _release_memory()
        keys = np.empty(m, u64)  # filled part by part, each part freed once copied
        for i, (part, d0) in enumerate(zip(self.parts, self.first, strict=True)):
            assert part is not None
            a, z = int(row_start[d0]), int(row_start[d0]) + len(part)
            d1 = int(np.searchsorted(row_start, z, "left")) if len(part) else d0
            c = cnt[d0:d1]
            doc = np.repeat(np.arange(d0, d1, dtype=u64), c)
            j = np.arange(a, z, dtype=np.int64) - np.repeat(row_start[d0:d1], c)
            key = ((part >> np.uint32(16)).astype(u64) << u64(cbits + pbits)) | (
                (part & np.uint32(0xFFFF)).astype(u64) << u64(pbits)
            )
            keys[a:z] = key | (doc << u64(jbits)) | j.astype(u64)
            self.parts[i] = None
            if i % 16 == 15:  # the parts copied are given back as the keys fill up
                _release_memory()
        self.parts = []
        _release_memory()
        keys.sort()  # by term, then position (document, place in the row)
        # the first occurrence of each term (where the key above the position changes)
        heads = [np.zeros(min(m, 1), np.int64)]
        for a in range(0, m, block):
            k = keys[a : a + block + 1] >> u64(pbits)
            heads.append(np.flatnonzero(k[1:] != k[:-1]) + (a + 1))
        start = np.concatenate(heads)
        del heads
        lens = np.diff(np.append(start, m))
        pmask = u64((1 << pbits) - 1)
        torder = np.argsort(keys[start] & pmask)  # terms by first occurrence (distinct)
        glen = lens[torder]
        off = np.zeros(len(start) + 1, np.int64)
        np.cumsum(glen, out=off[1:])
        gk = keys[start[torder]] >> u64(pbits)
        cmask = u64((1 << cbits) - 1)
        terms = self._terms((((gk >> u64(cbits)) << u64(16)) | (gk & cmask)).astype(np.uint32))
        del gk
        # in place: each key becomes document << 16 | frequency (positions no longer needed)
        jmask = u64((1 << jbits) - 1)
        for a in range(0, m, block):
            p = keys[a : a + block] & pmask
            doc = p >> u64(jbits)
            at = row_start[doc.astype(np.int64)] + (p & jmask).astype(np.int64)
            keys[a : a + block] = (doc << u64(16)) | tfs[at].astype(u64)
        del tfs
        _release_memory()
        # the postings in term order: term t's block starts at start[torder[t]] in the keys
        shift = start[torder] - off[:-1]
        del start, torder, lens
        bdocs, btfs = array("i", [0]) * m, array("H", [0]) * m
        dv, tv = np.frombuffer(bdocs, np.int32), np.frombuffer(btfs, np.uint16)
        for a in range(0, m, block):
            z = min(a + block, m)
            t0 = int(np.searchsorted(off, a, "right")) - 1
            t1 = int(np.searchsorted(off, z, "left"))
            seg = np.minimum(off[t0 + 1 : t1 + 1], z) - np.maximum(off[t0:t1], a)
            x = keys[np.arange(a, z, dtype=np.int64) + np.repeat(shift[t0:t1], seg)]
            dv[a:z] = (x >> u64(16)).astype(np.int32)
            tv[a:z] = (x & u64(0xFFFF)).astype(np.uint16)
        del keys, dv, tv
        return terms, off, bdocs, btfs


def _group_dict(parts: list[list[str]]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """:func:`_group_packed` for any terms: ids in first-appearance order from a dict (new
    terms per batch by ``dict.fromkeys``, each occurrence's id by one ``map``), then a stable
    sort by id."""
    tid: dict[str, int] = {}
    id_parts = []
    for toks in parts:
        fresh = list(filterfalse(tid.__contains__, dict.fromkeys(toks)))
        tid.update(zip(fresh, range(len(tid), len(tid) + len(fresh)), strict=True))
        id_parts.append(np.fromiter(map(tid.__getitem__, toks), np.int32, len(toks)))
    ids = np.concatenate(id_parts) if id_parts else np.zeros(0, np.int32)
    off = np.zeros(len(tid) + 1, np.int64)
    np.cumsum(np.bincount(ids, minlength=len(tid)), out=off[1:])
    return list(tid), off, np.argsort(ids, kind="stable")
