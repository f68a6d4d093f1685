"""Tests for the period (期间) engine, on the real 2025/2026 State Council calendars.

Facts used, as recorded in chinese_calendar 1.11.0 (which covers 2004–2026):

2025  Spring Festival 01-28 … 02-04; National Day + Mid-autumn 10-01 … 10-08;
      make-up working days Sun 01-26, Sat 02-08, Sun 04-27, Sun 09-28, Sat 10-11.
2026  New Year 01-01 … 01-03; Spring Festival 02-15 … 02-23; Labour Day 05-01 … 05-05;
      Mid-autumn 09-25 … 09-27; National Day 10-01 … 10-07;
      make-up working days Sun 01-04, Sat 02-14, Sat 02-28, Sat 05-09, Sun 09-20, Sat 10-10.
2027  not in the package → weekends only, with a warning.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yizhan.rules.errors import RuleError
from yizhan.rules.periods import (
    WEEKENDS_ONLY,
    ChineseCalendarSource,
    CourtCalendar,
    DayKind,
    HolidaySource,
    Override,
    PeriodError,
    PeriodResult,
    add_working_days,
    days_elapsed,
    period_end,
    unknown_year_warning,
    working_days_left,
)

CAL = CourtCalendar()  # chinese_calendar + no overrides
W2027 = "2027 年的节假日安排未录入，按周末计算，请法院管理员补录"


# --------------------------------------------------------------------------------------------
# The base source
# --------------------------------------------------------------------------------------------


def test_chinese_calendar_source_covers_2004_to_2026() -> None:
    source = ChineseCalendarSource()
    assert source.years == frozenset(range(2004, 2027))
    assert source.knows_year(2026)
    assert not source.knows_year(2027)
    assert not source.knows_year(2003)
    assert source.day_kind(date(2027, 1, 1)) is None


def test_chinese_calendar_source_is_a_holiday_source() -> None:
    source: HolidaySource = ChineseCalendarSource()
    assert source.day_kind(date(2026, 3, 2)) is DayKind.WORKDAY


@pytest.mark.parametrize(
    ("day", "kind"),
    [
        (date(2026, 3, 2), DayKind.WORKDAY),  # ordinary Monday
        (date(2026, 3, 7), DayKind.WEEKEND),  # ordinary Saturday
        (date(2026, 2, 17), DayKind.HOLIDAY),  # Spring Festival, Tuesday
        (date(2026, 2, 21), DayKind.HOLIDAY),  # Spring Festival block, Saturday
        (date(2026, 2, 14), DayKind.MAKEUP_WORKDAY),  # 调休 Saturday
        (date(2026, 1, 4), DayKind.MAKEUP_WORKDAY),  # 调休 Sunday
        (date(2026, 10, 7), DayKind.HOLIDAY),
        (date(2026, 10, 8), DayKind.WORKDAY),
        (date(2025, 10, 8), DayKind.HOLIDAY),
        (date(2025, 10, 11), DayKind.MAKEUP_WORKDAY),
    ],
)
def test_day_kind_2025_2026(day: date, kind: DayKind) -> None:
    assert CAL.day_kind(day) is kind
    assert CAL.is_working_day(day) is (kind in {DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY})


def test_day_kind_values_are_strings() -> None:
    assert [k.value for k in DayKind] == ["workday", "weekend", "holiday", "makeup_workday"]


def test_next_working_day() -> None:
    assert CAL.next_working_day(date(2026, 3, 2)) == date(2026, 3, 2)  # itself
    assert CAL.next_working_day(date(2026, 3, 7)) == date(2026, 3, 9)
    assert CAL.next_working_day(date(2026, 2, 15)) == date(2026, 2, 24)


# --------------------------------------------------------------------------------------------
# period_end – CPL23 Art 85 / CPLI Art 125 (start day not counted) and Art 85 ¶3 (extension)
# --------------------------------------------------------------------------------------------


def test_art85_reg2015_art8_seven_day_filing_period_on_a_weekday() -> None:
    # Complaint received Monday 2026-03-02; decide within 7 days → Monday 2026-03-09.
    r = period_end(date(2026, 3, 2), days=7, calendar=CAL)
    assert r == PeriodResult(date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 9), False, ())


def test_cpli_art125_one_day_period_ends_next_day() -> None:
    assert period_end(date(2026, 3, 2), days=1, calendar=CAL).end == date(2026, 3, 3)


def test_art85_p3_seven_days_ending_on_saturday_moves_to_monday() -> None:
    r = period_end(date(2026, 3, 7), days=7, calendar=CAL)
    assert r.nominal_end == date(2026, 3, 14)  # Saturday
    assert r.end == date(2026, 3, 16)  # Monday
    assert r.extended is True
    assert r.warnings == ()


def test_art85_p3_cpl23_art171_appeal_15_days_ending_on_saturday() -> None:
    # Judgment served Friday 2026-03-13 → day 15 is Saturday 03-28 → Monday 03-30.
    r = period_end(date(2026, 3, 13), days=15, calendar=CAL)
    assert (r.nominal_end, r.end, r.extended) == (date(2026, 3, 28), date(2026, 3, 30), True)


def test_cpl23_art171_appeal_15_days_plain() -> None:
    # Served Monday 2026-03-02 → Tuesday 2026-03-17.
    r = period_end(date(2026, 3, 2), days=15, calendar=CAL)
    assert (r.nominal_end, r.end, r.extended) == (date(2026, 3, 17), date(2026, 3, 17), False)


def test_art85_p3_ending_inside_national_day_2026() -> None:
    r = period_end(date(2026, 9, 28), days=7, calendar=CAL)
    assert r.nominal_end == date(2026, 10, 5)
    assert r.end == date(2026, 10, 8)  # first working day after 10-01 … 10-07


def test_art85_p3_ending_inside_national_day_2025() -> None:
    r = period_end(date(2025, 9, 25), days=10, calendar=CAL)
    assert r.nominal_end == date(2025, 10, 5)
    assert r.end == date(2025, 10, 9)  # 2025 holiday runs to 10-08 (with Mid-autumn)


def test_art85_p3_ending_inside_spring_festival_2026() -> None:
    r = period_end(date(2026, 2, 10), days=7, calendar=CAL)
    assert r.nominal_end == date(2026, 2, 17)
    assert r.end == date(2026, 2, 24)  # 02-15 … 02-23 holiday


def test_art85_p3_ending_inside_spring_festival_2025() -> None:
    r = period_end(date(2025, 1, 20), days=10, calendar=CAL)
    assert (r.nominal_end, r.end) == (date(2025, 1, 30), date(2025, 2, 5))


def test_art85_p3_ending_on_makeup_saturday_stays() -> None:
    # 15-day appeal served 2026-02-13 ends on 调休 Saturday 2026-02-28: a working day.
    r = period_end(date(2026, 2, 13), days=15, calendar=CAL)
    assert (r.nominal_end, r.end, r.extended) == (date(2026, 2, 28), date(2026, 2, 28), False)


def test_art85_p3_ending_on_makeup_sunday_across_new_year_stays() -> None:
    r = period_end(date(2025, 12, 28), days=7, calendar=CAL)
    assert (r.nominal_end, r.end, r.extended) == (date(2026, 1, 4), date(2026, 1, 4), False)


def test_art85_p3_ending_on_new_year_2026() -> None:
    r = period_end(date(2025, 12, 25), days=7, calendar=CAL)
    # 2026-01-01 … 01-03 holiday, 01-04 is a 调休 Sunday → ends Sunday 01-04.
    assert (r.nominal_end, r.end) == (date(2026, 1, 1), date(2026, 1, 4))


# --------------------------------------------------------------------------------------------
# Month / year periods – CC Arts 201–203
# --------------------------------------------------------------------------------------------


def test_cc_art203_jan31_plus_one_month_2026_is_feb28_makeup_saturday() -> None:
    r = period_end(date(2026, 1, 31), months=1, calendar=CAL)
    # Feb 2026 has no 31st → last day 02-28, which happens to be a 调休 Saturday → stays.
    assert (r.nominal_end, r.end, r.extended) == (date(2026, 2, 28), date(2026, 2, 28), False)


def test_cc_art203_jan31_plus_one_month_2025() -> None:
    r = period_end(date(2025, 1, 31), months=1, calendar=CAL)
    assert (r.nominal_end, r.end) == (date(2025, 2, 28), date(2025, 2, 28))


def test_cc_art203_leap_year_jan31_plus_one_month_is_feb29() -> None:
    r = period_end(date(2024, 1, 31), months=1, calendar=CAL)
    assert r.nominal_end == date(2024, 2, 29)


def test_cc_art203_leap_day_plus_one_year_is_feb28() -> None:
    r = period_end(date(2024, 2, 29), years=1, calendar=CAL)
    assert (r.nominal_end, r.end) == (date(2025, 2, 28), date(2025, 2, 28))


def test_cc_art203_leap_day_plus_four_years_is_feb29() -> None:
    assert period_end(date(2020, 2, 29), years=4, calendar=CAL).nominal_end == date(2024, 2, 29)


def test_cc_art202_corresponding_day_across_year_end() -> None:
    r = period_end(date(2025, 11, 30), months=3, calendar=CAL)
    assert r.nominal_end == date(2026, 2, 28)


def test_cpl23_art152_six_month_ordinary_limit_ends_in_spring_festival() -> None:
    # Filed 2025-08-15; 6 months → Sunday 2026-02-15 (Spring Festival) → Tuesday 2026-02-24.
    r = period_end(date(2025, 8, 15), months=6, calendar=CAL)
    assert (r.nominal_end, r.end, r.extended) == (date(2026, 2, 15), date(2026, 2, 24), True)


def test_cpl23_art152_six_month_ordinary_limit_plain() -> None:
    r = period_end(date(2025, 9, 10), months=6, calendar=CAL)
    assert (r.nominal_end, r.end, r.extended) == (date(2026, 3, 10), date(2026, 3, 10), False)


def test_cpl23_art152_six_month_limit_ends_in_national_day_2025() -> None:
    r = period_end(date(2025, 4, 3), months=6, calendar=CAL)
    assert (r.nominal_end, r.end) == (date(2025, 10, 3), date(2025, 10, 9))


def test_cpl23_art250_two_year_execution_application() -> None:
    r = period_end(date(2024, 3, 20), years=2, calendar=CAL)
    assert (r.nominal_end, r.end) == (date(2026, 3, 20), date(2026, 3, 20))


# --------------------------------------------------------------------------------------------
# CRPL Art 105 – custody periods are not extended
# --------------------------------------------------------------------------------------------


def test_crpl_art105_custody_period_not_extended_by_national_day() -> None:
    r = period_end(date(2026, 9, 28), days=7, calendar=CAL, extend_on_rest_day=False)
    assert (r.nominal_end, r.end, r.extended) == (date(2026, 10, 5), date(2026, 10, 5), False)


def test_crpl_art105_custody_month_not_extended_and_no_warning_for_unknown_year() -> None:
    r = period_end(date(2026, 12, 2), months=1, calendar=CAL, extend_on_rest_day=False)
    assert r.end == date(2027, 1, 2)  # Saturday, not moved
    assert r.warnings == ()  # the calendar was not consulted


# --------------------------------------------------------------------------------------------
# Court overrides
# --------------------------------------------------------------------------------------------


def test_override_declares_holiday_extends_period() -> None:
    cal = CourtCalendar(overrides=[Override(date(2026, 3, 9), working=False, note="台风停工")])
    assert cal.day_kind(date(2026, 3, 9)) is DayKind.HOLIDAY
    r = period_end(date(2026, 3, 2), days=7, calendar=cal)
    assert (r.nominal_end, r.end, r.extended) == (date(2026, 3, 9), date(2026, 3, 10), True)


def test_override_declares_saturday_working() -> None:
    cal = CourtCalendar(overrides=[Override(date(2026, 3, 14), working=True)])
    assert cal.day_kind(date(2026, 3, 14)) is DayKind.MAKEUP_WORKDAY
    r = period_end(date(2026, 3, 7), days=7, calendar=cal)
    assert (r.end, r.extended) == (date(2026, 3, 14), False)


def test_override_beats_base_source_holiday() -> None:
    cal = CourtCalendar(overrides=[Override(date(2026, 2, 23), working=True)])
    assert cal.day_kind(date(2026, 2, 23)) is DayKind.WORKDAY  # a Monday
    assert period_end(date(2026, 2, 16), days=7, calendar=cal).end == date(2026, 2, 23)
    assert period_end(date(2026, 2, 16), days=7, calendar=CAL).end == date(2026, 2, 24)


def test_override_beats_base_source_makeup_day() -> None:
    cal = CourtCalendar(overrides=[Override(date(2026, 2, 28), working=False)])
    assert period_end(date(2026, 2, 13), days=15, calendar=cal).end == date(2026, 3, 2)


def test_identical_duplicate_overrides_are_accepted() -> None:
    day = date(2026, 3, 9)
    cal = CourtCalendar(overrides=[Override(day, False), Override(day, False, note="重复")])
    assert cal.overrides == (Override(day, False, note="重复"),)


def test_conflicting_overrides_raise() -> None:
    day = date(2026, 3, 9)
    with pytest.raises(PeriodError) as exc:
        CourtCalendar(overrides=[Override(day, False), Override(day, True)])
    assert exc.value.code == "conflicting_override"
    assert exc.value.field == "overrides"


# --------------------------------------------------------------------------------------------
# Unknown years – weekends only, with a warning
# --------------------------------------------------------------------------------------------


def test_unknown_year_warning_text() -> None:
    assert unknown_year_warning(2027) == W2027
    assert unknown_year_warning(2031) == "2031 年的节假日安排未录入，按周末计算，请法院管理员补录"


def test_unknown_year_2027_weekends_only_with_warning() -> None:
    cal = CourtCalendar()
    assert not cal.year_known(2027)
    assert cal.year_known(2026)
    # 2027-01-01 is a Friday: a working day when only weekends are known.
    r = period_end(date(2026, 12, 25), days=7, calendar=cal)
    assert (r.nominal_end, r.end, r.extended) == (date(2027, 1, 1), date(2027, 1, 1), False)
    assert r.warnings == (W2027,)
    assert cal.recorded_warnings() == (W2027,)


def test_unknown_year_weekend_extension_with_warning() -> None:
    r = period_end(date(2035, 3, 3), days=7, calendar=CAL)  # 2035-03-10 is a Saturday
    assert (r.nominal_end, r.end) == (date(2035, 3, 10), date(2035, 3, 12))
    assert r.warnings == (unknown_year_warning(2035),)


def test_year_before_package_data_is_unknown() -> None:
    r = period_end(date(2003, 5, 1), days=1, calendar=CAL)
    assert r.warnings == (unknown_year_warning(2003),)


def test_known_year_has_no_recorded_warnings() -> None:
    cal = CourtCalendar()
    period_end(date(2026, 3, 2), days=7, calendar=cal)
    assert cal.recorded_warnings() == ()


def test_overrides_make_unknown_year_known() -> None:
    cal = CourtCalendar(overrides=[Override(date(2027, 1, 1), working=False, note="元旦")])
    assert cal.year_known(2027)
    assert not cal.year_known(2028)
    r = period_end(date(2026, 12, 25), days=7, calendar=cal)
    assert (r.nominal_end, r.end, r.extended) == (date(2027, 1, 1), date(2027, 1, 4), True)
    assert r.warnings == ()
    assert cal.recorded_warnings() == ()


def test_warnings_for_lists_each_unknown_year_once() -> None:
    assert CAL.warnings_for(date(2025, 1, 1), date(2029, 6, 1)) == (
        W2027,
        unknown_year_warning(2028),
        unknown_year_warning(2029),
    )
    assert CAL.warnings_for(date(2029, 6, 1), date(2028, 1, 1)) == (
        unknown_year_warning(2028),
        unknown_year_warning(2029),
    )
    assert CAL.warnings_for(date(2025, 1, 1), date(2026, 12, 31)) == ()


def test_weekends_only_source_knows_nothing() -> None:
    cal = CourtCalendar(source=WEEKENDS_ONLY)
    assert not cal.year_known(2026)
    assert cal.day_kind(date(2026, 10, 1)) is DayKind.WORKDAY  # Thursday: weekends only
    r = period_end(date(2026, 9, 28), days=7, calendar=cal)
    assert (r.end, r.warnings) == (date(2026, 10, 5), (unknown_year_warning(2026),))


def test_month_period_into_unknown_year_warns() -> None:
    r = period_end(date(2026, 8, 15), months=6, calendar=CAL)
    assert (r.nominal_end, r.end) == (date(2027, 2, 15), date(2027, 2, 15))  # Monday
    assert r.warnings == (W2027,)


def test_extension_crossing_into_unknown_year_warns() -> None:
    # 2026-12-31 + 2 → Saturday 2027-01-02 → Monday 2027-01-04 (weekends only).
    r = period_end(date(2026, 12, 31), days=2, calendar=CAL)
    assert (r.end, r.warnings) == (date(2027, 1, 4), (W2027,))


# --------------------------------------------------------------------------------------------
# Working-day periods – OMED Arts 11–12, 12368 tickets
# --------------------------------------------------------------------------------------------


def test_omed_art11_two_working_days_over_weekend() -> None:
    r = add_working_days(date(2026, 3, 6), 2, calendar=CAL)  # Friday
    assert r == PeriodResult(date(2026, 3, 6), date(2026, 3, 10), date(2026, 3, 10), False, ())


def test_omed_art12_three_working_days_over_national_day_to_makeup_saturday() -> None:
    # 10-01 … 10-07 holiday; 10-08 Thu, 10-09 Fri, 10-10 调休 Saturday.
    r = add_working_days(date(2026, 9, 30), 3, calendar=CAL)
    assert r.end == date(2026, 10, 10)


def test_12368_one_working_day_before_spring_festival_is_makeup_saturday() -> None:
    assert add_working_days(date(2026, 2, 13), 1, calendar=CAL).end == date(2026, 2, 14)
    assert add_working_days(date(2026, 2, 13), 2, calendar=CAL).end == date(2026, 2, 24)


def test_12368_three_working_days_started_on_a_holiday() -> None:
    # Ticket raised on Spring Festival day; start day not counted → 02-24, 02-25, 02-26.
    assert add_working_days(date(2026, 2, 17), 3, calendar=CAL).end == date(2026, 2, 26)


def test_working_days_into_unknown_year_warns() -> None:
    r = add_working_days(date(2026, 12, 31), 1, calendar=CAL)
    assert (r.end, r.warnings) == (date(2027, 1, 1), (W2027,))


# --------------------------------------------------------------------------------------------
# Counters
# --------------------------------------------------------------------------------------------


def test_days_elapsed_start_day_not_counted() -> None:
    assert days_elapsed(date(2026, 3, 2), date(2026, 3, 2)) == 0
    assert days_elapsed(date(2026, 3, 2), date(2026, 3, 9)) == 7
    assert days_elapsed(date(2026, 3, 2), date(2026, 3, 1)) == -1


def test_working_days_left() -> None:
    assert working_days_left(date(2026, 9, 30), date(2026, 10, 10), calendar=CAL) == 3
    assert working_days_left(date(2026, 3, 6), date(2026, 3, 9), calendar=CAL) == 1
    assert working_days_left(date(2026, 3, 9), date(2026, 3, 9), calendar=CAL) == 0
    assert working_days_left(date(2026, 3, 10), date(2026, 3, 9), calendar=CAL) == 0


def test_working_days_left_matches_add_working_days() -> None:
    r = add_working_days(date(2026, 2, 10), 5, calendar=CAL)
    assert working_days_left(date(2026, 2, 10), r.end, calendar=CAL) == 5


def test_as_dict() -> None:
    r = period_end(date(2026, 12, 30), days=3, calendar=CAL)  # 2027-01-02 Sat → 01-04
    assert r.as_dict() == {
        "start": "2026-12-30",
        "nominal_end": "2027-01-02",
        "end": "2027-01-04",
        "extended": True,
        "warnings": [W2027],
    }


# --------------------------------------------------------------------------------------------
# Error codes
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [
        {},  # nothing given
        {"days": 0},
        {"days": 7, "months": 1},  # two units
        {"months": 1, "years": 1},
        {"days": -1},
        {"months": -6},
        {"years": -1, "days": 3},
        {"days": True},  # bool is not a count
        {"days": 1.5},
    ],
)
def test_invalid_period(kwargs: dict[str, object]) -> None:
    with pytest.raises(PeriodError) as exc:
        period_end(date(2026, 3, 2), calendar=CAL, **kwargs)  # type: ignore[arg-type]
    assert exc.value.code == "invalid_period"
    assert isinstance(exc.value, RuleError)
    assert exc.value.message


def test_invalid_period_names_the_field() -> None:
    with pytest.raises(PeriodError) as exc:
        period_end(date(2026, 3, 2), months=-1, calendar=CAL)
    assert exc.value.field == "months"


@pytest.mark.parametrize(
    "kwargs",
    [{"days": 36_526}, {"months": 1_201}, {"years": 101}, {"years": 10**9}],
)
def test_period_too_long(kwargs: dict[str, int]) -> None:
    with pytest.raises(PeriodError) as exc:
        period_end(date(2026, 3, 2), calendar=CAL, **kwargs)  # type: ignore[arg-type]
    assert exc.value.code == "period_too_long"


def test_hundred_years_is_accepted() -> None:
    r = period_end(date(2026, 3, 2), years=100, calendar=CAL)
    assert r.nominal_end == date(2126, 3, 2)
    assert len(r.warnings) == 1
    assert period_end(date(2026, 3, 2), days=36_525, calendar=CAL).nominal_end > date(2126, 1, 1)


@pytest.mark.parametrize("n", [0, -1])
def test_add_working_days_invalid(n: int) -> None:
    with pytest.raises(PeriodError) as exc:
        add_working_days(date(2026, 3, 2), n, calendar=CAL)
    assert (exc.value.code, exc.value.field) == ("invalid_period", "n")


def test_add_working_days_too_long() -> None:
    with pytest.raises(PeriodError) as exc:
        add_working_days(date(2026, 3, 2), 36_526, calendar=CAL)
    assert exc.value.code == "period_too_long"


def test_working_days_left_too_long() -> None:
    with pytest.raises(PeriodError) as exc:
        working_days_left(date(2026, 3, 2), date(2200, 1, 1), calendar=CAL)
    assert exc.value.code == "period_too_long"


@pytest.mark.parametrize(
    "call",
    [
        lambda: period_end(datetime(2026, 3, 2, 9, 0), days=7, calendar=CAL),
        lambda: period_end("2026-03-02", days=7, calendar=CAL),  # type: ignore[arg-type]
        lambda: add_working_days(datetime(2026, 3, 2), 1, calendar=CAL),
        lambda: days_elapsed(date(2026, 3, 2), datetime(2026, 3, 3)),
        lambda: CAL.day_kind(datetime(2026, 3, 2)),
        lambda: Override(datetime(2026, 3, 2), working=False),
    ],
)
def test_invalid_date(call: Callable[[], object]) -> None:
    with pytest.raises(PeriodError) as exc:
        call()
    assert exc.value.code == "invalid_date"


def test_date_out_of_range() -> None:
    with pytest.raises(PeriodError) as exc:
        period_end(date(9999, 12, 25), days=30, calendar=CAL)
    assert exc.value.code == "date_out_of_range"
    with pytest.raises(PeriodError) as exc:
        period_end(date(9999, 6, 1), years=1, calendar=CAL)
    assert exc.value.code == "date_out_of_range"


class _AlwaysHoliday:
    def day_kind(self, d: date) -> DayKind | None:
        return DayKind.HOLIDAY

    def knows_year(self, year: int) -> bool:
        return True


def test_no_working_day() -> None:
    cal = CourtCalendar(source=_AlwaysHoliday())
    with pytest.raises(PeriodError) as exc:
        period_end(date(2026, 3, 2), days=7, calendar=cal)
    assert exc.value.code == "no_working_day"


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------

_any_day = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
_period: st.SearchStrategy[dict[str, int]] = st.one_of(
    st.builds(dict, days=st.integers(1, 800)),
    st.builds(dict, months=st.integers(1, 36)),
    st.builds(dict, years=st.integers(1, 5)),
)
_overrides = st.lists(
    st.builds(Override, day=_any_day, working=st.booleans()),
    max_size=20,
    unique_by=lambda o: o.day,
)


@given(start=_any_day, period=_period, overrides=_overrides)
def test_property_extended_end_is_a_nearby_working_day(
    start: date, period: dict[str, int], overrides: list[Override]
) -> None:
    cal = CourtCalendar(overrides=overrides)
    r = period_end(start, calendar=cal, **period)  # type: ignore[arg-type]
    assert r.end >= r.nominal_end >= start + timedelta(days=1)
    assert cal.is_working_day(r.end)
    assert r.extended is (r.end != r.nominal_end)
    # every day skipped over is a rest day
    d = r.nominal_end
    while d < r.end:
        assert not cal.is_working_day(d)
        d += timedelta(days=1)
    # warnings name exactly the unknown years of [nominal_end, end]
    years = range(r.nominal_end.year, r.end.year + 1)
    assert r.warnings == tuple(unknown_year_warning(y) for y in years if not cal.year_known(y))


@given(start=_any_day, period=_period)
def test_property_real_calendar_extension_is_short(start: date, period: dict[str, int]) -> None:
    # Random overrides could build any run of rest days; the real calendar never exceeds 14.
    r = period_end(start, calendar=CAL, **period)  # type: ignore[arg-type]
    assert r.end >= r.nominal_end >= start + timedelta(days=1)
    assert CAL.is_working_day(r.end)
    assert (r.end - r.nominal_end).days <= 14


def test_real_calendar_longest_rest_run_is_short() -> None:
    # Exhaustive over every year chinese_calendar knows (and the weekend-only years around it).
    d, longest, run = date(2003, 1, 1), 0, 0
    while d <= date(2028, 12, 31):
        run = 0 if CAL.is_working_day(d) else run + 1
        longest = max(longest, run)
        d += timedelta(days=1)
    assert 9 <= longest <= 14


@given(start=_any_day, period=_period)
def test_property_not_extended_end_is_nominal(start: date, period: dict[str, int]) -> None:
    r = period_end(start, calendar=CAL, extend_on_rest_day=False, **period)
    assert r.end == r.nominal_end >= start + timedelta(days=1)
    assert not r.extended
    assert r.warnings == ()


@given(start=_any_day, months=st.integers(1, 120))
def test_property_month_end_rule(start: date, months: int) -> None:
    end = period_end(start, months=months, calendar=CAL, extend_on_rest_day=False).end
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == months
    assert end.day == start.day or (end.day < start.day and (end + timedelta(1)).day == 1)


@given(start=_any_day, n=st.integers(1, 40))
def test_property_working_days(start: date, n: int) -> None:
    r = add_working_days(start, n, calendar=CAL)
    assert r.end == r.nominal_end > start
    assert CAL.is_working_day(r.end)
    assert working_days_left(start, r.end, calendar=CAL) == n
    assert days_elapsed(start, r.end) >= n
