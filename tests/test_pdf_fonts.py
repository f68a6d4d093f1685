"""The vendored Noto Sans SC font is embedded in server-side PDFs (yizhan/pdf.py).

Plain pytest, no database. Court machines have no CJK system fonts, so the only
way these glyphs can show up is through the embedded (subset) font.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import threading

import pytest
from fpdf import FPDF
from fpdf.fonts import TTFFont

from yizhan import pdf as pdf_module
from yizhan.pdf import (
    DEFAULT_FONT_SIZE,
    FONT_BOLD,
    FONT_DIR,
    FONT_FAMILY,
    FONT_REGULAR,
    new_document,
    render_pdf,
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


def test_vendored_fonts_and_licence_present():
    for font_file in (FONT_REGULAR, FONT_BOLD):
        assert font_file.is_file(), f"{font_file} missing: run `make vendor`"
        assert font_file.stat().st_size > 1_000_000
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


def _used_chars(doc: FPDF, style: str) -> set[str]:
    font = doc.fonts[FONT_FAMILY.lower() + style]
    used = {chr(u) for glyph, _ in font.subset.items() if glyph for u in glyph.unicode}
    return used - {"\x00", " "}  # .notdef and space are always in fpdf2's subset


def test_every_ttffont_attribute_is_shared_or_per_document():
    """yizhan/pdf.py clones fpdf2's TTFFont by hand; a new slot (fpdf2 upgrade) must be sorted."""
    known = set(pdf_module._SHARED_ATTRS) | set(pdf_module._PER_DOCUMENT_ATTRS)
    assert set(TTFFont.__slots__) == known
    assert not set(pdf_module._SHARED_ATTRS) & set(pdf_module._PER_DOCUMENT_ATTRS)


def test_output_identical_to_fpdf2_add_font():
    """Same bytes as the uncached path: FPDF.add_font() parsing both TTFs for this document."""
    reference = FPDF(orientation="portrait", unit="mm", format="A4")
    reference.add_font(FONT_FAMILY, "", FONT_REGULAR)
    reference.add_font(FONT_FAMILY, "B", FONT_BOLD)
    reference.set_font(FONT_FAMILY, "", DEFAULT_FONT_SIZE)
    reference.set_title("受理通知书")
    reference.set_lang("zh-CN")
    reference.set_creator("yizhan")
    expected = _notice(reference, LINE_COURT, LINE_BODY)
    new_document("受理通知书")  # parsed font already cached, and a document left unrendered
    assert _notice(new_document("受理通知书"), LINE_COURT, LINE_BODY) == expected


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
