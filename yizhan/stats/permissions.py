"""Who may see which figures (docs/stats.md "Access").

* The public (anyone, logged in or not) sees only the open data (/open-data/, /api/v1/stats/open).
* A statistician, president or administrator of a court sees every figure and drill-down of
  that court; of an intermediate court, also of its basic courts (Court.parent).
* A judge sees their own figures (judge = themselves) and their team's (Membership.team); a
  division chief also their department's (Membership.department).
* Anything else is refused: 401 when not logged in, 403 for a slice outside these rights.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from yizhan.accounts.models import Role
from yizhan.accounts.permissions import memberships, require_login
from yizhan.core.errors import CommonError
from yizhan.core.models import Court

FULL_ROLES = (Role.STATISTICIAN, Role.PRESIDENT, Role.ADMINISTRATOR)


@dataclass
class StatsScope:
    courts: set[int] = field(default_factory=set)  # every figure of these courts
    departments: set[int] = field(default_factory=set)
    teams: set[int] = field(default_factory=set)
    judge_courts: set[int] = field(default_factory=set)  # own figures at these courts
    user_id: int | None = None

    @property
    def any(self) -> bool:
        return bool(self.courts or self.departments or self.teams or self.judge_courts)


def stats_scope(user: Any) -> StatsScope:
    user = require_login(user)
    scope = StatsScope(user_id=user.pk)
    for m in memberships(user):
        if m.court_id is None:
            continue
        if m.role in FULL_ROLES:
            scope.courts.add(m.court_id)
            scope.courts.update(
                Court.objects.filter(parent_id=m.court_id).values_list("id", flat=True)
            )
        elif m.role == Role.DIVISION_CHIEF and m.department_id:
            scope.departments.add(m.department_id)
        if m.role in (Role.JUDGE, Role.DIVISION_CHIEF, Role.PRESIDENT):
            scope.judge_courts.add(m.court_id)
            if m.team_id:
                scope.teams.add(m.team_id)
    return scope


def access_slice(
    user: Any,
    *,
    court_ids: list[int] | None,
    department_id: int | None = None,
    team_id: int | None = None,
    judge_id: int | None = None,
) -> list[int]:
    """The court ids the slice may cover; raises 401/403 otherwise."""
    scope = stats_scope(user)
    if not scope.any:
        raise CommonError.PERMISSION_DENIED.exc()
    if court_ids is None:
        if scope.courts and not (department_id or team_id or judge_id):
            return sorted(scope.courts)
        court_ids = sorted(scope.courts | scope.judge_courts)
    if set(court_ids) <= scope.courts:
        return court_ids
    if judge_id is not None and judge_id == scope.user_id and set(court_ids) <= scope.judge_courts:
        return court_ids
    if team_id is not None and team_id in scope.teams:
        return court_ids
    if department_id is not None and department_id in scope.departments:
        return court_ids
    raise CommonError.PERMISSION_DENIED.exc()
