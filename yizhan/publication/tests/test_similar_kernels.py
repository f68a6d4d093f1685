"""The numpy kernels of the whole-index similar-case ranking (similar.rank, Bm25Field's
accumulate_array / score_array) return what the plain definitions return: the two-stage
ranking written out with dicts and heapq (the code before numpy), ties included."""

from __future__ import annotations

import heapq
import math
import random

import numpy as np
import pytest

from yizhan.publication.search import benchmarks, engine, similar, text

ALPHABET = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土日月山川风云雷电"
CHARGES = ("盗窃罪", "诈骗罪", "抢劫罪", "危险驾驶罪")


def reference_rank(
    idx: similar.SimilarIndex, query: similar.Query, limit: int
) -> list[tuple[str, float]]:
    """similar.rank over the whole index, step by step as docs/search.md describes it."""
    bi = idx.bi
    terms = set(text.bigrams(query.facts))
    qc = query.charge_set()
    excluded = {idx.by_id[d] for d in query.exclude if d in idx.by_id}
    n = bi.n_docs
    prune = n >= similar.PRUNE_MIN_DOCS
    df_limit = similar.PRUNE_DF * n if prune else float("inf")
    dfs = {t: bi.df_of(t) for t in terms}
    first: list[str] = []
    spent = 0
    for t in sorted((t for t in terms if 0 < dfs[t] <= df_limit), key=lambda t: (dfs[t], t)):
        if prune and spent + dfs[t] > similar.POSTINGS_BUDGET and first:
            break
        first.append(t)
        spent += dfs[t]
    dense = bi.accumulate(first)  # the stdlib version
    top = max(dense, default=0.0) or 1.0
    bonus = {
        o: similar.CHARGE_WEIGHT * similar._jaccard(qc, idx.docs[o].charges)
        for c in qc
        for o in idx.by_charge.get(c, ())
    }

    def eligible(o: int) -> bool:
        return o not in excluded and idx.docs[o].published

    if prune:
        hits = [o for o in range(n) if dense[o]]
        spare = len(excluded) + idx.n_unpublished
        best = heapq.nlargest(similar.RERANK + spare, hits, key=dense.__getitem__)
        pool = set([o for o in best if eligible(o)][: similar.RERANK])
        pool.update(o for o in bonus if eligible(o))
        ords = heapq.nsmallest(
            similar.RERANK, sorted(pool), key=lambda o: -(dense[o] / top + bonus.get(o, 0.0))
        )
    else:
        ords = sorted({o for o in range(n) if dense[o]} | set(bonus))
        ords = [o for o in ords if eligible(o)]
    exact = {o: dense[o] for o in ords}
    for t in terms:
        if t in first or not dfs[t]:
            continue
        docs, imps = bi.postings(t)  # type: ignore[misc]
        at = dict(zip(docs, imps, strict=True))
        for o in ords:
            exact[o] += bi.idf(t) * at.get(o, 0.0)
    top = max(exact.values(), default=0.0) or 1.0
    scored = [(idx.docs[o].doc_id, exact[o] / top + bonus.get(o, 0.0)) for o in ords]
    return sorted(scored, key=lambda x: (-x[1], x[0]))[:limit]


def same_ranking(got: list[tuple[str, float]], want: list[tuple[str, float]]) -> None:
    assert [d for d, _ in got] == [d for d, _ in want]
    for (_, a), (_, b) in zip(got, want, strict=True):
        assert math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)


def record(doc_id: str, facts: str, charges: tuple[str, ...]) -> dict[str, object]:
    return {"doc_id": doc_id, "title": doc_id, "facts": facts, "outcome": "", "charges": charges}


# --- hand-built index -------------------------------------------------------------------------

HAND = [
    record("a", "甲乙丙丁戊", ("盗窃罪",)),  # every query bigram
    record("b", "甲乙丙丁", ("盗窃罪",)),  # three of them
    record("c", "丙丁戊己庚", ("诈骗罪",)),  # two, other charge
    record("d", "庚辛壬癸", ("盗窃罪",)),  # the charge only
    record("e", "甲乙丙丁戊", ("盗窃罪",)),  # as a, withdrawn
    record("f", "子丑寅卯", ()),  # nothing in common
]
HAND_QUERY = similar.Query("甲乙丙丁戊", ("盗窃罪",))


@pytest.fixture
def hand():
    idx = benchmarks.build_index(HAND, "hand")
    idx.docs[idx.by_id["e"]].published = False
    idx.n_unpublished = 1
    return idx


def test_hand_index_exhaustive_ranking(hand):
    got = similar.rank(hand, HAND_QUERY, limit=10)
    # a: best BM25 (normalised 1) + Jaccard 1; d: BM25 0 + Jaccard 1; c: BM25 only; e withdrawn
    assert [d for d, _ in got] == ["a", "b", "d", "c"]
    assert got[0][1] == 2.0 and got[2][1] == 1.0 and 1.0 < got[1][1] < 2.0 and got[3][1] < 1.0
    same_ranking(got, reference_rank(hand, HAND_QUERY, 10))
    q = similar.Query(HAND_QUERY.facts, ("盗窃罪",), exclude=("a",))
    assert [d for d, _ in similar.rank(hand, q, limit=10)] == ["b", "d", "c"]


def test_hand_index_pruned_ranking(hand, monkeypatch):
    monkeypatch.setattr(similar, "PRUNE_MIN_DOCS", 1)
    monkeypatch.setattr(similar, "RERANK", 2)
    # every query bigram is in > 30 % of the 6 documents: no first stage; the pool is the
    # eligible charge documents a, b, d (pre-score 1.0 each), the ties go to the lower
    # ordinals a and b, which are then scored exactly
    got = similar.rank(hand, HAND_QUERY, limit=10)
    assert [d for d, _ in got] == ["a", "b"]
    assert got[0][1] == 2.0
    same_ranking(got, reference_rank(hand, HAND_QUERY, 10))
    monkeypatch.setattr(similar, "RERANK", 3)
    assert [d for d, _ in similar.rank(hand, HAND_QUERY, limit=10)] == ["a", "b", "d"]


# --- random index: the pruned path against the reference ----------------------------------


def random_records(rnd: random.Random, n: int, start: int = 0) -> list[dict[str, object]]:
    weights = [1 / (i + 1) ** 0.8 for i in range(len(ALPHABET))]
    out = []
    for i in range(start, start + n):
        facts = "".join(rnd.choices(ALPHABET, weights, k=rnd.randint(8, 60)))
        charges = tuple(sorted(set(rnd.sample(CHARGES, rnd.choice((0, 1, 1, 2))))))
        out.append(record(f"r{i:04d}", facts, charges))
    return out


def queries(rnd: random.Random, idx: similar.SimilarIndex, k: int) -> list[similar.Query]:
    weights = [1 / (i + 1) ** 0.8 for i in range(len(ALPHABET))]
    ids = sorted(idx.by_id)
    return [
        similar.Query(
            "".join(rnd.choices(ALPHABET, weights, k=rnd.randint(5, 80))),
            tuple(rnd.sample(CHARGES, rnd.choice((0, 1, 2)))),
            exclude=tuple(rnd.sample(ids, rnd.choice((0, 1, 3)))),
        )
        for _ in range(k)
    ]


@pytest.mark.parametrize("forward_min_terms", [1, 10**9])
def test_pruned_ranking_equals_the_reference(tmp_path, monkeypatch, forward_min_terms):
    """Built in memory, loaded from a snapshot (forward index on or off), then with documents
    added since the snapshot (new statistics; new documents outside the forward index)."""
    monkeypatch.setattr(similar, "PRUNE_MIN_DOCS", 50)
    monkeypatch.setattr(similar, "RERANK", 25)
    monkeypatch.setattr(similar, "POSTINGS_BUDGET", 400)
    monkeypatch.setattr(engine, "FORWARD_MIN_TERMS", forward_min_terms)
    rnd = random.Random(20)
    idx = benchmarks.build_index(random_records(rnd, 300), "rnd")
    for o in rnd.sample(range(300), 12):  # withdrawn
        idx.docs[o].published = False
    idx.n_unpublished = 12

    def check() -> None:
        for q in queries(rnd, idx, 40):
            for limit in (5, 30):
                same_ranking(similar.rank(idx, q, limit=limit), reference_rank(idx, q, limit))

    check()
    idx.bi.save(tmp_path / "s.bin", {})
    idx.bi, _ = engine.Bm25Field.load(tmp_path / "s.bin")
    assert idx.bi._fwd_n == 300 and idx.bi._fwd_terms
    check()
    for r in random_records(rnd, 20, start=300):
        o = idx.bi.add(text.bigrams(str(r["facts"])))
        idx.docs.append(similar.Doc(str(r["doc_id"]), "", "", "", None, "", "", "",
                                    tuple(r["charges"]), (), "", similar.legal.sentence(""),
                                    True))  # type: ignore[arg-type]  # fmt: skip
        idx.by_id[str(r["doc_id"])] = o
        for c in r["charges"]:  # type: ignore[attr-defined]
            idx.by_charge.setdefault(c, []).append(o)
    idx.bi.freeze()
    idx.bonus_cache.clear()
    assert idx.bi._fwd_n == 300 < idx.bi.n_docs
    check()


def test_accumulate_array_is_accumulate_bit_for_bit(tmp_path):
    rnd = random.Random(3)
    idx = benchmarks.build_index(random_records(rnd, 120), "acc")
    terms = sorted({t for r in random_records(rnd, 5) for t in text.bigrams(str(r["facts"]))})
    assert idx.bi.accumulate_array(terms).tolist() == idx.bi.accumulate(terms)
    idx.bi.save(tmp_path / "s.bin", {})
    loaded, _ = engine.Bm25Field.load(tmp_path / "s.bin")
    assert loaded.accumulate_array(terms).tolist() == loaded.accumulate(terms)
    assert loaded.accumulate_array(["unknown"]).tolist() == [0.0] * 120


def test_score_array_is_bm25_of_each_candidate(tmp_path, monkeypatch):
    rnd = random.Random(5)
    idx = benchmarks.build_index(random_records(rnd, 150), "sc")
    idx.bi.save(tmp_path / "s.bin", {})
    field, _ = engine.Bm25Field.load(tmp_path / "s.bin")
    monkeypatch.setattr(engine, "FORWARD_MIN_TERMS", 1)
    terms = set(text.bigrams(ALPHABET)) | {"未知"}

    def brute(o: int) -> float:
        total = 0.0
        for t in terms:
            p = field.postings(t)
            if p is not None and o in p[0]:
                total += field.idf(t) * p[1][list(p[0]).index(o)]
        return total

    for ords in ([0], [3, 9, 27, 81], list(range(0, 150, 2)), list(range(150))):
        got = field.score_array(terms, np.array(ords, np.int64))
        for o, s in zip(ords, got.tolist(), strict=True):
            assert math.isclose(s, brute(o), rel_tol=1e-12, abs_tol=1e-12)
    assert field.score_only(terms, []) == {}
    assert field.score_only({"未知"}, [1, 2]) == {1: 0.0, 2: 0.0}


def test_best_orders_ties_as_heapq_nlargest():
    rnd = random.Random(1)
    for _ in range(200):
        items = np.array(sorted(rnd.sample(range(1000), rnd.randint(1, 60))), np.int64)
        vals = np.array([rnd.choice((0.5, 1.0, 1.5, 2.0)) for _ in items], np.float64)
        at = dict(zip(items.tolist(), vals.tolist(), strict=True))
        for k in (1, 5, 30, 100):
            want = heapq.nlargest(k, items.tolist(), key=at.__getitem__)
            assert similar._best(items, vals, k).tolist() == want
