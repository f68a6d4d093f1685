"""Notices generated as PDF with the CJK font embedded (受理通知书, 交纳诉讼费用通知书,
补交诉讼费用通知书, 交纳上诉案件受理费通知书)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from fpdf import FPDF

from yizhan.pdf import FONT_FAMILY, new_document, render_pdf

from .models import Case, FeeNotice, FeeStatus, SupplementaryFeeNotice, SupplementaryFeeReason


def _header(doc: FPDF, case: Case, title: str) -> None:
    doc.add_page()
    doc.set_font(FONT_FAMILY, "B", 18)
    doc.cell(0, 12, case.court.name, new_x="LMARGIN", new_y="NEXT", align="C")
    doc.set_font(FONT_FAMILY, "B", 22)
    doc.cell(0, 14, title, new_x="LMARGIN", new_y="NEXT", align="C")
    doc.set_font(FONT_FAMILY, "", 12)
    doc.cell(0, 10, case.number, new_x="LMARGIN", new_y="NEXT", align="R")
    doc.ln(4)


def _addressees(case: Case) -> str:
    names = [
        cp.party.name
        for cp in case.case_parties.select_related("party")
        if cp.role in {"plaintiff", "applicant", "applicant_execution"}
    ]
    return "、".join(names) or "当事人"


# Chinese line breaking (kinsoku): these never start a line ...
_NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉”’,.;:?!)]}%…·")
# ... and these never end one.
_NO_LINE_END = frozenset("（《「『【〔〈“‘([{")
# A Latin word or a number (1,150.00, 2.5%, 12368) is never split; anything else is a
# breakable unit of one character (CJK text breaks between any two characters).
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,%/+\-]*|\s+|.", re.DOTALL)
INDENT = "\u3000\u3000"  # paragraphs open with two full-width spaces


def _units(text: str) -> list[str]:
    """The unbreakable pieces of `text`: closing punctuation sticks to what precedes it,
    opening punctuation to what follows it."""
    units: list[str] = []
    for token in _TOKEN.findall(text):
        if units and not token.isspace():
            if token[0] in _NO_LINE_START and not units[-1].isspace():
                units[-1] += token
                continue
            if units[-1][-1] in _NO_LINE_END:
                units[-1] += token
                continue
        units.append(token)
    return units


def wrap_lines(doc: FPDF, text: str, width: float, *, hanging: float = 0) -> list[str]:
    """`text` broken into lines no wider than `width` (the current font), following the
    rules above; continuation lines are `hanging` mm narrower (for bullet items)."""
    lines: list[str] = []
    line = ""
    for unit in _units(text):
        room = width - (hanging if lines else 0)
        if doc.get_string_width(line + unit) <= room:
            line += unit
            continue
        if unit.isspace():  # a space at the end of a line is dropped
            lines.append(line)
            line = ""
            continue
        if line.strip():
            lines.append(line.rstrip())
            line = ""
        while doc.get_string_width(unit) > width - (hanging if lines else 0):
            cut = len(unit) - 1  # longer than a line on its own: cut it anywhere
            while cut > 1 and doc.get_string_width(unit[:cut]) > width - hanging:
                cut -= 1
            lines.append(unit[:cut])
            unit = unit[cut:]
        line = unit
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def _para(doc: FPDF, text: str, *, indent: bool = True, bullet: str = "") -> None:
    """A paragraph opening with a two-character indent (or a bullet with a hanging indent),
    broken between Chinese characters (fpdf2's multi_cell breaks only at spaces)."""
    lead = (INDENT if indent else "") + bullet
    hanging = doc.get_string_width(lead) if bullet else 0
    for i, line in enumerate(wrap_lines(doc, lead + text, doc.epw, hanging=hanging)):
        if i and hanging:
            doc.set_x(doc.l_margin + hanging)
        doc.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    doc.ln(1)


def money(value: Decimal) -> str:
    """1150 -> "1,150.00"."""
    return f"{value:,.2f}"


def _footer(doc: FPDF, case: Case, on: date | None = None) -> None:
    """The court and the date of the notice (the filing date unless ``on`` is given)."""
    doc.ln(10)
    doc.cell(0, 8, case.court.name, new_x="LMARGIN", new_y="NEXT", align="R")
    signed = on or case.filed_on
    doc.cell(0, 8, f"{signed:%Y年%m月%d日}", new_x="LMARGIN", new_y="NEXT", align="R")


def acceptance_notice(case: Case) -> bytes:
    """受理通知书 (CPL23 Art 126; ONLINE Art 9)."""
    doc = new_document("受理通知书")
    _header(doc, case, "受理通知书")
    _para(doc, f"{_addressees(case)}：", indent=False)
    cause = case.cause.name if case.cause else ""
    _para(
        doc,
        f"你（单位）提交的{cause}一案的起诉（申请）材料，本院已于{case.filed_on:%Y年%m月%d日}"
        f"登记立案，案号为{case.number}，适用{case.get_procedure_display()}。",
    )
    _para(doc, "现将有关事项通知如下：")
    _para(
        doc,
        "一、应当在收到交纳诉讼费用通知书次日起七日内预交案件受理费；期满未交纳且未提出司法救助"
        "申请的，按撤诉处理（《诉讼费用交纳办法》第二十二条，《民事诉讼法解释》第二百一十三条）。",
    )
    _para(doc, "二、当事人应当在举证期限内向本院提交证据。")
    _para(doc, "三、可凭案号和身份证件号码通过网上诉讼服务平台或12368热线查询案件进展。")
    _footer(doc, case)
    return render_pdf(doc)


def _fee_document(
    case: Case,
    title: str,
    *,
    addressee: str,
    intro: str,
    basis: list[str],
    amounts: str,
    closing: list[str],
    on: date | None = None,
) -> bytes:
    """The layout shared by the fee notices: header, addressee, the opening paragraph, the
    basis lines as bullets, the amounts, the closing paragraphs (due date, consequence), the
    court and the date (``on``, else the filing date)."""
    doc = new_document(title)
    _header(doc, case, title)
    _para(doc, f"{addressee}：", indent=False)
    _para(doc, intro)
    for line in basis:
        _para(doc, line, bullet="· ")
    _para(doc, amounts)
    for text in closing:
        _para(doc, text)
    _footer(doc, case, on)
    return render_pdf(doc)


def fee_notice(case: Case, notice: FeeNotice) -> bytes:
    """交纳诉讼费用通知书 (FEE Art 22)."""
    closing: list[str] = []
    if notice.status == FeeStatus.DUE and notice.due_on:
        closing.append(
            f"请于{notice.due_on:%Y年%m月%d日}前交纳。期满未交纳又未提出司法救助申请，"
            "或申请未获批准的，按撤诉处理（《诉讼费用交纳办法》第二十二条）。"
        )
    elif notice.status == FeeStatus.DEFERRED:
        closing.append("本院已准予缓交。")
    elif notice.status == FeeStatus.WAIVED:
        closing.append("本案无需交纳案件受理费。")
    elif notice.status == FeeStatus.NOT_PREPAID:
        closing.append("本案申请费不预交，执行后（清算后）交纳。")
    return _fee_document(
        case,
        "交纳诉讼费用通知书",
        addressee=_addressees(case),
        intro=f"本院受理的{case.number}一案，依照《诉讼费用交纳办法》的规定，应交纳下列费用：",
        basis=notice.basis,
        amounts=f"按规定计算的费用：{money(notice.full_fee)}元；"
        f"本次应交纳：{money(notice.amount_due)}元。",
        closing=closing,
    )


CONVERSION_TITLE = "补交诉讼费用通知书"
APPELLANT_TITLE = "交纳上诉案件受理费通知书"


def supplementary_fee_title(notice: SupplementaryFeeNotice) -> str:
    if notice.reason == SupplementaryFeeReason.APPEAL_SECOND_APPELLANT:
        return APPELLANT_TITLE
    return CONVERSION_TITLE


def supplementary_fee_filename(notice: SupplementaryFeeNotice) -> str:
    if notice.reason == SupplementaryFeeReason.APPEAL_SECOND_APPELLANT:
        return f"appeal-fee-notice-{notice.pk}.pdf"
    return f"supplementary-fee-notice-{notice.pk}.pdf"


def _paid_line(notice: SupplementaryFeeNotice, verb: str) -> list[str]:
    if notice.status == FeeStatus.PAID and notice.paid_on:
        return [f"（已于{notice.paid_on:%Y年%m月%d日}{verb}。）"]
    return []


def supplementary_fee_notice(case: Case, notice: SupplementaryFeeNotice) -> bytes:
    """The PDF of a supplementary notice, dated the day it was issued, in the first fee
    notice's layout: 补交诉讼费用通知书 after a simple -> ordinary conversion (CPLI Art 199;
    FEE Arts 16, 22), or 交纳上诉案件受理费通知书 to a later appellant (FEE Arts 17, 22)."""
    if notice.reason == SupplementaryFeeReason.APPEAL_SECOND_APPELLANT:
        return appellant_fee_notice(case, notice)
    closing: list[str] = []
    if notice.due_on:
        closing.append(
            f"请于{notice.due_on:%Y年%m月%d日}前补交。逾期未补交的，本案按撤诉处理，"
            "已经收取的诉讼费用退还一半（《民事诉讼法解释》第一百九十九条）。"
        )
    elif notice.status == FeeStatus.DEFERRED:
        closing.append("本院已准予缓交，补交期限另行通知。")
    return _fee_document(
        case,
        CONVERSION_TITLE,
        addressee=_addressees(case),
        intro=f"本院审理的{case.number}一案，已由简易程序转为普通程序审理。依照《最高人民法院关于"
        "适用〈中华人民共和国民事诉讼法〉的解释》第一百九十九条、《诉讼费用交纳办法》第十六条的"
        "规定，适用简易程序减半交纳的案件受理费，应当按普通程序补足：",
        basis=notice.basis,
        amounts=f"按普通程序计算的案件受理费：{money(notice.full_fee)}元；"
        f"本次应补交：{money(notice.amount_due)}元。",
        closing=closing + _paid_line(notice, "补交"),
        on=notice.issued_on,
    )


def appellant_fee_notice(case: Case, notice: SupplementaryFeeNotice) -> bytes:
    """交纳上诉案件受理费通知书 to a later appellant who joined the second-instance case
    (``notice.party``): the fee on the part of the judgment it contests (FEE Art 17), to pay
    within 7 days of the notice, failing which the appeal is treated as withdrawn (FEE
    Art 22)."""
    appellant = notice.party.name if notice.party else "上诉人"
    closing: list[str] = []
    if notice.due_on:
        closing.append(
            f"请于{notice.due_on:%Y年%m月%d日}前交纳。期满未交纳又未提出司法救助申请，"
            "或申请未获批准的，按撤回上诉处理（《诉讼费用交纳办法》第二十二条）。"
        )
    elif notice.status == FeeStatus.DEFERRED:
        closing.append("本院已准予缓交，交纳期限另行通知。")
    return _fee_document(
        case,
        APPELLANT_TITLE,
        addressee=f"上诉人{appellant}",
        intro=f"你（单位）对一审判决提起上诉，本院已在{case.number}一案中一并审理。依照"
        "《诉讼费用交纳办法》第十七条、第二十二条的规定，你（单位）应按照不服一审判决部分的"
        "上诉请求数额交纳上诉案件受理费：",
        basis=notice.basis,
        amounts=f"按上诉请求数额计算的上诉案件受理费：{money(notice.full_fee)}元；"
        f"本次应交纳：{money(notice.amount_due)}元。",
        closing=closing + _paid_line(notice, "交纳"),
        on=notice.issued_on,
    )
