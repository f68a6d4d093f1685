"""Portal and console pages of the service desk render and drive the actions."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.test import Client

from yizhan.factories import resident_id
from yizhan.services.models import Petition, SmsMessage, Ticket

from .conftest import open_case

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


@time_machine.travel("2026-03-02 10:00 +0800", tick=False)
def test_portal_inquiry_pages(alice, chikan_clerk, cause, django_capture_on_commit_callbacks):
    case = open_case(alice, chikan_clerk)
    c = _client()
    assert c.get("/services/inquiry/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post(
            "/services/inquiry/",
            {
                "step": "code",
                "case_number": case.number,
                "identity_kind": "id_number",
                "identity_number": resident_id(1),
            },
        )
    assert r.status_code == 200
    assert "短信验证码" in r.content.decode()
    code = re.search(r"验证码 (\d{6})", SmsMessage.objects.get().text).group(1)
    r = c.post("/services/inquiry/", {"step": "verify", "code": code})
    assert r.status_code == 302
    r = c.get("/services/inquiry/case/")
    assert r.status_code == 200
    assert case.number in r.content.decode()
    assert "判令" not in r.content.decode()


def test_portal_consult_tickets_and_appointments(alice):
    c = _client(alice)
    r = c.get("/services/consult/", {"q": "上诉期限"})
    assert r.status_code == 200
    assert "15日内" in r.content.decode()
    r = c.post("/services/consult/", {"question": "宠物狗咬伤邻居", "court_code": "粤0802"})
    assert r.status_code == 302
    t = Ticket.objects.get()
    assert c.get("/services/tickets/").status_code == 200
    assert c.get(f"/services/tickets/{t.pk}/").status_code == 200
    with time_machine.travel("2026-03-02 10:00 +0800", tick=False):
        r = c.get("/services/appointments/", {"court": "粤0802", "day": "2026-03-03"})
        assert r.status_code == 200
        assert "09:00–10:00" in r.content.decode()
        r = c.post(
            "/services/appointments/",
            {"court_code": "粤0802", "day": "2026-03-03", "start": "09:00", "purpose": "递交材料"},
        )
        assert r.status_code == 302


def test_console_agent_ticket_and_petition_pages(alice, agent, petition_officer, chikan_judge):
    c = _client(agent)
    r = c.get("/console/services/", {"phone": "13800138000"})
    assert r.status_code == 200
    r = c.post(
        "/console/services/?phone=13800138000",
        {
            "kind": "inquiry",
            "channel": "phone",
            "urgency": "urgent",
            "subject": "查询开庭时间",
            "caller_name": "张三",
            "caller_phone": "13800138000",
        },
    )
    assert r.status_code == 302, r.content
    t = Ticket.objects.get()
    assert t.caller_phone == "13800138000"
    assert t.urgency == "urgent"
    assert c.get(f"/console/services/tickets/{t.pk}/").status_code == 200
    r = c.post(
        f"/console/services/tickets/{t.pk}/", {"op": "route", "assignee_id": chikan_judge.pk}
    )
    assert r.status_code == 302
    assert Ticket.objects.get().status == "routed"
    assert c.get("/console/services/tickets/?overdue=1").status_code == 200
    assert c.get("/console/services/kb/").status_code == 200
    assert c.get("/console/services/sms/").status_code == 200
    # the petition dashboard is for petition officers and supervisors
    assert c.get("/console/services/petitions/").status_code == 403
    p = _client(petition_officer)
    r = p.post(
        "/console/services/petitions/",
        {"form": "letter", "petitioner_name": "张三", "subject": "反映问题", "content": "内容"},
    )
    assert r.status_code == 302
    pet = Petition.objects.get()
    assert p.get("/console/services/petitions/").status_code == 200
    assert p.get(f"/console/services/petitions/{pet.pk}/").status_code == 200
    # litigants are kept out of the console
    assert _client(alice).get("/console/services/").status_code == 403
