"""Numbers no database column can hold, and negative periods, are refused with the trial
errors instead of a 500 (found by tests/test_api_no_500.py)."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from yizhan.audit.models import AuditEvent
from yizhan.cases.models import Case
from yizhan.filing.tests.helpers import Api, assert_error
from yizhan.trial.models import Extension

from .conftest import make_case

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("judge_id", [2**63, -1, 0])
def test_manual_assignment_to_an_id_no_user_can_have_is_not_a_judge(chikan, cast, judge_id):
    case = make_case(chikan, filed_on=date(2026, 3, 2))
    audit = AuditEvent.objects.count()
    body = {"judge_id": judge_id, "reason": "专业对口"}
    r = Api(cast["chief"]).post(f"/trial/cases/{case.pk}/assign-manual", body)
    assert_error(r, 422, "not_a_judge")
    assert Case.objects.get(pk=case.pk).judge_id is None
    assert AuditEvent.objects.count() == audit


@pytest.mark.parametrize(
    "period",
    [
        {"days": 2**63},  # OverflowError on saving (SQLite), out of range (PostgreSQL)
        {"days": -1},  # was saved: an extension of minus one day
        {"months": -1, "days": 5},
        {"months": 0, "days": 32},  # the simple procedure's grant is one month (CPL Art 164)
        {"months": 2**63},
    ],
)
def test_extension_of_a_period_beyond_the_grant_or_negative_is_refused(chikan, cast, period):
    case = make_case(chikan, filed_on=date(2026, 3, 2), procedure="simple", judge=cast["judge"])
    with time_machine.travel(date(2026, 5, 18)):
        r = Api(cast["judge"]).post(
            f"/trial/cases/{case.pk}/extensions", {"reason": "案情复杂", **period}
        )
    assert_error(r, 409, "extension_not_allowed")
    assert not Extension.objects.exists()


def test_extension_within_the_grant_in_days_is_still_accepted(chikan, cast):
    case = make_case(chikan, filed_on=date(2026, 3, 2), procedure="simple", judge=cast["judge"])
    with time_machine.travel(date(2026, 5, 18)):
        r = Api(cast["judge"]).post(
            f"/trial/cases/{case.pk}/extensions", {"reason": "案情复杂", "days": 20}
        )
    assert r.status_code == 201, r.content
    assert (r.json()["months"], r.json()["days"]) == (0, 20)


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("conversion", {"reason": "字" * 301}),
        ("suspensions", {"kind": "appraisal", "start_on": "2026-04-01", "reason": "字" * 301}),
    ],
)
def test_a_reason_longer_than_its_column_is_invalid_input(chikan, cast, path, body):
    """The column holds 300 characters: PostgreSQL refused a longer one with DataError (a
    500); SQLite stored it."""
    case = make_case(chikan, filed_on=date(2026, 3, 2), procedure="simple", judge=cast["judge"])
    audit = AuditEvent.objects.count()
    with time_machine.travel(date(2026, 4, 20)):
        r = Api(cast["judge"]).post(f"/trial/cases/{case.pk}/{path}", body)
    # the field as the client names it, not under the body parameter's name ("data.reason")
    assert assert_error(r, 422, "invalid_input")["fields"] == {"reason": "内容过长"}
    assert Case.objects.get(pk=case.pk).procedure == "simple"
    assert AuditEvent.objects.count() == audit
