"""The console fee page of a retrial after remand (发回重审) shows the notice it settles.

A retrial charges no new acceptance fee and has no fee notice of its own (``_open_remand``);
``settle_fees`` settles the first filing's notice with it (FEE Art 27 ¶1 refunds only the
second-instance fee). Before, its fee page said 未发出交费通知。 although the settlement then
counted 2,300.00 prepaid; now it shows the first-instance case's notice with a note saying so."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.test import Client

from yizhan.cases.models import Case
from yizhan.trial.models import FeeSettlement

from .conftest import one_appellant
from .test_fee_remand_follows_retrial import _close_retrial

pytestmark = pytest.mark.django_db

NOTE = (
    "本案为发回重审案件，不另行交纳案件受理费；以下为原一审案件 {n} 的交费通知，"
    "原一审已交纳的案件受理费随本案结算（《诉讼费用交纳办法》第二十七条第一款只退还第二审案件受理费）。"
)


def _page(client: Client, case: Case, on: date = date(2026, 7, 13)) -> str:
    with time_machine.travel(on):
        r = client.get(f"/console/trial/cases/{case.pk}/fees/")
    assert r.status_code == 200
    return r.content.decode()


def test_retrial_fee_page_shows_the_first_filings_notice_fee_art_27_para_1(chikan, cast, courts):
    # 100,000 claim, 2,300.00 paid by 张三 on filing (2026-03-02); 王五 appeals, remanded.
    case, _hearing = one_appellant(chikan, cast, courts, "remanded")
    retrial = Case.objects.get(relation="remand")
    c = Client()
    c.force_login(cast["judge2"])
    Case.objects.filter(pk=retrial.pk).update(judge=cast["judge2"])

    body = _page(c, retrial, date(2026, 6, 10))
    assert "未发出交费通知。" not in body
    assert f'data-fee-origin="{case.number}"' in body
    assert NOTE.format(n=case.number) in body
    assert "<dt>应交金额</dt><dd>2300.00 元</dd>" in body
    assert "<dt>状态</dt><dd>已交纳 2026-03-02</dd>" in body
    assert "案件结案后结算诉讼费用。" in body

    # Judged at the retrial and settled from the page: the same notice, settled with it.
    _close_retrial(retrial, cast, "judgment")
    with time_machine.travel(date(2026, 7, 13)):
        r = c.post(f"/console/trial/cases/{retrial.pk}/fees/", {})
    assert r.status_code == 302
    s = FeeSettlement.objects.get(case=retrial)
    assert (str(s.prepaid), str(s.final_fee), str(s.refund_amount)) == (
        "2300.00",
        "2300.00",
        "2300.00",
    )
    body = _page(c, retrial)
    assert NOTE.format(n=case.number) in body
    assert "<dt>应交金额</dt><dd>2300.00 元</dd>" in body
    assert '<dd data-fee="refund">2300.00 元</dd>' in body


def test_first_instance_fee_page_has_no_retrial_note(chikan, cast, courts):
    # The first filing's own page shows its notice without the note (it is not a retrial).
    case, _hearing = one_appellant(chikan, cast, courts, "affirmed")
    c = Client()
    c.force_login(cast["judge"])
    body = _page(c, case)
    assert "data-fee-origin" not in body
    assert "<dt>应交金额</dt><dd>2300.00 元</dd>" in body


def test_retrial_fee_page_note_in_english(chikan, cast, courts):
    case, _hearing = one_appellant(chikan, cast, courts, "remanded")
    retrial = Case.objects.get(relation="remand")
    c = Client()
    c.force_login(cast["judge"])
    c.cookies["django_language"] = "en"
    body = _page(c, retrial, date(2026, 6, 10))
    assert (
        f"This case was remanded for retrial and pays no new acceptance fee; below is the "
        f"fee notice of the original first-instance case {case.number}"
    ) in body
