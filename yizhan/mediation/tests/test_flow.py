"""Pre-litigation mediation through the API: every transition and deadline on the 2026 court
calendar (chinese_calendar: Qingming, Labour Day, Mid-Autumn and National Day holidays and
the make-up working day of Saturday 2026-10-10)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from yizhan.accounts.models import User
from yizhan.audit.models import AuditEvent
from yizhan.filing.models import Filing, FilingAttachment, FilingStatus
from yizhan.filing.tests.helpers import PDF, assert_error, submitted_filing_direct
from yizhan.mediation import actions
from yizhan.mediation.models import Matter, Mediator, Notice, SuitabilityRule

from .conftest import matter_payload

pytestmark = pytest.mark.django_db


def at(day: str, hour: str = "10:00") -> Any:
    return time_machine.travel(f"{day} {hour} +0800", tick=False)


def apply(alice: User, **kw: Any) -> dict[str, Any]:
    r = Api(alice).post("/mediation/matters", matter_payload(**kw))
    assert r.status_code == 201, r.content
    return r.json()  # type: ignore[no-any-return]


def both_choose(m: dict[str, Any], alice: User, bob: User, mediator: Mediator) -> dict[str, Any]:
    assert (
        Api(alice)
        .post(f"/mediation/matters/{m['id']}/choose", {"mediator_id": mediator.pk})
        .status_code
        == 200
    )
    r = Api(bob).post(f"/mediation/matters/{m['id']}/choose", {"mediator_id": mediator.pk})
    assert r.status_code == 200, r.content
    return r.json()  # type: ignore[no-any-return]


def in_mediation(alice: User, bob: User, mediator: Mediator) -> dict[str, Any]:
    m = apply(alice)
    both_choose(m, alice, bob, mediator)
    r = Api(mediator.user).post(f"/mediation/matters/{m['id']}/accept")
    assert r.status_code == 200, r.content
    return r.json()  # type: ignore[no-any-return]


from yizhan.filing.tests.helpers import Api  # noqa: E402

# --- ways in and numbering ----------------------------------------------------------------


def test_application_is_numbered_with_pre_mediation_code_and_parties_get_2_working_days_from_friday(  # OMED Art 11
    alice: User,
    bob: User,
    cause: Any,
) -> None:
    with at("2026-03-06"):  # a Friday
        m = apply(alice)
    assert m["number"] == "（2026）粤0802民诉前调1号"
    assert m["status"] == "choosing"
    assert m["choose_due"] == "2026-03-10"  # Mon 9, Tue 10
    assert [p["name"] for p in m["parties"]] == ["张三", "李四"]
    # Every party sees the progress, including the respondent.
    r = Api(bob).get(f"/mediation/matters/{m['id']}")
    assert r.status_code == 200
    assert r.json()["events"][0]["kind"] == "applied"


def test_choosing_window_across_national_day_then_court_appoints_within_3_working_days(  # OMED Art 11
    alice: User,
    bob: User,
    cause: Any,
    chikan_clerk: User,
    mediator: Mediator,
) -> None:
    with at("2026-09-30"):
        m = apply(alice)
    assert m["choose_due"] == "2026-10-09"  # Oct 1–7 are holidays: Thu 8, Fri 9
    with at("2026-10-09"):
        assert actions.advance_deadlines()["appointing"] == 0
        r = Api(chikan_clerk).post(
            f"/mediation/matters/{m['id']}/appoint", {"mediator_id": mediator.pk}
        )
        assert_error(r, 409, "parties_still_choosing")
    with at("2026-10-10"):  # Saturday, a make-up working day
        assert actions.advance_deadlines()["appointing"] == 1
        matter = Matter.objects.get(pk=m["id"])
        assert matter.status == "appointing"
        assert matter.appoint_due == date(2026, 10, 13)  # Sat 10, Mon 12, Tue 13
        r = Api(chikan_clerk).post(
            f"/mediation/matters/{m['id']}/appoint", {"mediator_id": mediator.pk}
        )
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "awaiting_acceptance"
    assert r.json()["accept_due"] == "2026-10-14"  # Mon 12, Tue 13, Wed 14


def test_parties_choose_the_same_mediator_who_accepts_and_30_days_run_from_acceptance(  # OMED Arts 11, 12, 24
    alice: User,
    bob: User,
    cause: Any,
    mediator: Mediator,
) -> None:
    with at("2026-03-06"):
        m = apply(alice)
        half = Api(alice).post(f"/mediation/matters/{m['id']}/choose", {"mediator_id": mediator.pk})
        assert half.json()["status"] == "choosing"
        both = Api(bob).post(f"/mediation/matters/{m['id']}/choose", {"mediator_id": mediator.pk})
    assert both.json()["status"] == "awaiting_acceptance"
    assert both.json()["accept_due"] == "2026-03-11"
    with at("2026-03-09"):
        r = Api(mediator.user).post(f"/mediation/matters/{m['id']}/accept")
    assert r.json()["status"] == "in_mediation"
    assert r.json()["started_on"] == "2026-03-09"
    assert r.json()["due_on"] == "2026-04-08"  # TEYAO Art 27: 30 days, start day not counted


def test_mediator_who_does_not_accept_in_3_working_days_is_replaced(  # OMED Art 12
    alice: User,
    bob: User,
    cause: Any,
    chikan_clerk: User,
    mediator: Mediator,
    other_mediator: Mediator,
) -> None:
    with at("2026-09-28"):
        m = apply(alice)
        Api(alice).post(f"/mediation/matters/{m['id']}/request-appointment")
    with at("2026-09-29"):
        r = Api(chikan_clerk).post(
            f"/mediation/matters/{m['id']}/appoint", {"mediator_id": mediator.pk}
        )
    assert r.json()["accept_due"] == "2026-10-09"  # Wed 30, Thu 8, Fri 9
    with at("2026-10-10"):
        assert_error(
            Api(mediator.user).post(f"/mediation/matters/{m['id']}/accept"),
            409,
            "acceptance_lapsed",
        )
        assert actions.advance_deadlines()["lapsed"] == 1
        matter = Matter.objects.get(pk=m["id"])
        assert (matter.status, matter.mediator_id) == ("appointing", None)
        assert matter.appoint_due == date(2026, 10, 13)
        # The lapsed mediator no longer sees the matter and is not offered again.
        assert Api(mediator.user).get(f"/mediation/matters/{m['id']}").status_code == 404
        assert_error(
            Api(chikan_clerk).post(
                f"/mediation/matters/{m['id']}/appoint", {"mediator_id": mediator.pk}
            ),
            422,
            "unknown_mediator",
        )
        names = [
            s["name"]
            for s in Api(chikan_clerk).get(f"/mediation/matters/{m['id']}/suggestions").json()
        ]
        assert names == ["吴调解"]
        ok = Api(chikan_clerk).post(
            f"/mediation/matters/{m['id']}/appoint", {"mediator_id": other_mediator.pk}
        )
    assert ok.json()["mediator"] == "吴调解"


def test_mediator_declines_and_the_court_reassigns(
    alice: User,
    bob: User,
    cause: Any,
    mediator: Mediator,
) -> None:
    with at("2026-03-06"):
        m = apply(alice)
        both_choose(m, alice, bob, mediator)
        assert_error(
            Api(mediator.user).post(f"/mediation/matters/{m['id']}/decline", {}),
            422,
            "reason_required",
        )
        r = Api(mediator.user).post(
            f"/mediation/matters/{m['id']}/decline", {"reason": "与当事人存在利害关系"}
        )
    assert r.status_code == 404  # once declined, no longer theirs
    matter = Matter.objects.get(pk=m["id"])
    assert (matter.status, matter.appoint_due) == ("appointing", date(2026, 3, 11))


# --- the 30-day limit ---------------------------------------------------------------------


def test_30_day_limit_ends_after_national_day_warns_before_and_expires(  # OMED Arts 24, 25
    alice: User,
    bob: User,
    cause: Any,
    chikan_clerk: User,
    mediator: Mediator,
) -> None:
    with at("2026-09-03"):
        m = in_mediation(alice, bob, mediator)
    assert m["due_on"] == "2026-10-08"  # 30 days = Sat 3 Oct, a holiday → Thu 8 Oct
    with at("2026-10-02"):
        assert actions.advance_deadlines()["warned"] == 0
    with at("2026-10-03"):  # 5 days before
        due = Api(chikan_clerk).get("/mediation/due").json()
        assert [d["number"] for d in due] == [m["number"]]
        assert actions.advance_deadlines()["warned"] == 1
        assert actions.advance_deadlines()["warned"] == 0  # once
    assert Notice.objects.filter(matter_id=m["id"], kind="expiry_warning").count() == 2
    with at("2026-10-08"):
        assert actions.advance_deadlines()["expired"] == 0
    with at("2026-10-09"):
        assert actions.advance_deadlines()["expired"] == 1
    matter = Matter.objects.get(pk=m["id"])
    assert (matter.status, matter.ended_on, matter.mediation_days) == (
        "expired",
        date(2026, 10, 8),
        35,
    )


def test_extension_needs_every_party_and_one_refusal_refuses_it(  # TEYAO Art 27
    alice: User,
    bob: User,
    cause: Any,
    mediator: Mediator,
) -> None:
    with at("2026-09-03"):
        m = in_mediation(alice, bob, mediator)
        api = Api(mediator.user)
        assert_error(
            api.post(f"/mediation/matters/{m['id']}/extensions", {"days": 0, "reason": "x"}),
            422,
            "bad_days",
        )
        ext = api.post(
            f"/mediation/matters/{m['id']}/extensions",
            {"days": 15, "reason": "双方正在协商还款方案"},
        ).json()["id"]
        first = Api(alice).post(
            f"/mediation/matters/{m['id']}/extensions/{ext}/consent", {"consent": True}
        )
        assert first.json()["due_on"] == "2026-10-08"  # not yet
        both = Api(bob).post(
            f"/mediation/matters/{m['id']}/extensions/{ext}/consent", {"consent": True}
        )
        assert both.json()["due_on"] == "2026-10-19"  # 45 days → Sun 18 Oct → Mon 19
        ext2 = api.post(
            f"/mediation/matters/{m['id']}/extensions", {"days": 10, "reason": "再议"}
        ).json()["id"]
        no = Api(bob).post(
            f"/mediation/matters/{m['id']}/extensions/{ext2}/consent", {"consent": False}
        )
    assert no.json()["extensions"][1]["status"] == "refused"
    assert no.json()["due_on"] == "2026-10-19"


def test_appraisal_time_is_not_counted(  # OMED Art 26
    alice: User,
    bob: User,
    cause: Any,
    mediator: Mediator,
) -> None:
    with at("2026-03-02"):
        m = in_mediation(alice, bob, mediator)
    assert m["due_on"] == "2026-04-01"
    with at("2026-03-10"):
        r = Api(mediator.user).post(
            f"/mediation/matters/{m['id']}/appraisal", {"reason": "车辆损失评估"}
        )
        assert r.json()["status"] == "appraisal"
    with at("2026-04-05"):  # the old due date has passed, but the clock is stopped
        assert actions.advance_deadlines()["expired"] == 0
    with at("2026-03-20"):
        r = Api(mediator.user).post(f"/mediation/matters/{m['id']}/appraisal/end")
    assert r.json()["suspended_days"] == 10
    assert r.json()["due_on"] == "2026-04-13"  # 40 days = Sat 11 Apr → Mon 13


# --- sessions ----------------------------------------------------------------------------


def test_session_scheduled_with_notices_then_minutes_and_attendance(
    alice: User,
    bob: User,
    cause: Any,
    mediator: Mediator,
) -> None:
    with at("2026-03-02"):
        m = in_mediation(alice, bob, mediator)
        api = Api(mediator.user)
        assert_error(
            api.post(
                f"/mediation/matters/{m['id']}/sessions",
                {"mode": "by_pigeon", "scheduled_at": "2026-03-05T09:00:00+08:00"},
            ),
            422,
            "invalid_input",
        )
        s = api.post(
            f"/mediation/matters/{m['id']}/sessions",
            {
                "mode": "online",
                "scheduled_at": "2026-03-05T09:00:00+08:00",
                "place": "人民法院调解平台",
            },
        ).json()
        seen = Api(bob).get(f"/mediation/matters/{m['id']}").json()
        assert seen["notices"][-1]["text"] == (
            "调解通知：定于 2026-03-05 09:00 进行在线调解，地点/链接：人民法院调解平台"
        )
        ids = [p["id"] for p in seen["parties"]]
        r = api.post(
            f"/mediation/sessions/{s['id']}/record",
            {"minutes": "双方陈述意见。", "attendance": {str(ids[0]): True, str(ids[1]): False}},
        )
    assert r.json()["status"] == "held"
    detail = Api(mediator.user).get(f"/mediation/matters/{m['id']}").json()
    assert detail["sessions"][0]["attendance"] == {str(ids[0]): True, str(ids[1]): False}
    assert Api(bob).get(f"/mediation/matters/{m['id']}").json()["sessions"][0]["minutes"] == ""


# --- outcomes ----------------------------------------------------------------------------


def settle(m: dict[str, Any], alice: User, bob: User, mediator: Mediator) -> dict[str, Any]:
    r = Api(mediator.user).post(
        f"/mediation/matters/{m['id']}/settle",
        {"terms": "李四于 2026 年 4 月 30 日前向张三支付 45000 元。"},
    )
    assert r.json()["status"] == "agreement_pending"
    Api(alice).post(f"/mediation/matters/{m['id']}/sign")
    r = Api(bob).post(f"/mediation/matters/{m['id']}/sign")
    assert r.status_code == 200, r.content
    return r.json()  # type: ignore[no-any-return]


def test_settled_agreement_pdf_and_joint_confirmation_within_30_days_is_free(  # CPL23 Arts 187, 205; SFQR Art 11
    alice: User,
    bob: User,
    cause: Any,
    mediator: Mediator,
    chikan_judge: User,
) -> None:
    with at("2026-03-02"):
        m = in_mediation(alice, bob, mediator)
    with at("2026-04-01"):
        s = settle(m, alice, bob, mediator)
        assert_error(
            Api(alice).post(f"/mediation/matters/{m['id']}/sign"), 409, "mediation_wrong_state"
        )
    assert s["status"] == "settled"
    assert s["agreement"]["effective_on"] == "2026-04-01"
    assert s["agreement"]["confirmation_due"] == "2026-05-06"  # 1 May is Labour Day (1–5 May)
    pdf = Api(bob).get(f"/mediation/matters/{m['id']}/agreement.pdf")
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    with at("2026-05-06"):
        one = Api(alice).post(f"/mediation/matters/{m['id']}/confirmation", {})
        assert one.json()["court_order"] is None  # jointly: waits for the other party
        both = Api(bob).post(f"/mediation/matters/{m['id']}/confirmation", {}).json()
    order = both["court_order"]
    assert order["number"] == "（2026）粤0802诉前调确1号"
    assert order["fee"] == "0.00"
    assert "第十一条" in order["fee_basis"]
    assert order["decision_due"] == "2026-06-05"  # CPL23 Art 187: 30 days
    with at("2026-05-20"):
        assert_error(
            Api(chikan_judge).post(
                f"/mediation/matters/{m['id']}/confirmation/decide", {"grant": False}
            ),
            422,
            "reason_required",
        )
        r = Api(chikan_judge).post(
            f"/mediation/matters/{m['id']}/confirmation/decide", {"grant": True}
        )
    assert (r.json()["status"], r.json()["decided_on"]) == ("confirmed", "2026-05-20")


def test_confirmation_applied_after_30_days_is_refused(  # CPL23 Art 205
    alice: User,
    bob: User,
    cause: Any,
    mediator: Mediator,
) -> None:
    with at("2026-03-02"):
        m = in_mediation(alice, bob, mediator)
    with at("2026-04-01"):
        settle(m, alice, bob, mediator)
    with at("2026-05-07"):
        assert_error(
            Api(alice).post(f"/mediation/matters/{m['id']}/confirmation", {}),
            409,
            "confirmation_period_expired",
        )


def test_court_issues_a_mediation_document_numbered_su_qian_tiao_shu(
    alice: User,
    bob: User,
    cause: Any,
    mediator: Mediator,
    chikan_judge: User,
    chikan_clerk: User,
) -> None:
    with at("2026-03-02"):
        m = in_mediation(alice, bob, mediator)
        settle(m, alice, bob, mediator)
        assert Api(chikan_clerk).post(f"/mediation/matters/{m['id']}/document").status_code == 403
        r = Api(chikan_judge).post(f"/mediation/matters/{m['id']}/document")
        assert r.json()["number"] == "（2026）粤0802诉前调书1号"
        assert_error(
            Api(alice).post(f"/mediation/matters/{m['id']}/confirmation", {}), 409, "already_done"
        )


def test_failed_matter_converts_into_a_filing_with_nothing_retyped(
    alice: User,
    bob: User,
    cause: Any,
    mediator: Mediator,
    chikan_clerk: User,
) -> None:
    with at("2026-03-02"):
        m = in_mediation(alice, bob, mediator)
        for cat in ("complaint", "identity", "evidence"):
            r = Api(alice).upload(f"/mediation/matters/{m['id']}/attachments", cat, PDF)
            assert r.status_code == 201, r.content
    with at("2026-03-20"):
        assert Api(chikan_clerk).post(f"/mediation/matters/{m['id']}/convert").status_code == 409
        Api(mediator.user).post(
            f"/mediation/matters/{m['id']}/fail", {"reason": "被申请人拒绝还款"}
        )
        assert Api(mediator.user).post(f"/mediation/matters/{m['id']}/convert").status_code == 403
        r = Api(chikan_clerk).post(f"/mediation/matters/{m['id']}/convert")
    assert r.status_code == 201, r.content
    assert r.json()["mediation_days"] == 18  # shown apart from the trial limit
    filing = Filing.objects.get(pk=r.json()["filing_id"])
    matter = Matter.objects.get(pk=m["id"])
    assert filing.status == FilingStatus.SUBMITTED
    assert filing.owner == alice  # the applicant's own account, not the clerk's
    assert (filing.claims, filing.claim_amount, filing.cause.code, filing.facts) == (
        matter.claims,
        Decimal("50000.00"),
        "9089",
        matter.facts,
    )
    assert filing.evidence == [{"name": "借条", "source": "申请人", "purpose": "证明借款"}]
    assert [(fp.role, fp.party.name, fp.party.id_number) for fp in filing.filing_parties.all()] == [
        ("plaintiff", "张三", matter.matter_parties.first().party.id_number),  # type: ignore[union-attr]
        ("defendant", "李四", matter.matter_parties.last().party.id_number),  # type: ignore[union-attr]
    ]
    assert sorted(
        FilingAttachment.objects.filter(filing=filing).values_list("sha256", flat=True)
    ) == sorted(matter.attachments.values_list("sha256", flat=True))
    assert Api(alice).get(f"/filings/{filing.pk}").status_code == 200
    assert AuditEvent.objects.filter(action="mediation.converted").count() == 1


def test_withdrawal_by_the_applicant_only(
    alice: User,
    bob: User,
    cause: Any,
) -> None:
    with at("2026-03-06"):
        m = apply(alice)
        assert Api(bob).post(f"/mediation/matters/{m['id']}/withdraw", {}).status_code == 403
        r = Api(alice).post(f"/mediation/matters/{m['id']}/withdraw", {"reason": "已自行和解"})
        assert r.json()["status"] == "withdrawn"
        assert_error(
            Api(alice).post(f"/mediation/matters/{m['id']}/withdraw", {}),
            409,
            "mediation_wrong_state",
        )


# --- diversion and hand-over ---------------------------------------------------------------


def test_clerk_diverts_a_suitable_filing_and_applicant_consents(
    alice: User,
    cause: Any,
    chikan_clerk: User,
    courts: Any,
) -> None:
    SuitabilityRule.objects.create(
        court=courts["粤0802"],
        cause=cause,
        max_amount=Decimal("100000"),
        max_parties=2,
        natural_persons_only=True,
        specialty="commerce",
    )
    with at("2026-03-02"):
        big = submitted_filing_direct(alice, _civil(amount="200000"))
        assert_error(
            Api(chikan_clerk).post("/mediation/diversions", {"filing_id": big.pk}),
            422,
            "not_suitable",
        )
        filing = submitted_filing_direct(alice)
        assert Api(alice).post("/mediation/diversions", {"filing_id": filing.pk}).status_code == 403
        r = Api(chikan_clerk).post("/mediation/diversions", {"filing_id": filing.pk})
        assert r.status_code == 201, r.content
        m = r.json()
        assert (m["status"], m["number"]) == ("proposed", "")
        assert len(m["attachments"]) == 3
        ok = Api(alice).post(f"/mediation/matters/{m['id']}/diversion-consent", {"consent": True})
    assert ok.json()["status"] == "choosing"
    assert ok.json()["number"] == "（2026）粤0802民诉前调1号"
    assert ok.json()["choose_due"] == "2026-03-04"
    filing.refresh_from_db()
    assert filing.status == FilingStatus.DIVERTED
    assert filing.events.last().text == "经申请人同意转诉前调解（（2026）粤0802民诉前调1号）"
    matter = Matter.objects.get(pk=m["id"])
    assert set(matter.matter_parties.values_list("party_id", flat=True)) == set(
        filing.filing_parties.values_list("party_id", flat=True)
    )


def test_applicant_may_decline_diversion_and_filing_stays_under_review(
    alice: User,
    cause: Any,
    chikan_clerk: User,
    courts: Any,
) -> None:
    SuitabilityRule.objects.create(court=courts["粤0802"])
    with at("2026-03-02"):
        filing = submitted_filing_direct(alice)
        m = Api(chikan_clerk).post("/mediation/diversions", {"filing_id": filing.pk}).json()
        assert (
            Api(chikan_clerk)
            .post(f"/mediation/matters/{m['id']}/diversion-consent", {"consent": True})
            .status_code
            == 403
        )
        r = Api(alice).post(f"/mediation/matters/{m['id']}/diversion-consent", {"consent": False})
    assert r.json()["status"] == "declined"
    filing.refresh_from_db()
    assert filing.status == FilingStatus.SUBMITTED


def test_partner_organisation_hands_over_a_dispute(
    alice: User,
    cause: Any,
    mediator: Mediator,
    other_mediator: Mediator,
) -> None:
    with at("2026-03-02"):
        assert Api(mediator.user).post("/mediation/handovers", matter_payload()).status_code == 403
        r = Api(other_mediator.user).post("/mediation/handovers", matter_payload())
    assert r.status_code == 201, r.content
    assert r.json()["channel"] == "partner"
    assert Api(alice).get(f"/mediation/matters/{r.json()['id']}").status_code == 200


# --- denials and bad input -----------------------------------------------------------------


def test_denials_public_other_party_other_mediator_other_court(
    alice: User,
    bob: User,
    carol: User,
    cause: Any,
    mediator: Mediator,
    other_mediator: Mediator,
    xiashan_clerk: User,
) -> None:
    with at("2026-03-02"):
        m = in_mediation(alice, bob, mediator)
    path = f"/mediation/matters/{m['id']}"
    assert_error(Api().get(path), 401, "not_authenticated")
    assert_error(Api(carol).get(path), 404, "not_found")
    assert_error(Api(other_mediator.user).get(path), 404, "not_found")
    assert_error(Api(other_mediator.user).post(f"{path}/settle", {"terms": "x"}), 404, "not_found")
    assert_error(Api(xiashan_clerk).get(path), 404, "not_found")
    assert_error(Api(alice).post(f"{path}/settle", {"terms": "x"}), 403, "permission_denied")
    assert Api(other_mediator.user).get("/mediation/matters").json() == []
    assert [x["id"] for x in Api(mediator.user).get("/mediation/matters").json()] == [m["id"]]


def test_bad_application_changes_nothing(alice: User, cause: Any) -> None:
    before = (Matter.objects.count(), AuditEvent.objects.count())
    bad = matter_payload()
    bad["parties"][0]["id_number"] = "440802199001011230"
    assert_error(Api(alice).post("/mediation/matters", bad), 422, "invalid_input")
    only_one = matter_payload()
    only_one["parties"] = only_one["parties"][:1]
    assert_error(Api(alice).post("/mediation/matters", only_one), 422, "parties_required")
    assert_error(
        Api(alice).post("/mediation/matters", matter_payload(court="粤9999")), 422, "unknown_court"
    )
    assert (Matter.objects.count(), AuditEvent.objects.count()) == before


# --- fees ---------------------------------------------------------------------------------


def test_fee_rules_confirmation_free_and_later_case_halved_when_mediated(  # SFQR Art 11; FEE Art 15
    alice: User,
    cause: Any,
) -> None:
    with at("2026-03-02"):
        m = apply(alice)
    fees = Api(alice).get(f"/mediation/matters/{m['id']}/fees").json()
    assert fees["confirmation_fee"] == "0.00"
    assert fees["litigation_fee"] == "1050.00"  # 50 + 40,000 × 2.5 %
    assert fees["litigation_fee_if_mediated"] == "525.00"  # halved once


# --- roster and figures ----------------------------------------------------------------------


def test_roster_managed_by_filing_clerks_and_suggestion_ranks_specialty_first(
    alice: User,
    cause: Any,
    chikan_clerk: User,
    committee: Any,
    mediator: Mediator,
    other_mediator: Mediator,
) -> None:
    api = Api(chikan_clerk)
    assert (
        Api(alice)
        .post(
            "/mediation/organisations", {"court_code": "粤0802", "name": "x", "kind": "trade_union"}
        )
        .status_code
        == 403
    )
    assert_error(
        api.post(
            "/mediation/organisations", {"court_code": "粤0802", "name": "工会", "kind": "guild"}
        ),
        422,
        "invalid_input",
    )
    org = api.post(
        "/mediation/organisations",
        {
            "court_code": "粤0802",
            "name": "赤坎区总工会",
            "kind": "trade_union",
            "regions": ["赤坎区"],
        },
    )
    assert org.status_code == 201
    med = api.post(
        f"/mediation/organisations/{org.json()['id']}/mediators",
        {"name": "郑调解", "specialties": ["labour"], "capacity": 1},
    )
    assert med.status_code == 201
    assert len(Api().get("/mediation/mediators", court_code="粤0802").json()) == 3
    with at("2026-03-02"):
        m = apply(alice)
    ranked = Api(alice).get(f"/mediation/matters/{m['id']}/suggestions").json()
    assert ranked[0]["name"] == "周调解"  # commerce, 赤坎区
    assert ranked[0]["reasons"] == ["擅长该类纠纷", "服务区域相符"]
    off = Api(mediator.user).post(
        f"/mediation/mediators/{mediator.pk}/availability", {"available": False}
    )
    assert off.status_code == 200
    ranked = Api(alice).get(f"/mediation/matters/{m['id']}/suggestions").json()
    assert "周调解" not in [r["name"] for r in ranked]


def test_figures_per_organisation_and_mediator(
    alice: User,
    bob: User,
    cause: Any,
    mediator: Mediator,
    chikan_clerk: User,
    chikan_judge: User,
) -> None:
    with at("2026-03-02"):
        settled = in_mediation(alice, bob, mediator)
        failed = in_mediation(alice, bob, mediator)
    with at("2026-03-12"):
        settle(settled, alice, bob, mediator)
        Api(alice).post(f"/mediation/matters/{settled['id']}/confirmation", {})
        Api(bob).post(f"/mediation/matters/{settled['id']}/confirmation", {})
        Api(chikan_judge).post(
            f"/mediation/matters/{settled['id']}/confirmation/decide", {"grant": True}
        )
    with at("2026-03-22"):
        Api(mediator.user).post(f"/mediation/matters/{failed['id']}/fail", {"reason": "不同意"})
        Api(chikan_clerk).post(f"/mediation/matters/{failed['id']}/convert")
        r = Api(chikan_clerk).get("/mediation/figures", court_code="粤0802")
    assert r.status_code == 200
    row = next(x for x in r.json()["mediators"] if x["name"] == "周调解")
    assert {
        k: row[k]
        for k in (
            "received",
            "settled",
            "settlement_rate",
            "average_days",
            "confirmed",
            "converted",
        )
    } == {
        "received": 2,
        "settled": 1,
        "settlement_rate": "0.5000",
        "average_days": "15.0",
        "confirmed": 1,
        "converted": 1,
    }
    org = next(x for x in r.json()["organisations"] if x["name"] == "赤坎区人民调解委员会")
    assert org["received"] == 2
    assert Api(alice).get("/mediation/figures", court_code="粤0802").status_code == 403


def _civil(amount: str) -> dict[str, Any]:
    from yizhan.filing.tests.helpers import civil_payload

    return civil_payload(amount=amount)


def test_attachment_upload_rejects_wrong_type(alice: User, cause: Any) -> None:
    with at("2026-03-02"):
        m = apply(alice)
    r = Api(alice).upload(
        f"/mediation/matters/{m['id']}/attachments", "evidence", b"hello", "a.txt"
    )
    assert_error(r, 422, "upload_rejected")
    assert SimpleUploadedFile  # imported for symmetry with filing tests
