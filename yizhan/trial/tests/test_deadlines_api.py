"""The trial API: success, denials, bad input."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from yizhan.filing.tests.helpers import Api, assert_error

from .conftest import make_case

pytestmark = pytest.mark.django_db


def test_suspension_through_the_api(chikan, cast):
    case = make_case(chikan, filed_on=date(2026, 3, 2), judge=cast["judge"])
    with time_machine.travel(date(2026, 4, 20)):
        r = Api(cast["judge"]).post(
            f"/trial/cases/{case.pk}/suspensions",
            {"kind": "appraisal", "start_on": "2026-04-01", "end_on": "2026-04-10"},
        )
    assert r.status_code == 201, r.content
    assert r.json()["limit_due"] == "2026-09-14"


def test_suspension_denials_and_bad_input(chikan, cast):
    case = make_case(chikan, filed_on=date(2026, 3, 2), judge=cast["judge"])
    body = {"kind": "appraisal", "start_on": "2026-04-01"}
    with time_machine.travel(date(2026, 4, 20)):
        assert_error(
            Api(cast["outsider"]).post(f"/trial/cases/{case.pk}/suspensions", body),
            403,
            "not_on_panel",
        )
        assert_error(
            Api(cast["xiashan_judge"]).post(f"/trial/cases/{case.pk}/suspensions", body),
            404,
            "not_found",
        )
        assert_error(
            Api(cast["judge"]).post(
                f"/trial/cases/{case.pk}/suspensions", {**body, "kind": "holiday"}
            ),
            422,
            "suspension_invalid",
        )


def test_extension_approval_through_the_api_only_by_the_president(chikan, cast):
    case = make_case(chikan, filed_on=date(2026, 3, 2), procedure="simple", judge=cast["judge"])
    with time_machine.travel(date(2026, 5, 18)):
        r = Api(cast["judge"]).post(f"/trial/cases/{case.pk}/extensions", {"reason": "复杂"})
        assert r.status_code == 201, r.content
        ext = r.json()["id"]
        assert_error(
            Api(cast["judge"]).post(f"/trial/extensions/{ext}/decision", {"approve": True}),
            403,
            "president_only",
        )
        r = Api(cast["president"]).post(f"/trial/extensions/{ext}/decision", {"approve": True})
    assert r.status_code == 200
    assert r.json()["status"] == "approved"
    r = Api(cast["judge"]).get(f"/trial/cases/{case.pk}/limit")
    assert r.json()["limit_due"] == "2026-07-02"


def test_limit_figures_visible_to_staff_not_to_strangers(chikan, cast):
    case = make_case(chikan, filed_on=date(2026, 3, 2), judge=cast["judge"])
    assert Api(cast["judge"]).get(f"/trial/cases/{case.pk}/limit").status_code == 200
    assert_error(Api(cast["xiashan_judge"]).get(f"/trial/cases/{case.pk}/limit"), 404, "not_found")


def test_manual_assignment_api_denial_and_bad_input(chikan, cast):
    case = make_case(chikan, filed_on=date(2026, 3, 2))
    assert_error(
        Api(cast["judge"]).post(
            f"/trial/cases/{case.pk}/assign-manual", {"judge_id": cast["judge2"].pk, "reason": "x"}
        ),
        403,
        "chief_only",
    )
    assert_error(
        Api(cast["chief"]).post(
            f"/trial/cases/{case.pk}/assign-manual", {"judge_id": cast["judge2"].pk, "reason": ""}
        ),
        422,
        "reason_required",
    )
    r = Api(cast["chief"]).post(
        f"/trial/cases/{case.pk}/assign-manual",
        {"judge_id": cast["judge2"].pk, "reason": "专业对口"},
    )
    assert r.status_code == 200
    assert r.json()["assignment_method"] == "manual"
