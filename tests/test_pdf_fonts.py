"""The vendored Noto Sans SC font is embedded in server-side PDFs (yizhan/pdf.py).

Plain pytest, no database. Court machines have no CJK system fonts, so the only
way these glyphs can show up is through the embedded (subset) font.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from yizhan.pdf import FONT_BOLD, FONT_DIR, FONT_FAMILY, FONT_REGULAR, new_document, render_pdf

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


def test_pdf_text_extracts_back_to_chinese(pdf_bytes: bytes, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip(
            "pdftotext not installed (apt-get install poppler-utils); text extraction not checked"
        )
    pdf = tmp_path / "notice.pdf"
    pdf.write_bytes(pdf_bytes)
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
        encoding="utf-8",
    ).stdout
    normalized = " ".join(out.split())
    assert TEXT in normalized, normalized
