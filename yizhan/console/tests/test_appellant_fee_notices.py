"""A later appellant's appeal fee (上诉费（其他上诉人）, FEE Arts 17, 22) on the clerk's worklist,
as the 交纳上诉案件受理费通知书 PDF and on the appellant's portal case page."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.db import transaction
from django.test import Client
from django.utils import translation

from yizhan.accounts.models import Role
from yizhan.cases.actions import FEE_ART_17
from yizhan.cases.models import (
    Case,
    CaseParty,
    CaseRole,
    FeeNotice,
    FeeStatus,
    SupplementaryFeeNotice,
)
from yizhan.cases.numbering import next_number
from yizhan.core.fees import quote
from yizhan.core.models import Court
from yizhan.factories import CauseFactory, litigant, resident_id, user_with_role
from yizhan.parties.models import Party, Representation

from .conftest import login
from .helpers import case_with_top_up
from .test_top_ups import pdf_text

pytestmark = pytest.mark.django_db
ISSUED = date(2026, 4, 28)
DUE = date(2026, 5, 6)  # 7 days from 04-28 end on 05-05 (Labour Day): next working day (FEE Art 22)
VIEWED = date(2026, 5, 8)  # two days overdue
URL = "/console/fees/top-ups/"


def appeal_with_second_appellant(
    court: Court,
    *,
    second: Any = None,
    first: Any = None,
    status: str = FeeStatus.DUE,
) -> tuple[Case, SupplementaryFeeNotice]:
    """A 民终 case at ``court``: 王五 (defendant, user ``first``) appealed first (5,800.00 on
    300,000, the case's fee notice); 张三 (plaintiff, user ``second``) joined on 2026-04-28
    contesting 100,000: its own notice of 2,300.00 due 2026-05-06 (FEE Arts 13, 17, 22)."""
    q = quote("property", Decimal("100000"), procedure="ordinary")
    with transaction.atomic():
        n = next_number(court, 2026, "民终")
        case = Case.objects.create(
            court=court,
            year=n.year,
            type_code="民终",
            seq=n.seq,
            number=n.render(),
            cause=CauseFactory(),
            procedure="second_instance",
            filed_on=date(2026, 4, 20),
            claim_amount=Decimal("1000000"),
        )
        zhang = Party.objects.create(
            kind="natural", name="张三", id_number=resident_id(1), user=second
        )
        wang = Party.objects.create(
            kind="natural", name="王五", id_number=resident_id(3), user=first
        )
        CaseParty.objects.create(case=case, party=zhang, role=CaseRole.PLAINTIFF)
        CaseParty.objects.create(case=case, party=wang, role=CaseRole.DEFENDANT)
        FeeNotice.objects.create(
            case=case,
            fee_kind="property",
            full_fee=Decimal("5800.00"),
            amount_due=Decimal("5800.00"),
            status=FeeStatus.PAID,
            issued_on=date(2026, 4, 20),
            paid_on=date(2026, 4, 20),
        )
        notice = SupplementaryFeeNotice.objects.create(
            case=case,
            reason="appeal_second_appellant",
            party=zhang,
            fee_kind="property",
            full_fee=q.full_fee,
            amount_due=q.fee,
            basis=[FEE_ART_17, *q.basis],
            status=status,
            issued_on=ISSUED,
            due_on=DUE,
            paid_on=DUE if status == FeeStatus.PAID else None,
        )
    return case, notice


@pytest.fixture(autouse=True)
def _back_to_chinese():  # type: ignore[no-untyped-def]
    """A request in English leaves English active in this thread: reset it after each test."""
    yield
    translation.deactivate()


def _rows(html: str, table: str) -> list[str]:
    body = html[html.index(f'data-table="{table}"') :]
    body = body[: body.index("</table>")]
    return re.findall(r"<tr[^>]*data-top-up=.*?</tr>", body, re.S)


@pytest.fixture
def zhongshan_clerk(courts):  # type: ignore[no-untyped-def]
    """A filing clerk of the intermediate court 粤08 (second instance)."""
    return user_with_role(Role.FILING_CLERK, courts["粤08"], id_number=None, real_name="郑立案")


def _pdf_url(case: Case, notice: SupplementaryFeeNotice, console: bool = True) -> str:
    prefix = "/console" if console else ""
    return f"{prefix}/cases/{case.pk}/top-ups/{notice.pk}/notice.pdf"


# --- worklist ---------------------------------------------------------------------------------


def test_worklist_lists_the_unpaid_appeal_fee_with_the_appellant_as_payer_fee_art_22(
    courts, zhongshan_clerk
):
    case, notice = appeal_with_second_appellant(courts["粤08"])
    assert notice.amount_due == Decimal("2300.00")  # FEE Art 13 on 100,000 (FEE Art 17)
    with time_machine.travel(VIEWED, tick=False):
        html = login(zhongshan_clerk).get(URL).content.decode()
    (row,) = _rows(html, "overdue")
    assert f'data-top-up="{notice.pk}"' in row
    assert f'href="/console/cases/{case.pk}/"' in row and case.number in row
    assert '<td data-kind="appeal_second_appellant">上诉费（其他上诉人）</td>' in row
    assert '<td class="c-col-optional">张三</td>' in row  # the appellant, not the plaintiffs
    assert "王五" not in row
    assert "2,300.00" in row and "2026-05-06" in row and "逾期 2 天" in row
    assert "按撤回上诉处理（《诉讼费用交纳办法》第二十二条）" in html


def test_worklist_payer_is_the_appellant_even_when_it_is_the_defendant(courts, zhongshan_clerk):
    case, notice = appeal_with_second_appellant(courts["粤08"])
    wang = case.case_parties.get(role=CaseRole.DEFENDANT).party
    SupplementaryFeeNotice.objects.filter(pk=notice.pk).update(party=wang)
    with time_machine.travel(VIEWED, tick=False):
        (row,) = _rows(login(zhongshan_clerk).get(URL).content.decode(), "overdue")
    assert '<td class="c-col-optional">王五</td>' in row
    assert "张三" not in row


def test_worklist_mixes_both_kinds_by_due_date_with_their_labels(courts, zhongshan_clerk):
    court = courts["粤08"]
    appeal, _n = appeal_with_second_appellant(court)  # due 05-06
    top_up, _n = case_with_top_up(court, due_on=date(2026, 4, 30))
    soon, _n = case_with_top_up(court, due_on=date(2026, 5, 12))
    paid, _n = appeal_with_second_appellant(court, status=FeeStatus.PAID)
    with time_machine.travel(VIEWED, tick=False):
        html = login(zhongshan_clerk).get(URL).content.decode()
    first, second = _rows(html, "overdue")
    assert top_up.number in first and "补交受理费" in first and "逾期 8 天" in first
    assert "1,150.00" in first and "张三" in first
    assert appeal.number in second and "上诉费（其他上诉人）" in second and "逾期 2 天" in second
    (row,) = _rows(html, "due-soon")
    assert soon.number in row and "补交受理费" in row and "剩余 4 天" in row
    assert paid.number not in html


def test_worklist_appeal_fee_due_soon(courts, zhongshan_clerk):
    case, _n = appeal_with_second_appellant(courts["粤08"])
    with time_machine.travel(date(2026, 5, 4), tick=False):
        html = login(zhongshan_clerk).get(URL).content.decode()
    assert _rows(html, "overdue") == []
    (row,) = _rows(html, "due-soon")
    assert case.number in row and "上诉费（其他上诉人）" in row and "剩余 2 天" in row


def test_staff_of_another_court_see_no_appeal_fee(courts, chikan_clerk, xiashan_clerk):
    case, notice = appeal_with_second_appellant(courts["粤08"])
    for clerk in (chikan_clerk, xiashan_clerk):
        client = login(clerk)
        with time_machine.travel(VIEWED, tick=False):
            html = client.get(URL).content.decode()
        assert case.number not in html
        assert _rows(html, "overdue") == []
        assert client.get(_pdf_url(case, notice)).status_code == 404
        assert client.get(f"/console/cases/{case.pk}/").status_code == 404


def test_worklist_in_english_names_the_kind(courts, zhongshan_clerk):
    appeal_with_second_appellant(courts["粤08"])
    client = login(zhongshan_clerk)
    client.cookies["django_language"] = "en"
    with time_machine.travel(VIEWED, tick=False):
        html = client.get(URL).content.decode()
    (row,) = _rows(html, "overdue")
    assert "Appeal fee (another appellant)" in row
    assert "2 days overdue" in row
    assert ">Category<" in html
    assert "the appeal is treated as withdrawn" in html
    assert "上诉" not in html


# --- console case page and PDF ----------------------------------------------------------------


def test_case_page_links_the_appellant_notice_pdf(courts, zhongshan_clerk):
    case, notice = appeal_with_second_appellant(courts["粤08"])
    with time_machine.travel(VIEWED, tick=False):
        html = login(zhongshan_clerk).get(f"/console/cases/{case.pk}/").content.decode()
    link = f'href="{_pdf_url(case, notice)}"'
    assert link in html
    after = html[html.index(link) :]
    assert after.index("交纳上诉案件受理费通知书") < after.index("</a>")
    assert "交纳人：上诉人张三" in html
    assert "逾期未交纳上诉费的，按撤回上诉处理（《诉讼费用交纳办法》第二十二条）。" in html


def test_appellant_notice_pdf_states_appellant_amount_basis_due_date_and_consequence(
    courts, zhongshan_clerk, tmp_path
):
    case, notice = appeal_with_second_appellant(courts["粤08"])
    r = login(zhongshan_clerk).get(_pdf_url(case, notice))
    assert r.status_code == 200
    assert r["Content-Type"] == "application/pdf"
    assert f"appeal-fee-notice-{notice.pk}.pdf" in r["Content-Disposition"]
    text = pdf_text(r.content, tmp_path)
    for expected in (
        courts["粤08"].name,
        "交纳上诉案件受理费通知书",
        case.number,
        "上诉人张三：",
        "《诉讼费用交纳办法》第十七条、第二十二条",
        "《诉讼费用交纳办法》第十七条：按照不服一审判决部分的上诉请求数额交纳",  # basis[0]
        "按上诉请求数额计算的上诉案件受理费：2,300.00元",
        "本次应交纳：2,300.00元",
        "请于2026年05月06日前交纳",
        "按撤回上诉处理（《诉讼费用交纳办法》第二十二条）",
        "2026年04月28日",  # dated the day it was issued
    ):
        assert expected in text, expected
    for line in notice.basis:
        assert re.sub(r"\s+", "", line) in text, line
    assert "王五" not in text  # addressed to the later appellant only
    assert "补交" not in text and "第一百九十九条" not in text


def test_paid_appellant_notice_pdf_says_when_it_was_paid(courts, zhongshan_clerk, tmp_path):
    case, notice = appeal_with_second_appellant(courts["粤08"], status=FeeStatus.PAID)
    text = pdf_text(login(zhongshan_clerk).get(_pdf_url(case, notice)).content, tmp_path)
    assert "（已于2026年05月06日交纳。）" in text


def test_appellant_notice_pdf_refuses_a_litigant_in_the_console(courts, alice):
    case, notice = appeal_with_second_appellant(courts["粤08"], second=alice)
    assert login(alice).get(_pdf_url(case, notice)).status_code == 403


# --- portal -----------------------------------------------------------------------------------


def _block(html: str) -> str:
    start = html.index("data-top-up=")
    return html[start : html.index("</p>", html.index("notice.pdf", start))]


def test_the_appellant_sees_its_notice_on_the_portal(courts, alice):
    case, notice = appeal_with_second_appellant(courts["粤08"], second=alice)
    with time_machine.travel(date(2026, 5, 4), tick=False):
        html = login(alice).get(f"/cases/{case.pk}/").content.decode()
    assert "交纳上诉案件受理费通知" in html
    block = _block(html)
    assert f'data-top-up="{notice.pk}"' in block
    assert "<dt>上诉人</dt><dd>张三</dd>" in block
    assert "<strong>2,300.00</strong> 元" in block
    assert '交费期限</dt><dd class="deadline">2026-05-06' in block
    assert "按撤回上诉处理（《诉讼费用交纳办法》第二十二条）" in block
    assert "已逾期" not in block and "补交" not in block
    assert f'href="{_pdf_url(case, notice, console=False)}"' in block
    with time_machine.travel(VIEWED, tick=False):
        assert "已逾期" in _block(login(alice).get(f"/cases/{case.pk}/").content.decode())


def test_the_appellant_and_its_agent_download_the_pdf(courts, alice, tmp_path):
    case, notice = appeal_with_second_appellant(courts["粤08"], second=alice)
    lawyer = litigant(real_name="李律师", id_number=resident_id(7))
    Representation.objects.create(party=notice.party, kind="lawyer", name="李律师", user=lawyer)
    for user in (alice, lawyer):
        r = login(user).get(_pdf_url(case, notice, console=False))
        assert r.status_code == 200
        text = pdf_text(r.content, tmp_path)
        assert "上诉人张三：" in text and "本次应交纳：2,300.00元" in text
    html = login(lawyer).get(f"/cases/{case.pk}/").content.decode()
    assert "交纳上诉案件受理费通知" in html


def test_the_first_appellant_does_not_see_the_second_appellants_notice(courts, alice):
    wang = litigant(real_name="王五", id_number=resident_id(3))
    case, notice = appeal_with_second_appellant(courts["粤08"], second=alice, first=wang)
    client = login(wang)
    r = client.get(f"/cases/{case.pk}/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "交纳上诉案件受理费通知" not in html and "2,300.00" not in html
    assert client.get(_pdf_url(case, notice, console=False)).status_code == 404


def test_another_litigant_gets_404_for_the_case_and_the_pdf(courts, alice, bob):
    case, notice = appeal_with_second_appellant(courts["粤08"], second=alice)
    client = login(bob)
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    assert client.get(_pdf_url(case, notice, console=False)).status_code == 404


def test_a_notice_of_another_case_is_404_on_the_portal(courts, alice):
    case, _n = appeal_with_second_appellant(courts["粤08"], second=alice)
    _other, other = appeal_with_second_appellant(courts["粤08"])
    assert login(alice).get(_pdf_url(case, other, console=False)).status_code == 404
    assert login(alice).get(f"/cases/{case.pk}/top-ups/999999/notice.pdf").status_code == 404


def test_anonymous_is_sent_to_login(courts):
    case, notice = appeal_with_second_appellant(courts["粤08"])
    r = Client().get(_pdf_url(case, notice, console=False))
    assert r.status_code == 302 and "/login/" in r["Location"]


def test_portal_appellant_notice_in_english(courts, alice):
    case, _n = appeal_with_second_appellant(courts["粤08"], second=alice)
    client = login(alice)
    client.cookies["django_language"] = "en"
    with time_machine.travel(date(2026, 5, 4), tick=False):
        html = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Appeal fee notice" in html
    assert "Appeal fee notice (PDF)" in html
    assert "the appeal is treated as withdrawn" in html
    assert "按撤回上诉处理" not in html
