"""逾期未交诉讼费: the filing clerks' worklist of top-ups after simple -> ordinary conversion
(and of later appellants' appeal fees) and the 补交诉讼费用通知书 PDF (CPLI Art 199; FEE
Arts 16, 22)."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date

import pytest
import time_machine

from yizhan.accounts.models import Role
from yizhan.factories import user_with_role

from .conftest import login
from .helpers import case_with_top_up

pytestmark = pytest.mark.django_db
VIEWED = date(2026, 5, 8)  # two days after the 2026-05-06 due date
URL = "/console/fees/top-ups/"


def _rows(html: str, table: str) -> list[str]:
    body = html[html.index(f'data-table="{table}"') :]
    body = body[: body.index("</table>")]
    return re.findall(r"<tr[^>]*data-top-up=.*?</tr>", body, re.S)


def pdf_text(pdf: bytes, tmp_path) -> str:  # type: ignore[no-untyped-def]
    """The PDF's text as pdftotext extracts it, on one line (skips where poppler is missing)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed (apt-get install poppler-utils); text not checked")
    path = tmp_path / "notice.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()
    return re.sub(r"\s+", "", out)


def test_worklist_shows_the_overdue_top_up_with_days_overdue_cpli_art_199(courts, chikan_clerk):
    case, _top_up = case_with_top_up(courts["粤0802"])  # 1,150.00 due 2026-05-06
    with time_machine.travel(VIEWED, tick=False):
        r = login(chikan_clerk).get(URL)
    assert r.status_code == 200
    html = r.content.decode()
    assert '<h1 class="c-title">逾期未交诉讼费 ' in html  # neutral: rows may be appeal fees
    (row,) = _rows(html, "overdue")
    assert f'href="/console/cases/{case.pk}/"' in row
    assert case.number in row
    assert "张三" in row  # the plaintiff who must pay
    assert "1,150.00" in row
    assert "2026-05-06" in row
    assert "逾期 2 天" in row
    assert _rows(html, "due-soon") == []
    assert "7 日内没有到期的待交诉讼费。" in html


def test_worklist_empty_tables_say_so_in_neutral_words(courts, chikan_clerk):
    with time_machine.travel(VIEWED, tick=False):
        html = login(chikan_clerk).get(URL).content.decode()
    assert "没有逾期未交的诉讼费。" in html
    assert "7 日内没有到期的待交诉讼费。" in html
    body = html[html.index("<main") :]
    assert "补交诉讼费。" not in body and "未补交的诉讼费" not in body


def test_worklist_sorts_by_due_date_and_lists_the_next_7_days_separately(courts, chikan_clerk):
    chikan = courts["粤0802"]
    late, _n = case_with_top_up(chikan, due_on=date(2026, 5, 6))
    later, _n = case_with_top_up(chikan, amount="575.00", due_on=date(2026, 4, 30))
    today, _n = case_with_top_up(chikan, due_on=date(2026, 5, 8))
    in_7, _n = case_with_top_up(chikan, amount="5.00", due_on=date(2026, 5, 15))
    in_4, _n = case_with_top_up(chikan, due_on=date(2026, 5, 12))
    case_with_top_up(chikan, due_on=date(2026, 5, 16))  # 8 days ahead: not yet listed
    case_with_top_up(chikan, due_on=date(2026, 5, 6), status="paid")
    case_with_top_up(chikan, due_on=None, status="deferred")
    case_with_top_up(chikan, due_on=date(2026, 5, 6), case_status="closed")
    with time_machine.travel(VIEWED, tick=False):
        html = login(chikan_clerk).get(URL).content.decode()
    overdue = _rows(html, "overdue")
    assert [later.number in overdue[0], late.number in overdue[1]] == [True, True]
    assert "575.00" in overdue[0] and "逾期 8 天" in overdue[0]
    assert "逾期 2 天" in overdue[1]
    soon = _rows(html, "due-soon")
    assert len(soon) == 3
    assert today.number in soon[0] and "今日到期" in soon[0]
    assert in_4.number in soon[1] and "剩余 4 天" in soon[1]
    assert in_7.number in soon[2] and "剩余 7 天" in soon[2] and "5.00" in soon[2]


def test_worklist_is_responsive_table_in_a_scroll_wrapper(courts, chikan_clerk):
    case_with_top_up(courts["粤0802"])
    with time_machine.travel(VIEWED, tick=False):
        html = login(chikan_clerk).get(URL).content.decode()
    assert html.count('<div class="c-table-wrap">') == 2
    assert 'name="viewport"' in html
    assert 'class="c-col-optional"' in html  # the payer column, dropped on a phone


def test_other_courts_staff_do_not_see_the_courts_top_ups(courts, chikan_clerk, xiashan_clerk):
    chikan_case, _n = case_with_top_up(courts["粤0802"])
    xiashan_case, _n = case_with_top_up(courts["粤0803"], amount="2.50")
    with time_machine.travel(VIEWED, tick=False):
        html = login(xiashan_clerk).get(URL).content.decode()
        (row,) = _rows(html, "overdue")
        assert xiashan_case.number in row
        assert chikan_case.number not in html
        assert f"/console/cases/{chikan_case.pk}/" not in html
        html = login(chikan_clerk).get(URL).content.decode()
    assert xiashan_case.number not in html


def test_litigant_gets_the_console_refusal(courts, alice):
    case_with_top_up(courts["粤0802"], plaintiff=alice)
    r = login(alice).get(URL)
    assert r.status_code == 403
    assert "仅供法院工作人员使用" in r.content.decode()


def test_judge_of_the_court_is_refused_the_clerks_worklist(courts):
    case, _n = case_with_top_up(courts["粤0802"])
    judge = user_with_role(Role.JUDGE, courts["粤0802"], id_number=None)
    r = login(judge).get(URL)
    assert r.status_code == 403
    html = r.content.decode()
    assert "只有立案人员可以查看待交诉讼费工作清单。" in html
    assert case.number not in html


def test_anonymous_is_sent_to_login(db):
    from django.test import Client

    r = Client().get(URL)
    assert r.status_code == 302
    assert "next=/console/fees/top-ups/" in r["Location"]


def test_post_is_not_allowed(chikan_clerk):
    assert login(chikan_clerk).post(URL).status_code == 405


def test_nav_shows_the_worklist_to_filing_clerks_only(courts, chikan_clerk):
    def nav(user):  # type: ignore[no-untyped-def]
        html = login(user).get("/console/").content.decode()
        return html[html.index('<nav class="c-nav"') : html.index("</nav>")]

    clerk_nav = nav(chikan_clerk)
    assert URL in clerk_nav
    # right after the counter (窗口立案), before the other areas
    assert clerk_nav.index("/console/counter/") < clerk_nav.index(URL)
    assert clerk_nav.index(URL) < clerk_nav.index("/console/mediation/")
    judge = user_with_role(Role.JUDGE, courts["粤0802"], id_number=None)
    assert URL not in nav(judge)


def test_worklist_in_english(courts, chikan_clerk):
    case_with_top_up(courts["粤0802"])
    client = login(chikan_clerk)
    client.cookies["django_language"] = "en"
    with time_machine.travel(VIEWED, tick=False):
        html = client.get(URL).content.decode()
    assert '<h1 class="c-title">Overdue court fees ' in html
    assert "2 days overdue" in html
    assert "No fee falls due in the next 7 days." in html
    assert "逾期" not in html


# --- the 补交诉讼费用通知书 PDF ------------------------------------------------------------


def test_case_page_links_the_top_up_notice_pdf(courts, chikan_clerk):
    case, top_up = case_with_top_up(courts["粤0802"])
    html = login(chikan_clerk).get(f"/console/cases/{case.pk}/").content.decode()
    assert f'href="/console/cases/{case.pk}/top-ups/{top_up.pk}/notice.pdf"' in html


def test_top_up_notice_pdf_states_amount_due_date_basis_and_consequence(
    courts, chikan_clerk, tmp_path
):
    case, top_up = case_with_top_up(courts["粤0802"])
    r = login(chikan_clerk).get(f"/console/cases/{case.pk}/top-ups/{top_up.pk}/notice.pdf")
    assert r.status_code == 200
    assert r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF-") and r.content.rstrip().endswith(b"%%EOF")
    text = pdf_text(r.content, tmp_path)
    for expected in (
        courts["粤0802"].name,
        "补交诉讼费用通知书",
        case.number,
        "张三：",
        "第一百九十九条",
        "《诉讼费用交纳办法》第十六条",
        "本次应补交：1,150.00元",
        "按普通程序计算的案件受理费：2,300.00元",
        "请于2026年05月06日前补交",
        "按撤诉处理",
        "已经收取的诉讼费用退还一半",
        "2026年04月28日",  # dated the day it was issued
    ):
        assert expected in text, expected
    assert "王五" not in text  # addressed to the plaintiff only


def test_top_up_notice_pdf_of_another_court_is_404(courts, xiashan_clerk):
    case, top_up = case_with_top_up(courts["粤0802"])
    r = login(xiashan_clerk).get(f"/console/cases/{case.pk}/top-ups/{top_up.pk}/notice.pdf")
    assert r.status_code == 404


def test_top_up_notice_pdf_of_another_case_is_404(courts, chikan_clerk):
    case, _n = case_with_top_up(courts["粤0802"])
    _other, other_top_up = case_with_top_up(courts["粤0802"])
    r = login(chikan_clerk).get(f"/console/cases/{case.pk}/top-ups/{other_top_up.pk}/notice.pdf")
    assert r.status_code == 404


def test_top_up_notice_pdf_refuses_a_litigant_in_the_console(courts, alice):
    case, top_up = case_with_top_up(courts["粤0802"], plaintiff=alice)
    r = login(alice).get(f"/console/cases/{case.pk}/top-ups/{top_up.pk}/notice.pdf")
    assert r.status_code == 403
