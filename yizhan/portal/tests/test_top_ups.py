"""The litigant's side of the fee top-up after simple -> ordinary conversion (CPLI Art 199):
the case page shows it to the party who must pay, with the 补交诉讼费用通知书 PDF."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.test import Client
from django.utils import translation

from yizhan.console.tests.helpers import case_with_top_up
from yizhan.console.tests.test_top_ups import pdf_text
from yizhan.factories import litigant, resident_id

pytestmark = pytest.mark.django_db
VIEWED = date(2026, 5, 4)  # before the 2026-05-06 due date


@pytest.fixture(autouse=True)
def _back_to_chinese():  # type: ignore[no-untyped-def]
    """A request in English leaves English active in this thread (the tests that follow would
    see English labels): reset it after each test."""
    yield
    translation.deactivate()


def login(user) -> Client:  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(user)
    return c


def _block(html: str) -> str:
    start = html.index("data-top-up=")
    return html[start : html.index("</p>", html.index("notice.pdf", start))]


def test_plaintiff_sees_the_top_up_where_the_fee_notice_is(courts, alice):
    case, top_up = case_with_top_up(courts["粤0802"], plaintiff=alice)
    with time_machine.travel(VIEWED, tick=False):
        html = login(alice).get(f"/cases/{case.pk}/").content.decode()
    assert html.index("交纳诉讼费用通知") < html.index("补交诉讼费用通知")
    block = _block(html)
    assert "<strong>1,150.00</strong> 元" in block
    assert "待交纳" in block
    assert "2026-05-06" in block
    assert "按撤诉处理" in block
    assert "已逾期" not in block
    assert f'href="/cases/{case.pk}/top-ups/{top_up.pk}/notice.pdf"' in block


def test_an_overdue_top_up_is_marked_and_a_paid_one_shows_the_payment_date(courts, alice):
    case, _n = case_with_top_up(courts["粤0802"], plaintiff=alice)
    paid, _n = case_with_top_up(courts["粤0802"], plaintiff=alice, status="paid")
    client = login(alice)
    with time_machine.travel(date(2026, 5, 8), tick=False):
        assert "已逾期" in _block(client.get(f"/cases/{case.pk}/").content.decode())
        block = _block(client.get(f"/cases/{paid.pk}/").content.decode())
    assert "已交纳" in block
    assert "补交日期</dt><dd>2026-05-06" in block
    assert "已逾期" not in block and "按撤诉处理" not in block


def test_plaintiff_downloads_the_top_up_notice_pdf(courts, alice, tmp_path):
    case, top_up = case_with_top_up(courts["粤0802"], plaintiff=alice)
    r = login(alice).get(f"/cases/{case.pk}/top-ups/{top_up.pk}/notice.pdf")
    assert r.status_code == 200
    assert r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF-")
    text = pdf_text(r.content, tmp_path)
    assert "本次应补交：1,150.00元" in text
    assert "请于2026年05月06日前补交" in text


def test_another_litigant_gets_404_for_the_case_and_the_pdf(courts, alice, bob):
    case, top_up = case_with_top_up(courts["粤0802"], plaintiff=alice)
    client = login(bob)
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    assert client.get(f"/cases/{case.pk}/top-ups/{top_up.pk}/notice.pdf").status_code == 404


def test_the_defendant_sees_the_case_but_not_the_plaintiffs_top_up(courts, alice):
    defendant = litigant(real_name="王五", id_number=resident_id(3))
    case, top_up = case_with_top_up(courts["粤0802"], plaintiff=alice, defendant=defendant)
    client = login(defendant)
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert "补交诉讼费用通知" not in html
    assert client.get(f"/cases/{case.pk}/top-ups/{top_up.pk}/notice.pdf").status_code == 404


def test_a_notice_of_another_case_is_404(courts, alice):
    case, _n = case_with_top_up(courts["粤0802"], plaintiff=alice)
    _other, other_top_up = case_with_top_up(courts["粤0802"])
    r = login(alice).get(f"/cases/{case.pk}/top-ups/{other_top_up.pk}/notice.pdf")
    assert r.status_code == 404


def test_anonymous_is_sent_to_login(courts, alice):
    case, top_up = case_with_top_up(courts["粤0802"], plaintiff=alice)
    r = Client().get(f"/cases/{case.pk}/top-ups/{top_up.pk}/notice.pdf")
    assert r.status_code == 302
    assert "/login/" in r["Location"]


def test_top_up_in_english(courts, alice):
    case, _n = case_with_top_up(courts["粤0802"], plaintiff=alice)
    client = login(alice)
    client.cookies["django_language"] = "en"
    with time_machine.travel(VIEWED, tick=False):
        html = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Fee top-up notice" in html
    assert "Top-up deadline" in html
    assert "Fee top-up notice (PDF)" in html
