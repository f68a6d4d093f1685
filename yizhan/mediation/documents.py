"""The mediation agreement as a PDF (调解协议书), rendered with the embedded CJK font."""

from __future__ import annotations

from django.utils import timezone

from yizhan.pdf import FONT_FAMILY, new_document, render_pdf

from .models import Matter


def agreement_pdf(matter: Matter) -> bytes:
    agreement = matter.agreement
    doc = new_document("调解协议书")
    doc.add_page()
    doc.set_font(FONT_FAMILY, "B", 18)
    doc.cell(text="调解协议书", new_x="LMARGIN", new_y="NEXT", align="C")
    doc.set_font(FONT_FAMILY, "", 11)
    doc.cell(text=f"{matter.number}", new_x="LMARGIN", new_y="NEXT", align="R")
    doc.ln(4)
    for mp in matter.matter_parties.select_related("party"):
        doc.multi_cell(
            0, 7, text=f"{mp.get_role_display()}：{mp.party.name}", new_x="LMARGIN", new_y="NEXT"
        )
    if matter.mediator is not None:
        doc.multi_cell(
            0,
            7,
            text=f"调解员：{matter.mediator.name}（{matter.mediator.organisation.name}）",
            new_x="LMARGIN",
            new_y="NEXT",
        )
    doc.ln(3)
    doc.set_font(FONT_FAMILY, "B", 12)
    doc.cell(text="纠纷事项", new_x="LMARGIN", new_y="NEXT")
    doc.set_font(FONT_FAMILY, "", 11)
    doc.multi_cell(0, 7, text=matter.claims, new_x="LMARGIN", new_y="NEXT")
    doc.ln(2)
    doc.set_font(FONT_FAMILY, "B", 12)
    doc.cell(text="经调解，各方自愿达成如下协议", new_x="LMARGIN", new_y="NEXT")
    doc.set_font(FONT_FAMILY, "", 11)
    doc.multi_cell(0, 7, text=agreement.terms, new_x="LMARGIN", new_y="NEXT")
    doc.ln(4)
    doc.multi_cell(
        0,
        7,
        text="本协议自各方当事人签署之日起生效。各方可自协议生效之日起三十日内共同向人民法院申请"
        "司法确认（《中华人民共和国民事诉讼法》第二百零五条），司法确认不收取费用。",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    doc.ln(4)
    for mp in matter.matter_parties.select_related("party"):
        signed = (
            f"已签署 {timezone.localtime(mp.signed_at):%Y-%m-%d %H:%M}"
            if mp.signed_at
            else "未签署"
        )
        doc.cell(text=f"{mp.party.name}：{signed}", new_x="LMARGIN", new_y="NEXT")
    if agreement.effective_on:
        doc.ln(2)
        doc.cell(
            text=f"生效日期：{agreement.effective_on:%Y年%m月%d日}", new_x="LMARGIN", new_y="NEXT"
        )
    return render_pdf(doc)
