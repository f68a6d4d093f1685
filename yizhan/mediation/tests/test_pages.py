"""Portal (apply, follow, sign) and console (roster, assignment, sessions, outcomes, figures)
pages: they render, call the actions, and deny what the access rules deny."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.test import Client

from yizhan.accounts.models import User
from yizhan.factories import resident_id
from yizhan.mediation.models import Matter, Mediator

from .conftest import matter_payload
from .test_flow import Api, apply, in_mediation, settle

pytestmark = pytest.mark.django_db


def client(user: User | None) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


def test_portal_apply_form_creates_a_numbered_matter(alice: User, bob: User, cause: Any) -> None:
    c = client(alice)
    assert c.get("/mediation/apply/").status_code == 200
    with time_machine.travel("2026-03-06 10:00 +0800", tick=False):
        r = c.post(
            "/mediation/apply/",
            {
                "court_code": "粤0802",
                "cause_code": "9089",
                "claims": "偿还借款",
                "claim_amount": "8000",
                "specialty": "commerce",
                "region": "赤坎区",
                "respondent_kind": "natural",
                "respondent_name": "李四",
                "respondent_id": resident_id(2),
            },
        )
    m = Matter.objects.get()
    assert r.status_code == 302
    assert r["Location"] == f"/mediation/{m.pk}/"
    assert m.number == "（2026）粤0802民诉前调1号"
    page = client(bob).get(f"/mediation/{m.pk}/")
    assert page.status_code == 200
    assert "选择调解员" in page.content.decode()
    bad = c.post(
        "/mediation/apply/", {"court_code": "粤0802", "claims": "", "respondent_name": "x"}
    )
    assert bad.status_code == 422


def test_portal_pages_deny_other_people_and_the_public(
    alice: User,
    carol: User,
    cause: Any,
) -> None:
    m = apply(alice)
    assert client(carol).get(f"/mediation/{m['id']}/").status_code == 404
    assert client(None).get(f"/mediation/{m['id']}/").status_code == 302
    assert client(carol).post(f"/mediation/{m['id']}/act/withdraw/").status_code == 404


def test_portal_sign_agreement_and_download_pdf(
    alice: User,
    bob: User,
    cause: Any,
    mediator: Mediator,
) -> None:
    m = in_mediation(alice, bob, mediator)
    Api(mediator.user).post(
        f"/mediation/matters/{m['id']}/settle", {"terms": "一次性支付 45000 元"}
    )
    c = client(alice)
    assert "签署调解协议" in c.get(f"/mediation/{m['id']}/").content.decode()
    assert c.post(f"/mediation/{m['id']}/act/sign/").status_code == 302
    client(bob).post(f"/mediation/{m['id']}/act/sign/")
    assert Matter.objects.get(pk=m["id"]).status == "settled"


@pytest.mark.slow
def test_agreement_pdf_renders_with_cjk_font(
    alice: User, bob: User, cause: Any, mediator: Mediator
) -> None:
    m = in_mediation(alice, bob, mediator)
    settle(m, alice, bob, mediator)
    r = client(alice).get(f"/mediation/{m['id']}/agreement.pdf")
    assert r.status_code == 200
    assert r.content.startswith(b"%PDF")


def test_console_roster_assignment_and_outcome_pages(
    alice: User,
    bob: User,
    cause: Any,
    chikan_clerk: User,
    mediator: Mediator,
    other_mediator: Mediator,
) -> None:
    c = client(chikan_clerk)
    assert "赤坎区人民调解委员会" in c.get("/console/mediation/roster/").content.decode()
    r = c.post(
        "/console/mediation/roster/organisation/", {"name": "赤坎区总工会", "kind": "trade_union"}
    )
    assert r.status_code == 302
    m = apply(alice)
    Api(alice).post(f"/mediation/matters/{m['id']}/request-appointment")
    page = c.get(f"/console/mediation/{m['id']}/").content.decode()
    assert "指定调解员" in page
    assert "周调解" in page
    c.post(f"/console/mediation/{m['id']}/act/appoint/", {"mediator_id": mediator.pk})
    assert Matter.objects.get(pk=m["id"]).mediator_id == mediator.pk
    # The mediator sees it in their console list; the other organisation's mediator does not.
    assert m["number"] in client(mediator.user).get("/console/mediation/").content.decode()
    assert (
        m["number"] not in client(other_mediator.user).get("/console/mediation/").content.decode()
    )
    assert client(other_mediator.user).get(f"/console/mediation/{m['id']}/").status_code == 404
    mc = client(mediator.user)
    mc.post(f"/console/mediation/{m['id']}/act/accept/")
    assert Matter.objects.get(pk=m["id"]).status == "in_mediation"
    mc.post(f"/console/mediation/{m['id']}/act/fail/", {"reason": "分歧过大"})
    c.post(f"/console/mediation/{m['id']}/act/convert/")
    assert Matter.objects.get(pk=m["id"]).status == "converted"
    assert c.get("/console/mediation/figures/").status_code == 200
    assert client(alice).get("/console/mediation/").status_code == 403


def test_console_shows_error_message_for_refused_action(
    alice: User,
    cause: Any,
    chikan_clerk: User,
    mediator: Mediator,
) -> None:
    m = apply(alice)
    r = client(chikan_clerk).post(
        f"/console/mediation/{m['id']}/act/appoint/", {"mediator_id": mediator.pk}, follow=True
    )
    assert "仍在选择调解员的期限内" in r.content.decode()
    assert client(chikan_clerk).post(f"/console/mediation/{m['id']}/act/nope/").status_code == 404


def test_payload_helper_matches_api(alice: User, cause: Any) -> None:
    assert Api(alice).post("/mediation/matters", matter_payload()).status_code == 201


def test_console_session_at_an_impossible_time_is_refused_not_a_500(
    alice: User, bob: User, cause: Any, mediator: Mediator
) -> None:
    # 2026-02-30T09:00 is well formed: parse_datetime raised ValueError, a 500.
    m = in_mediation(alice, bob, mediator)
    r = client(mediator.user).post(
        f"/console/mediation/{m['id']}/act/schedule/",
        {"mode": "online", "scheduled_at": "2026-02-30T09:00", "place": "在线"},
    )
    assert r.status_code == 302
    assert not Matter.objects.get(pk=m["id"]).sessions.exists()
