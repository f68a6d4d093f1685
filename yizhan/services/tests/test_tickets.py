"""12368 tickets: 收 → 转 → 办 → 督 → 复 → 评, deadlines on the 2026 court calendar, access."""

from __future__ import annotations

import pytest
import time_machine

from yizhan.accounts.models import Role
from yizhan.cases.models import Case
from yizhan.factories import resident_id, user_with_role
from yizhan.services.actions import escalate_overdue_tickets
from yizhan.services.models import Ticket, TicketEvent

from .conftest import Api, assert_error, open_case

pytestmark = pytest.mark.django_db


def _phone_ticket(api: Api, **kw) -> dict:
    body = {
        "court_code": "粤0802",
        "kind": "complaint",
        "channel": "phone",
        "subject": "承办人电话无人接听",
        "caller_name": "张三",
        "caller_phone": "13800138000",
        "caller_id_number": resident_id(1),
        **kw,
    }
    r = api.post("/services/tickets", body)
    assert r.status_code == 201, r.content
    return r.json()


@pytest.mark.parametrize(
    ("received", "urgency", "due"),
    [
        # Fri before the Spring Festival: Sat 14 Feb is a make-up working day, 15–23 rest
        ("2026-02-13", "urgent", "2026-02-14"),
        ("2026-02-13", "ordinary", "2026-02-25"),
        # Thu before Mid-Autumn (Fri 25 Sep 2026 is a holiday)
        ("2026-09-24", "urgent", "2026-09-28"),
        # New Year: 1–3 Jan rest, Sun 4 Jan a make-up working day
        ("2025-12-31", "ordinary", "2026-01-06"),
    ],
)
def test_ticket_deadline_in_working_days_on_the_court_calendar(agent, received, urgency, due):
    with time_machine.travel(f"{received} 09:00 +0800", tick=False):
        t = _phone_ticket(Api(agent), urgency=urgency)
    assert t["received_on"] == received
    assert t["due_on"] == due
    assert t["channel"] == "phone"
    assert t["number"].startswith(f"12368-{received.replace('-', '')}")


def test_per_kind_limit_from_settings(agent, settings):
    settings.YIZHAN_TICKET_KIND_LIMITS = {"complaint": 5}
    with time_machine.travel("2026-03-02 09:00 +0800", tick=False):
        assert _phone_ticket(Api(agent))["due_on"] == "2026-03-09"


def test_closed_loop_route_handle_reply_rate(alice, agent, chikan_judge, civil_division):
    with time_machine.travel("2026-03-02 09:00 +0800", tick=False):
        # 收: the agent takes the call of 张三, who has an account
        t = _phone_ticket(Api(agent))
        assert t["status"] == "received"
        # 转: to the civil division and its judge
        r = Api(agent).post(
            f"/services/tickets/{t['id']}/route",
            {"department_id": civil_division.pk, "assignee_id": chikan_judge.pk},
        )
        assert r.json()["status"] == "routed"
        assert r.json()["assignee"] == "王法官"
        # 办 and 复: the judge answers
        judge = Api(chikan_judge)
        assert judge.post(f"/services/tickets/{t['id']}/start").json()["status"] == "in_progress"
        r = judge.post(f"/services/tickets/{t['id']}/reply", {"reply": "已与您联系，下周开庭。"})
        assert r.json()["status"] == "replied"
    # 评: the caller rates it in "my tickets"
    r = Api(alice).post(f"/services/tickets/{t['id']}/rate", {"satisfaction": 5, "comment": "及时"})
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "closed"
    assert r.json()["satisfaction"] == 5
    kinds = [e["kind"] for e in r.json()["events"]]
    assert kinds == ["received", "routed", "in_progress", "replied", "rated"]


def test_callback_with_rating_closes_the_ticket(agent, chikan_judge):
    t = _phone_ticket(Api(agent))
    Api(agent).post(f"/services/tickets/{t['id']}/route", {"assignee_id": chikan_judge.pk})
    Api(chikan_judge).post(f"/services/tickets/{t['id']}/reply", {"reply": "已处理"})
    r = Api(agent).post(
        f"/services/tickets/{t['id']}/callback", {"note": "回访：来电人表示满意", "satisfaction": 4}
    )
    assert r.json()["status"] == "closed"
    assert r.json()["callback_note"] == "回访：来电人表示满意"


def test_overdue_ticket_is_escalated_once_to_the_division_chief(agent, chief, civil_division):
    with time_machine.travel("2026-02-13 09:00 +0800", tick=False):
        t = _phone_ticket(Api(agent))
        Api(agent).post(f"/services/tickets/{t['id']}/route", {"department_id": civil_division.pk})
    with time_machine.travel("2026-02-25 18:00 +0800", tick=False):
        assert escalate_overdue_tickets() == []  # due today: not yet overdue
    with time_machine.travel("2026-02-26 08:00 +0800", tick=False):
        assert escalate_overdue_tickets() == [t["id"]]
        assert escalate_overdue_tickets() == []  # once only
        ticket = Ticket.objects.get(pk=t["id"])
        assert ticket.supervisor == chief
        assert TicketEvent.objects.filter(ticket=ticket, kind="escalated").count() == 1
        # the chief sees it among the overdue tickets
        r = Api(chief).get("/services/tickets/overdue", court_code="粤0802")
        assert [x["id"] for x in r.json()] == [t["id"]]
        assert r.json()[0]["escalated"] is True


def test_contact_judge_message_goes_to_the_case_judge(alice, chikan_clerk, chikan_judge, cause):
    case = open_case(alice, chikan_clerk)
    Case.objects.filter(pk=case.pk).update(judge=chikan_judge)
    r = Api(alice).post(
        "/services/tickets",
        {
            "court_code": "粤0802",
            "kind": "contact_judge",
            "subject": "请求延期开庭",
            "case_number": case.number,
        },
    )
    assert r.status_code == 201, r.content
    assert r.json()["status"] == "routed"
    assert r.json()["assignee"] == "王法官"
    assert r.json()["channel"] == "web"
    assert [x["id"] for x in Api(chikan_judge).get("/services/tickets").json()] == [r.json()["id"]]


def test_agent_sees_caller_history_and_cases_but_no_sealed_content(
    alice, agent, chikan_clerk, cause
):
    case = open_case(alice, chikan_clerk)
    _phone_ticket(Api(agent))
    r = Api(agent).get("/services/callers", court_code="粤0802", phone="138-0013-8000")
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["name"] == "张三"
    assert len(body["tickets"]) == 1
    assert [c["number"] for c in body["cases"]] == [case.number]
    text = r.content.decode()
    # process information only: no claims, amounts in dispute, facts or identity numbers
    assert "判令" not in text
    assert "100000" not in text
    assert resident_id(3) not in text
    assert "claims" not in body["cases"][0]
    # and the full case stays closed to the agent
    assert_error(Api(agent).get(f"/cases/{case.pk}"), 404, "not_found")


def test_litigant_sees_only_their_own_tickets(alice, bob, agent):
    mine = (
        Api(alice)
        .post(
            "/services/tickets",
            {"court_code": "粤0802", "kind": "suggestion", "subject": "建议增加停车位"},
        )
        .json()
    )
    theirs = (
        Api(bob)
        .post(
            "/services/tickets",
            {"court_code": "粤0802", "kind": "inquiry", "subject": "查询开庭时间"},
        )
        .json()
    )
    assert [t["id"] for t in Api(alice).get("/services/tickets").json()] == [mine["id"]]
    assert_error(Api(alice).get(f"/services/tickets/{theirs['id']}"), 404, "not_found")
    assert_error(
        Api(alice).post(f"/services/tickets/{theirs['id']}/rate", {"satisfaction": 1}),
        404,
        "not_found",
    )
    # and may not route their own ticket
    assert_error(
        Api(alice).post(f"/services/tickets/{mine['id']}/route", {"assignee_id": 1}),
        403,
        "permission_denied",
    )
    # the agent sees both
    assert len(Api(agent).get("/services/tickets").json()) == 2


def test_agent_of_another_court_sees_nothing(agent, courts):
    t = _phone_ticket(Api(agent))
    other = user_with_role(Role.HOTLINE_AGENT, courts["粤0803"], id_number=None)
    assert_error(Api(other).get(f"/services/tickets/{t['id']}"), 404, "not_found")
    assert_error(
        Api(other).get("/services/callers", court_code="粤0802", phone="13800138000"),
        403,
        "permission_denied",
    )


def test_rating_before_reply_is_refused(alice):
    t = (
        Api(alice)
        .post("/services/tickets", {"court_code": "粤0802", "kind": "inquiry", "subject": "查询"})
        .json()
    )
    assert_error(
        Api(alice).post(f"/services/tickets/{t['id']}/rate", {"satisfaction": 5}),
        409,
        "ticket_wrong_state",
    )


def test_bad_ticket_input_changes_nothing(agent):
    r = Api(agent).post(
        "/services/tickets", {"court_code": "粤0802", "kind": "gossip", "subject": "x"}
    )
    assert_error(r, 422, "invalid_input")
    r = Api(agent).post(
        "/services/tickets", {"court_code": "粤9999", "kind": "inquiry", "subject": "x"}
    )
    assert_error(r, 422, "unknown_court")
    assert Ticket.objects.count() == 0
    assert_error(Api().post("/services/tickets", {}), 401, "not_authenticated")
