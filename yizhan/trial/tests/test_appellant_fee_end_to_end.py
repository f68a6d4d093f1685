"""End to end (the PDF text is checked in yizhan/console/tests/test_appellant_fee_notices.py):
the notice ``register_appeal`` issues to a later appellant (FEE Arts 17, 22) is
on the second-instance court's worklist, printed as 交纳上诉案件受理费通知书 and shown on the
portal to that appellant only."""

from __future__ import annotations

import re
from datetime import date

import pytest
import time_machine
from django.test import Client
from django.utils import translation

from yizhan.accounts.models import Role
from yizhan.cases.models import CaseRole, SupplementaryFeeNotice
from yizhan.factories import litigant, resident_id, user_with_role
from yizhan.parties.models import Party

from .conftest import party, two_appeals

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _back_to_chinese():  # type: ignore[no-untyped-def]
    """A request in English leaves English active in this thread: reset it after each test."""
    yield
    translation.deactivate()


def _login(user) -> Client:  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(user)
    return c


def _headers(html: str, table: str) -> list[str]:
    body = html[html.index(f'data-table="{table}"') :]
    head = body[: body.index("</thead>")]
    return re.findall(r"<th[^>]*>([^<]*)</th>", head)


def test_registered_second_appeal_reaches_worklist_pdf_and_appellants_portal(chikan, cast):
    case, _first, second = two_appeals(chikan, cast)  # 张三 joins 04-28 contesting 100,000
    hearing = second.second_case
    notice = SupplementaryFeeNotice.objects.get(case=hearing)
    zhang = litigant(real_name="张三", id_number=resident_id(1))
    wang = litigant(real_name="王五", id_number=resident_id(3))
    Party.objects.filter(pk=party(case, CaseRole.PLAINTIFF).pk).update(user=zhang)
    Party.objects.filter(pk=party(case, CaseRole.DEFENDANT).pk).update(user=wang)
    clerk = user_with_role(Role.FILING_CLERK, hearing.court, id_number=None, real_name="郑立案")

    with time_machine.travel(date(2026, 5, 8), tick=False):  # due 05-06: 2 days overdue
        html = _login(clerk).get("/console/fees/top-ups/").content.decode()
    body = html[html.index('data-table="overdue"') :]
    (row,) = re.findall(r"<tr[^>]*data-top-up=.*?</tr>", body[: body.index("</table>")], re.S)
    assert hearing.number in row and "上诉费（其他上诉人）" in row
    assert '<td class="c-col-optional">张三</td>' in row
    assert "2,300.00" in row and "2026-05-06" in row and "逾期 2 天" in row
    # Both tables' headers fit a top-up and an appeal fee alike; 类别 tells which it is.
    assert _headers(html, "overdue") == [
        "案号",
        "类别",
        "应交人",
        "应交金额（元）",
        "交费期限",
        "逾期天数",
    ]
    assert _headers(html, "due-soon") == [
        "案号",
        "类别",
        "应交人",
        "应交金额（元）",
        "交费期限",
        "剩余时间",
    ]
    assert "应补交" not in html and "补交期限" not in html
    # The page title and the empty table's text fit both kinds too (not 补交).
    assert '<h1 class="c-title">逾期未交诉讼费 ' in html
    assert "7 日内没有到期的待交诉讼费。" in html

    pdf_url = f"/cases/{hearing.pk}/top-ups/{notice.pk}/notice.pdf"
    r = _login(clerk).get(f"/console{pdf_url}")
    assert r.status_code == 200
    assert r["Content-Type"] == "application/pdf"
    assert f"appeal-fee-notice-{notice.pk}.pdf" in r["Content-Disposition"]
    assert r.content.startswith(
        b"%PDF-"
    )  # its text: yizhan/console/tests/test_appellant_fee_notices.py

    with time_machine.travel(date(2026, 5, 4), tick=False):
        zhang_page = _login(zhang).get(f"/cases/{hearing.pk}/").content.decode()
        wang_page = _login(wang).get(f"/cases/{hearing.pk}/").content.decode()
    assert "交纳上诉案件受理费通知" in zhang_page and "2,300.00" in zhang_page
    assert "交纳上诉案件受理费通知" not in wang_page
    assert _login(zhang).get(pdf_url).status_code == 200
    assert _login(wang).get(pdf_url).status_code == 404
    # The first-instance court's staff do not see the 民终 case's notice.
    chikan_clerk = cast["clerk"]
    assert _login(chikan_clerk).get(f"/console{pdf_url}").status_code == 404


def test_worklist_headers_in_english_are_neutral_for_both_kinds(chikan, cast):
    _case, _first, second = two_appeals(chikan, cast)
    clerk = user_with_role(
        Role.FILING_CLERK, second.second_case.court, id_number=None, real_name="郑立案"
    )
    client = _login(clerk)
    client.cookies["django_language"] = "en"
    with time_machine.travel(date(2026, 5, 8), tick=False):
        html = client.get("/console/fees/top-ups/").content.decode()
    assert _headers(html, "overdue") == [
        "Case number",
        "Category",
        "Payer",
        "Amount due (yuan)",
        "Payment due",
        "Days overdue",
    ]
    assert "Top-up (yuan)" not in html and "Top-up deadline" not in html
    assert '<h1 class="c-title">Overdue court fees ' in html
    assert "No fee falls due in the next 7 days." in html
