"""Ranking metrics of the LeCaRD protocols (../shared/docs/benchmarks.md §8).

* labelled-30: restrict the system ranking to the query's labelled candidates, in system order;
* pool-100: rank the whole pool, unlabelled candidates count 0.

NDCG@k uses linear gain (the label 0..3) and log2(i + 1) discount, IDCG from the query's labels
sorted in decreasing order; MAP counts only label 3 as relevant.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence


def dcg(gains: Sequence[float], k: int) -> float:
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains[:k]))


def ndcg(ranking: Sequence[str], labels: Mapping[str, int], k: int) -> float:
    ideal = dcg(sorted(labels.values(), reverse=True), k)
    if ideal == 0:
        return 0.0
    return dcg([labels.get(d, 0) for d in ranking], k) / ideal


def average_precision(
    ranking: Sequence[str], labels: Mapping[str, int], relevant: int = 3
) -> float:
    hits, total = 0, 0.0
    for i, d in enumerate(ranking, start=1):
        if labels.get(d, 0) >= relevant:
            hits += 1
            total += hits / i
    n_rel = sum(1 for v in labels.values() if v >= relevant)
    return total / n_rel if n_rel else 0.0


def restrict(ranking: Sequence[str], labels: Mapping[str, int], pool: Sequence[str]) -> list[str]:
    """The system ranking restricted to ``pool``; pool members the system did not rank are
    appended in pool order (so every run is complete)."""
    allowed = set(pool)
    seen: set[str] = set()
    out = []
    for d in ranking:
        if d in allowed and d not in seen:
            seen.add(d)
            out.append(d)
    out.extend(d for d in pool if d not in seen)
    return out


def evaluate(
    rankings: Mapping[str, Sequence[str]],
    labels: Mapping[str, Mapping[str, int]],
    pools: Mapping[str, Sequence[str]],
    *,
    protocol: str,
) -> dict[str, float]:
    """Mean NDCG@10/20/30 and MAP over the queries of ``rankings``.

    ``protocol`` "labelled30": the candidate set is the query's labelled ids (label-file order);
    "pool100": the candidate set is the query's pool."""
    sums = {"NDCG@10": 0.0, "NDCG@20": 0.0, "NDCG@30": 0.0, "MAP": 0.0}
    for qid, ranking in rankings.items():
        lab = labels[qid]
        cand = list(lab) if protocol == "labelled30" else list(pools[qid])
        run = restrict(ranking, lab, cand)
        for k in (10, 20, 30):
            sums[f"NDCG@{k}"] += ndcg(run, lab, k)
        sums["MAP"] += average_precision(run, lab)
    n = max(len(rankings), 1)
    return {k: v / n for k, v in sums.items()}
