"""Access gates for publication.

* De-identification tool and drafts: court staff (any staff role) of the document's court
  may see; other users get 404 for drafts, 403 for the tool; anonymous 401.
* Reviewing (approve / hold / withhold / withdraw / correct): the roles in
  ``settings.YIZHAN_PUBLICATION_REVIEWER_ROLES`` at the document's court; others 403.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from yizhan.accounts.models import Role, User
from yizhan.accounts.permissions import (
    COURT_READERS,
    courts_with_role,
    has_role,
    is_staff_member,
    not_found,
    require_login,
)
from yizhan.core.errors import CommonError

from .models import PublicationDraft

DEFAULT_REVIEWER_ROLES = (Role.DIVISION_CHIEF, Role.PRESIDENT, Role.ADMINISTRATOR)


def reviewer_roles() -> tuple[str, ...]:
    return tuple(getattr(settings, "YIZHAN_PUBLICATION_REVIEWER_ROLES", DEFAULT_REVIEWER_ROLES))


def require_staff(user: Any) -> User:
    u = require_login(user)
    if not is_staff_member(u):
        raise CommonError.PERMISSION_DENIED.exc()
    return u


def can_review(user: Any, court_id: int) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return any(has_role(user, r, court_id) for r in reviewer_roles())


def reader_court_ids(user: User) -> list[int]:
    return courts_with_role(user, (*COURT_READERS, *reviewer_roles()))


def access_draft(user: Any, draft_id: int, *, for_write: bool = False) -> PublicationDraft:
    u = require_login(user)
    draft = (
        PublicationDraft.objects.select_related("document", "court")
        .filter(pk=draft_id, court_id__in=reader_court_ids(u))
        .first()
    )
    if draft is None:
        raise not_found()
    if for_write and not can_review(u, draft.court_id):
        raise CommonError.PERMISSION_DENIED.exc()
    return draft
