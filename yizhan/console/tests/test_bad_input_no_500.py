"""Console pages answer junk in a form or query string without a 500 (found by
tests/test_pages_no_500.py)."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.test import Client

from yizhan.trial.tests.hearing_helpers import Cast, at, make_case

pytestmark = pytest.mark.django_db


def login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("target", ["abc", "counter", "张三", "-1"])
def test_counter_mode_ignores_a_next_that_is_not_a_path(clerk_client, target):
    """A bare word was handed to redirect(), which read it as a URL name: NoReverseMatch."""
    r = clerk_client.post("/console/counter/mode/", {"on": "1", "next": target})
    assert r.status_code == 302
    assert r["Location"] == "/console/counter/"
    assert clerk_client.session["counter_mode"] is True


def test_counter_mode_still_goes_back_to_a_path_of_this_site(clerk_client):
    r = clerk_client.post("/console/counter/mode/", {"on": "0", "next": "/console/"})
    assert r["Location"] == "/console/"
    r = clerk_client.post("/console/counter/mode/", {"on": "0", "next": "https://evil.example/"})
    assert r["Location"] == "/console/counter/"


@pytest.mark.parametrize("judge", [str(2**63), str(-(2**63) - 1), "9" * 40])
def test_hearing_calendar_ignores_a_judge_id_no_database_can_hold(judge):
    """?judge=2**63 reached the query and raised OverflowError on SQLite; such a filter is
    ignored like ?judge=abc."""
    cast = Cast()
    case = make_case(cast.chikan, judge=cast.judge)
    with time_machine.travel(at(2026, 3, 10, 8), tick=False):
        c = login(cast.judge)
        r = c.post(
            f"/console/trial/hearings/cases/{case.pk}/schedule/",
            {"day": "2026-03-20", "start": "09:00", "end": "10:00", "courtroom": cast.room1.pk},
        )
        assert r.status_code == 302
        page = c.get("/console/trial/hearings/", {"day": "2026-03-20", "judge": judge})
        assert page.status_code == 200
        assert case.number in page.content.decode()
