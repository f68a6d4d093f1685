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

Speed: ``FPDF.add_font`` parses the whole 10.6 MB font (30,890 characters,
about 31,000 glyphs) with fontTools on every call, which took 0.5-2.5 s per
document. Each process therefore parses each font file once (`_parsed_font`)
and every new document gets a `TTFFont` that shares the read-only parsed data
(cmap, glyph ids, metrics) but has its own per-document state: the subset map
of used glyphs, missing glyphs, widths dict, font descriptor and a fresh
fontTools ``TTFont`` over the cached file bytes, which fpdf2 subsets in place
and closes on output. This mirrors what ``TTFFont.__deepcopy__`` in fpdf2
itself shares. Nothing shared is mutated, so documents can be built in
several threads at once. See docs/vendored-assets.md ("Speed").

Rare characters: Noto Sans SC lacks most CJK Ext. B characters (𠮷 U+20BB7 and
about 2,300 others that turn up in names). Every document therefore also gets
two fallback fonts, cut at vendor time from Noto Sans HK and Noto Sans JP down
to exactly the characters Noto Sans SC lacks (`FALLBACK_FAMILIES`, about 0.9 MB
per style, parsed and shared the same way). fpdf2 switches to them per
character (``FPDF.set_fallback_fonts``). A character that no vendored font has
would be dropped by fpdf2 with only a log warning; `render_pdf` raises
`UncoveredCharacterError` instead, so a notice never goes out with a character
of a party's name silently missing. `uncovered_characters` checks a text
beforehand.
"""

from __future__ import annotations

import io
import logging
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.http import HttpResponse
from fontTools import ttLib
from fpdf import FPDF
from fpdf.fonts import PDFFontDescriptor, SubsetMap, TTFFont

from yizhan.core.errors import DomainError

FONT_DIR = Path(__file__).resolve().parent / "static" / "vendor" / "fonts"
FONT_FAMILY = "NotoSansSC"
FONT_REGULAR = FONT_DIR / "NotoSansSC-Regular.ttf"
FONT_BOLD = FONT_DIR / "NotoSansSC-Bold.ttf"
DEFAULT_FONT_SIZE = 12

# Fallback fonts, in the order fpdf2 tries them: each holds only characters that
# Noto Sans SC (and the fonts before it) lack, so they never change a character
# Noto Sans SC can print. frontend/rare-fonts.js cuts them out of Noto Sans HK/JP.
FALLBACK_FAMILIES = ("NotoSansHKRare", "NotoSansJPRare")
_FONT_FILES = {
    FONT_FAMILY: {"": FONT_REGULAR, "B": FONT_BOLD},
    "NotoSansHKRare": {
        "": FONT_DIR / "NotoSansHK-Rare-Regular.ttf",
        "B": FONT_DIR / "NotoSansHK-Rare-Bold.ttf",
    },
    "NotoSansJPRare": {
        "": FONT_DIR / "NotoSansJP-Rare-Regular.ttf",
        "B": FONT_DIR / "NotoSansJP-Rare-Bold.ttf",
    },
}

logger = logging.getLogger(__name__)


class UncoveredCharacterError(DomainError, ValueError):
    """A document contains characters that no vendored font has (fpdf2 would drop them).

    A :class:`DomainError` (``uncovered_character``, 422), so that the API and the pages show
    the clerk which characters are the problem instead of failing with a 500."""

    def __init__(self, chars: str) -> None:
        self.chars = chars
        points = [f"U+{ord(ch):04X}" for ch in chars]
        listed = "、".join(f"{ch}（{p}）" for ch, p in zip(chars, points, strict=True))
        super().__init__(
            "uncovered_character",
            f"文书中有字体无法显示的字符：{listed}。为免文书缺字，未生成 PDF；"
            "请核对姓名等用字，或请系统管理员补充字体（docs/vendored-assets.md，Rare characters）。",
            status=422,
            fields={"characters": points},
        )


# TTFFont attributes that hold parsed, read-only data (or immutable values) and
# can be shared by every document of the process. Everything else in
# TTFFont.__slots__ is per document and set in `_font_for_document`.
_SHARED_ATTRS = (
    "type",
    "name",
    "glyph_ids",  # unicode -> glyph id, only read
    "cmap",  # unicode -> glyph name, only read
    "sp",
    "ss",
    "up",
    "ut",
    "ttffile",
    "fontkey",
    "emphasis",
    "scale",
    "palette_index",
    "is_compressed",
    "is_cff",
    "is_cid_keyed",
    "is_symbol",
    "cff_ros",
    "collection_font_number",
)


@dataclass(frozen=True)
class _ParsedFont:
    template: TTFFont  # parsed once; never attached to a document, never output
    data: bytes  # the font file, for each document's own fontTools TTFont
    glyph_order: tuple[str, ...]  # post table 3.0: names come from the cmap, slow
    # "hmtx"/"vmtx" table: glyph name -> (advance, side bearing)
    metrics: dict[str, dict[str, tuple[int, int]]]


# Set afresh for each document by `_font_for_document` ("unicode_range" is a
# slot that fpdf2 2.8.9 never sets). tests/test_pdf_fonts.py checks that the two
# tuples cover TTFFont.__slots__, so an fpdf2 upgrade that adds state fails there.
_PER_DOCUMENT_ATTRS = (
    "i",
    "cw",
    "desc",
    "ttfont",
    "_hbfont",
    "biggest_size_pt",
    "missing_glyphs",
    "color_font",
    "subset",
    "unicode_range",
)

# Decompiling these (one entry per glyph) is a large part of subsetting on output.
_METRICS_TABLES = ("hmtx", "vmtx")

_parsed_fonts: dict[tuple[Path, str, str, int, int], _ParsedFont] = {}
_parse_lock = threading.Lock()


def _parsed_font(path: Path, style: str, family: str = FONT_FAMILY) -> _ParsedFont:
    try:
        stat = path.stat()  # a re-vendored font (new size or mtime) is parsed again
    except FileNotFoundError:
        raise FileNotFoundError(
            f"font {path} is missing: run `make vendor` (frontend/vendor.sh)"
        ) from None
    key = (path, family, style, stat.st_mtime_ns, stat.st_size)
    parsed = _parsed_fonts.get(key)
    if parsed is None:
        with _parse_lock:
            parsed = _parsed_fonts.get(key)
            if parsed is None:
                template = TTFFont(FPDF(), path, f"{family.lower()}{style}", style)
                if template.color_font is not None or template.is_cff:
                    raise RuntimeError(f"{path}: expected a plain TrueType (glyf) font")
                parsed = _ParsedFont(
                    template=template,
                    data=path.read_bytes(),
                    glyph_order=tuple(template.ttfont.getGlyphOrder()),
                    metrics={
                        tag: dict(template.ttfont[tag].metrics)
                        for tag in _METRICS_TABLES
                        if tag in template.ttfont
                    },
                )
                template.close()  # its fontTools object is never used again
                template.ttfont = None
                _parsed_fonts[key] = parsed
    return parsed


def _font_for_document(doc: FPDF, parsed: _ParsedFont) -> TTFFont:
    """A TTFFont for `doc` sharing `parsed`'s read-only data, with fresh per-document state."""
    template = parsed.template
    font = TTFFont.__new__(TTFFont)
    for attr in _SHARED_ATTRS:
        setattr(font, attr, getattr(template, attr))
    font.i = len(doc.fonts) + 1
    # Looking up a missing character inserts the default width: copy, not share.
    font.cw = defaultdict(template.cw.default_factory, template.cw)  # type: ignore[attr-defined]
    # output() sets /FontName and /FontFile2 on the descriptor and numbers it.
    desc = template.desc
    font.desc = PDFFontDescriptor(
        ascent=desc.ascent,
        descent=desc.descent,
        cap_height=desc.cap_height,
        flags=desc.flags,
        font_b_box=desc.font_b_box,
        italic_angle=desc.italic_angle,
        stem_v=desc.stem_v,
        missing_width=desc.missing_width,
    )
    # output() subsets this object in place and closes it. Opening it is lazy
    # (no table is read until output). The glyph order and the metrics tables
    # are handed over already parsed (as copies: the subsetter replaces them),
    # so fontTools neither rebuilds 31,000 glyph names from the cmap nor
    # decompiles hmtx/vmtx again. The embedded subset is byte-identical.
    ttfont = ttLib.TTFont(io.BytesIO(parsed.data), recalcTimestamp=False, lazy=True)
    ttfont.setGlyphOrder(list(parsed.glyph_order))
    for tag, metrics in parsed.metrics.items():
        table = ttLib.newTable(tag)
        table.metrics = dict(metrics)
        ttfont[tag] = table
    font.ttfont = ttfont
    font._hbfont = None  # HarfBuzz font (text shaping only): mutable, per document
    font.biggest_size_pt = 0
    font.missing_glyphs = []
    font.color_font = None
    font.subset = SubsetMap(font)
    return font


def new_document(title: str) -> FPDF:
    """An A4 portrait FPDF in millimetres, NotoSansSC (regular and "B") registered and set,
    with the rare-character fallback fonts (`FALLBACK_FAMILIES`) behind it."""
    doc = FPDF(orientation="portrait", unit="mm", format="A4")
    # What doc.add_font(family, style, path) does, minus re-parsing the font.
    for family, files in _FONT_FILES.items():
        for style, font_file in files.items():
            font = _font_for_document(doc, _parsed_font(font_file, style, family))
            doc.fonts[font.fontkey] = font
    # exact_match=False: should a fallback ever lack a style, the other one is
    # used rather than dropping the character (both styles are vendored).
    doc.set_fallback_fonts(FALLBACK_FAMILIES, exact_match=False)
    doc.set_font(FONT_FAMILY, "", DEFAULT_FONT_SIZE)
    doc.set_title(title)
    doc.set_lang("zh-CN")
    doc.set_creator("yizhan")
    return doc


def _ignorable(ch: str) -> bool:
    """Characters whose loss changes nothing on paper: controls, format characters
    (zero-width space, BOM, joiners) and variation selectors (the base character prints)."""
    cp = ord(ch)
    return (
        unicodedata.category(ch) in ("Cc", "Cf")
        or 0xFE00 <= cp <= 0xFE0F
        or 0xE0100 <= cp <= 0xE01EF
    )


def uncovered_characters(text: str) -> str:
    """The characters of `text` (in order, each once) that no vendored PDF font has, e.g. to
    warn when a name is entered; `render_pdf` refuses a document containing any of them."""
    cmaps = [
        _parsed_font(files[""], "", family).template.cmap for family, files in _FONT_FILES.items()
    ]
    return "".join(
        ch
        for ch in dict.fromkeys(text)
        if not _ignorable(ch) and not any(ord(ch) in cmap for cmap in cmaps)
    )


def render_pdf(doc: FPDF) -> bytes:
    """The finished PDF file as bytes (e.g. for an HttpResponse or a FileField).

    Raises `UncoveredCharacterError` if the document shows a character that neither
    Noto Sans SC nor a fallback font has: fpdf2 would leave it out of the PDF."""
    missing = sorted(
        {
            chr(cp)
            for font in doc.fonts.values()
            if isinstance(font, TTFFont)
            for cp in font.missing_glyphs
            if not _ignorable(chr(cp))
        }
    )
    if missing:
        error = UncoveredCharacterError("".join(missing))
        logger.error("PDF %r not produced: %s", doc.title, error)
        raise error
    _drop_unused_fallback_fonts(doc)
    return bytes(doc.output())


def _drop_unused_fallback_fonts(doc: FPDF) -> None:
    """fpdf2 embeds every registered font, used or not: without this, each PDF would carry
    four empty fallback fonts (about 13 KB). A fallback font that printed no character is
    referenced by no page, so it is left out; a PDF without rare characters is then the
    same as one made with Noto Sans SC alone."""
    fallback_keys = {
        f"{family.lower()}{style}" for family in FALLBACK_FAMILIES for style in ("", "B")
    }
    for key in fallback_keys & doc.fonts.keys():
        font = doc.fonts[key]
        # A fresh SubsetMap holds only the glyphs fpdf2 reserves (.notdef, space).
        if isinstance(font, TTFFont) and len(font.subset) == len(SubsetMap(font)):
            del doc.fonts[key]


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    """An inline PDF download (``filename`` ASCII, as RFC 5987 ``filename*``)."""
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{filename}"
    return response
