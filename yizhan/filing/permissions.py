"""Who may see and act on a filing."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from yizhan.accounts.models import Role, User
from yizhan.accounts.permissions import (
    COURT_READERS,
    courts_with_role,
    has_role,
    not_found,
    require_login,
)
from yizhan.core.errors import CommonError

from .models import Filing, FilingParty


def _own_filings_q(user: User) -> Q:
    return (
        Q(owner=user)
        | Q(filing_parties__party__user=user)
        | Q(filing_parties__party__agents__user=user)
    )


def visible_filings(user: User) -> QuerySet[Filing]:
    """Filings a user may see: their own; for staff, those of their courts (competent or
    receiving court)."""
    staff_courts = courts_with_role(user, COURT_READERS)
    q = _own_filings_q(user)
    if staff_courts:
        q |= Q(court_id__in=staff_courts) | Q(received_by_id__in=staff_courts)
    return Filing.objects.filter(q).distinct()


def can_see(user: User, filing: Filing) -> bool:
    """The same rule as :func:`visible_filings`, for one filing, cheapest checks first."""
    if filing.owner_id == user.pk:
        return True
    staff_courts = courts_with_role(user, COURT_READERS)
    if filing.court_id in staff_courts or filing.received_by_id in staff_courts:
        return True
    return FilingParty.objects.filter(
        Q(party__user=user) | Q(party__agents__user=user), filing=filing
    ).exists()


def access_filing(
    user: Any, filing_id: int, *, for_write: bool = False, as_reviewer: bool = False
) -> Filing:
    """Load a filing the user may see (404 otherwise: its existence is not revealed).

    ``for_write`` locks the row. ``as_reviewer`` requires the filing-clerk role at the
    competent court (403 for staff of that court without the role)."""
    u = require_login(user)
    qs = Filing.objects.select_related("court", "received_by", "cause", "owner")
    if for_write:
        qs = qs.select_for_update(of=("self",))
    filing = qs.filter(pk=filing_id).first()
    if filing is None or not can_see(u, filing):
        raise not_found()
    if as_reviewer and not has_role(u, Role.FILING_CLERK, filing.court_id):
        raise CommonError.PERMISSION_DENIED.exc(
            message="只有受诉法院的立案人员可以审核该立案申请。"
        )
    return filing


def is_applicant_side(user: User, filing: Filing) -> bool:
    return Filing.objects.filter(_own_filings_q(user), pk=filing.pk).exists()


def require_applicant(user: Any, filing: Filing) -> User:
    u = require_login(user)
    if not is_applicant_side(u, filing) and filing.created_by_id != u.pk:
        raise CommonError.PERMISSION_DENIED.exc(message="只有申请人或其代理人可以修改该立案申请。")
    return u
