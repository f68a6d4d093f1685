"""Access gates of the trial module.

Cases are seen through ``yizhan.cases.selectors.access_case`` (404 for another court's staff
and for strangers). Acting on a case in trial needs a seat on it: the 承办法官, a panel member
(PanelMember), or the court's division chief / president (who supervise); a judge outside the
panel gets 403.
"""

from __future__ import annotations

from typing import Any

from yizhan.accounts.models import Role, User
from yizhan.accounts.permissions import has_role, require_login
from yizhan.cases.models import Case, CaseStatus
from yizhan.cases.selectors import access_case, is_staff_viewer
from yizhan.core.errors import CommonError

from .errors import TrialError
from .models import PanelMember

SUPERVISORS = (Role.DIVISION_CHIEF, Role.PRESIDENT)
JUDGE_ROLES = (Role.JUDGE, Role.DIVISION_CHIEF, Role.PRESIDENT)


def is_supervisor(user: User, court_id: int) -> bool:
    return any(has_role(user, r, court_id) for r in SUPERVISORS)


def on_panel(user: User, case: Case) -> bool:
    if case.judge_id == user.pk:
        return True
    return PanelMember.objects.filter(case=case, user=user).exists()


def access_trial_case(
    user: Any, case_id: int, *, for_write: bool = False, open_only: bool = True
) -> Case:
    """The case, for court staff. Writes need a seat on the case (or supervision)."""
    case = access_case(user, case_id, for_write=for_write)
    u = require_login(user)
    if not is_staff_viewer(u, case):
        raise CommonError.NOT_FOUND.exc()
    if for_write:
        if not (on_panel(u, case) or is_supervisor(u, case.court_id)):
            raise TrialError.NOT_ON_PANEL.exc()
        if open_only and case.status != CaseStatus.PENDING:
            raise TrialError.CASE_CLOSED.exc()
    return case


def require_supervisor(user: Any, court_id: int) -> User:
    u = require_login(user)
    if not is_supervisor(u, court_id):
        raise TrialError.CHIEF_ONLY.exc()
    return u
