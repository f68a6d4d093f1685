"""审限: limits per procedure, suspensions, extensions (EXT2019 Art 1), conversion, on the 2026
calendar (Labour Day 2026-05-01..05 is a holiday)."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from yizhan.core.errors import DomainError
from yizhan.trial import actions
from yizhan.trial.deadlines import disclosed_figures, limit_rows, overdue_summary, suspended_days
from yizhan.trial.models import ExtensionStatus

from .conftest import make_case

pytestmark = pytest.mark.django_db
FILED = date(2026, 3, 2)


def test_ordinary_civil_limit_is_six_months_from_the_day_after_docketing(chikan, cast):
    case = make_case(chikan, filed_on=FILED, judge=cast["judge"])  # CPL23 Art 152
    assert case.limit_due == date(2026, 9, 2)


def test_simple_procedure_limit_is_three_months(chikan, cast):
    case = make_case(chikan, filed_on=FILED, procedure="simple")  # CPL23 Art 164
    assert case.limit_due == date(2026, 6, 2)


def test_small_claims_limit_ending_in_labour_day_moves_to_next_working_day(chikan, cast):
    # CPL23 Art 168: 2 months → 2026-05-02, a holiday; CPL23 Art 85 ¶3 → 2026-05-06.
    case = make_case(chikan, filed_on=FILED, procedure="small_claims")
    assert case.limit_due == date(2026, 5, 6)


def test_enforcement_limit_is_six_months_exec_art_63(chikan, cast):
    case = make_case(chikan, filed_on=FILED, type_code="执", procedure="enforcement")
    assert case.limit_due == date(2026, 9, 2)


def test_overlapping_suspensions_are_counted_once():
    rows = [
        (date(2026, 4, 1), date(2026, 4, 10)),
        (date(2026, 4, 5), date(2026, 4, 14)),
        (date(2026, 5, 1), date(2026, 5, 1)),
    ]
    assert suspended_days(rows, until=date(2026, 6, 1)) == 15


def test_overlapping_suspensions_push_the_due_date_by_their_union(chikan, cast):
    case = make_case(chikan, filed_on=FILED, judge=cast["judge"])
    with time_machine.travel(date(2026, 4, 20)):
        actions.start_suspension(
            case.pk,
            kind="appraisal",
            start_on=date(2026, 4, 1),
            end_on=date(2026, 4, 10),
            acting_user=cast["judge"],
        )
        actions.start_suspension(
            case.pk,
            kind="announcement",
            start_on=date(2026, 4, 5),
            end_on=date(2026, 4, 14),
            acting_user=cast["judge"],
        )
    case.refresh_from_db()
    # CPLI Art 243: 14 days (04-01..04-14) → 2026-09-02 + 14 = 2026-09-16.
    assert (case.suspended_days, case.limit_due) == (14, date(2026, 9, 16))


def test_open_suspension_runs_until_ended(chikan, cast):
    case = make_case(chikan, filed_on=FILED, judge=cast["judge"])
    with time_machine.travel(date(2026, 4, 20)):
        s = actions.start_suspension(
            case.pk,
            kind="jurisdiction_objection",
            start_on=date(2026, 4, 11),
            acting_user=cast["judge"],
        )
        case.refresh_from_db()
        assert (case.suspended_days, case.limit_due) == (10, date(2026, 9, 14))
        assert [r.level for r in limit_rows(type(case).objects.filter(pk=case.pk))] == ["suspended"]
    with time_machine.travel(date(2026, 4, 25)):
        actions.end_suspension(s.pk, end_on=date(2026, 4, 24), acting_user=cast["judge"])
    case.refresh_from_db()
    assert (case.suspended_days, case.limit_due) == (14, date(2026, 9, 16))


def test_suspension_before_docketing_is_refused(chikan, cast):
    case = make_case(chikan, filed_on=FILED, judge=cast["judge"])
    with pytest.raises(DomainError) as e:
        actions.start_suspension(
            case.pk, kind="appraisal", start_on=date(2026, 3, 1), acting_user=cast["judge"]
        )
    assert e.value.code == "suspension_invalid"


def test_judge_outside_the_panel_cannot_suspend(chikan, cast):
    case = make_case(chikan, filed_on=FILED, judge=cast["judge"])
    with pytest.raises(DomainError) as e:
        actions.start_suspension(
            case.pk, kind="appraisal", start_on=date(2026, 4, 1), acting_user=cast["outsider"]
        )
    assert (e.value.status, e.value.code) == (403, "not_on_panel")


def test_another_courts_judge_gets_404(chikan, cast):
    case = make_case(chikan, filed_on=FILED, judge=cast["judge"])
    with pytest.raises(DomainError) as e:
        actions.start_suspension(
            case.pk, kind="appraisal", start_on=date(2026, 4, 1), acting_user=cast["xiashan_judge"]
        )
    assert e.value.status == 404


def test_extension_requested_fifteen_days_before_expiry_is_accepted(chikan, cast):
    case = make_case(chikan, filed_on=FILED, procedure="simple", judge=cast["judge"])
    with time_machine.travel(date(2026, 5, 18)):  # 06-02 minus 15 days: EXT2019 Art 1
        ext = actions.request_extension(case.pk, reason="案情复杂", acting_user=cast["judge"])
    assert (ext.months, ext.days, ext.level) == (1, 0, "president")


def test_extension_requested_fourteen_days_before_expiry_is_too_late(chikan, cast):
    case = make_case(chikan, filed_on=FILED, procedure="simple", judge=cast["judge"])
    with time_machine.travel(date(2026, 5, 19)), pytest.raises(DomainError) as e:
        actions.request_extension(case.pk, reason="案情复杂", acting_user=cast["judge"])
    assert e.value.code == "extension_too_late"
    assert e.value.fields["latest"] == "2026-05-18"


def test_president_approves_five_days_before_and_simple_total_stays_four_months(chikan, cast):
    case = make_case(chikan, filed_on=FILED, procedure="simple", judge=cast["judge"])
    with time_machine.travel(date(2026, 5, 18)):
        ext = actions.request_extension(case.pk, reason="案情复杂", acting_user=cast["judge"])
    with time_machine.travel(date(2026, 5, 28)):
        actions.decide_extension(ext.pk, approve=True, acting_user=cast["president"])
    case.refresh_from_db()
    assert (case.limit_due, case.extended) == (date(2026, 7, 2), True)  # CPLI Art 258
    with time_machine.travel(date(2026, 6, 1)), pytest.raises(DomainError) as e:
        actions.request_extension(case.pk, reason="再延", acting_user=cast["judge"])
    assert e.value.code == "extension_not_allowed"


def test_president_decision_four_days_before_expiry_is_too_late(chikan, cast):
    case = make_case(chikan, filed_on=FILED, procedure="simple", judge=cast["judge"])
    with time_machine.travel(date(2026, 5, 18)):
        ext = actions.request_extension(case.pk, reason="案情复杂", acting_user=cast["judge"])
    with time_machine.travel(date(2026, 5, 29)), pytest.raises(DomainError) as e:
        actions.decide_extension(ext.pk, approve=True, acting_user=cast["president"])
    assert e.value.code == "decision_too_late"


@pytest.mark.parametrize("who", ["judge", "chief"])
def test_only_the_president_approves_an_extension(chikan, cast, who):
    case = make_case(chikan, filed_on=FILED, procedure="simple", judge=cast["judge"])
    with time_machine.travel(date(2026, 5, 18)):
        ext = actions.request_extension(case.pk, reason="案情复杂", acting_user=cast["judge"])
        with pytest.raises(DomainError) as e:
            actions.decide_extension(ext.pk, approve=True, acting_user=cast[who])
    assert (e.value.status, e.value.code) == (403, "president_only")
    ext.refresh_from_db()
    assert ext.status == ExtensionStatus.PENDING


def test_another_courts_president_cannot_see_the_extension(chikan, cast, courts):
    from .conftest import staff

    other = staff("president", courts["粤0803"], "霞山院长")
    case = make_case(chikan, filed_on=FILED, procedure="simple", judge=cast["judge"])
    with time_machine.travel(date(2026, 5, 18)):
        ext = actions.request_extension(case.pk, reason="案情复杂", acting_user=cast["judge"])
        with pytest.raises(DomainError) as e:
            actions.decide_extension(ext.pk, approve=True, acting_user=other)
    assert e.value.status == 404


def test_further_ordinary_extension_goes_to_the_higher_court(chikan, cast):
    case = make_case(chikan, filed_on=FILED, judge=cast["judge"])
    with time_machine.travel(date(2026, 8, 1)):
        ext = actions.request_extension(case.pk, reason="鉴定复杂", acting_user=cast["judge"])
        actions.decide_extension(ext.pk, approve=True, acting_user=cast["president"])
    case.refresh_from_db()
    assert case.limit_due == date(2027, 3, 2)  # +6 months by the president, CPL23 Art 152
    with time_machine.travel(date(2027, 2, 1)):
        ext2 = actions.request_extension(case.pk, reason="仍需审计", acting_user=cast["judge"])
        assert ext2.level == "higher_court"
        with pytest.raises(DomainError) as e:
            actions.decide_extension(ext2.pk, approve=True, acting_user=cast["president"])
        assert e.value.code == "higher_court_only"
        actions.decide_extension(ext2.pk, approve=True, acting_user=cast["higher_president"])
    case.refresh_from_db()
    assert case.limit_due == date(2027, 6, 2)  # +3 months, TL2000 Art 2


def test_refused_extension_leaves_the_limit(chikan, cast):
    case = make_case(chikan, filed_on=FILED, procedure="simple", judge=cast["judge"])
    with time_machine.travel(date(2026, 5, 18)):
        ext = actions.request_extension(case.pk, reason="案情复杂", acting_user=cast["judge"])
        actions.decide_extension(
            ext.pk, approve=False, reason="理由不足", acting_user=cast["president"]
        )
    case.refresh_from_db()
    assert (case.limit_due, case.extended) == (date(2026, 6, 2), False)


def test_simple_to_ordinary_conversion_counts_continuously_from_docketing(chikan, cast):
    case = make_case(chikan, filed_on=FILED, procedure="simple", judge=cast["judge"])
    with time_machine.travel(date(2026, 4, 15)):
        actions.convert_procedure(case.pk, reason="案情复杂", acting_user=cast["judge"])
    case.refresh_from_db()
    # TL2000 Art 8; CPLI Art 258 ¶3: 6 months from 2026-03-02, not from the conversion.
    assert (case.procedure, case.limit_due) == ("ordinary", date(2026, 9, 2))


def test_conversion_of_an_ordinary_case_is_refused(chikan, cast):
    case = make_case(chikan, filed_on=FILED, judge=cast["judge"])
    with pytest.raises(DomainError) as e:
        actions.convert_procedure(case.pk, reason="x", acting_user=cast["judge"])
    assert e.value.code == "conversion_invalid"


def test_warning_levels_and_overdue_lists(chikan, cast, settings):
    settings.YIZHAN_LIMIT_WARNING_DAYS = (30, 15, 7)
    soon = make_case(chikan, filed_on=FILED, procedure="small_claims", judge=cast["judge"])
    late = make_case(
        chikan, filed_on=date(2026, 1, 5), procedure="small_claims", judge=cast["judge2"]
    )
    ok = make_case(chikan, filed_on=FILED, judge=cast["judge"])
    on = date(2026, 4, 30)
    rows = {r.case.pk: r for r in limit_rows(type(ok).objects.filter(court=chikan), on=on)}
    assert (rows[soon.pk].days_left, rows[soon.pk].level) == (6, "warn_7")
    assert rows[late.pk].level == "overdue"
    assert rows[ok.pk].level == "ok"
    summary = overdue_summary(chikan.pk, on=on)
    assert summary["court"] == 1
    assert summary["by_judge"] == {"李法官": 1}


def test_disclosed_figures_for_parties_ext2019_art_7(chikan, cast):
    case = make_case(chikan, filed_on=FILED, procedure="simple", judge=cast["judge"])
    with time_machine.travel(date(2026, 4, 20)):
        actions.start_suspension(
            case.pk,
            kind="announcement",
            start_on=date(2026, 4, 1),
            end_on=date(2026, 4, 10),
            acting_user=cast["judge"],
        )
        fig = disclosed_figures(case)
    assert fig["filed_on"] == FILED
    assert fig["limit"] == "3 个月"
    assert fig["suspended_days"] == 10
    assert fig["limit_due"] == date(2026, 6, 12)
    assert fig["suspensions"][0]["kind"] == "公告期间"
