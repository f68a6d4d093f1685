"""The similarity snapshot build (Bm25Field.from_rows, save, the forward index) pinned on small
hand-built corpora: the saved bytes must be those of the straightforward definition (postings
per term in first-appearance order, impacts in scalar Python, the forward index by a counting
sort term by term), written out here independently of the numpy build."""

from __future__ import annotations

import json
import math
import random
from array import array
from pathlib import Path

import pytest

from yizhan.publication import search
from yizhan.publication.search import engine, similar, store

K1, B = 1.2, 0.75


def reference_bytes(rows: list[tuple[str, bytes, int]], meta: dict, k1: float = K1,
                    b: float = B) -> bytes:  # fmt: skip
    """The snapshot of ``rows`` by the definition, one posting at a time."""
    lists: dict[str, list[tuple[int, int]]] = {}
    lengths = [r[2] for r in rows]
    for o, (terms, tfs, _) in enumerate(rows):
        for t, tf in zip(terms.split(), array("H", tfs), strict=True):
            lists.setdefault(t, []).append((o, tf))
    n = len(rows)
    avgdl = sum(lengths) / n if n else 1.0
    norms = [k1 * (1 - b + b * dl / avgdl) for dl in lengths]
    terms = list(lists)
    off, docs, tfs_a, imps = [0], [], [], []
    for t in terms:
        for o, tf in lists[t]:
            docs.append(o)
            tfs_a.append(min(tf, 65535))
            imps.append(tf * (k1 + 1) / (tf + norms[o]))
        off.append(len(docs))
    limit = max(engine.FORWARD_MIN_DF * n, 1)
    chosen = [i for i in range(len(terms)) if off[i + 1] - off[i] >= limit]
    per_doc: list[list[tuple[int, int, float]]] = [[] for _ in range(n)]
    for fid, i in enumerate(chosen):
        for p in range(off[i], off[i + 1]):
            per_doc[docs[p]].append((fid, tfs_a[p], imps[p]))
    fwd_off = [0]
    for entries in per_doc:
        fwd_off.append(fwd_off[-1] + len(entries))
    flat = [e for entries in per_doc for e in entries]
    head = json.dumps({**meta, "k1": k1, "b": b, "n": n, "terms": terms},
                      ensure_ascii=False).encode("utf-8")  # fmt: skip
    out = bytearray(engine._MAGIC + len(head).to_bytes(8, "little") + head)
    for code, values in (
        ("i", lengths), ("q", off), ("i", docs), ("H", tfs_a), ("f", imps), ("i", chosen),
        ("q", fwd_off), ("H", [e[0] for e in flat]), ("H", [e[1] for e in flat]),
        ("f", [e[2] for e in flat]),
    ):  # fmt: skip
        out += len(values).to_bytes(8, "little") + array(code, values).tobytes()
    return bytes(out)


def row(pairs: list[tuple[str, int]], extra: int = 0) -> tuple[str, bytes, int]:
    return (" ".join(t for t, _ in pairs), array("H", [f for _, f in pairs]).tobytes(),
            sum(f for _, f in pairs) + extra)  # fmt: skip


HAND = [
    row([("醉酒", 2), ("驾驶", 1), ("机动", 1)]),
    row([("驾驶", 3), ("盗窃", 1)], extra=4),
    row([]),
    row([("盗窃", 65535), ("醉酒", 1), ("手机", 2)]),
    row([("机动", 1), ("手机", 1), ("驾驶", 1), ("醉酒", 5)]),
]


def saved(field: engine.Bm25Field, tmp_path: Path, meta: dict) -> bytes:
    field.save(tmp_path / "s.bin", meta)
    return (tmp_path / "s.bin").read_bytes()


def test_hand_built_snapshot_arrays(tmp_path):
    field = engine.Bm25Field.from_rows([HAND[:2], HAND[2:]], K1, B)
    assert list(field._bterms) == ["醉酒", "驾驶", "机动", "盗窃", "手机"]
    assert field._boff.tolist() == [0, 3, 6, 8, 10, 12]
    assert field._bdocs.tolist() == [0, 3, 4, 0, 1, 4, 0, 4, 1, 3, 3, 4]
    assert field._btfs.tolist() == [2, 1, 5, 1, 3, 1, 1, 1, 1, 65535, 2, 1]
    assert field._lengths.tolist() == [4, 8, 0, 65538, 8]
    avgdl = (4 + 8 + 0 + 65538 + 8) / 5
    assert field.avgdl == avgdl
    want = [tf * 2.2 / (tf + 1.2 * (1 - 0.75 + 0.75 * [4, 8, 0, 65538, 8][o] / avgdl))
            for o, tf in zip(field._bdocs, field._btfs, strict=True)]  # fmt: skip
    assert field._bimps is not None
    assert field._bimps.tobytes() == array("f", want).tobytes()
    data = saved(field, tmp_path, {"ids": [1, 2, 3, 4, 5]})
    assert data == reference_bytes(HAND, {"ids": [1, 2, 3, 4, 5]})
    # every term is in >= 5 % of 5 documents: the forward index holds all the postings,
    # grouped by document, each document's entries in term order
    assert field._fwd_off.tolist() == [0, 3, 5, 5, 8, 12]
    assert field._fwd_ids.tolist() == [0, 1, 2, 1, 3, 0, 3, 4, 0, 1, 2, 4]
    assert field._fwd_tfs.tolist() == [2, 1, 1, 3, 1, 1, 65535, 2, 5, 1, 1, 1]


def random_rows(rnd: random.Random, n: int, extra: tuple[str, ...] = ()
                ) -> list[tuple[str, bytes, int]]:  # fmt: skip
    vocab = [chr(0x4E00 + i) + chr(0x4E00 + j) for i in range(30) for j in range(30)]
    vocab[::7] = [chr(0x4E00 + i) for i in range(len(vocab[::7]))]  # one-character terms
    vocab[5:5] = extra
    out = []
    for _ in range(n):
        size = rnd.choice([20, 200, 900])
        terms = dict.fromkeys(rnd.choice(vocab[:size]) for _ in range(rnd.randint(0, 40)))
        out.append(row([(t, rnd.choice([1, 1, 2, 3, 7, 65535])) for t in terms],
                       extra=rnd.randint(0, 3)))  # fmt: skip
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_build_is_the_definition_byte_for_byte(tmp_path, seed):
    rnd = random.Random(seed)
    rows = random_rows(rnd, rnd.randint(1, 300))
    size = rnd.randint(1, 40)
    field = engine.Bm25Field.from_rows([rows[i : i + size] for i in range(0, len(rows), size)])
    assert saved(field, tmp_path, {"ids": [7]}) == reference_bytes(rows, {"ids": [7]})
    # the same field built one document at a time (add_counts) saves the same bytes
    slow = engine.Bm25Field(K1, B)
    for terms, tfs, length in rows:
        slow.add_counts(terms.split(), array("H", tfs), length)
    slow.freeze()
    assert saved(slow, tmp_path, {"ids": [7]}) == reference_bytes(rows, {"ids": [7]})


@pytest.mark.parametrize(
    "extra",
    [("x",), ("a\x00",), ("abc",), ("民间借贷",), ("\U0001f600b", "c\U0001f600")],
)
def test_build_of_other_terms_is_the_definition(tmp_path, extra):
    """Terms the packing into uint64 does not take (longer, with a NUL) go through the dict
    numbering, also when they first appear in a later batch; characters outside the BMP are
    one UTF-32 unit each and are packed."""
    rnd = random.Random(4)
    rows = random_rows(rnd, 80)
    late = random_rows(rnd, 40, extra=extra)
    late.append(row([(t, 2) for t in extra]))
    rows += late
    field = engine.Bm25Field.from_rows([rows[:80], rows[80:100], rows[100:]])
    assert set(extra) <= set(field._bterms)
    assert saved(field, tmp_path, {}) == reference_bytes(rows, {})


def test_empty_build(tmp_path):
    field = engine.Bm25Field.from_rows([], K1, B)
    assert field.n_docs == 0
    assert saved(field, tmp_path, {}) == reference_bytes([], {})


def test_row_with_mismatched_frequencies_is_refused():
    with pytest.raises(ValueError):
        engine.Bm25Field.from_rows([[("醉酒 驾驶", array("H", [1]).tobytes(), 1)]])


def test_documents_added_to_a_snapshot_save_as_a_full_build(tmp_path):
    """A loaded snapshot plus documents added since (impacts recomputed for the new
    statistics, first use of a term) saves the snapshot of all the rows."""
    rnd = random.Random(9)
    rows = random_rows(rnd, 120)
    engine.Bm25Field.from_rows([rows[:100]]).save(tmp_path / "a.bin", {})
    field, _ = engine.Bm25Field.load(tmp_path / "a.bin")
    for terms, tfs, length in rows[100:]:
        field.add_counts(terms.split(), array("H", tfs), length)
    field.freeze()
    full = engine.Bm25Field.from_rows([rows])
    for t in list(full._bterms)[:60]:
        got, want = field.postings(t), full.postings(t)
        assert got is not None and want is not None
        assert got[0].tolist() == want[0].tolist()
        assert got[1].tobytes() == want[1].tobytes()
        n = full.n_docs
        scalar = [tf * 2.2 / (tf + 1.2 * (1 - 0.75 + 0.75 * full._lengths[o] / full.avgdl))
                  for o, tf in zip(want[0], full._btfs[full._boff[full._bterms[t]]:
                                                       full._boff[full._bterms[t] + 1]],
                                   strict=True)]  # fmt: skip
        assert want[1].tobytes() == array("f", scalar).tobytes() and n == 120
    assert saved(field, tmp_path, {}) == reference_bytes(rows, {})


@pytest.fixture(scope="session", autouse=True)
def search_schema(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        store.ensure_schema(force=True)


def test_build_snapshot_from_the_database(db, settings, tmp_path):
    settings.YIZHAN_SEARCH_DIR = str(tmp_path)
    facts = ["被告人醉酒后驾驶机动车在道路上行驶。", "被告人入户盗窃他人手机一部。",
             "被告人醉酒驾驶机动车，血液酒精含量为一百毫克。", ""]  # fmt: skip
    for i, f in enumerate(facts):
        search.index_document(f"b{i}", "粤0802", 2024, "刑事", "", f"b{i}", f or "判决", True,
                              facts=f or "判决", outcome="")  # fmt: skip
    try:
        path = similar.build_snapshot("public")
        with store.conn().cursor() as cur:
            cur.execute("SELECT id, sim_terms, sim_tfs, sim_len FROM search_document "
                        "WHERE index_name = 'public' ORDER BY id")  # fmt: skip
            got = cur.fetchall()
        rows = [(r[1], bytes(r[2]), r[3]) for r in got]
        meta = {"epoch": store.epoch(), "index": "public", "ids": [r[0] for r in got]}
        assert path.read_bytes() == reference_bytes(rows, meta)
        idx = similar.load("public")
        assert idx.bi.n_docs == 4 and not math.isnan(idx.bi.avgdl)
    finally:
        store.clear("public")
