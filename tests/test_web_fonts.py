"""The pages' rare-character fallback: the vendored "Yizhan Rare" web family (vendor.sh,
frontend/rare-fonts.js) and its place in the font stacks. Plain pytest, no database."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "yizhan" / "static"
RARE_CSS = STATIC / "vendor" / "yizhan-rare" / "yizhan-rare.css"
SC_CSS = STATIC / "vendor" / "noto-sans-sc" / "noto-sans-sc.css"


@pytest.fixture(autouse=True)
def _media_root():
    """Overrides the root conftest's autouse fixture (it needs pytest-django's `settings`)."""


def _faces(css_path: Path) -> list[tuple[str, str, str, set[int]]]:
    """(family, weight, file, code points) of every @font-face of a stylesheet."""
    faces = []
    for block in re.findall(r"@font-face\s*{(.*?)}", css_path.read_text(encoding="utf-8"), re.S):
        family = re.search(r"font-family:\s*'([^']+)'", block)
        weight = re.search(r"font-weight:\s*(\d+)", block)
        src = re.search(r"src:\s*url\(\./files/([^)]+)\)\s*format\('woff2'\)", block)
        ranges = re.search(r"unicode-range:\s*([^;]+);", block)
        assert family and weight and src and ranges, block
        cps: set[int] = set()
        for part in ranges.group(1).split(","):
            first, _, last = part.strip().removeprefix("U+").partition("-")
            cps.update(range(int(first, 16), int(last or first, 16) + 1))
        faces.append((family.group(1), weight.group(1), src.group(1), cps))
    return faces


def test_rare_family_declares_the_rare_characters_and_nothing_noto_sans_sc_has():
    faces = _faces(RARE_CSS)
    assert len(faces) > 50
    assert {(family, weight) for family, weight, _, _ in faces} == {("Yizhan Rare", "400")}
    rare = set().union(*(cps for *_, cps in faces))
    assert 0x20BB7 in rare  # 𠮷, CJK Ext. B (from Noto Sans JP)
    assert 0x4DAE in rare  # 䶮, CJK Ext. A (Noto Sans SC's TTF has it, its web slices do not)
    assert 0x282E2 in rare  # 𨋢, HKSCS (from Noto Sans HK)
    assert sum(len(cps) for *_, cps in faces) == len(rare)  # slices do not overlap
    # Never claims a character the Noto Sans SC web slices declare: those keep their glyph.
    sc = set().union(*(cps for *_, cps in _faces(SC_CSS)))
    assert not rare & sc
    assert 0x7532 in sc and 0x7532 not in rare  # 甲
    for _, _, name, cps in faces:
        data = (RARE_CSS.parent / "files" / name).read_bytes()
        assert data[:4] == b"wOF2", name
        assert len(cps) <= 200 and len(data) < 120_000, name  # small slices, fetched on demand
    assert "SIL OPEN FONT LICENSE" in (RARE_CSS.parent / "LICENSE").read_text(encoding="utf-8")


def test_pages_use_the_rare_family_after_noto_sans_sc():
    base = (ROOT / "yizhan" / "templates" / "base.html").read_text(encoding="utf-8")
    sc_link = base.index("vendor/noto-sans-sc/noto-sans-sc.css")
    assert sc_link < base.index("vendor/yizhan-rare/yizhan-rare.css")
    for css, rule in (("site.css", "body"), ("console.css", ".c-mono")):
        text = (STATIC / "css" / css).read_text(encoding="utf-8")
        stack = re.search(re.escape(rule) + r"\s*{[^}]*?font-family:\s*([^;]+);", text)
        assert stack, (css, rule)
        assert re.search(r'"Noto Sans SC",\s*"Yizhan Rare"', stack.group(1)), (css, stack.group(1))
