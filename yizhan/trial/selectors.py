"""Reads of the trial module (re-exported)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from yizhan.cases.models import Case

from .assignment import court_judges, excluded_judges, leader_quota_report, unassigned_cases
from .deadlines import (
    compute_limit,
    disclosed_figures,
    limit_rows,
    overdue_cases,
    overdue_summary,
)
from .models import Extension, ExtensionStatus

__all__ = [
    "compute_limit",
    "court_judges",
    "disclosed_figures",
    "excluded_judges",
    "leader_quota_report",
    "limit_rows",
    "my_cases",
    "overdue_cases",
    "overdue_summary",
    "pending_extensions",
    "unassigned_cases",
]


def pending_extensions(court_ids: list[int], higher_court_ids: list[int]) -> QuerySet[Extension]:
    """The approval queue: first extensions of the president's own court, further ones of
    the courts below (higher-court approval)."""
    from django.db.models import Q

    return (
        Extension.objects.filter(
            Q(level="president", case__court_id__in=court_ids)
            | Q(level="higher_court", case__court__parent_id__in=higher_court_ids),
            status=ExtensionStatus.PENDING,
        )
        .select_related("case", "case__court", "requested_by")
        .order_by("requested_on", "id")
    )


def my_cases(user: Any, court_id: int) -> QuerySet[Case]:
    return Case.objects.filter(court_id=court_id, judge=user)
