"""Server-side PDF documents (受理通知书, 交纳诉讼费用通知书, ...) with an embedded CJK font.

Court machines have no CJK fonts installed and no internet, so the font is the
Noto Sans SC TrueType pair vendored by ``make vendor`` (frontend/vendor.sh) into
``yizhan/static/vendor/fonts/`` (SIL OFL 1.1, see OFL.txt there). fpdf2 embeds
only the glyphs a document uses, so a one-page notice stays a few tens of KB.

    doc = new_document("受理通知书")
    doc.add_page()
    doc.set_font(FONT_FAMILY, "B", 16)
    doc.cell(text="湛江市中级人民法院", new_x="LMARGIN", new_y="NEXT", align="C")
    pdf_bytes = render_pdf(doc)
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

FONT_DIR = Path(__file__).resolve().parent / "static" / "vendor" / "fonts"
FONT_FAMILY = "NotoSansSC"
FONT_REGULAR = FONT_DIR / "NotoSansSC-Regular.ttf"
FONT_BOLD = FONT_DIR / "NotoSansSC-Bold.ttf"
DEFAULT_FONT_SIZE = 12


def new_document(title: str) -> FPDF:
    """An A4 portrait FPDF in millimetres, NotoSansSC (regular and "B") registered and set."""
    for font_file in (FONT_REGULAR, FONT_BOLD):
        if not font_file.is_file():
            raise FileNotFoundError(
                f"CJK font {font_file} is missing: run `make vendor` (frontend/vendor.sh)"
            )
    doc = FPDF(orientation="portrait", unit="mm", format="A4")
    doc.add_font(FONT_FAMILY, "", FONT_REGULAR)
    doc.add_font(FONT_FAMILY, "B", FONT_BOLD)
    doc.set_font(FONT_FAMILY, "", DEFAULT_FONT_SIZE)
    doc.set_title(title)
    doc.set_lang("zh-CN")
    doc.set_creator("yizhan")
    return doc


def render_pdf(doc: FPDF) -> bytes:
    """The finished PDF file as bytes (e.g. for an HttpResponse or a FileField)."""
    return bytes(doc.output())
