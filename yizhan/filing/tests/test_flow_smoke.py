from __future__ import annotations

import time_machine

from .conftest import Api, complete_draft


@time_machine.travel("2026-03-02 10:00 +0800", tick=False)
def test_file_accept_gives_case_number_and_fee_notice(alice, chikan_clerk, cause):
    api = Api(alice)
    fid = complete_draft(api)
    r = api.post(f"/filings/{fid}/submit")
    assert r.status_code == 200, r.content
    assert r.json()["review_due"] == "2026-03-09"
    staff = Api(chikan_clerk)
    r = staff.post(f"/review/filings/{fid}/accept", {})
    assert r.status_code == 200, r.content
    assert r.json()["case_number"] == "（2026）粤0802民初1号"
