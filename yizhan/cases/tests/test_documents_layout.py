"""Layout of the notices (受理通知书, 交纳诉讼费用通知书): Chinese line breaking."""

from __future__ import annotations

from decimal import Decimal

import pytest

from yizhan.cases.documents import _NO_LINE_END, _NO_LINE_START, INDENT, money, wrap_lines
from yizhan.pdf import FONT_REGULAR, new_document

pytestmark = pytest.mark.skipif(not FONT_REGULAR.is_file(), reason="CJK font not vendored")

FEE_SENTENCE = (
    INDENT + "请于2026年12月04日前交纳。期满未交纳又未提出司法救助申请，"
    "或申请未获批准的，按撤诉处理（《诉讼费用交纳办法》第二十二条）。"
)


def test_chinese_text_breaks_between_characters_and_fills_the_line():
    doc = new_document("t")
    doc.add_page()
    lines = wrap_lines(doc, FEE_SENTENCE, doc.epw)
    assert "".join(lines) == FEE_SENTENCE  # nothing lost, nothing added
    assert lines[0].startswith(INDENT + "请于2026年12月04日前交纳")  # no gap before the date
    assert doc.get_string_width(lines[0]) > doc.epw - 2 * doc.get_string_width("中")


@pytest.mark.parametrize("width", [40, 55, 70, 85, 100, 120, 150, 170])
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(width):
    doc = new_document("t")
    doc.add_page()
    for line in wrap_lines(doc, FEE_SENTENCE, width):
        assert doc.get_string_width(line) <= width
        assert line[0] not in _NO_LINE_START, line
        assert line[-1] not in _NO_LINE_END, line


def test_numbers_are_not_split_and_amounts_have_thousands_separators():
    doc = new_document("t")
    doc.add_page()
    text = (
        "按规定计算的费用："
        + money(Decimal("2300"))
        + "元；本次应交纳："
        + money(Decimal("1150"))
        + "元。"
    )
    assert "2,300.00" in text and "1,150.00" in text
    for width in range(30, 120, 3):
        lines = wrap_lines(doc, text, width)
        assert any("2,300.00" in line for line in lines), lines
        assert any("1,150.00" in line for line in lines), lines
