"""Who may not see or act on a filing: other litigants (404, existence not revealed), staff of
another court, staff without the filing-clerk role, anonymous callers."""

from __future__ import annotations

import pytest
import time_machine

from yizhan.filing.models import Filing, FilingStatus

from .helpers import PDF, Api, assert_error, civil_payload, row_counts, submitted_filing


@pytest.fixture
def alices_submitted(alice, cause) -> int:
    with time_machine.travel("2026-03-02 10:00 +0800", tick=False):
        return submitted_filing(Api(alice))


def test_other_litigant_gets_404_for_every_operation_on_a_filing(alice, bob, cause):
    # Given Alice's draft
    fid = Api(alice).post("/filings", civil_payload()).json()["id"]
    api = Api(bob)
    before = row_counts()

    # When Bob tries to read or change it, then it does not exist for him
    assert_error(api.get(f"/filings/{fid}"), 404, "not_found")
    assert_error(api.put(f"/filings/{fid}", civil_payload("1")), 404, "not_found")
    assert_error(api.upload(f"/filings/{fid}/attachments", "complaint", PDF), 404, "not_found")
    assert_error(api.post(f"/filings/{fid}/submit"), 404, "not_found")
    assert_error(api.post(f"/filings/{fid}/withdraw"), 404, "not_found")
    assert_error(
        api.post(f"/filings/{fid}/fee-relief", {"kind": "defer", "grounds": "困难"}),
        404,
        "not_found",
    )
    assert [f["id"] for f in api.get("/filings").json()] == []
    assert row_counts() == before
    assert Filing.objects.get(pk=fid).status == FilingStatus.DRAFT


def test_other_litigant_gets_404_for_the_case_and_its_pdfs(
    alice, bob, chikan_clerk, alices_submitted
):
    case_id = (
        Api(chikan_clerk).post(f"/review/filings/{alices_submitted}/accept", {}).json()["case_id"]
    )
    api = Api(bob)

    assert_error(api.get(f"/cases/{case_id}"), 404, "not_found")
    assert_error(api.get(f"/cases/{case_id}/fee-notice.pdf"), 404, "not_found")
    assert_error(api.get(f"/cases/{case_id}/acceptance-notice.pdf"), 404, "not_found")
    assert api.get("/cases").json() == []
    # while the owner does see it
    assert Api(alice).get(f"/cases/{case_id}").status_code == 200


def test_clerk_of_another_court_cannot_see_or_decide_the_filing(xiashan_clerk, alices_submitted):
    # Given a filing for 粤0802, when a clerk of 粤0803 tries, then it is not found
    api = Api(xiashan_clerk)
    before = row_counts()

    assert_error(api.get(f"/filings/{alices_submitted}"), 404, "not_found")
    assert_error(api.get(f"/review/filings/{alices_submitted}/preview"), 404, "not_found")
    assert_error(api.post(f"/review/filings/{alices_submitted}/accept", {}), 404, "not_found")
    assert_error(
        api.post(
            f"/review/filings/{alices_submitted}/return",
            {"items": [{"field": "facts", "message": "请补充"}]},
        ),
        404,
        "not_found",
    )
    assert_error(
        api.post(f"/review/filings/{alices_submitted}/refuse", {"reason": "不属本院"}),
        404,
        "not_found",
    )
    assert api.get("/review/queue").json() == []
    assert row_counts() == before
    assert Filing.objects.get(pk=alices_submitted).status == FilingStatus.SUBMITTED


def test_judge_of_the_court_may_read_the_filing_but_not_decide_it(chikan_judge, alices_submitted):
    api = Api(chikan_judge)
    before = row_counts()

    r = api.get(f"/filings/{alices_submitted}")
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "submitted"
    assert_error(
        api.post(f"/review/filings/{alices_submitted}/accept", {}), 403, "permission_denied"
    )
    assert_error(
        api.post(f"/review/filings/{alices_submitted}/refuse", {"reason": "理由"}),
        403,
        "permission_denied",
    )
    assert_error(api.get("/review/queue"), 403, "permission_denied")
    assert row_counts() == before


def test_litigant_cannot_use_the_review_endpoints(alice, alices_submitted):
    api = Api(alice)
    assert_error(api.get("/review/queue"), 403, "permission_denied")
    # Their own filing is visible to them, but deciding it needs the filing-clerk role
    assert_error(
        api.post(f"/review/filings/{alices_submitted}/accept", {}), 403, "permission_denied"
    )
    assert Filing.objects.get(pk=alices_submitted).status == FilingStatus.SUBMITTED


def test_litigant_cannot_file_at_the_counter(alice, cause):
    payload = {**civil_payload(), "counter_court_code": "粤0802"}
    assert_error(Api(alice).post("/filings/counter", payload), 403, "permission_denied")
    assert Filing.objects.count() == 0


def test_anonymous_caller_gets_401(alice, cause):
    fid = Api(alice).post("/filings", civil_payload()).json()["id"]
    anonymous = Api()
    before = row_counts()

    assert_error(anonymous.get("/filings"), 401, "not_authenticated")
    assert_error(anonymous.post("/filings", civil_payload()), 401, "not_authenticated")
    assert_error(anonymous.get(f"/filings/{fid}"), 401, "not_authenticated")
    assert_error(anonymous.post(f"/filings/{fid}/submit"), 401, "not_authenticated")
    assert_error(anonymous.get("/review/queue"), 401, "not_authenticated")
    assert_error(anonymous.get("/cases"), 401, "not_authenticated")
    assert row_counts() == before


def test_unknown_bearer_token_gets_401(cause):
    assert_error(Api(token="yz_not-a-real-token").get("/filings"), 401, "not_authenticated")
