"""上诉: periods (CPL23 Art 171) on the 2026 calendar, the 民终 case, outcomes, remand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from yizhan.cases.models import Case, CaseRole
from yizhan.core.errors import DomainError
from yizhan.trial import actions
from yizhan.trial.assignment import excluded_judges

from .conftest import judged_case, party

pytestmark = pytest.mark.django_db


def _judged(chikan, cast, doc_type: str = "judgment", **case_kw):
    """A first-instance case filed 2026-03-02, decided 04-10, served on the defendant 04-13."""
    return judged_case(chikan, cast, doc_type, **case_kw)


def _appealed_by_defendant(case, cast):
    """The defendant appeals the judgment on 2026-04-20; the 民终 case, given to the judge of
    the intermediate court."""
    with time_machine.travel(date(2026, 4, 20)):
        second = actions.register_appeal(
            case.pk,
            against="judgment",
            appellant_party_id=party(case, CaseRole.DEFENDANT).pk,
            acting_user=cast["judge"],
        ).second_case
    Case.objects.filter(pk=second.pk).update(judge=cast["higher_judge"])
    return second


def test_appeal_on_the_fifteenth_day_opens_the_second_instance_at_the_intermediate_court(
    chikan, cast
):
    case = _judged(chikan, cast)
    with time_machine.travel(date(2026, 4, 28)):  # served 04-13 + 15 days (CPL23 Art 171)
        appeal = actions.register_appeal(
            case.pk,
            against="judgment",
            appellant_party_id=party(case, CaseRole.DEFENDANT).pk,
            acting_user=cast["judge"],
        )
    second = appeal.second_case
    assert second.number == "（2026）粤08民终1号"
    assert (second.parent, second.relation, second.origin) == (case, "appeal", case)
    assert appeal.deadline == date(2026, 4, 28)
    assert appeal.copy_service_due == date(2026, 5, 6)  # 5 days, over Labour Day (Art 173)
    assert second.limit_due == date(2026, 7, 28)  # CPL23 Art 183: 3 months


def test_appeal_on_the_sixteenth_day_is_refused(chikan, cast):
    case = _judged(chikan, cast)
    with time_machine.travel(date(2026, 4, 29)), pytest.raises(DomainError) as e:
        actions.register_appeal(
            case.pk,
            against="judgment",
            appellant_party_id=party(case, CaseRole.DEFENDANT).pk,
            acting_user=cast["judge"],
        )
    assert e.value.code == "late_appeal"
    assert e.value.fields["deadline"] == "2026-04-28"
    assert not Case.objects.filter(type_code="民终").exists()


def test_ruling_appeal_period_is_ten_days(chikan, cast):
    case = _judged(chikan, cast, doc_type="ruling")
    with time_machine.travel(date(2026, 4, 24)), pytest.raises(DomainError) as e:
        actions.register_appeal(
            case.pk,
            against="ruling",
            appellant_party_id=party(case, CaseRole.DEFENDANT).pk,
            acting_user=cast["judge"],
        )
    assert e.value.fields["deadline"] == "2026-04-23"


def test_judgment_appeal_on_a_case_closed_by_a_ruling_is_refused_cpl23_art_171(chikan, cast):
    # Closed by a ruling (其他裁定): there is no judgment; a 15-day judgment appeal with an
    # appeal fee would be the wrong period and the wrong fee (FEE Art 8).
    case = _judged(chikan, cast, doc_type="ruling", fee=True)
    with time_machine.travel(date(2026, 4, 20)), pytest.raises(DomainError) as e:
        actions.register_appeal(
            case.pk,
            against="judgment",
            appellant_party_id=party(case, CaseRole.DEFENDANT).pk,
            acting_user=cast["judge"],
        )
    assert (e.value.code, e.value.status) == ("invalid_input", 422)
    assert e.value.fields == {"against": "本案以裁定结案（其他裁定），没有判决，请选择“裁定”。"}
    assert not Case.objects.filter(type_code="民终").exists()


def test_appeal_by_a_party_not_yet_served_is_refused(chikan, cast):
    case = _judged(chikan, cast)
    with time_machine.travel(date(2026, 4, 20)), pytest.raises(DomainError) as e:
        actions.register_appeal(
            case.pk,
            against="judgment",
            appellant_party_id=party(case, CaseRole.PLAINTIFF).pk,
            acting_user=cast["judge"],
        )
    assert e.value.code == "not_served"


def test_remand_records_the_outcome_on_both_cases_and_opens_the_retrial(chikan, cast):
    case = _judged(chikan, cast)
    second = _appealed_by_defendant(case, cast)
    with pytest.raises(DomainError) as e:  # a first-instance judge has no seat on the 民终
        actions.decide_appeal(
            second.pk, outcome="remanded", decided_on=date(2026, 6, 1), acting_user=cast["judge"]
        )
    assert e.value.status == 404
    with time_machine.travel(date(2026, 6, 2)):
        actions.decide_appeal(
            second.pk,
            outcome="remanded",
            decided_on=date(2026, 6, 1),
            acting_user=cast["higher_judge"],
        )
    case.refresh_from_db()
    second.refresh_from_db()
    assert case.appeal_outcome == second.appeal_outcome == "remanded"
    assert (second.status, second.closure_method, second.closed_on) == (
        "closed",
        "remanded",
        date(2026, 6, 1),
    )
    retrial = Case.objects.get(relation="remand")
    assert (retrial.court, retrial.type_code, retrial.parent, retrial.origin) == (
        chikan,
        "民初",
        second,
        case,
    )
    assert retrial.number == "（2026）粤0802民初2号"
    # CPL23 Art 41: the earlier judges may not try the remanded case.
    assert {cast["judge"].pk, cast["higher_judge"].pk} <= set(excluded_judges(retrial))


def test_an_appeal_dated_in_the_future_is_refused(chikan, cast):
    case = _judged(chikan, cast)
    with time_machine.travel(date(2026, 4, 20)), pytest.raises(DomainError) as e:
        actions.register_appeal(
            case.pk,
            against="judgment",
            appellant_party_id=party(case, CaseRole.DEFENDANT).pk,
            filed_on=date(2026, 4, 21),
            acting_user=cast["judge"],
        )
    assert (e.value.code, e.value.fields) == (
        "invalid_input",
        {"filed_on": "上诉日期不能晚于今天。"},
    )
    assert not Case.objects.filter(type_code="民终").exists()


def test_the_second_instance_judgment_is_enforced_by_the_first_instance_court(chikan, cast):
    """CPL23 Art 235: the first-instance court enforces; the effective document is the
    second instance's judgment (民终), found from the first-instance case."""
    case = _judged(chikan, cast)
    second = _appealed_by_defendant(case, cast)
    with time_machine.travel(date(2026, 6, 5)):
        doc = actions.generate_document(
            second.pk,
            doc_type="judgment",
            title="民事判决书",
            text="驳回上诉，维持原判",
            decided_on=date(2026, 6, 1),
            acting_user=cast["higher_judge"],
        )
        actions.decide_appeal(
            second.pk,
            outcome="affirmed",
            decided_on=date(2026, 6, 1),
            acting_user=cast["higher_judge"],
        )
        actions.mark_effective(
            doc.pk, effective_on=date(2026, 6, 1), acting_user=cast["higher_judge"]
        )
    with time_machine.travel(date(2026, 6, 10)):
        ex = actions.apply_for_enforcement(
            case.pk,
            applicant_party_id=party(case, CaseRole.PLAINTIFF).pk,
            amount_due=Decimal("100000"),
            acting_user=cast["clerk"],
        )
    assert (ex.number, ex.court, ex.parent) == ("（2026）粤0802执1号", chikan, case)


def _appeal(case, cast, **kw):
    with time_machine.travel(date(2026, 4, 28)):
        return actions.register_appeal(
            case.pk,
            against=kw.pop("against", "judgment"),
            appellant_party_id=party(case, CaseRole.DEFENDANT).pk,
            acting_user=cast["judge"],
            **kw,
        )


def test_appeal_fee_on_the_appealed_part_only_fee_art_17(chikan, cast):
    """domain-rules §2.6: an appeal against 300,000 of a 1,000,000 judgment pays 5,800."""
    case = _judged(chikan, cast, amount="1000000", fee=True)
    appeal = _appeal(case, cast, appealed_amount=Decimal("300000"))
    notice = appeal.second_case.fee_notice
    assert (notice.fee_kind, notice.full_fee, notice.amount_due) == (
        "property",
        Decimal("5800.00"),
        Decimal("5800.00"),
    )
    assert notice.status == "due"
    assert notice.issued_on == date(2026, 4, 28)
    # FEE Art 22: 7 days; 04-28 + 7 = 05-05 is in the Labour Day holiday (05-01..05-05), so
    # the period ends on the next working day (CPL23 Art 85)
    assert notice.due_on == date(2026, 5, 6)
    assert notice.basis[0].startswith("《诉讼费用交纳办法》第十七条")
    entry = appeal.second_case.docket.get(kind="fee_notice")
    assert entry.text.startswith("发出交纳诉讼费用通知书：5800.00 元")


def test_appeal_fee_defaults_to_the_whole_claim(chikan, cast):
    case = _judged(chikan, cast, fee=True)
    notice = _appeal(case, cast).second_case.fee_notice
    assert notice.amount_due == Decimal("2300.00")  # 100,000: 50 + 2.5% x 90,000 (FEE Art 13)


def test_appeal_against_a_ruling_pays_no_fee_fee_art_8(chikan, cast):
    case = _judged(chikan, cast, doc_type="ruling", amount="1000000", fee=True)
    with time_machine.travel(date(2026, 4, 23)):  # ruling: 10 days from 04-13
        appeal = actions.register_appeal(
            case.pk,
            against="ruling",
            appellant_party_id=party(case, CaseRole.DEFENDANT).pk,
            acting_user=cast["judge"],
        )
    notice = appeal.second_case.fee_notice
    assert (notice.amount_due, notice.status, notice.due_on) == (Decimal("0.00"), "waived", None)
    assert "第八条" in notice.basis[0]


def test_appealed_amount_above_the_claim_is_refused_and_nothing_is_created(chikan, cast):
    case = _judged(chikan, cast, fee=True)
    with pytest.raises(DomainError) as err:
        _appeal(case, cast, appealed_amount=Decimal("100000.01"))
    assert err.value.code == "invalid_input"
    assert "appealed_amount" in err.value.fields
    assert not Case.objects.filter(type_code="民终").exists()
    with pytest.raises(DomainError):
        _appeal(case, cast, appealed_amount=Decimal("0"))
    assert not Case.objects.filter(type_code="民终").exists()


def test_api_appeal_with_the_appealed_amount_and_its_refusal(chikan, cast):
    from yizhan.filing.tests.helpers import Api

    case = _judged(chikan, cast, amount="1000000", fee=True)
    api = Api(cast["judge"])
    body = {"appellant_party_id": party(case, CaseRole.DEFENDANT).pk, "against": "judgment"}
    with time_machine.travel(date(2026, 4, 28)):
        bad = api.post(f"/trial/cases/{case.pk}/appeals", {**body, "appealed_amount": "2000000"})
        assert bad.status_code == 422
        assert bad.json()["code"] == "invalid_input"
        assert set(bad.json()["fields"]) == {"appealed_amount"}
        assert not Case.objects.filter(type_code="民终").exists()
        ok = api.post(f"/trial/cases/{case.pk}/appeals", {**body, "appealed_amount": "300000"})
    assert ok.status_code == 201
    second = Case.objects.get(pk=ok.json()["second_case_id"])
    assert second.fee_notice.amount_due == Decimal("5800.00")


def test_api_appeal_denied_to_a_judge_outside_the_panel_and_to_the_anonymous(chikan, cast):
    from yizhan.filing.tests.helpers import Api

    case = _judged(chikan, cast, fee=True)
    body = {"appellant_party_id": party(case, CaseRole.DEFENDANT).pk, "against": "judgment"}
    with time_machine.travel(date(2026, 4, 28)):
        outsider = Api(cast["outsider"]).post(f"/trial/cases/{case.pk}/appeals", body)
        anonymous = Api().post(f"/trial/cases/{case.pk}/appeals", body)
    assert (outsider.status_code, outsider.json()["code"]) == (403, "not_on_panel")
    assert (anonymous.status_code, anonymous.json()["code"]) == (401, "not_authenticated")
    assert not Case.objects.filter(type_code="民终").exists()


def test_outcome_date_before_the_second_instance_was_filed_names_decided_on(chikan, cast):
    """The closing date of a second instance is the date it was decided: a wrong one is
    reported under ``decided_on``, the field the caller sent (it was ``closed_on``)."""
    case = _judged(chikan, cast)
    second = _appealed_by_defendant(case, cast)
    with time_machine.travel(date(2026, 6, 2)), pytest.raises(DomainError) as e:
        actions.decide_appeal(
            second.pk,
            outcome="affirmed",
            decided_on=date(2026, 4, 1),
            acting_user=cast["higher_judge"],
        )
    assert (e.value.code, e.value.fields) == ("invalid_input", {"decided_on": "结案日期不正确。"})
    second.refresh_from_db()
    assert (second.status, second.appeal_outcome) == ("pending", "")
