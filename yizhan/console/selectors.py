"""Console-only reads built on the domain selectors (the work queues, countdowns)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet

from yizhan.accounts.models import User
from yizhan.cases.models import Case, CaseStatus
from yizhan.core.calendar import court_calendar
from yizhan.core.time import today
from yizhan.filing.models import Filing
from yizhan.filing.selectors import queue_item, review_queue
from yizhan.rules.periods import CourtCalendar


def working_days_between(start: date, end: date, calendar: CourtCalendar) -> int:
    """Working days after ``start`` up to and including ``end`` on the court calendar."""
    return sum(
        1
        for i in range(1, (end - start).days + 1)
        if calendar.is_working_day(start + timedelta(days=i))
    )


def clerk_queue(user: User, court_id: int, on: date | None = None) -> list[dict[str, Any]]:
    """Pending reviews of one court: overdue first, then the least time left."""
    on = on or today()
    calendar = court_calendar()
    rows = []
    for filing in review_queue(user, court_id=court_id).select_related("cause"):
        item = queue_item(filing, on)
        days = item["days_left"]
        item["overdue_days"] = -days if item["overdue"] else 0
        item["working_days_left"] = (
            working_days_between(on, filing.review_due, calendar)
            if filing.review_due and days is not None and days >= 0
            else 0
        )
        item["due_today"] = days == 0
        item["urgent"] = days is not None and 0 <= days <= 2
        item["cause"] = filing.cause.name if filing.cause else ""
        rows.append(item)
    # review_queue sorts by review_due already; keep that, but make sure overdue ones lead
    # and undated ones trail.
    rows.sort(key=lambda r: (r["review_due"] is None, r["review_due"] or on, r["id"]))
    return rows


def judge_cases(user: User, court_id: int) -> tuple[QuerySet[Case], bool]:
    """The judge's own pending cases; while cases are not yet assigned, the court's pending
    cases. Returns (cases, assigned)."""
    base = Case.objects.filter(court_id=court_id, status=CaseStatus.PENDING).select_related(
        "cause", "court"
    )
    mine = base.filter(judge=user)
    if mine.exists():
        return mine, True
    return base, False


def recent_cases(court_id: int, limit: int = 10) -> QuerySet[Case]:
    return (
        Case.objects.filter(court_id=court_id)
        .select_related("cause")
        .order_by("-created_at", "-id")[:limit]
    )


def filing_parties(filing: Filing) -> list[dict[str, Any]]:
    """The parties with what a reviewer checks (ID numbers, addresses, agents)."""
    rows = []
    for fp in filing.filing_parties.select_related("party").prefetch_related("party__agents"):
        p = fp.party
        rows.append(
            {
                "role_label": fp.get_role_display(),
                "kind_label": p.get_kind_display(),
                "name": p.name,
                "id_number": p.id_number,
                "credit_code": p.credit_code,
                "mobile": p.mobile,
                "address": p.address,
                "legal_representative": p.legal_representative,
                "agents": [
                    {
                        "name": a.name,
                        "kind": a.get_kind_display(),
                        "licence_no": a.licence_no,
                        "law_firm": a.law_firm,
                        "powers": a.get_powers_display(),
                    }
                    for a in p.agents.all()
                ],
            }
        )
    return rows
