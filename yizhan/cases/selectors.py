"""Reads of cases: access gate, lists, timelines."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Q, QuerySet

from yizhan.accounts.models import User
from yizhan.accounts.permissions import COURT_READERS, courts_with_role, not_found, require_login
from yizhan.core.time import today

from .models import (
    Case,
    CaseParty,
    CaseStatus,
    FeeStatus,
    SupplementaryFeeNotice,
    SupplementaryFeeReason,
)


def _party_q(user: User) -> Q:
    return (
        Q(case_parties__party__user=user)
        | Q(case_parties__party__agents__user=user)
        | Q(filing__owner=user)
    )


def visible_cases(user: User) -> QuerySet[Case]:
    """Litigants and lawyers: cases they are party or agent to. Staff: their courts' cases."""
    q = _party_q(user)
    courts = courts_with_role(user, COURT_READERS)
    if courts:
        q |= Q(court_id__in=courts)
    return Case.objects.filter(q).distinct()


def access_case(user: Any, case_id: int, *, for_write: bool = False) -> Case:
    u = require_login(user)
    qs = Case.objects.select_related("court", "cause", "filing")
    if for_write:
        qs = qs.select_for_update(of=("self",))
    case = qs.filter(pk=case_id).first()
    if case is None or not can_see_case(u, case):
        raise not_found()
    return case


def can_see_case(user: User, case: Case) -> bool:
    """The same rule as :func:`visible_cases`, for one case, cheapest checks first."""
    if case.court_id in courts_with_role(user, COURT_READERS):
        return True
    if case.filing is not None and case.filing.owner_id == user.pk:
        return True
    return CaseParty.objects.filter(
        Q(party__user=user) | Q(party__agents__user=user), case=case
    ).exists()


def is_staff_viewer(user: User, case: Case) -> bool:
    return case.court_id in courts_with_role(user, COURT_READERS)


def conversion_top_up(case: Case, notice_id: int) -> SupplementaryFeeNotice:
    """The simple → ordinary top-up ``notice_id`` of a case the caller may already see
    (CPLI Art 199); 404 for any other notice."""
    notice = SupplementaryFeeNotice.objects.filter(
        pk=notice_id, case=case, reason=SupplementaryFeeReason.PROCEDURE_CONVERSION
    ).first()
    if notice is None:
        raise not_found()
    return notice


def overdue_supplementary_fees(
    court_ids: list[int] | set[int], *, on: date | None = None
) -> QuerySet[SupplementaryFeeNotice]:
    """Top-ups not paid by their due date on pending cases (the clerk's worklist): each is a
    case to be treated as withdrawn, with half of the fee already paid refunded (CPLI
    Art 199). Oldest due date first."""
    on = on or today()
    return (
        SupplementaryFeeNotice.objects.filter(
            case__court_id__in=court_ids,
            case__status=CaseStatus.PENDING,
            status=FeeStatus.DUE,
            due_on__lt=on,
        )
        .select_related("case", "case__court")
        .order_by("due_on", "id")
    )


def supplementary_fees_due_soon(
    court_ids: list[int] | set[int], *, on: date | None = None, days: int = 7
) -> QuerySet[SupplementaryFeeNotice]:
    """Top-ups still unpaid on pending cases whose due date is today or within the next
    ``days`` calendar days (the clerk's worklist, below the overdue ones): the last chance to
    remind the plaintiff before the case is treated as withdrawn (CPLI Art 199). Earliest due
    date first."""
    on = on or today()
    return (
        SupplementaryFeeNotice.objects.filter(
            case__court_id__in=court_ids,
            case__status=CaseStatus.PENDING,
            status=FeeStatus.DUE,
            due_on__gte=on,
            due_on__lte=on + timedelta(days=days),
        )
        .select_related("case", "case__court")
        .order_by("due_on", "id")
    )


# Who is told to pay the case acceptance fee and its top-up (the plaintiff side, FEE Art 20).
PAYER_ROLES = frozenset({"plaintiff", "applicant", "applicant_execution"})


def pays_case_fees(user: User, case: Case) -> bool:
    """Whether ``user`` is on the paying side of ``case``: the owner of its filing, or a
    plaintiff (applicant) or that party's agent. The portal shows them the top-up notice."""
    if not user.is_authenticated:
        return False
    if case.filing_id is not None and case.filing is not None and case.filing.owner_id == user.pk:
        return True
    return CaseParty.objects.filter(
        Q(party__user=user) | Q(party__agents__user=user), case=case, role__in=PAYER_ROLES
    ).exists()
