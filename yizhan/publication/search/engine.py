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

import json
import math
import os
from array import array
from bisect import bisect_left
from collections import Counter, deque
from collections.abc import Iterable, Mapping, Sequence
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

    def _impacts_np(self, docs: np.ndarray, tfs: np.ndarray) -> np.ndarray:
        """``tf * (k1 + 1) / (tf + norm[d])`` per posting in float64, stored as float32: the
        same operations in the same order as the scalar expression, so the same floats."""
        tf = tfs.astype(np.float64)
        out = tf * (self.k1 + 1)
        out /= tf + self._norms_np()[docs]
        return out.astype(np.float32)

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
        from the postings (``off``, ``docs``, ``tfs``, ``imps`` as in a snapshot, numpy), by a
        stable sort on the document ordinal: the entries of a document are in term order
        (the order of the chosen terms), as a counting sort term by term would leave them.
        Returns the chosen term indices (int32). It depends on the frequencies only (impacts
        are computed per candidate from the current statistics), so it stays valid when
        documents are added; those are simply not in it (``_fwd_n``)."""
        n = len(self._lengths)
        limit = max(FORWARD_MIN_DF * n, 1)
        df = np.diff(off)
        chosen = np.flatnonzero(df >= limit)
        if len(chosen) > 65535:  # the most frequent, ties in term order
            chosen = chosen[np.argsort(-df[chosen], kind="stable")[:65535]]
        lens = df[chosen]
        total = int(lens.sum())
        # the chosen terms' postings one after the other, then grouped by document (stable)
        flat = np.arange(total, dtype=np.int64)
        if total:
            flat += np.repeat(off[chosen] - (np.cumsum(lens) - lens), lens)
        fdocs = docs[flat]
        order = np.argsort(fdocs, kind="stable")
        flat = flat[order]
        fwd_off = np.zeros(n + 1, np.int64)
        np.cumsum(np.bincount(fdocs, minlength=n), out=fwd_off[1:])
        ids = np.repeat(np.arange(len(chosen), dtype=np.uint16), lens)[order]
        self._fwd_imps, self._fwd_stats = array("f", imps[flat].tobytes()), (n, self.avgdl)
        self._fwd_terms = {terms[i]: fid for fid, i in enumerate(chosen.tolist())}
        self._fwd_off = array("q", fwd_off.tobytes())
        self._fwd_ids = array("H", ids.tobytes())
        self._fwd_tfs = array("H", tfs[flat].tobytes())
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
        cls, chunks: Iterable[Sequence[tuple[str, bytes, int]]], k1: float = 1.2, b: float = 0.75
    ) -> Bm25Field:
        """A frozen field of the documents given as rows (space-separated distinct terms,
        their uint16 frequencies as bytes, the length), in batches: the same field as
        :meth:`add_counts` of each row then :meth:`freeze` would give (the same terms in
        the same order: first appearance; the same postings and frequencies), held as
        snapshot arrays, with the impacts. Terms of one or two characters (the bigrams) are
        packed into uint64 keys and grouped by one stable sort (:func:`_group_packed`);
        other terms are numbered with a dict (:func:`_group_dict`)."""
        field = cls(k1, b)
        parts: list[Any] = []  # per batch: uint64 keys while packed, else the terms
        tf_parts: list[np.ndarray] = []
        counts: list[int] = []
        packed = True
        for rows in chunks:
            toks: list[str] = []
            blobs = []
            nul = False
            for terms, freqs, length in rows:
                words = terms.split()
                if 2 * len(words) != len(freqs):
                    raise ValueError("a row's terms and frequencies differ in number")
                toks += words
                blobs.append(bytes(freqs))
                counts.append(len(words))
                field._lengths.append(length)
                nul = nul or "\x00" in terms
            tf_parts.append(np.frombuffer(b"".join(blobs), np.uint16))
            if packed:
                chars = np.array(toks, np.str_) if toks else np.zeros(0, "<U2")
                if not nul and chars.dtype.itemsize <= 8:
                    parts.append(chars.astype("<U2").view(np.uint64))
                    continue
                packed = False
            parts.append(toks)
        if packed:
            terms_list, off, order = _group_packed(parts)
        else:
            terms_list, off, order = _group_dict(
                [p.view("<U2").tolist() if isinstance(p, np.ndarray) else p for p in parts]
            )
        n = len(counts)
        ords = np.repeat(np.arange(n, dtype=np.int32), counts)
        field._bterms = dict(zip(terms_list, range(len(terms_list)), strict=True))
        field._boff = array("q", off.tobytes())
        docs = ords[order]
        field._bdocs = array("i", docs.tobytes())
        btfs = np.concatenate(tf_parts)[order] if tf_parts else np.zeros(0, np.uint16)
        field._btfs = array("H", btfs.tobytes())
        field._bn = n
        field.freeze()
        field._bimps = array("f", field._impacts_np(docs, btfs).tobytes())
        field._np = None
        return field

    # -- snapshot -----------------------------------------------------------------------
    def save(self, path: Path, meta: dict[str, Any]) -> None:
        """Writes the postings and lengths (atomically: temp file + rename)."""
        terms = list(self._bterms) + [t for t in self._lists if t not in self._bterms]
        off, docs, tfs = self._merged_postings(terms)
        imps = self._impacts_np(docs, tfs)
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


def _group_packed(parts: list[np.ndarray]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Terms of at most two characters (no NUL), each occurrence packed as the uint64 of its
    two UTF-32 code units (a one-character term padded with NUL): (the distinct terms in
    first-appearance order, their postings' offsets, the permutation of the occurrences
    that groups them by term, occurrences in input order within a term)."""
    keys = np.concatenate(parts) if parts else np.zeros(0, np.uint64)
    m = len(keys)
    perm = np.argsort(keys, kind="stable")  # by key, then position
    sk = keys[perm]
    del keys
    head = np.ones(m, bool)
    head[1:] = sk[1:] != sk[:-1]
    start = np.flatnonzero(head)
    lens = np.diff(np.append(start, m))
    torder = np.argsort(perm[start])  # keys by their first occurrence (distinct positions)
    glen = lens[torder]
    off = np.zeros(len(start) + 1, np.int64)
    np.cumsum(glen, out=off[1:])
    terms = sk[start[torder]].view("<U2").tolist()
    del sk
    idx = np.arange(m, dtype=np.int64)
    idx += np.repeat(start[torder] - off[:-1], glen)
    return terms, off, perm[idx]


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
