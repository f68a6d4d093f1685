"""Small helpers shared by the trial modules."""

from __future__ import annotations

from typing import Any

from yizhan.cases.actions import docket
from yizhan.cases.models import Case

__all__ = ["docket", "user_or_none"]


def user_or_none(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def lock_case(case_id: int) -> Case:
    return Case.objects.select_for_update(of=("self",)).select_related("court").get(pk=case_id)
