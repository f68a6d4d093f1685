"""Reads of cases: access gate, lists, timelines."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from yizhan.accounts.models import User
from yizhan.accounts.permissions import COURT_READERS, courts_with_role, not_found, require_login

from .models import Case


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
    if not visible_cases(u).filter(pk=case_id).exists():
        raise not_found()
    qs = Case.objects.select_related("court", "cause", "filing")
    if for_write:
        qs = qs.select_for_update(of=("self",))
    return qs.get(pk=case_id)


def is_staff_viewer(user: User, case: Case) -> bool:
    return case.court_id in courts_with_role(user, COURT_READERS)
