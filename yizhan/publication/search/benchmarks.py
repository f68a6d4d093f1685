"""Loaders and evaluation for the public benchmarks (../shared/docs/benchmarks.md §2, §4, §8, §9).

The data is read where it lies (``settings.YIZHAN_SHARED_DATA`` or ``<BASE_DIR>/../shared/data``)
and never copied into the project. The evaluation builds the same :class:`SimilarIndex` the
product uses, in memory, from the candidate records (no database write), and ranks with
:func:`yizhan.publication.search.similar.rank`.
"""

from __future__ import annotations

import hashlib
import json
import lzma
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings

from . import legal, metrics, similar, text

EXCLUDED = ("2403", "4738")  # incomplete LeCaRD queries (benchmarks.md §2)


def shared_data() -> Path:
    custom = getattr(settings, "YIZHAN_SHARED_DATA", None)
    return Path(custom) if custom else Path(settings.BASE_DIR).parent / "shared" / "data"


def lecard_candidates(folder: Path) -> Iterator[dict[str, Any]]:
    path = folder / "candidates.jsonl.xz"
    opener: Any = lzma.open if path.exists() else open
    if not path.exists():
        path = folder / "candidates.jsonl"
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def lecard_record_fields(r: dict[str, Any]) -> dict[str, Any]:
    """How a LeCaRD candidate maps onto the index: facts = ajjbqk, outcome = pjjg, charges from
    the judgment and the court's reasoning."""
    pjjg, cpfxgc = r.get("pjjg") or "", r.get("cpfxgc") or ""
    return {
        "doc_id": str(r["cid"]),
        "title": r.get("writName") or r.get("ajName") or "",
        "text": r.get("qw") or "",
        "facts": r.get("ajjbqk") or "",
        "outcome": pjjg,
        "charges": tuple(legal.charges(pjjg + cpfxgc)),
    }


def build_index(records: list[dict[str, Any]], name: str = "eval") -> similar.SimilarIndex:
    idx = similar.SimilarIndex(name, 0)
    for r in records:
        o = idx.bi.add(text.bigrams(r["facts"]))
        ch = tuple(r["charges"]) or tuple(legal.charges(r["outcome"]))
        idx.docs.append(similar.Doc(
            r["doc_id"], r["title"], "", "", None, "", "", "", ch, (), r["facts"],
            legal.sentence(r["outcome"]), True,
        ))  # fmt: skip
        idx.by_id[r["doc_id"]] = o
        for c in ch:
            idx.by_charge.setdefault(c, []).append(o)
    idx.bi.freeze()
    return idx


def load_lecard(folder: Path) -> dict[str, Any]:
    labels_all = json.loads((folder / "label_top30_dict.json").read_text(encoding="utf-8"))
    labels = {q: dict(list(v.items())[:30]) for q, v in labels_all.items()}
    ps = json.loads((folder / "pools_and_splits.json").read_text(encoding="utf-8"))
    queries = {}
    with open(folder / "query.json", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                queries[str(r["ridx"])] = {"q": r["q"], "crime": r.get("crime") or []}
    complete = [q for q in ps["complete_queries"] if q not in EXCLUDED]
    test20 = list(ps["splits"]["lecard_readme_test20"])
    splits = {
        "test20": test20,
        "train85": [q for q in complete if q not in test20],
        "all": complete,
    }
    return {"labels": labels, "pools": ps["pools"], "queries": queries, "splits": splits}


def evaluate_lecard(
    folder: Path, split: str, protocol: str, idx: similar.SimilarIndex | None = None,
    data: dict[str, Any] | None = None,
) -> dict[str, float]:  # fmt: skip
    data = data or load_lecard(folder)
    if idx is None:
        idx = build_index([lecard_record_fields(r) for r in lecard_candidates(folder)])
    rankings = {}
    for qid in data["splits"][split]:
        cand = list(data["labels"][qid]) if protocol == "labelled30" else data["pools"][qid]
        qr = data["queries"][qid]
        q = similar.Query(facts=qr["q"], charges=qr["crime"])
        rankings[qid] = [d for d, _ in similar.rank(idx, q, candidates=cand)]
    return metrics.evaluate(
        rankings, {q: data["labels"][q] for q in rankings}, data["pools"], protocol=protocol
    )


def evaluate_official_run(folder: Path, run: str, split: str, protocol: str) -> dict[str, float]:
    """Scores one of the authors' shipped runs (sanity check of the metric code against README
    Table B). bm25/tfidf runs are stored in ascending order."""
    data = load_lecard(folder)
    raw = json.loads((folder / "prediction" / f"{run}_top100.json").read_text(encoding="utf-8"))
    rankings = {}
    for qid in data["splits"][split]:
        r = [str(x) for x in raw[qid]]
        rankings[qid] = list(reversed(r)) if run in ("bm25", "tfidf") else r
    return metrics.evaluate(
        rankings, {q: data["labels"][q] for q in rankings}, data["pools"], protocol=protocol
    )


def scm_triplets(folder: Path) -> list[dict[str, str]]:
    """The 500-triplet sample with the §9 convention: on every odd line (0-based) B and C are
    swapped and the gold answer is "C"; otherwise gold is "B"."""
    out = []
    with open(folder / "input.txt", encoding="utf-8") as f:
        for i, line in enumerate(x for x in f if x.strip()):
            r = json.loads(line)
            if i % 2:
                out.append({"A": r["A"], "B": r["C"], "C": r["B"], "gold": "C"})
            else:
                out.append({"A": r["A"], "B": r["B"], "C": r["C"], "gold": "B"})
    return out


def scm_split(triplets: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    """final = triplets whose A is among the first 42 distinct A texts by SHA-1 (§9); dev = rest."""
    distinct = sorted({t["A"] for t in triplets},
                      key=lambda a: hashlib.sha1(a.encode("utf-8")).hexdigest())  # noqa: S324  # fmt: skip
    final = set(distinct[:42])
    return {
        "final": [t for t in triplets if t["A"] in final],
        "dev": [t for t in triplets if t["A"] not in final],
        "all": triplets,
    }


def scm_accuracy(triplets: list[dict[str, str]]) -> float:
    """Same similarity: BM25 over bigrams with IDF from the sample's distinct documents,
    query A as a set of bigrams; plus the charge/cause bonus (same cause here, so neutral)."""
    docs = sorted({t[k] for t in triplets for k in "ABC"})
    idx = build_index([
        {"doc_id": str(i), "title": "", "facts": d, "outcome": "", "charges": ()}
        for i, d in enumerate(docs)
    ])  # fmt: skip
    ids = {d: str(i) for i, d in enumerate(docs)}
    right = 0
    for t in triplets:
        s = dict(similar.rank(idx, similar.Query(facts=t["A"]),
                              candidates=[ids[t["B"]], ids[t["C"]]]))  # fmt: skip
        pred = "B" if s[ids[t["B"]]] >= s[ids[t["C"]]] else "C"
        right += pred == t["gold"]
    return right / len(triplets) if triplets else math.nan
