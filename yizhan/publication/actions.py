"""Publication use cases. Each runs in one transaction: gate, transition, history row, audit."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from yizhan.audit.services import record
from yizhan.core.calendar import working_days_from
from yizhan.core.errors import CommonError

from . import search
from .deid import POLICIES, deidentify
from .errors import PublicationError
from .models import (
    CaseCategory,
    EventAction,
    JudgmentDocument,
    PublicationDraft,
    PublicationEvent,
    PublicationStatus,
    WithholdGround,
)
from .permissions import access_draft, reader_court_ids

PUBLICATION_DAYS = 7  # Art 7: within 7 working days after the document takes effect


def default_policy() -> str:
    return str(getattr(settings, "YIZHAN_DEID_POLICY", "all_parties"))


def _event(
    draft: PublicationDraft, action: str, user: Any, reason: str = "", previous_text: str = ""
) -> PublicationEvent:
    return PublicationEvent.objects.create(
        draft=draft,
        action=action,
        actor=user if getattr(user, "is_authenticated", False) else None,
        reason=reason,
        previous_text=previous_text,
        status_after=draft.status,
        version=draft.version,
    )


def _locked(draft_id: int, user: Any) -> PublicationDraft:
    draft = access_draft(user, draft_id, for_write=True)
    return (
        PublicationDraft.objects.select_for_update()
        .select_related("document", "court")
        .get(pk=draft.pk)
    )


def create_draft(
    document_id: int, *, acting_user: Any = None, policy: str | None = None
) -> PublicationDraft:
    """De-identify an effective document; due 7 working days after it took effect (Art 7).
    ``acting_user`` None means the system (the trial module when a judgment takes effect)."""
    policy = policy or default_policy()
    if policy not in POLICIES:
        raise PublicationError.BAD_POLICY.exc(fields={"policy": policy})
    with transaction.atomic():
        doc = (
            JudgmentDocument.objects.select_for_update()
            .select_related("court")
            .filter(pk=document_id)
            .first()
        )
        if doc is None:
            raise CommonError.NOT_FOUND.exc()
        if acting_user is not None and doc.court_id not in reader_court_ids(acting_user):
            raise CommonError.NOT_FOUND.exc()
        if not doc.is_effective or doc.effective_on is None:
            raise PublicationError.NOT_EFFECTIVE.exc()
        if PublicationDraft.objects.filter(document=doc).exists():
            raise PublicationError.ALREADY_DRAFTED.exc()
        family = True if doc.case_category == CaseCategory.FAMILY else None
        result = deidentify(doc.full_text, list(doc.parties or []), policy, family_case=family)
        draft = PublicationDraft.objects.create(
            document=doc,
            court=doc.court,
            policy=policy,
            text=result.text,
            changes=[c.as_dict() for c in result.changes],
            due_on=working_days_from(doc.effective_on, PUBLICATION_DAYS).end,
        )
        _event(draft, EventAction.DRAFTED, acting_user)
        record(
            "publication.draft_created",
            actor=acting_user,
            subject=draft,
            court=doc.court,
            after={
                "status": draft.status,
                "due_on": draft.due_on,
                "policy": policy,
                "changes": len(result.changes),
            },
        )
    return draft


def approve(draft_id: int, *, acting_user: Any, text: str | None = None) -> PublicationDraft:
    """Publish the reviewed text (the reviewer may have edited the de-identified text)."""
    with transaction.atomic():
        draft = _locked(draft_id, acting_user)
        if draft.status not in (PublicationStatus.DRAFT, PublicationStatus.HELD):
            raise PublicationError.WRONG_STATE.exc(fields={"status": draft.status})
        before = draft.status
        if text is not None:
            if not text.strip():
                raise PublicationError.TEXT_REQUIRED.exc(fields={"text": "empty"})
            draft.text = text
        draft.status = PublicationStatus.PUBLISHED
        draft.published_text = draft.text
        draft.published_at = timezone.now()
        draft.version = 1
        draft.save()
        search.index_draft(draft)  # public search (same transaction: both or neither)
        _event(draft, EventAction.APPROVED, acting_user)
        record(
            "publication.approved",
            actor=acting_user,
            subject=draft,
            court=draft.court,
            before={"status": before},
            after={"status": draft.status, "version": 1},
        )
    return draft


def hold(draft_id: int, *, acting_user: Any, reason: str) -> PublicationDraft:
    with transaction.atomic():
        draft = _locked(draft_id, acting_user)
        if not (reason or "").strip():
            raise PublicationError.REASON_REQUIRED.exc(fields={"reason": "required"})
        if draft.status != PublicationStatus.DRAFT:
            raise PublicationError.WRONG_STATE.exc(fields={"status": draft.status})
        draft.status = PublicationStatus.HELD
        draft.hold_reason = reason.strip()
        draft.save()
        _event(draft, EventAction.HELD, acting_user, reason=reason.strip())
        record(
            "publication.held",
            actor=acting_user,
            subject=draft,
            court=draft.court,
            before={"status": PublicationStatus.DRAFT},
            after={"status": draft.status, "reason": reason},
        )
    return draft


def withhold(draft_id: int, *, acting_user: Any, ground: str, note: str = "") -> PublicationDraft:
    """Art 4 → not published; the Art 6 notice (case number, court, date, reason) is."""
    with transaction.atomic():
        draft = _locked(draft_id, acting_user)
        if ground not in WithholdGround.values:
            raise PublicationError.BAD_GROUND.exc(fields={"ground": ground})
        if ground == WithholdGround.OTHER and not note.strip():
            raise PublicationError.REASON_REQUIRED.exc(fields={"note": "required"})
        if draft.status not in (PublicationStatus.DRAFT, PublicationStatus.HELD):
            raise PublicationError.WRONG_STATE.exc(fields={"status": draft.status})
        before = draft.status
        draft.status = PublicationStatus.WITHHELD
        draft.withhold_ground = ground
        draft.withhold_note = note.strip()
        draft.notice_published_at = timezone.now()
        draft.save()
        _event(draft, EventAction.WITHHELD, acting_user, reason=f"{ground}: {note}".strip(": "))
        record(
            "publication.withheld",
            actor=acting_user,
            subject=draft,
            court=draft.court,
            before={"status": before},
            after={"status": draft.status, "ground": ground},
        )
    return draft


def withdraw(draft_id: int, *, acting_user: Any, reason: str) -> PublicationDraft:
    with transaction.atomic():
        draft = _locked(draft_id, acting_user)
        if not (reason or "").strip():
            raise PublicationError.REASON_REQUIRED.exc(fields={"reason": "required"})
        if draft.status != PublicationStatus.PUBLISHED:
            raise PublicationError.WRONG_STATE.exc(fields={"status": draft.status})
        draft.status = PublicationStatus.WITHDRAWN
        draft.save()
        search.set_published(draft.pk, False)  # gone from public search at once
        _event(
            draft,
            EventAction.WITHDRAWN,
            acting_user,
            reason=reason.strip(),
            previous_text=draft.published_text,
        )
        record(
            "publication.withdrawn",
            actor=acting_user,
            subject=draft,
            court=draft.court,
            before={"status": PublicationStatus.PUBLISHED},
            after={"status": draft.status},
        )
    return draft


def correct(draft_id: int, *, acting_user: Any, text: str, reason: str) -> PublicationDraft:
    """Replace the published text; the previous one stays in the history."""
    with transaction.atomic():
        draft = _locked(draft_id, acting_user)
        if not (reason or "").strip():
            raise PublicationError.REASON_REQUIRED.exc(fields={"reason": "required"})
        if not (text or "").strip():
            raise PublicationError.TEXT_REQUIRED.exc(fields={"text": "empty"})
        if draft.status != PublicationStatus.PUBLISHED:
            raise PublicationError.WRONG_STATE.exc(fields={"status": draft.status})
        previous = draft.published_text
        draft.text = text
        draft.published_text = text
        draft.version += 1
        draft.save()
        search.index_draft(draft)  # replaces the indexed text
        _event(
            draft, EventAction.CORRECTED, acting_user, reason=reason.strip(), previous_text=previous
        )
        record(
            "publication.corrected",
            actor=acting_user,
            subject=draft,
            court=draft.court,
            before={"version": draft.version - 1},
            after={"version": draft.version},
        )
    return draft
