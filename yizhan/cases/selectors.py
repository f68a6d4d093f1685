"""Reads of cases: access gate, lists, timelines."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Q, QuerySet

from yizhan.accounts.models import User
from yizhan.accounts.permissions import COURT_READERS, courts_with_role, not_found, require_login
from yizhan.core.time import today
from yizhan.parties.models import Party

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


def supplementary_fee(case: Case, notice_id: int) -> SupplementaryFeeNotice:
    """Any supplementary notice ``notice_id`` of a case the caller may already see: the
    simple → ordinary top-up (CPLI Art 199) or a later appellant's appeal fee (FEE Arts 17,
    22); 404 for a notice of another case."""
    notice = (
        SupplementaryFeeNotice.objects.select_related("party")
        .filter(pk=notice_id, case=case)
        .first()
    )
    if notice is None:
        raise not_found()
    return notice


def overdue_supplementary_fees(
    court_ids: list[int] | set[int], *, on: date | None = None
) -> QuerySet[SupplementaryFeeNotice]:
    """Supplementary notices not paid by their due date on pending cases (the clerk's
    worklist), of both kinds: a simple → ordinary top-up (the case is to be treated as
    withdrawn, half of the fee already paid refunded, CPLI Art 199) and a later appellant's
    appeal fee (FEE Art 22: the appeal is to be treated as withdrawn). Oldest due date
    first."""
    return _unpaid_supplementary(court_ids, due_on__lt=on or today())


def supplementary_fees_due_soon(
    court_ids: list[int] | set[int], *, on: date | None = None, days: int = 7
) -> QuerySet[SupplementaryFeeNotice]:
    """Supplementary notices (both kinds) still unpaid on pending cases whose due date is
    today or within the next ``days`` calendar days (the clerk's worklist, below the overdue
    ones): the last chance to remind the payer before the case (CPLI Art 199) or the appeal
    (FEE Art 22) is treated as withdrawn. Earliest due date first."""
    on = on or today()
    return _unpaid_supplementary(court_ids, due_on__gte=on, due_on__lte=on + timedelta(days=days))


def _unpaid_supplementary(
    court_ids: list[int] | set[int], **due: date
) -> QuerySet[SupplementaryFeeNotice]:
    """Unpaid supplementary notices of pending cases of these courts, due as ``due`` says,
    earliest due date first (the worklist's two tables)."""
    return (
        SupplementaryFeeNotice.objects.filter(
            case__court_id__in=court_ids,
            case__status=CaseStatus.PENDING,
            status=FeeStatus.DUE,
            **due,
        )
        .select_related("case", "case__court", "party")
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


def represents_party(user: User, party: Party | None) -> bool:
    """Whether ``user`` is ``party`` (its linked account) or one of its agents."""
    if party is None or not user.is_authenticated:
        return False
    if party.user_id == user.pk:
        return True
    return party.agents.filter(user=user).exists()


def receives_supplementary_fee(user: User, case: Case, notice: SupplementaryFeeNotice) -> bool:
    """Whether the portal shows ``notice`` (and its PDF) to ``user``: a simple → ordinary
    top-up to the paying side (:func:`pays_case_fees`, CPLI Art 199), a later appellant's
    appeal fee to that appellant and its agents only (FEE Arts 17, 22)."""
    if notice.reason == SupplementaryFeeReason.APPEAL_SECOND_APPELLANT:
        return represents_party(user, notice.party)
    return pays_case_fees(user, case)
