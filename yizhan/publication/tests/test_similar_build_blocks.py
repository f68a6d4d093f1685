"""The bulk snapshot build in blocks (Bm25Field.from_rows / save with a small ``block``): the
rows read in many small groups, the keys filled, scanned and rearranged a few at a time, the
forward index gathered in pieces; and its ways out of the packed keys (too many characters,
keys too wide, rows not single-spaced). Every build must save the bytes of the definition
written out posting by posting (``reference_bytes`` of test_similar_build)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from yizhan.publication.search import engine
from yizhan.publication.tests.test_similar_build import random_rows, reference_bytes, row

Rows = list[tuple[str, bytes, int]]


def saved_bytes(rows: Rows, tmp_path: Path, *, batch: int, block: int) -> bytes:
    field = engine.Bm25Field.from_rows(
        [rows[i : i + batch] for i in range(0, len(rows), batch)], block=block
    )
    field.save(tmp_path / "b.bin", {"ids": [3]}, block=block)
    return (tmp_path / "b.bin").read_bytes()


@pytest.mark.parametrize("seed", [11, 12])
@pytest.mark.parametrize("block", [1, 2, 3, 7, 64])
def test_small_blocks_save_the_same_bytes(tmp_path, seed, block):
    rnd = random.Random(seed)
    rows = random_rows(rnd, 150)
    rows[40:40] = [row([]), row([]), row([("醉酒", 3)]), row([])]  # empty rows between groups
    rows.append(row([]))
    want = reference_bytes(rows, {"ids": [3]})
    assert saved_bytes(rows, tmp_path, batch=17, block=block) == want
    assert saved_bytes(rows, tmp_path, batch=1000, block=block) == want
    # the default block (the whole corpus in one group) gives the same bytes
    assert saved_bytes(rows, tmp_path, batch=1000, block=engine.BLOCK) == want


def test_the_forward_index_in_blocks_holds_the_same_entries(tmp_path):
    rows = random_rows(random.Random(13), 120)
    small = engine.Bm25Field.from_rows([rows], block=5)
    small.save(tmp_path / "s.bin", {}, block=5)
    whole = engine.Bm25Field.from_rows([rows])
    whole.save(tmp_path / "w.bin", {})
    assert small._fwd_terms == whole._fwd_terms and len(small._fwd_ids) > 100
    for name in ("_bdocs", "_btfs", "_bimps", "_fwd_off", "_fwd_ids", "_fwd_tfs", "_fwd_imps"):
        got, want = getattr(small, name), getattr(whole, name)
        assert got.typecode == want.typecode and got.tobytes() == want.tobytes(), name


def unpacked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Records the number of terms unpacked by each _Packer.unpack call."""
    calls: list[int] = []
    real = engine._Packer.unpack

    def spy(self: engine._Packer) -> list[list[str]]:
        got = real(self)
        calls.append(sum(len(t) for t in got))
        return got

    monkeypatch.setattr(engine._Packer, "unpack", spy)
    return calls


def test_too_many_characters_fall_back_to_the_dict_numbering(tmp_path, monkeypatch):
    """Past _MAX_CHARS distinct characters (in a later group of rows) the terms read so far
    are unpacked and the dict numbering goes on: the same bytes."""
    monkeypatch.setattr(engine, "_MAX_CHARS", 25)
    calls = unpacked(monkeypatch)
    rnd = random.Random(14)
    few = ["甲乙", "乙丙", "丙", "甲丙", "丙甲"]  # 3 characters
    rows = [row([(t, rnd.randint(1, 3)) for t in rnd.sample(few, 3)]) for _ in range(30)]
    rows += random_rows(rnd, 160)
    assert saved_bytes(rows, tmp_path, batch=20, block=4) == reference_bytes(rows, {"ids": [3]})
    assert len(calls) == 1 and calls[0] >= 90  # the first 30 rows at least were packed


def test_keys_too_wide_fall_back_to_the_dict_numbering(tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "_KEY_BITS", 12)
    calls = unpacked(monkeypatch)
    rows = random_rows(random.Random(15), 60)
    assert saved_bytes(rows, tmp_path, batch=7, block=3) == reference_bytes(rows, {"ids": [3]})
    assert calls == [sum(len(r[0].split()) for r in rows)]  # all packed, then unpacked


@pytest.mark.parametrize("block", [2, 1000])
def test_rows_not_single_spaced_are_split_like_str_split(tmp_path, block):
    """Terms separated by several spaces, tabs, newlines or U+3000, with spaces around: the
    terms of ``str.split()`` (reference_bytes splits so), still packed."""
    rows = random_rows(random.Random(16), 50)
    odd = [
        ("醉酒  驾驶", b"\x01\x00\x02\x00", 3),
        (" 盗窃\t手机\n", b"\x01\x00\x01\x00", 2),
        ("机动\u3000车 ", b"\x04\x00\x01\x00", 5),
        ("  ", b"", 0),
        ("\x85驾驶\xa0醉", b"\x02\x00\x01\x00", 3),
    ]
    rows[10:10] = odd
    want = reference_bytes(rows, {"ids": [3]})
    assert saved_bytes(rows, tmp_path, batch=9, block=block) == want
    field = engine.Bm25Field.from_rows([odd])
    assert list(field._bterms) == ["醉酒", "驾驶", "盗窃", "手机", "机动", "车", "醉"]


def test_a_row_with_more_terms_than_frequencies_is_refused_in_blocks():
    rows = [row([("醉酒", 1)]), ("醉酒 驾驶 机动", b"\x01\x00\x01\x00", 2)]
    with pytest.raises(ValueError):
        engine.Bm25Field.from_rows([rows], block=1)


def test_no_whitespace_above_the_table():
    """_OTHER_SPACE covers every character ``str.split()`` splits on (none above U+3000)."""
    assert not any(chr(c).isspace() for c in range(len(engine._OTHER_SPACE), sys.maxunicode + 1))
    assert [c for c in range(len(engine._OTHER_SPACE)) if engine._OTHER_SPACE[c]] == [
        c for c in range(len(engine._OTHER_SPACE)) if chr(c).isspace() and c != 32
    ]


@pytest.mark.parametrize("block", [1, 4, 1000])
def test_a_term_repeated_in_a_row_keeps_its_postings_in_row_order(tmp_path, block):
    """Rows are meant to list distinct terms, but a repeated one is kept as add_counts keeps
    it: one posting per occurrence, in the row's order (also in the forward index)."""
    rnd = random.Random(17)
    rows = random_rows(rnd, 40)
    rows[3:3] = [
        row([("醉酒", 2), ("驾驶", 1), ("醉酒", 5)]),
        row([("驾驶", 7), ("驾驶", 1), ("醉", 3), ("驾驶", 2)]),
    ]
    rows.append(row([("醉酒", 9), ("醉酒", 4)]))
    assert saved_bytes(rows, tmp_path, batch=6, block=block) == reference_bytes(rows, {"ids": [3]})
    field = engine.Bm25Field.from_rows([rows[3:5]], block=block)
    assert field._bdocs.tolist()[:5] == [0, 0, 0, 1, 1]  # 醉酒 twice in row 0, 驾驶 ...
    assert field._btfs.tolist()[:6] == [2, 5, 1, 7, 1, 2]
    field.save(tmp_path / "f.bin", {}, block=block)
    assert field._fwd_ids.tolist() == [0, 0, 1, 1, 1, 1, 2]
    assert field._fwd_tfs.tolist() == [2, 5, 1, 7, 1, 2, 3]
