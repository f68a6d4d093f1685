"""A litigant contacts the judge of their case from the portal (12368 message relay)."""

from __future__ import annotations

import time_machine
from django.test import Client

from yizhan.filing.tests.helpers import Api, complete_draft
from yizhan.services.models import Ticket


@time_machine.travel("2026-03-02 10:00 +0800", tick=False)
def test_litigant_contacts_the_judge_of_their_case_from_the_portal(alice, chikan_clerk, cause):
    api = Api(alice)
    fid = complete_draft(api)
    api.post(f"/filings/{fid}/submit")
    case_number = Api(chikan_clerk).post(f"/review/filings/{fid}/accept", {}).json()["case_number"]
    web = Client()
    web.force_login(alice)
    r = web.post(
        "/services/tickets/",
        {
            "kind": "contact_judge",
            "court_code": "粤0802",
            "case_number": case_number,
            "subject": "请求调取证据",
            "content": "申请法院调取银行流水。",
        },
    )
    t = Ticket.objects.get()
    assert r.status_code == 302
    assert r["Location"] == f"/services/tickets/{t.pk}/"
    assert (t.kind, t.channel, t.case.number, t.caller_user_id) == (
        "contact_judge",
        "web",
        case_number,
        alice.pk,
    )
    assert t.due_on.isoformat() == "2026-03-05"  # 3 working days (YIZHAN_TICKET_LIMITS)


def test_portal_ticket_without_a_court_shows_the_error_and_creates_nothing(alice):
    web = Client()
    web.force_login(alice)
    r = web.post("/services/tickets/", {"kind": "contact_judge", "subject": "问题"})
    assert r.status_code == 200
    assert "请选择法院。" in r.content.decode()
    assert Ticket.objects.count() == 0


def test_anonymous_visitor_is_sent_to_login(db):
    r = Client().get("/services/tickets/")
    assert r.status_code == 302
    assert r["Location"].startswith("/login/")
