"""Console pages of the trial module."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.test import Client

from yizhan.trial import actions

from .conftest import make_case

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_my_limits_page_lists_the_judges_cases(chikan, cast):
    case = make_case(chikan, filed_on=date(2026, 3, 2), judge=cast["judge"])
    r = _client(cast["judge"]).get("/console/trial/limits/")
    assert r.status_code == 200
    assert case.number in r.content.decode()


def test_assignment_page_for_the_chief_and_manual_assignment(chikan, cast):
    case = make_case(chikan, filed_on=date(2026, 3, 2))
    c = _client(cast["chief"])
    assert case.number in c.get("/console/trial/assignment/").content.decode()
    r = c.post(
        f"/console/trial/assignment/{case.pk}/",
        {"judge_id": cast["judge2"].pk, "reason": "专业对口"},
    )
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.judge == cast["judge2"]


def test_assignment_page_is_closed_to_judges(chikan, cast):
    assert _client(cast["judge"]).get("/console/trial/assignment/").status_code == 403


def test_president_approves_from_the_queue_and_a_judge_cannot(chikan, cast):
    case = make_case(chikan, filed_on=date(2026, 3, 2), procedure="simple", judge=cast["judge"])
    with time_machine.travel(date(2026, 5, 18)):
        ext = actions.request_extension(case.pk, reason="复杂", acting_user=cast["judge"])
        assert _client(cast["judge"]).get("/console/trial/extensions/").status_code == 403
        c = _client(cast["president"])
        assert case.number in c.get("/console/trial/extensions/").content.decode()
        c.post(f"/console/trial/extensions/{ext.pk}/decide/", {"approve": "1"})
    ext.refresh_from_db()
    assert ext.status == "approved"
