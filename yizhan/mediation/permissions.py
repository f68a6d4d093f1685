"""Who may see and act on mediation matters and the roster.

* Parties (their accounts, or an account whose resident ID matches a party) and whoever filed
  the matter see it; court staff see their courts' matters; a mediator sees only the matters
  assigned to them (OMED: 调解员仅能查看委派给本人的案件). Anyone else gets 404.
* The roster is managed by the filing division (立案人员) of the court.
"""

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

from .models import Matter, MatterParty, Mediator


def _party_q(user: User, prefix: str = "") -> Q:
    q = Q(**{f"{prefix}party__user": user}) | Q(**{f"{prefix}party__agents__user": user})
    if user.id_number:
        q |= Q(**{f"{prefix}party__id_number": user.id_number})
    return q


def visible_matters(user: User) -> QuerySet[Matter]:
    q = Q(applicant_user=user) | Q(created_by=user)
    q |= Q(pk__in=MatterParty.objects.filter(_party_q(user)).values("matter_id"))
    staff_courts = courts_with_role(user, COURT_READERS)
    if staff_courts:
        q |= Q(court_id__in=staff_courts)
    mediator = mediator_of(user)
    if mediator is not None:
        q |= Q(mediator=mediator)
    return Matter.objects.filter(q)


def mediator_of(user: User) -> Mediator | None:
    cached = getattr(user, "_yizhan_mediator", 0)
    if cached == 0:
        cached = (
            Mediator.objects.select_related("organisation")
            .filter(user=user, is_active=True)
            .first()
        )
        user._yizhan_mediator = cached  # type: ignore[attr-defined]
    return cached  # type: ignore[return-value,no-any-return]


def access_matter(user: Any, matter_id: int, *, for_write: bool = False) -> Matter:
    u = require_login(user)
    qs = Matter.objects.select_related("court", "cause", "mediator__organisation")
    if for_write:
        qs = qs.select_for_update(of=("self",))
    matter = qs.filter(pk=matter_id).first()
    if matter is None or not visible_matters(u).filter(pk=matter_id).exists():
        raise not_found()
    return matter


def is_clerk(user: User, matter: Matter) -> bool:
    return has_role(user, Role.FILING_CLERK, matter.court_id)


def require_clerk(user: Any, court_id: int) -> User:
    u = require_login(user)
    if not has_role(u, Role.FILING_CLERK, court_id):
        raise CommonError.PERMISSION_DENIED.exc(message="只有本院立案人员可以进行此操作。")
    return u


def require_judge(user: Any, court_id: int) -> User:
    u = require_login(user)
    if not has_role(u, Role.JUDGE, court_id):
        raise CommonError.PERMISSION_DENIED.exc(message="只有本院法官可以作出该裁定或出具调解书。")
    return u


def parties_of(user: User, matter: Matter) -> list[MatterParty]:
    """The matter's parties this user is (or acts for)."""
    rows = MatterParty.objects.filter(_party_q(user), matter=matter).distinct()
    result = list(rows)
    if not result and matter.applicant_user_id == user.pk:
        result = list(matter.matter_parties.filter(role="applicant")[:1])
    return result


def require_party(user: Any, matter: Matter) -> tuple[User, list[MatterParty]]:
    u = require_login(user)
    rows = parties_of(u, matter)
    if not rows:
        raise CommonError.PERMISSION_DENIED.exc(message="只有本案当事人可以进行此操作。")
    return u, rows


def require_applicant_side(user: Any, matter: Matter) -> User:
    u = require_login(user)
    if matter.applicant_user_id == u.pk or matter.created_by_id == u.pk:
        return u
    if any(p.role == "applicant" for p in parties_of(u, matter)):
        return u
    raise CommonError.PERMISSION_DENIED.exc(message="只有申请人一方可以进行此操作。")


def require_assigned_mediator(user: Any, matter: Matter) -> User:
    u = require_login(user)
    mediator = mediator_of(u)
    if mediator is None or matter.mediator_id != mediator.pk:
        raise CommonError.PERMISSION_DENIED.exc(message="只有承办本案的调解员可以进行此操作。")
    return u


def require_mediator_or_clerk(user: Any, matter: Matter) -> User:
    u = require_login(user)
    if is_clerk(u, matter):
        return u
    return require_assigned_mediator(u, matter)
