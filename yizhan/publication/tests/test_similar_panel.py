# ruff: noqa: F811  (pytest fixtures imported by name)
"""The similar-cases panel (类案推送) on the console case page."""

from __future__ import annotations

import time_machine
from django.test import Client

from yizhan.factories import litigant
from yizhan.filing.tests.helpers import (  # noqa: F401  (fixtures)
    Api,
    alice,
    cause,
    chikan_clerk,
    complete_draft,
    courts,
    xiashan_clerk,
)
from yizhan.publication import search


def _case(alice, chikan_clerk):  # type: ignore[no-untyped-def]
    api = Api(alice)
    fid = complete_draft(api)
    api.post(f"/filings/{fid}/submit")
    return Api(chikan_clerk).post(f"/review/filings/{fid}/accept", {}).json()["case_id"]


@time_machine.travel("2026-03-02 10:00 +0800", tick=False)
def test_case_page_loads_similar_published_judgments(alice, chikan_clerk, cause):
    case_id = _case(alice, chikan_clerk)
    search.index_document(
        901,
        court_code="粤0802",
        year=2025,
        case_type="民初",
        cause="民间借贷纠纷",
        title="张某与李某民间借贷纠纷一审民事判决书",
        case_number="（2025）粤0802民初9号",
        text="被告向原告借款，到期未还。判令被告偿还借款本金及利息。",
    )
    web = Client()
    web.force_login(chikan_clerk)
    page = web.get(f"/console/cases/{case_id}/").content.decode()
    assert f"/console/publication/similar/{case_id}/" in page
    panel = web.get(f"/console/publication/similar/{case_id}/")
    assert panel.status_code == 200
    html = panel.content.decode()
    assert "张某与李某民间借贷纠纷一审民事判决书" in html
    assert "（2025）粤0802民初9号" in html


@time_machine.travel("2026-03-02 10:00 +0800", tick=False)
def test_similar_panel_is_refused_to_staff_of_another_court_and_to_litigants(
    alice, chikan_clerk, xiashan_clerk, cause
):
    case_id = _case(alice, chikan_clerk)
    other = Client()
    other.force_login(xiashan_clerk)
    assert other.get(f"/console/publication/similar/{case_id}/").status_code == 404
    lit = Client()
    lit.force_login(litigant())
    assert lit.get(f"/console/publication/similar/{case_id}/").status_code == 403
