"""Period (期间) computation: deadlines in days, months, years and working days.

Pure Python, no Django. The legal rules implemented here (see ``docs/domain-rules.md`` §3.1
and §3.5):

* CPL23 Art 85 / CPLI Art 125 (also ALLI Art 48, CRPL Art 105): the day on which a period
  starts is **not counted**; periods in days, months and years start on the next day, so a
  period of N days ends on ``start + N days``.
* CC Arts 201–203: a period in months or years ends on the **corresponding day** of the final
  month; if that month has no such day, on the **last day** of that month
  (2026-01-31 + 1 month → 2026-02-28; 2024-02-29 + 1 year → 2025-02-28).
* CPL23 Art 85 ¶3 (ALLI Art 48: 节假日): if the last day is a rest day or statutory holiday, the
  period ends on the **first working day** after it. Weekends count as rest days unless the
  State Council (or the court administrator) declared them make-up working days (调休).
* CRPL Art 105: custody periods (羁押期限) are never extended because of holidays – pass
  ``extend_on_rest_day=False``.
* Working-day periods (OMED Arts 11–12 "2 / 3 个工作日", 12368 tickets "1 / 3 个工作日"): N
  working days counted after the start day (the start day is not counted).

The court calendar combines a base :class:`HolidaySource` (by default the ``chinese_calendar``
package) with overrides entered by the court administrator. Overrides win. For a year that
neither the base source nor any override covers, the calendar answers with weekends only and
reports a Chinese warning naming the year – never silently.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import importlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Protocol

from yizhan.rules.errors import RuleError

__all__ = [
    "MAX_PERIOD_DAYS",
    "MAX_PERIOD_YEARS",
    "MAX_REST_RUN_DAYS",
    "WEEKENDS_ONLY",
    "ChineseCalendarSource",
    "CourtCalendar",
    "DayKind",
    "HolidaySource",
    "Override",
    "PeriodError",
    "PeriodResult",
    "add_working_days",
    "days_elapsed",
    "period_end",
    "unknown_year_warning",
    "working_days_left",
]

logger = logging.getLogger(__name__)

#: Longest period accepted: 100 years (``years``/``months``), or 100 × 365.25 days.
MAX_PERIOD_YEARS = 100
MAX_PERIOD_DAYS = 36_525

#: ``next_working_day`` gives up after this many consecutive rest days (a misconfigured
#: calendar); the real Chinese calendar never has more than ~10 in a row.
MAX_REST_RUN_DAYS = 366

_SATURDAY = 5  # date.weekday(): Monday == 0 … Saturday == 5, Sunday == 6


class PeriodError(RuleError):
    """Bad input to the period engine (codes: ``invalid_period``, ``period_too_long``,
    ``invalid_date``, ``date_out_of_range``, ``conflicting_override``, ``no_working_day``)."""


class DayKind(StrEnum):
    """What a calendar day is for the court."""

    WORKDAY = "workday"  # Monday–Friday, not a holiday
    WEEKEND = "weekend"  # Saturday/Sunday that is not a make-up working day
    HOLIDAY = "holiday"  # statutory holiday / declared rest day (may fall on a weekend)
    MAKEUP_WORKDAY = "makeup_workday"  # 调休: a weekend day declared a working day


_WORKING_KINDS = frozenset({DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY})


def unknown_year_warning(year: int) -> str:
    """The warning shown when *year* has no holiday data and weekends only were used."""
    return f"{year} 年的节假日安排未录入，按周末计算，请法院管理员补录"


def _check_date(value: object, field: str) -> date:
    """Accept a plain :class:`date` only.

    ``datetime`` is rejected on purpose: ``datetime`` never compares equal to ``date`` (so
    calendar look-ups would silently miss), and ``.date()`` of a UTC timestamp is the wrong
    day between 00:00 and 08:00 Beijing time – callers must convert to the local date first.
    """
    if isinstance(value, datetime) or not isinstance(value, date):
        raise PeriodError(
            "invalid_date",
            "请提供日期（年-月-日），而不是日期时间或其他值",
            field=field,
        )
    return value


def _weekend_kind(d: date) -> DayKind:
    return DayKind.WEEKEND if d.weekday() >= _SATURDAY else DayKind.WORKDAY


def _plus_days(d: date, n: int) -> date:
    try:
        return d + timedelta(days=n)
    except OverflowError:
        raise PeriodError("date_out_of_range", "计算结果超出可表示的日期范围") from None


# --------------------------------------------------------------------------------------------
# Holiday sources
# --------------------------------------------------------------------------------------------


class HolidaySource(Protocol):
    """A yearly table of holidays and make-up working days."""

    def day_kind(self, d: date) -> DayKind | None:
        """Kind of *d*, or ``None`` if this source has no data for *d*'s year."""
        ...

    def knows_year(self, year: int) -> bool:
        """Whether this source has the holiday schedule for *year*."""
        ...


class _WeekendsOnlySource:
    """A source that knows no year: the calendar falls back to weekends (with a warning)."""

    def day_kind(self, d: date) -> DayKind | None:
        return None

    def knows_year(self, year: int) -> bool:
        return False

    def __repr__(self) -> str:
        return "WEEKENDS_ONLY"


#: A :class:`HolidaySource` with no data at all – for tests and as an explicit fallback.
WEEKENDS_ONLY: HolidaySource = _WeekendsOnlySource()


@dataclass(frozen=True)
class _ChineseCalendarData:
    holidays: frozenset[date]
    makeup_workdays: frozenset[date]
    years: frozenset[int]


class ChineseCalendarSource:
    """Adapter over the ``chinese_calendar`` package (State Council schedule, 法定节假日 + 调休).

    ``chinese_calendar`` 1.11.0 covers 2004–2026; it raises ``NotImplementedError`` for other
    years. The covered years are read from its data (every year it knows has entries in its
    ``holidays`` table), so upgrading the package extends the calendar automatically. The
    package is imported lazily on first use.
    """

    def __init__(self) -> None:
        self._data: _ChineseCalendarData | None = None

    def _load(self) -> _ChineseCalendarData:
        if self._data is None:
            # Lazy, and via importlib: the package ships no type information, and this keeps
            # mypy quiet under both the project config and ``--strict`` alone.
            chinese_calendar = importlib.import_module("chinese_calendar")

            holidays: frozenset[date] = frozenset(chinese_calendar.holidays)
            workdays: frozenset[date] = frozenset(chinese_calendar.workdays)
            self._data = _ChineseCalendarData(
                holidays=holidays,
                makeup_workdays=workdays,
                years=frozenset(d.year for d in holidays),
            )
        return self._data

    @property
    def years(self) -> frozenset[int]:
        """The years whose schedule the package contains."""
        return self._load().years

    def knows_year(self, year: int) -> bool:
        return year in self._load().years

    def day_kind(self, d: date) -> DayKind | None:
        data = self._load()
        if d.year not in data.years:
            return None
        if d in data.makeup_workdays:
            # The package lists only weekend days here; a weekday would be an ordinary workday.
            return DayKind.MAKEUP_WORKDAY if d.weekday() >= _SATURDAY else DayKind.WORKDAY
        if d in data.holidays:
            return DayKind.HOLIDAY
        return _weekend_kind(d)

    def __repr__(self) -> str:
        return "ChineseCalendarSource()"


# --------------------------------------------------------------------------------------------
# Court calendar
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Override:
    """A court administrator's declaration for one day: ``working=True`` makes it a working
    day (e.g. a make-up day missing from the base data), ``working=False`` a rest day/holiday."""

    day: date
    working: bool
    note: str = ""

    def __post_init__(self) -> None:
        _check_date(self.day, "day")


class CourtCalendar:
    """Base holiday source + court overrides (overrides win).

    For a year that is neither known to the base source nor has any override, days are
    classified by weekday only (Saturday/Sunday rest) and the year is reported by
    :meth:`warnings_for`; every such year actually consulted is also logged once and kept in
    :meth:`recorded_warnings`.
    """

    def __init__(
        self,
        source: HolidaySource | None = None,
        overrides: Iterable[Override] = (),
    ) -> None:
        self._source: HolidaySource = ChineseCalendarSource() if source is None else source
        by_day: dict[date, Override] = {}
        for override in overrides:
            previous = by_day.get(override.day)
            if previous is not None and previous.working != override.working:
                raise PeriodError(
                    "conflicting_override",
                    f"{override.day.isoformat()} 同时被设为工作日和休息日，请核对法院日历",
                    field="overrides",
                )
            by_day[override.day] = override
        self._overrides = by_day
        self._override_years = frozenset(d.year for d in by_day)
        self._unknown_years_seen: set[int] = set()

    @property
    def source(self) -> HolidaySource:
        return self._source

    @property
    def overrides(self) -> tuple[Override, ...]:
        return tuple(self._overrides[d] for d in sorted(self._overrides))

    def year_known(self, year: int) -> bool:
        """True if the base source has *year*, or the court entered overrides for it."""
        return year in self._override_years or self._source.knows_year(year)

    def day_kind(self, d: date) -> DayKind:
        d = _check_date(d, "date")
        override = self._overrides.get(d)
        if override is not None:
            if override.working:
                return DayKind.MAKEUP_WORKDAY if d.weekday() >= _SATURDAY else DayKind.WORKDAY
            return DayKind.HOLIDAY
        kind = self._source.day_kind(d)
        if kind is not None:
            return kind
        if not self.year_known(d.year) and d.year not in self._unknown_years_seen:
            self._unknown_years_seen.add(d.year)
            logger.warning(unknown_year_warning(d.year))
        return _weekend_kind(d)

    def is_working_day(self, d: date) -> bool:
        return self.day_kind(d) in _WORKING_KINDS

    def next_working_day(self, d: date) -> date:
        """*d* itself if it is a working day, else the first working day after it."""
        current = _check_date(d, "date")
        for _ in range(MAX_REST_RUN_DAYS):
            if self.is_working_day(current):
                return current
            current = _plus_days(current, 1)
        raise PeriodError(
            "no_working_day",
            f"{d.isoformat()} 之后 {MAX_REST_RUN_DAYS} 天内没有工作日，请核对法院日历",
        )

    def warnings_for(self, start: date, end: date) -> tuple[str, ...]:
        """One warning per year in ``[start, end]`` (either order) that the calendar does not
        know, in ascending year order."""
        first, last = sorted((_check_date(start, "start").year, _check_date(end, "end").year))
        return tuple(
            unknown_year_warning(year)
            for year in range(first, last + 1)
            if not self.year_known(year)
        )

    def recorded_warnings(self) -> tuple[str, ...]:
        """Warnings for every unknown year this calendar has answered for so far."""
        return tuple(unknown_year_warning(y) for y in sorted(self._unknown_years_seen))

    def __repr__(self) -> str:
        return f"CourtCalendar(source={self._source!r}, overrides={len(self._overrides)})"


# --------------------------------------------------------------------------------------------
# Periods
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodResult:
    """Outcome of a period computation.

    ``nominal_end`` is the last day by counting alone; ``end`` is the real last day after the
    CPL23 Art 85 ¶3 holiday extension; ``extended`` is ``end != nominal_end``; ``warnings`` lists
    unknown calendar years the result depended on (Chinese text, for display).
    """

    start: date
    nominal_end: date
    end: date
    extended: bool
    warnings: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "start": self.start.isoformat(),
            "nominal_end": self.nominal_end.isoformat(),
            "end": self.end.isoformat(),
            "extended": self.extended,
            "warnings": list(self.warnings),
        }


def _check_count(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise PeriodError("invalid_period", "期间长度必须是整数", field=field)
    if value < 0:
        raise PeriodError("invalid_period", "期间长度不能为负数", field=field)
    return value


def _add_months(d: date, months: int) -> date:
    """CC Arts 201–203: corresponding day of the final month, else that month's last day."""
    year_offset, month_index = divmod(d.month - 1 + months, 12)
    year = d.year + year_offset
    month = month_index + 1
    if year > date.max.year:
        raise PeriodError("date_out_of_range", "计算结果超出可表示的日期范围")
    last_day = _stdlib_calendar.monthrange(year, month)[1]
    return date(year, month, min(d.day, last_day))


def period_end(
    start: date,
    *,
    days: int = 0,
    months: int = 0,
    years: int = 0,
    calendar: CourtCalendar,
    extend_on_rest_day: bool = True,
) -> PeriodResult:
    """Last day of a period of *days*, *months* or *years* beginning on *start*.

    *start* is the day of the triggering event (service, filing, …); it is not counted
    (CPL23 Art 85, CPLI Art 125). Exactly one of *days*, *months*, *years* must be positive.
    With *extend_on_rest_day* (default) an end falling on a rest day or holiday moves to the
    next working day (CPL23 Art 85 ¶3); pass ``False`` for custody periods (CRPL Art 105).

    Warnings cover the unknown calendar years consulted, i.e. the years of
    ``[nominal_end, end]`` when extending; a non-extended period does not depend on the
    calendar and carries no warnings.
    """
    start = _check_date(start, "start")
    counts = {
        "days": _check_count(days, "days"),
        "months": _check_count(months, "months"),
        "years": _check_count(years, "years"),
    }
    given = [name for name, value in counts.items() if value > 0]
    if len(given) != 1:
        raise PeriodError(
            "invalid_period",
            "期间长度须且只能按日、月、年中的一种指定，且必须大于零",
        )
    unit = given[0]
    limits = {"days": MAX_PERIOD_DAYS, "months": MAX_PERIOD_YEARS * 12, "years": MAX_PERIOD_YEARS}
    if counts[unit] > limits[unit]:
        raise PeriodError("period_too_long", f"期间长度不能超过 {MAX_PERIOD_YEARS} 年", field=unit)

    if unit == "days":
        nominal_end = _plus_days(start, counts["days"])  # CPL23 Art 85 / CPLI Art 125
    else:
        nominal_end = _add_months(start, counts["months"] + 12 * counts["years"])  # CC 201–203

    if not extend_on_rest_day:  # CRPL Art 105: custody periods are not extended
        return PeriodResult(start, nominal_end, nominal_end, extended=False, warnings=())

    end = calendar.next_working_day(nominal_end)  # CPL23 Art 85 ¶3
    return PeriodResult(
        start=start,
        nominal_end=nominal_end,
        end=end,
        extended=end != nominal_end,
        warnings=calendar.warnings_for(nominal_end, end),
    )


def add_working_days(start: date, n: int, *, calendar: CourtCalendar) -> PeriodResult:
    """The *n*-th working day after *start* (start day not counted) – OMED Arts 11–12.

    A working-day period always ends on a working day, so ``nominal_end == end`` and
    ``extended`` is False. Warnings cover the years of ``(start, end]``.
    """
    start = _check_date(start, "start")
    n = _check_count(n, "n")
    if n == 0:
        raise PeriodError("invalid_period", "工作日数必须大于零", field="n")
    if n > MAX_PERIOD_DAYS:
        raise PeriodError("period_too_long", f"期间长度不能超过 {MAX_PERIOD_YEARS} 年", field="n")
    current = start
    for _ in range(n):
        current = calendar.next_working_day(_plus_days(current, 1))
    return PeriodResult(
        start=start,
        nominal_end=current,
        end=current,
        extended=False,
        warnings=calendar.warnings_for(_plus_days(start, 1), current),
    )


def days_elapsed(start: date, today: date) -> int:
    """Calendar days counted so far in a period that began on *start*, the start day not
    counted (CPL23 Art 85): ``(today - start).days``. 0 on the start day itself, 1 the next
    day; negative if *today* is before *start*."""
    return (_check_date(today, "today") - _check_date(start, "start")).days


def working_days_left(today: date, end: date, *, calendar: CourtCalendar) -> int:
    """Countdown: the number of working days ``d`` with ``today < d <= end``.

    *today* is not counted (it is already under way); *end* is counted if it is a working day
    (after :func:`period_end` it always is, unless the period was not extended). Returns 0 if
    ``end <= today`` – the deadline is today or has passed. Unknown years are reported by
    ``calendar.warnings_for(today, end)`` and recorded by the calendar.
    """
    today = _check_date(today, "today")
    end = _check_date(end, "end")
    span = (end - today).days
    if span <= 0:
        return 0
    if span > MAX_PERIOD_DAYS:
        raise PeriodError("period_too_long", f"期间长度不能超过 {MAX_PERIOD_YEARS} 年", field="end")
    return sum(
        1 for offset in range(1, span + 1) if calendar.is_working_day(today + timedelta(offset))
    )
