"""执行 and 破产: application from an effective judgment, measures, closure, jurisdiction."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from yizhan.cases.models import CaseRole
from yizhan.core.errors import DomainError
from yizhan.trial import actions
from yizhan.trial.enforcement import bankruptcy_court_for, check_bankruptcy_court

from .conftest import make_case, party

pytestmark = pytest.mark.django_db


def _effective(chikan, cast):
    case = make_case(chikan, filed_on=date(2026, 1, 5), judge=cast["judge"])
    with time_machine.travel(date(2026, 3, 10)):
        doc = actions.generate_document(
            case.pk,
            doc_type="judgment",
            title="民事判决书",
            text="判决如下",
            decided_on=date(2026, 3, 2),
            acting_user=cast["judge"],
        )
        actions.close_case(
            case.pk, method="judgment", decided_on=date(2026, 3, 2), acting_user=cast["judge"]
        )
    with time_machine.travel(date(2026, 3, 20)):
        actions.mark_effective(doc.pk, effective_on=date(2026, 3, 20), acting_user=cast["judge"])
    return case


def test_enforcement_case_from_an_effective_judgment(chikan, cast):
    case = _effective(chikan, cast)
    with time_machine.travel(date(2026, 4, 1)):
        ex = actions.apply_for_enforcement(
            case.pk,
            applicant_party_id=party(case, CaseRole.PLAINTIFF).pk,
            amount_due=Decimal("100000"),
            acting_user=cast["clerk"],
        )
    assert ex.number == "（2026）粤0802执1号"
    assert (ex.parent, ex.relation, ex.enforcement_due) == (case, "enforcement", Decimal("100000"))
    assert ex.limit_due == date(2026, 10, 8)  # 6 months (EXEC Art 63): 10-01 → after National Day
    assert set(ex.case_parties.values_list("role", flat=True)) == {
        "applicant_execution",
        "person_subject_to_execution",
    }


def test_enforcement_application_after_two_years_is_refused(chikan, cast):
    case = _effective(chikan, cast)
    with time_machine.travel(date(2028, 3, 22)), pytest.raises(DomainError) as e:
        actions.apply_for_enforcement(
            case.pk,
            applicant_party_id=party(case, CaseRole.PLAINTIFF).pk,
            amount_due=Decimal("1"),
            acting_user=cast["clerk"],
        )
    assert e.value.code == "enforcement_time_barred"


def test_no_enforcement_without_an_effective_document(chikan, cast):
    case = make_case(chikan, filed_on=date(2026, 1, 5), judge=cast["judge"])
    with pytest.raises(DomainError) as e:
        actions.apply_for_enforcement(
            case.pk,
            applicant_party_id=party(case, CaseRole.PLAINTIFF).pk,
            amount_due=Decimal("1"),
            acting_user=cast["clerk"],
        )
    assert e.value.code == "not_effective"


def test_measures_keep_the_recovered_amount_and_gate_the_closure(chikan, cast):
    case = _effective(chikan, cast)
    with time_machine.travel(date(2026, 4, 1)):
        ex = actions.apply_for_enforcement(
            case.pk,
            applicant_party_id=party(case, CaseRole.PLAINTIFF).pk,
            amount_due=Decimal("100000"),
            acting_user=cast["clerk"],
        )
    j = cast["judge2"]
    ex.judge = j
    type(ex).objects.filter(pk=ex.pk).update(judge=j)
    with time_machine.travel(date(2026, 5, 20)):
        actions.record_measure(ex.pk, kind="inquiry", taken_on=date(2026, 4, 2), acting_user=j)
        actions.record_measure(
            ex.pk,
            kind="deduction",
            taken_on=date(2026, 4, 10),
            amount=Decimal("60000"),
            acting_user=j,
        )
        with pytest.raises(DomainError) as e:
            actions.close_enforcement(
                ex.pk, method="executed", closed_on=date(2026, 5, 20), acting_user=j
            )
        assert e.value.code == "closure_invalid"
        actions.record_measure(
            ex.pk,
            kind="auction",
            taken_on=date(2026, 5, 18),
            amount=Decimal("40000"),
            acting_user=j,
        )
        closed = actions.close_enforcement(
            ex.pk, method="executed", closed_on=date(2026, 5, 20), acting_user=j
        )
    assert (closed.recovered_amount, closed.closure_method, closed.closed_within_limit) == (
        Decimal("100000"),
        "executed",
        True,
    )


def test_judge_outside_the_panel_cannot_log_measures(chikan, cast):
    ex = make_case(
        chikan,
        filed_on=date(2026, 3, 2),
        type_code="执",
        procedure="enforcement",
        judge=cast["judge2"],
    )
    with pytest.raises(DomainError) as e:
        actions.record_measure(
            ex.pk, kind="inquiry", taken_on=date(2026, 3, 3), acting_user=cast["outsider"]
        )
    assert e.value.code == "not_on_panel"


def test_bankruptcy_matters_of_the_city_go_to_the_designated_court(courts, settings):
    settings.YIZHAN_BANKRUPTCY_COURT = "粤08"
    assert bankruptcy_court_for(courts["粤0802"]) == courts["粤08"]
    with pytest.raises(DomainError) as e:
        check_bankruptcy_court(courts["粤0802"])
    assert (e.value.code, e.value.fields["court_code"]) == ("bankruptcy_jurisdiction", "粤08")
    check_bankruptcy_court(courts["粤08"])


def test_accepting_a_bankruptcy_petition_opens_the_bankruptcy_case(courts, cast):
    review = make_case(
        courts["粤08"],
        filed_on=date(2026, 3, 2),
        type_code="破申",
        procedure="bankruptcy",
        judge=cast["higher_judge"],
    )
    assert review.limit_due == date(2026, 3, 17)  # EBL Art 10: 15 days
    with time_machine.travel(date(2026, 3, 12)):
        case = actions.accept_bankruptcy_petition(review.pk, acting_user=cast["higher_judge"])
    review.refresh_from_db()
    assert (case.number, case.parent, case.relation) == ("（2026）粤08破1号", review, "bankruptcy")
    assert (review.status, review.closure_method) == ("closed", "ruling")


def test_bankruptcy_petition_at_a_basic_court_is_refused(chikan, cast):
    review = make_case(
        chikan,
        filed_on=date(2026, 3, 2),
        type_code="破申",
        procedure="bankruptcy",
        judge=cast["judge"],
    )
    with time_machine.travel(date(2026, 3, 12)), pytest.raises(DomainError) as e:
        actions.accept_bankruptcy_petition(review.pk, acting_user=cast["judge"])
    assert e.value.code == "bankruptcy_jurisdiction"


def test_an_enforcement_case_closes_only_through_the_enforcement_closure(chikan, cast):
    case = _effective(chikan, cast)
    with time_machine.travel(date(2026, 4, 1)):
        ex = actions.apply_for_enforcement(
            case.pk,
            applicant_party_id=party(case, CaseRole.PLAINTIFF).pk,
            amount_due=Decimal("100000"),
            acting_user=cast["clerk"],
        )
    ex.judge = cast["judge"]
    ex.save(update_fields=["judge"])
    with time_machine.travel(date(2026, 4, 2)), pytest.raises(DomainError) as e:
        actions.close_case(ex.pk, method="executed", acting_user=cast["judge"])
    assert (e.value.code, e.value.message) == ("closure_invalid", "执行案件请通过执行结案办理。")
    ex.refresh_from_db()
    assert ex.status == "pending"


def test_a_document_cannot_take_effect_in_the_future(chikan, cast):
    case = make_case(chikan, filed_on=date(2026, 1, 5), judge=cast["judge"])
    with time_machine.travel(date(2026, 3, 10)):
        doc = actions.generate_document(
            case.pk,
            doc_type="judgment",
            title="民事判决书",
            text="判决如下",
            decided_on=date(2026, 3, 2),
            acting_user=cast["judge"],
        )
        with pytest.raises(DomainError) as e:
            actions.mark_effective(
                doc.pk, effective_on=date(2026, 3, 11), acting_user=cast["judge"]
            )
    assert e.value.fields == {"effective_on": "生效日期不能晚于今天。"}
    doc.refresh_from_db()
    assert doc.is_effective is False
