"""The court calendar: chinese-calendar plus the administrator's overrides.

Periods (期间) are computed by :mod:`yizhan.rules.periods`; this module only feeds it the
overrides stored in the database.
"""

from __future__ import annotations

from datetime import date

from yizhan.rules.periods import CourtCalendar, Override, PeriodResult, add_working_days, period_end

from .models import CalendarOverride


def court_calendar() -> CourtCalendar:
    overrides = [
        Override(day=o.day, working=o.working, note=o.note)
        for o in CalendarOverride.objects.all().only("day", "working", "note")
    ]
    return CourtCalendar(overrides=overrides)


def period_from(start: date, *, days: int = 0, months: int = 0, years: int = 0) -> PeriodResult:
    """CPL23 Art 85: the start day is not counted; a rest-day end moves to the next working day."""
    return period_end(start, days=days, months=months, years=years, calendar=court_calendar())


def working_days_from(start: date, n: int) -> PeriodResult:
    return add_working_days(start, n, calendar=court_calendar())
