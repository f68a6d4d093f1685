"""Petitions (信访): registration, deadlines, repeat detection, replies, the dashboard."""

from __future__ import annotations

import pytest
import time_machine

from yizhan.factories import resident_id

from .conftest import Api, assert_error, open_case

pytestmark = pytest.mark.django_db


def _visit(officer, **kw) -> dict:
    body = {
        "court_code": "粤0802",
        "form": "visit",
        "subject": "对判决执行进度不满",
        "content": "申请执行已三个月，被执行人仍未履行，请求法院加快执行。",
        "petitioner_name": "张三",
        "petitioner_id_number": resident_id(1),
        "petitioner_phone": "13800138000",
        **kw,
    }
    r = Api(officer).post("/services/petitions", body)
    assert r.status_code == 201, r.content
    return r.json()


@pytest.mark.parametrize(
    ("received", "accept_due"),
    [
        ("2026-09-15", "2026-09-30"),  # 15 days, a working day
        ("2026-09-20", "2026-10-08"),  # ends 5 Oct in the National Day holiday → 8 Oct
    ],
)
def test_acceptance_deadline_is_15_days(petition_officer, received, accept_due):
    with time_machine.travel(f"{received} 10:00 +0800", tick=False):
        p = _visit(petition_officer)
    assert p["received_on"] == received
    assert p["accept_due_on"] == accept_due
    assert p["conclude_due_on"] is None
    assert p["status"] == "registered"


def test_accept_then_conclude_within_60_days_with_reply(petition_officer):
    with time_machine.travel("2026-09-21 10:00 +0800", tick=False):
        p = _visit(petition_officer)
        r = Api(petition_officer).post(f"/services/petitions/{p['id']}/accept", {"note": ""})
        assert r.json()["status"] == "accepted"
        assert r.json()["conclude_due_on"] == "2026-11-20"
    with time_machine.travel("2026-10-12 10:00 +0800", tick=False):
        r = Api(petition_officer).post(
            f"/services/petitions/{p['id']}/reply", {"reply": "已督促执行局依法推进执行。"}
        )
        assert r.json()["status"] == "concluded"
        assert r.json()["concluded_on"] == "2026-10-12"


def test_repeat_petitions_same_person_same_case_or_similar_text(
    alice, chikan_clerk, cause, petition_officer
):
    case = open_case(alice, chikan_clerk)
    first = _visit(petition_officer, case_number=case.number)
    again = _visit(
        petition_officer, case_number=case.number, subject="再次反映", content="还是上次的问题。"
    )
    assert again["repeat_of"] == first["number"]
    assert again["repeat_reason"] == "同一信访人、同一案件"
    similar = _visit(
        petition_officer,
        form="letter",
        content="申请执行已三个月，被执行人仍然没有履行，请法院加快执行。",
    )
    assert similar["repeat_of"] == first["number"]
    assert similar["repeat_reason"] == "同一信访人、内容相似"
    # Another petitioner with the same text is not a repeat
    other = _visit(petition_officer, petitioner_name="李四", petitioner_id_number=resident_id(2))
    assert other["repeat_of"] is None
    # Different matter, same person: not a repeat
    new = _visit(petition_officer, subject="反映法官态度", content="开庭时书记员态度生硬。")
    assert new["repeat_of"] is None


def test_dashboard_shows_open_overdue_and_repeat_petitions(petition_officer, chief):
    with time_machine.travel("2026-09-15 10:00 +0800", tick=False):
        late = _visit(petition_officer)
        _visit(petition_officer, content="申请执行已三个月，被执行人仍未履行，请求加快执行。")
    with time_machine.travel("2026-10-01 10:00 +0800", tick=False):
        r = Api(chief).get("/services/petitions/dashboard", court_code="粤0802")
        assert r.status_code == 200, r.content
        d = r.json()
    assert d["counts"] == {"open": 2, "overdue": 2, "repeat": 1}
    assert d["overdue_acceptance"][0]["id"] == late["id"]
    assert d["repeats"][0]["repeat_of"] == late["number"]


def test_online_petition_by_a_litigant_who_sees_only_their_own(alice, bob, petition_officer):
    r = Api(alice).post(
        "/services/petitions",
        {"court_code": "粤0802", "form": "visit", "subject": "反映问题", "content": "内容"},
    )
    assert r.status_code == 201, r.content
    mine = r.json()
    assert mine["form"] == "online"
    assert mine["petitioner_name"] == "张三"
    assert [p["id"] for p in Api(alice).get("/services/petitions").json()] == [mine["id"]]
    assert Api(bob).get("/services/petitions").json() == []
    assert_error(Api(bob).get(f"/services/petitions/{mine['id']}"), 404, "not_found")
    # the petitioner may not decide on their own petition
    assert_error(
        Api(alice).post(f"/services/petitions/{mine['id']}/accept", {}), 403, "permission_denied"
    )
    assert_error(
        Api(alice).get("/services/petitions/dashboard", court_code="粤0802"),
        403,
        "permission_denied",
    )


def test_petition_state_and_input_errors(petition_officer):
    p = _visit(petition_officer)
    api = Api(petition_officer)
    assert_error(
        api.post(f"/services/petitions/{p['id']}/reply", {"reply": "x"}),
        409,
        "petition_wrong_state",
    )
    assert (
        api.post(f"/services/petitions/{p['id']}/decline", {"reason": "不属于法院职权范围"}).json()[
            "status"
        ]
        == "not_accepted"
    )
    assert_error(api.post(f"/services/petitions/{p['id']}/accept", {}), 409, "petition_wrong_state")
    r = api.post(
        "/services/petitions",
        {
            "court_code": "粤0802",
            "form": "visit",
            "subject": "x",
            "content": "y",
            "petitioner_name": "王",
            "petitioner_id_number": "123",
        },
    )
    assert_error(r, 422, "invalid_input")
