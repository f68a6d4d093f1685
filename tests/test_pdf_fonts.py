"""The vendored Noto Sans SC font is embedded in server-side PDFs (yizhan/pdf.py), with the
rare-character fallback fonts (Noto Sans HK/JP cut to what Noto Sans SC lacks) behind it.

Plain pytest, no database. Court machines have no CJK system fonts, so the only
way these glyphs can show up is through the embedded (subset) font.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import threading
import zlib

import pytest
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.fonts import TTFFont

from yizhan import pdf as pdf_module
from yizhan.pdf import (
    DEFAULT_FONT_SIZE,
    FALLBACK_FAMILIES,
    FONT_BOLD,
    FONT_DIR,
    FONT_FAMILY,
    FONT_REGULAR,
    UncoveredCharacterError,
    new_document,
    render_pdf,
    uncovered_characters,
)

LINE_COURT = "湛江市中级人民法院"
LINE_BODY = "受理通知书 （2026）粤0802民初1号 诉讼费 2,300.00 元"
TEXT = f"{LINE_COURT} {LINE_BODY}"


def _build_pdf() -> bytes:
    doc = new_document("受理通知书")
    doc.add_page()
    doc.set_font(FONT_FAMILY, "B", 18)
    doc.cell(0, 10, text=LINE_COURT, new_x="LMARGIN", new_y="NEXT", align="C")
    doc.set_font(FONT_FAMILY, "", 12)
    doc.multi_cell(0, 8, text=LINE_BODY, new_x="LMARGIN", new_y="NEXT")
    return render_pdf(doc)


@pytest.fixture(autouse=True)
def _media_root():
    """Overrides the root conftest's autouse fixture, which needs pytest-django's `settings`:
    these tests use no Django and must also run with `-p no:django`."""


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return _build_pdf()


ALL_FONT_FILES = [path for files in pdf_module._FONT_FILES.values() for path in files.values()]


def test_vendored_fonts_and_licence_present():
    for font_file in (FONT_REGULAR, FONT_BOLD):
        assert font_file.is_file(), f"{font_file} missing: run `make vendor`"
        assert font_file.stat().st_size > 1_000_000
    for font_file in ALL_FONT_FILES:
        assert font_file.is_file(), f"{font_file} missing: run `make vendor`"
        # OS/2 fsType: 0 (installable) or 8 (editable) allow embedding; 2 and 4 would not do.
        assert TTFont(font_file, lazy=True)["OS/2"].fsType & 0x6 == 0, font_file
    assert (FONT_DIR / "OFL.txt").read_text(encoding="utf-8").find("SIL OPEN FONT LICENSE") >= 0


def test_pdf_embeds_cjk_font(pdf_bytes: bytes):
    assert pdf_bytes.startswith(b"%PDF-")
    assert b"/FontFile2" in pdf_bytes or b"/FontFile3" in pdf_bytes
    # Regular and bold are both embedded as subsets: fpdf2 names them
    # "<6-letter tag>+<family><style>", e.g. /MPDFAA+NotoSansSC, /MPDFAA+NotoSansSCBold.
    family = FONT_FAMILY.encode()
    for name in (family, family + b"Bold"):
        assert re.search(rb"/FontName\s*/[A-Z]{6}\+" + name + rb"[\s/>]", pdf_bytes), name
    # fpdf2 subsets the font: the 10 MB TTFs must not be embedded whole.
    assert len(pdf_bytes) < 200_000


def _pdftotext(pdf_bytes: bytes, tmp_path, name: str = "notice.pdf") -> str:
    """The PDF's text, whitespace collapsed to single spaces (skips if poppler is missing)."""
    if shutil.which("pdftotext") is None:
        pytest.skip(
            "pdftotext not installed (apt-get install poppler-utils); text extraction not checked"
        )
    pdf = tmp_path / name
    pdf.write_bytes(pdf_bytes)
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
        encoding="utf-8",
    ).stdout
    return " ".join(out.split())


def test_pdf_text_extracts_back_to_chinese(pdf_bytes: bytes, tmp_path):
    normalized = _pdftotext(pdf_bytes, tmp_path)
    assert TEXT in normalized, normalized


# new_document() shares the parsed font between documents (yizhan/pdf.py): each
# document must still get its own subset, and the result must be what fpdf2's
# own add_font() produces.

FIXED_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def _notice(doc: FPDF, title_line: str, body: str) -> bytes:
    doc.set_creation_date(FIXED_DATE)
    doc.add_page()
    doc.set_font(FONT_FAMILY, "B", 18)
    doc.cell(0, 10, text=title_line, new_x="LMARGIN", new_y="NEXT", align="C")
    doc.set_font(FONT_FAMILY, "", 12)
    doc.multi_cell(0, 8, text=body, new_x="LMARGIN", new_y="NEXT")
    return render_pdf(doc)


def _used_chars(doc: FPDF, style: str, family: str = FONT_FAMILY) -> set[str]:
    font = doc.fonts[family.lower() + style]
    used = {chr(u) for glyph, _ in font.subset.items() if glyph for u in glyph.unicode}
    return used - {"\x00", " "}  # .notdef and space are always in fpdf2's subset


def test_every_ttffont_attribute_is_shared_or_per_document():
    """yizhan/pdf.py clones fpdf2's TTFFont by hand; a new slot (fpdf2 upgrade) must be sorted."""
    known = set(pdf_module._SHARED_ATTRS) | set(pdf_module._PER_DOCUMENT_ATTRS)
    assert set(TTFFont.__slots__) == known
    assert not set(pdf_module._SHARED_ATTRS) & set(pdf_module._PER_DOCUMENT_ATTRS)


def test_every_font_of_a_document_shares_and_owns_what_it_should():
    """All six fonts (Noto Sans SC and the four fallbacks): the shared slots are the very
    objects of the process's parsed template, the per-document ones are each document's own."""
    first, second = new_document("一"), new_document("二")
    keys = {f"{family.lower()}{style}" for family in pdf_module._FONT_FILES for style in ("", "B")}
    assert set(first.fonts) == set(second.fonts) == keys
    assert first._fallback_font_ids == [  # what set_fallback_fonts() registered, in order
        f"{family.lower()}{style}" for family in FALLBACK_FAMILIES for style in ("", "B")
    ]
    for key in keys:
        a, b = first.fonts[key], second.fonts[key]
        assert isinstance(a, TTFFont) and isinstance(b, TTFFont)
        assert a.fontkey == key and a.i == b.i
        for attr in pdf_module._SHARED_ATTRS:
            assert getattr(a, attr) is getattr(b, attr), (key, attr)
        for attr in ("cw", "desc", "ttfont", "subset", "missing_glyphs"):
            assert getattr(a, attr) is not getattr(b, attr), (key, attr)
        assert a.subset.font is a and b.subset.font is b


def _reference_document(*, fallbacks: bool) -> FPDF:
    """What new_document() builds, the uncached way: FPDF.add_font() parsing every TTF."""
    reference = FPDF(orientation="portrait", unit="mm", format="A4")
    for family, files in pdf_module._FONT_FILES.items():
        if family == FONT_FAMILY or fallbacks:
            for style, path in files.items():
                reference.add_font(family, style, path)
    if fallbacks:
        reference.set_fallback_fonts(FALLBACK_FAMILIES, exact_match=False)
    reference.set_font(FONT_FAMILY, "", DEFAULT_FONT_SIZE)
    reference.set_title("受理通知书")
    reference.set_lang("zh-CN")
    reference.set_creator("yizhan")
    return reference


def test_output_identical_to_fpdf2_add_font():
    """Same bytes as the uncached path: FPDF.add_font() parsing both TTFs for this document.
    Without a rare character, the unused fallback fonts are not embedded at all."""
    expected = _notice(_reference_document(fallbacks=False), LINE_COURT, LINE_BODY)
    new_document("受理通知书")  # parsed font already cached, and a document left unrendered
    assert _notice(new_document("受理通知书"), LINE_COURT, LINE_BODY) == expected


def test_output_with_rare_characters_identical_to_fpdf2_add_font():
    """The cached fallback fonts give the same bytes as add_font() of all six TTFs."""
    title_line, body = f"当事人甲{JIXIANG}乙", f"原告甲{JIXIANG}乙 被告{HK_ONLY}先生"
    expected = _notice(_reference_document(fallbacks=True), title_line, body)
    assert _notice(new_document("受理通知书"), title_line, body) == expected


def test_documents_in_a_row_each_embed_their_own_glyphs(tmp_path):
    first_doc, second_doc = new_document("一"), new_document("二")
    first = _notice(first_doc, "广东省高级人民法院", "原告甲乙丙 被告丁戊己")
    second = _notice(second_doc, "湛江市霞山区法院", "申请人赵钱孙 被申请人周吴郑")
    # Per-document state: the subset maps are separate, only this document's glyphs.
    assert _used_chars(first_doc, "B") == set("广东省高级人民法院")
    assert _used_chars(second_doc, "B") == set("湛江市霞山区法院")
    assert set("赵钱孙周吴郑") <= _used_chars(second_doc, "")
    assert not set("甲乙丙丁戊己") & _used_chars(second_doc, "")
    assert first_doc.fonts is not second_doc.fonts
    assert first_doc.fonts["notosanssc"] is not second_doc.fonts["notosanssc"]
    assert first_doc.fonts["notosanssc"].subset is not second_doc.fonts["notosanssc"].subset
    assert "广东省高级人民法院 原告甲乙丙 被告丁戊己" in _pdftotext(first, tmp_path, "1.pdf")
    assert "湛江市霞山区法院 申请人赵钱孙 被申请人周吴郑" in _pdftotext(second, tmp_path, "2.pdf")
    # A third document after two renders (fpdf2 closes each document's font on output).
    third = _notice(new_document("三"), LINE_COURT, LINE_BODY)
    assert TEXT in _pdftotext(third, tmp_path, "3.pdf")


def test_documents_built_in_a_thread_and_the_main_thread_at_once(tmp_path):
    texts = {
        "thread": ("北京市第一中级人民法院", "原告欧阳娜娜 被告司马懿 案号（2026）京01民初7号"),
        "main": ("湛江市中级人民法院", "申请人诸葛亮 被申请人上官婉儿 诉讼费 50.00 元"),
    }
    barrier = threading.Barrier(2)
    results: dict[str, bytes | BaseException] = {}

    def build(who: str) -> None:
        try:
            doc = new_document(who)
            barrier.wait(timeout=30)  # both documents exist before either is laid out
            results[who] = _notice(doc, *texts[who])
        except BaseException as exc:  # reported below, in the main thread
            results[who] = exc

    worker = threading.Thread(target=build, args=("thread",))
    worker.start()
    build("main")
    worker.join(timeout=60)
    assert not worker.is_alive()
    for who, (title_line, body) in texts.items():
        result = results[who]
        assert isinstance(result, bytes), result
        assert f"{title_line} {body}" in _pdftotext(result, tmp_path, f"{who}.pdf")


RARE_NAME_CHARS = "堃昇喆镕彧"  # in party names; outside GB2312 except 镕


def test_rare_name_characters_render(tmp_path):
    doc = new_document("民事判决书")
    for style in ("", "B"):
        cmap = doc.fonts[FONT_FAMILY.lower() + style].cmap  # the vendored font's own cmap
        assert all(ord(ch) in cmap for ch in RARE_NAME_CHARS), style
    body = f"原告王{RARE_NAME_CHARS[:2]} 被告李{RARE_NAME_CHARS[2:]}"
    pdf_bytes = _notice(doc, f"当事人{RARE_NAME_CHARS}", body)
    for style in ("", "B"):
        font = doc.fonts[FONT_FAMILY.lower() + style]
        assert set(RARE_NAME_CHARS) <= _used_chars(doc, style), style
        assert font.missing_glyphs == [], style
    text = _pdftotext(pdf_bytes, tmp_path)
    assert f"当事人{RARE_NAME_CHARS} {body}" in text, text


# Rare characters: 𠮷 (U+20BB7, CJK Ext. B) is not in Noto Sans SC; the fallback fonts
# have it. 䶮 (U+4DAE, Ext. A, as in 刘䶮) is in Noto Sans SC itself.
JIXIANG = "\U00020bb7"  # 𠮷, from Noto Sans JP
YAN = "\u4dae"  # 䶮
HK_ONLY = "\U000282e2"  # 𨋢 (HKSCS, "lift"), from Noto Sans HK
NOWHERE = "\U00031350"  # 𱍐 (CJK Ext. H): in no vendored font


def _fallback_cmap(family: str) -> set[int]:
    return set(TTFont(pdf_module._FONT_FILES[family][""], lazy=True).getBestCmap())


def test_fallback_fonts_hold_only_what_noto_sans_sc_lacks():
    sc = set(TTFont(FONT_REGULAR, lazy=True).getBestCmap())
    hk, jp = (_fallback_cmap(family) for family in FALLBACK_FAMILIES)
    assert not hk & sc and not jp & sc and not hk & jp  # never replace an SC glyph
    assert len(hk) > 1_500 and len(jp) > 500
    assert ord(YAN) in sc and ord(JIXIANG) not in sc
    assert ord(JIXIANG) in jp and ord(HK_ONLY) in hk
    for family in FALLBACK_FAMILIES:  # regular and bold cover the same characters
        bold = set(TTFont(pdf_module._FONT_FILES[family]["B"], lazy=True).getBestCmap())
        assert bold == _fallback_cmap(family), family


def _to_unicode_targets(pdf_bytes: bytes) -> set[str]:
    """Every character the PDF's ToUnicode CMaps map a glyph to (no poppler needed)."""
    found: set[str] = set()
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf_bytes, re.S):
        try:
            data = zlib.decompress(m.group(1))
        except zlib.error:
            data = m.group(1)
        if b"begincmap" not in data:
            continue
        for hexstr in re.findall(rb"<[0-9A-Fa-f]+>\s*<([0-9A-Fa-f]+)>", data):
            found.add(bytes.fromhex(hexstr.decode()).decode("utf-16-be"))
    return found


@pytest.mark.parametrize("style", ["", "B"])
def test_rare_characters_render_from_the_fallback_fonts(style: str, tmp_path):
    doc = new_document("民事判决书")
    doc.add_page()
    doc.set_font(FONT_FAMILY, style, 14)
    line = f"原告甲{JIXIANG}乙 被告刘{YAN} 第三人{HK_ONLY}某"
    doc.cell(0, 10, text=line, new_x="LMARGIN", new_y="NEXT")
    pdf_bytes = render_pdf(doc)
    hk_family, jp_family = FALLBACK_FAMILIES
    assert _used_chars(doc, style, jp_family) == {JIXIANG}
    assert _used_chars(doc, style, hk_family) == {HK_ONLY}
    assert {YAN, "甲", "乙", "刘"} <= _used_chars(doc, style)  # Noto Sans SC's own
    assert all(font.missing_glyphs == [] for font in doc.fonts.values())
    # The glyphs are embedded with their ToUnicode entries, so the text copies back exactly.
    assert {JIXIANG, YAN, HK_ONLY} <= _to_unicode_targets(pdf_bytes)
    assert re.search(rb"/FontName\s*/[A-Z]{6}\+NotoSansJP", pdf_bytes)
    assert re.search(rb"/FontName\s*/[A-Z]{6}\+NotoSansHK", pdf_bytes)
    assert " ".join(line.split()) in _pdftotext(pdf_bytes, tmp_path)


def test_unused_fallback_fonts_are_not_embedded(pdf_bytes: bytes):
    assert not re.search(rb"NotoSans(HK|JP)", pdf_bytes)
    doc = new_document("t")
    doc.add_page()
    doc.cell(text=f"甲{JIXIANG}乙")  # regular only: of the fallbacks, only JP regular is embedded
    with_rare = render_pdf(doc)
    names = set(re.findall(rb"/FontName\s*/[A-Z]{6}\+(\w+)", with_rare))
    assert names == {b"NotoSansSC", b"NotoSansSCBold", b"NotoSansJP"}, names


def test_a_character_in_no_font_stops_the_pdf_instead_of_vanishing(caplog):
    assert uncovered_characters(f"甲{JIXIANG}{YAN}{HK_ONLY}乙") == ""
    assert uncovered_characters(f"甲{NOWHERE}乙{NOWHERE}") == NOWHERE
    doc = new_document("受理通知书")
    doc.add_page()
    doc.cell(text=f"原告甲{NOWHERE}乙")
    with pytest.raises(UncoveredCharacterError, match="U\\+31350") as raised:
        render_pdf(doc)
    assert raised.value.chars == NOWHERE
    assert isinstance(raised.value, ValueError)
    # a DomainError: the API and the pages answer 422 with the code points, not a 500
    assert (raised.value.code, raised.value.status) == ("uncovered_character", 422)
    assert raised.value.fields == {"characters": ["U+31350"]}
    assert raised.value.message.startswith(f"文书中有字体无法显示的字符：{NOWHERE}（U+31350）。")
    assert "U+31350" in caplog.text


def test_invisible_format_characters_do_not_stop_the_pdf(tmp_path):
    """A zero-width space or a BOM pasted with a name prints as nothing either way."""
    text = "原告\u200b张\ufeff三"
    assert uncovered_characters(text) == ""
    doc = new_document("t")
    doc.add_page()
    doc.cell(text=text)
    assert "原告张三" in _pdftotext(render_pdf(doc), tmp_path)


def test_missing_font_file_names_the_vendor_step(monkeypatch, tmp_path):
    missing = tmp_path / "NotoSansSC-Regular.ttf"
    monkeypatch.setitem(pdf_module._FONT_FILES, FONT_FAMILY, {"": missing, "B": FONT_BOLD})
    with pytest.raises(FileNotFoundError) as err:
        new_document("受理通知书")
    assert str(err.value) == f"font {missing} is missing: run `make vendor` (frontend/vendor.sh)"
