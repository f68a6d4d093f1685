"""Access gates (access_* / require_*) shared by the domain apps.

A denial raises a typed :class:`~yizhan.core.errors.DomainError`: 401 when nobody is logged
in, 403 when the role is missing, 404 where revealing existence would leak (other people's
filings and cases are "not found").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from yizhan.core.errors import CommonError, DomainError
from yizhan.core.models import Court

from .models import PUBLIC_ROLES, Membership, Role, User


def require_login(user: Any) -> User:
    if user is None or not getattr(user, "is_authenticated", False):
        raise CommonError.NOT_AUTHENTICATED.exc()
    return user  # type: ignore[no-any-return]


def memberships(user: User) -> list[Membership]:
    cached: list[Membership] | None = getattr(user, "_yizhan_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("court"))
        user._yizhan_memberships = cached  # type: ignore[attr-defined]
    return cached


def has_role(user: User, role: str, court: Court | int | None = None) -> bool:
    court_id = court.pk if isinstance(court, Court) else court
    for m in memberships(user):
        if m.role != role:
            continue
        if role in PUBLIC_ROLES or court_id is None or m.court_id == court_id:
            return True
    return False


def courts_with_role(user: User, roles: Iterable[str]) -> list[int]:
    wanted = set(roles)
    return sorted({m.court_id for m in memberships(user) if m.role in wanted and m.court_id})


def staff_court_ids(user: User) -> list[int]:
    return sorted({m.court_id for m in memberships(user) if m.court_id})


def is_staff_member(user: User) -> bool:
    return any(m.role not in PUBLIC_ROLES for m in memberships(user))


def is_public_user(user: User) -> bool:
    return any(m.role in PUBLIC_ROLES for m in memberships(user))


def require_role(user: Any, roles: Iterable[str], court: Court | int | None = None) -> User:
    u = require_login(user)
    roles = list(roles)
    if not any(has_role(u, r, court) for r in roles):
        raise CommonError.PERMISSION_DENIED.exc()
    return u


def not_found() -> DomainError:
    return CommonError.NOT_FOUND.exc()


FILING_REVIEWERS = (Role.FILING_CLERK,)
COURT_READERS = (
    Role.FILING_CLERK,
    Role.JUDGE,
    Role.JUDGE_ASSISTANT,
    Role.COURT_CLERK,
    Role.DIVISION_CHIEF,
    Role.PRESIDENT,
    Role.ARCHIVIST,
    Role.STATISTICIAN,
    Role.ADMINISTRATOR,
)
