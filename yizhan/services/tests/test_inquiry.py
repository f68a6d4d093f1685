"""Case inquiry (案件查询): FLOW Art 5 identity check and Arts 7–9 process information."""

from __future__ import annotations

import re
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from yizhan.factories import resident_id
from yizhan.services.models import InquiryChallenge, SmsMessage

from .conftest import LICENCE, Api, assert_error, open_case, open_case_with_lawyer

pytestmark = pytest.mark.django_db


def _ask(api: Api, number: str, identity: str, kind: str = "id_number", **extra: Any) -> Any:
    return api.post(
        "/services/inquiry/code",
        {"case_number": number, "identity_kind": kind, "identity_number": identity, **extra},
    )


def _code_sent_to(mobile: str) -> str:
    msg = SmsMessage.objects.filter(mobile=mobile, purpose="inquiry_code").latest("id")
    found = re.search(r"验证码 (\d{6})", msg.text)
    assert found, msg.text
    return found.group(1)


def _request_code(
    api: Api, capture: Any, number: str, identity: str, kind: str = "id_number"
) -> Any:
    with capture(execute=True):
        return _ask(api, number, identity, kind)


@time_machine.travel("2026-03-02 10:00 +0800", tick=False)
def test_party_sees_process_information_after_id_and_sms_code_flow_arts_5_7_9(
    alice, chikan_clerk, cause, django_capture_on_commit_callbacks
):
    # Given a case filed by 张三 and docketed by the court
    case = open_case(alice, chikan_clerk)
    public = Api()
    # When 张三 gives the case number (half-width brackets) and her ID number
    r = _request_code(
        public,
        django_capture_on_commit_callbacks,
        case.number.replace("（", "(").replace("）", ")"),
        resident_id(1),
    )
    # Then she is told a code was sent, and the code went to her reserved mobile number
    assert r.status_code == 202, r.content
    assert r.json()["code"] == "inquiry_code_sent"
    code = _code_sent_to("13800138000")
    # When she enters the code
    r = public.post(
        "/services/inquiry/verify",
        {"case_number": case.number, "identity_number": resident_id(1), "code": code},
    )
    assert r.status_code == 200, r.content
    token = r.json()["token"]
    # Then the token opens the process information: filing, procedure, time limit, docket, fee
    r = public.client.get("/api/v1/services/inquiry/case", headers={"X-Inquiry-Token": token})
    assert r.status_code == 200, r.content
    info = r.json()
    assert info["number"] == "（2026）粤0802民初1号"
    assert info["filed_on"] == "2026-03-02"
    assert info["procedure"] == "简易程序"
    # CPL23 Art 164: simple procedure, 3 months from the day after filing
    assert info["time_limit"]["ends_on"] == "2026-06-02"
    assert info["fee"]["amount_due"] == "1150.00"
    assert info["fee"]["due_on"] == "2026-03-09"
    assert [d["text"][:2] for d in info["docket"]] == ["立案", "发出"]
    assert {p["name"] for p in info["parties"]} == {"张三", "王五"}
    assert info["hearings"] == []
    assert info["service"] == []
    # and nothing sealed: no claims, no identity numbers, no phone numbers
    body = r.content.decode()
    assert "判令" not in body
    assert resident_id(1) not in body
    assert "13800138000" not in body
    # The code is single-use
    r = public.post(
        "/services/inquiry/verify",
        {"case_number": case.number, "identity_number": resident_id(1), "code": code},
    )
    assert_error(r, 400, "inquiry_code_invalid")


@time_machine.travel("2026-03-02 10:00 +0800", tick=False)
def test_lawyer_agent_checks_in_with_licence_number_and_own_mobile(
    alice, chikan_clerk, cause, django_capture_on_commit_callbacks
):
    case = open_case_with_lawyer(alice, chikan_clerk)
    public = Api()
    r = _request_code(
        public, django_capture_on_commit_callbacks, case.number, LICENCE, "licence_no"
    )
    assert r.status_code == 202
    code = _code_sent_to("13900139000")
    r = public.post(
        "/services/inquiry/verify",
        {
            "case_number": case.number,
            "code": code,
            "identity_kind": "licence_no",
            "identity_number": LICENCE,
        },
    )
    assert r.status_code == 200, r.content
    assert not SmsMessage.objects.filter(mobile="13800138000").exists()


@time_machine.travel("2026-03-02 10:00 +0800", tick=False)
def test_unknown_case_and_wrong_id_get_identical_answers_and_do_identical_db_work(
    alice, chikan_clerk, cause, django_capture_on_commit_callbacks
):
    # Given a real case
    case = open_case(alice, chikan_clerk)
    unknown = "（2026）粤0802民初999号"
    wrong_id = resident_id(7)
    answers, counts = [], []
    # When one person asks with an unknown case number and another with a wrong ID number
    for number, identity in ((unknown, resident_id(8)), (case.number, wrong_id)):
        with CaptureQueriesContext(connection) as ctx:
            r = _ask(Api(), number, identity)
        answers.append((r.status_code, r.content))
        counts.append(len(ctx.captured_queries))
    # Then status, body and code are byte-identical, and the database did the same work
    assert answers[0] == answers[1]
    assert answers[0][0] == 202
    assert counts[0] == counts[1]
    # And the verify step fails the same way for both, with the same queries
    answers, counts = [], []
    for number, identity in ((unknown, resident_id(8)), (case.number, wrong_id)):
        with CaptureQueriesContext(connection) as ctx:
            r = Api().post(
                "/services/inquiry/verify",
                {"case_number": number, "code": "123456", "identity_number": identity},
            )
        answers.append((r.status_code, r.content))
        counts.append(len(ctx.captured_queries))
    assert answers[0] == answers[1]
    assert answers[0][0] == 400
    assert counts[0] == counts[1]
    # And no message was sent for either (the background task runs, sends nothing)
    with django_capture_on_commit_callbacks(execute=True):
        _ask(Api(), unknown, resident_id(9))
    assert SmsMessage.objects.count() == 0
    assert InquiryChallenge.objects.filter(case__isnull=True).count() == 3


@time_machine.travel("2026-03-02 10:00 +0800", tick=False)
def test_matching_request_costs_the_same_queries_as_a_miss(alice, chikan_clerk, cause):
    case = open_case(alice, chikan_clerk)
    counts = []
    for identity in (resident_id(1), resident_id(7)):  # right ID, wrong ID
        with CaptureQueriesContext(connection) as ctx:
            r = _ask(Api(), case.number, identity)
        assert r.status_code == 202
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


@time_machine.travel("2026-03-02 10:00 +0800", tick=False)
def test_wrong_code_is_refused_and_attempts_are_capped(
    alice, chikan_clerk, cause, django_capture_on_commit_callbacks, settings
):
    settings.YIZHAN_INQUIRY_RATE_LIMITS = {
        "person": (50, 3600),
        "case": (50, 3600),
        "ip": (50, 3600),
    }
    case = open_case(alice, chikan_clerk)
    public = Api()
    _request_code(public, django_capture_on_commit_callbacks, case.number, resident_id(1))
    code = _code_sent_to("13800138000")
    wrong = "000000" if code != "000000" else "111111"
    body = {"case_number": case.number, "identity_number": resident_id(1)}
    for _ in range(5):
        assert_error(
            public.post("/services/inquiry/verify", {**body, "code": wrong}),
            400,
            "inquiry_code_invalid",
        )
    # After 5 wrong codes even the right one is refused (YIZHAN_INQUIRY_CODE_MAX_ATTEMPTS)
    assert_error(
        public.post("/services/inquiry/verify", {**body, "code": code}), 400, "inquiry_code_invalid"
    )


@time_machine.travel("2026-03-02 10:00 +0800", tick=False)
def test_attempts_are_rate_limited_per_person_with_429(courts):
    public = Api()
    for n in range(5):
        r = _ask(public, f"（2026）粤0802民初{n + 1}号", resident_id(1))
        assert r.status_code == 202
    body = assert_error(_ask(public, "（2026）粤0802民初9号", resident_id(1)), 429, "rate_limited")
    assert body["fields"]["retry_after"] == 3600
    # Another person from another address is not affected
    other = Api()
    other.client.defaults["REMOTE_ADDR"] = "10.0.0.2"
    assert _ask(other, "（2026）粤0802民初1号", resident_id(2)).status_code == 202
    # An hour later the person may try again
    with time_machine.travel("2026-03-02 11:00:01 +0800", tick=False):
        assert _ask(public, "（2026）粤0802民初1号", resident_id(1)).status_code == 202


@time_machine.travel("2026-03-02 10:00 +0800", tick=False)
def test_attempts_are_rate_limited_per_address(courts, settings):
    settings.YIZHAN_INQUIRY_RATE_LIMITS = {"ip": (3, 600)}
    public = Api()
    for n in range(3):
        assert _ask(public, "（2026）粤0802民初1号", resident_id(n + 1)).status_code == 202
    assert_error(_ask(public, "（2026）粤0802民初1号", resident_id(5)), 429, "rate_limited")


def test_inquiry_token_expires_and_the_public_sees_nothing_without_one(
    alice, chikan_clerk, cause, django_capture_on_commit_callbacks
):
    with time_machine.travel("2026-03-02 10:00 +0800", tick=False):
        case = open_case(alice, chikan_clerk)
        public = Api()
        _request_code(public, django_capture_on_commit_callbacks, case.number, resident_id(1))
        r = public.post(
            "/services/inquiry/verify",
            {
                "case_number": case.number,
                "identity_number": resident_id(1),
                "code": _code_sent_to("13800138000"),
            },
        )
        token = r.json()["token"]
        assert_error(public.get("/services/inquiry/case"), 401, "inquiry_session_invalid")
    with time_machine.travel("2026-03-02 10:30:01 +0800", tick=False):
        r = public.client.get("/api/v1/services/inquiry/case", headers={"X-Inquiry-Token": token})
        assert_error(r, 401, "inquiry_session_invalid")


def test_malformed_identity_number_is_bad_input(courts):
    r = _ask(Api(), "（2026）粤0802民初1号", "440802199001010000")
    assert_error(r, 422, "invalid_input")
    assert_error(Api().post("/services/inquiry/code", {"case_number": ""}), 422, "invalid_input")
