"""The counter (窗口代为立案 / 跨域立案) and the reviewer's queue."""

from __future__ import annotations

from typing import Any

import time_machine

from yizhan.audit.models import AuditEvent
from yizhan.factories import resident_id
from yizhan.filing.models import Filing

from .helpers import MATERIALS, PDF, Api, assert_error, civil_payload


def _counter_filing(staff: Api, counter: str, court: str, plaintiff_id: str) -> int:
    payload = {
        **civil_payload(court=court, plaintiff_id=plaintiff_id),
        "counter_court_code": counter,
    }
    r = staff.post("/filings/counter", payload)
    assert r.status_code == 201, r.content
    fid: int = r.json()["id"]
    for cat in MATERIALS:
        assert staff.upload(f"/filings/{fid}/attachments", cat, PDF).status_code == 201
    r = staff.post(f"/filings/{fid}/submit")
    assert r.status_code == 200, r.content
    return fid


@time_machine.travel("2026-03-02 10:00 +0800", tick=False)
def test_cross_region_filing_reaches_the_competent_courts_queue(
    alice, chikan_clerk, xiashan_clerk, cause
):
    # Given Alice walks into the 霞山 (粤0803) counter to sue in 赤坎 (粤0802)
    fid = _counter_filing(Api(xiashan_clerk), "粤0803", "粤0802", alice.id_number)

    # Then the 赤坎 clerk sees it in the queue as a cross-region filing received by 粤0803
    queue = Api(chikan_clerk).get("/review/queue").json()
    assert [
        (q["id"], q["cross_region"], q["received_by_code"], q["court_code"]) for q in queue
    ] == [
        (fid, True, "粤0803", "粤0802"),
    ]
    # And it belongs to Alice, who has an account with that resident ID
    assert [f["id"] for f in Api(alice).get("/filings").json()] == [fid]
    filing = Filing.objects.get(pk=fid)
    assert (filing.owner_id, filing.created_by_id, filing.channel) == (
        alice.pk,
        xiashan_clerk.pk,
        "counter",
    )
    # And the receiving clerk may read it but only the competent court may accept it
    xiashan = Api(xiashan_clerk)
    r = xiashan.get(f"/filings/{fid}")
    assert r.status_code == 200, r.content
    assert (r.json()["cross_region"], r.json()["received_by_code"]) == (True, "粤0803")
    assert_error(xiashan.post(f"/review/filings/{fid}/accept", {}), 403, "permission_denied")
    assert xiashan.get("/review/queue").json() == []
    r = Api(chikan_clerk).post(f"/review/filings/{fid}/accept", {})
    assert r.json()["case_number"] == "（2026）粤0802民初1号"


@time_machine.travel("2026-03-02 10:00 +0800", tick=False)
def test_counter_filing_for_a_walk_in_without_account_stays_with_the_clerk(
    alice, chikan_clerk, cause
):
    fid = _counter_filing(Api(chikan_clerk), "粤0802", "粤0802", resident_id(77))
    filing = Filing.objects.get(pk=fid)
    assert (filing.owner_id, filing.is_cross_region) == (chikan_clerk.pk, False)
    assert Api(alice).get("/filings").json() == []


def test_clerk_cannot_file_at_another_courts_counter(xiashan_clerk, cause):
    payload = {**civil_payload(), "counter_court_code": "粤0802"}
    assert_error(Api(xiashan_clerk).post("/filings/counter", payload), 403, "permission_denied")
    payload["counter_court_code"] = "粤9999"
    body = assert_error(Api(xiashan_clerk).post("/filings/counter", payload), 422, "invalid_input")
    assert body["fields"] == {"counter_court_code": "法院不存在。"}
    assert Filing.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def _submit_on(api: Api, fid: int, when: str) -> None:
    with time_machine.travel(when, tick=False):
        assert api.post(f"/filings/{fid}/submit").status_code == 200


def _draft(api: Api, payload: dict[str, Any] | None = None) -> int:
    r = api.post("/filings", payload or civil_payload())
    fid: int = r.json()["id"]
    for cat in MATERIALS:
        api.upload(f"/filings/{fid}/attachments", cat, PDF)
    return fid


def test_queue_puts_overdue_first_then_least_time_left(alice, chikan_clerk, cause):
    api = Api(alice)
    a, b, c, d = (_draft(api) for _ in range(4))
    other_court = _draft(api, civil_payload(court="粤0803"))
    draft_only = _draft(api)
    _submit_on(api, a, "2026-03-10 09:00 +0800")  # due 03-17
    _submit_on(api, b, "2026-03-02 09:00 +0800")  # due 03-09: overdue on 03-10
    _submit_on(api, c, "2026-03-04 09:00 +0800")  # due 03-11
    _submit_on(api, d, "2026-03-03 09:00 +0800")  # due 03-10: last day
    _submit_on(api, other_court, "2026-03-02 09:00 +0800")

    with time_machine.travel("2026-03-10 15:00 +0800", tick=False):
        queue = Api(chikan_clerk).get("/review/queue").json()

    assert [(q["id"], q["review_due"], q["days_left"], q["overdue"]) for q in queue] == [
        (b, "2026-03-09", -1, True),
        (d, "2026-03-10", 0, False),
        (c, "2026-03-11", 1, False),
        (a, "2026-03-17", 7, False),
    ]
    assert draft_only not in [q["id"] for q in queue]
    assert {q["applicant"] for q in queue} == {"张三"}


def test_queue_filtered_by_a_court_the_clerk_does_not_serve_is_403(chikan_clerk):
    api = Api(chikan_clerk)
    assert api.get("/review/queue", court="粤0802").status_code == 200
    assert_error(api.get("/review/queue", court="粤0803"), 403, "permission_denied")
    assert_error(api.get("/review/queue", court="粤9999"), 403, "permission_denied")
