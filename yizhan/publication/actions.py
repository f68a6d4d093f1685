"""Publication use cases. Each runs in one transaction: gate, transition, history row, audit."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from yizhan.audit.services import record
from yizhan.core.calendar import working_days_from
from yizhan.core.errors import CommonError

from . import search
from .deid import (
    POLICIES,
    Party,
    Result,
    deidentify,
    listed_names,
    never_hidden_spans,
    touches_listed,
)
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
        result = _deidentify_document(doc, policy)
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
            draft.text_edited = draft.text_edited or text != draft.text
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
        draft.text_edited = draft.text_edited or text != draft.text
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


MAX_REVIEWER_NAMES = 200
ADJUSTABLE = (PublicationStatus.DRAFT, PublicationStatus.HELD, PublicationStatus.PUBLISHED)
_NAME_BREAKS = frozenset("，。、；：,;:！？!?（）()“”\"'《》【】[]")
MASK_KINDS = ("person", "organisation")


def _check_result(
    text: str,
    plist: list[Party],
    draft: PublicationDraft,
    result: Result,
    add: list[str],
    keep: list[str],
) -> None:
    """Refuse a new de-identification that does not do what the reviewer asked, or more:
    an added name masked nowhere (``not_maskable``) or reaching into the bench, a court's name
    or a case number (审判员甄宁, 湛江: ``not_maskable``); a kept word still masked
    (``not_keepable``: a surname reference 吴); something masked before that would now be
    shown although the reviewer neither kept it nor took it off the added names
    (``would_unmask``: the engine or its model changed since the draft was made)."""
    spans = [(c.start, c.end) for c in result.changes]
    hidden = never_hidden_spans(text, plist)
    # the changes that reach into the bench, a court's name or a case number (found once)
    into_hidden = [(s, e) for s, e in spans if any(hs < e and s < he for hs, he in hidden)]
    for n in add:
        at = [(m.start(), m.end()) for m in re.finditer(re.escape(n), text)]
        if not any(s <= a and b <= e for a, b in at for s, e in spans):
            raise PublicationError.NOT_MASKABLE.exc(
                fields={"add": n},
                message=f"“{n}”不能隐名：它只出现在审判人员姓名、案号等不隐去的内容中。",
            )
        if any(a < e and s < b for a, b in at for s, e in into_hidden):
            raise PublicationError.NOT_MASKABLE.exc(
                fields={"add": n},
                message=f"“{n}”不能隐名：审判人员姓名、法院名称、案号等不隐去。",
            )
    still = {c.original for c in result.changes if c.kind in MASK_KINDS}
    for k in keep:
        if k in still:
            raise PublicationError.NOT_KEEPABLE.exc(
                fields={"keep": _short(k)}, message=f"“{_short(k)}”不能单独取消隐名。"
            )
    freed = set(keep) | (set(draft.extra_names) - set(add))
    shown = sorted(
        {
            c["original"]
            for c in draft.changes
            if c["kind"] != "already_masked"
            and c["original"] not in freed
            and c["original"] in result.text
            and c["original"] not in draft.text  # newly shown, wherever it stands
        }
    )
    if shown:
        raise PublicationError.WOULD_UNMASK.exc(
            fields={"originals": [_short(o) for o in shown[:20]]},
            message="重新脱敏将公开原已隐名或删除的内容（"
            + "、".join(_short(o) for o in shown[:5])
            + "），请将其补充隐名后再提交。",
        )


def _deidentify_document(
    doc: JudgmentDocument,
    policy: str,
    *,
    extra_names: Iterable[str] = (),
    keep: Iterable[str] = (),
) -> Result:
    """The document's full text de-identified with its listed parties (a family case where its
    category says so, else as the text's opening says) and the reviewer's lists."""
    family = True if doc.case_category == CaseCategory.FAMILY else None
    return deidentify(
        doc.full_text,
        list(doc.parties or []),
        policy,
        family_case=family,
        extra_names=extra_names,
        keep=keep,
    )


def party_list(doc: JudgmentDocument) -> list[Party]:
    """The document's listed parties as the engine's ``Party`` (name and role)."""
    return [Party(str(p.get("name", "")), str(p.get("role", ""))) for p in doc.parties or []]


def valid_name(name: str) -> bool:
    """A name the reviewer may add: 2 to 30 characters, no white space or punctuation."""
    return 2 <= len(name) <= 30 and not any(c.isspace() or c in _NAME_BREAKS for c in name)


def _short(value: str) -> str:
    return value if len(value) <= 30 else value[:30] + "…"


def _names(values: list[str]) -> list[str]:
    """Stripped, without empties and repeats, in the order given."""
    out: list[str] = []
    for v in values:
        v = (v or "").strip()
        if v and v not in out:
            out.append(v)
    if len(out) > MAX_REVIEWER_NAMES:
        raise PublicationError.TOO_MANY_NAMES.exc(fields={"count": len(out)})
    return out


def adjust_masks(
    draft_id: int, *, acting_user: Any, add: list[str], keep: list[str]
) -> PublicationDraft:
    """The reviewer's corrections to a pending or published draft: ``add`` are names the
    engine left (a witness, a nickname: pseudonymised under either policy, consistently with
    the others), ``keep`` are originals it masked that are no names (石家庄, 林木). Both lists
    are the whole of the reviewer's decisions (what was added before and is missing now is
    dropped), so sending the same lists again changes nothing. The draft is de-identified again
    from the document's text; a name that ends up masked nowhere (a judge's: the bench is never
    hidden) is refused and nothing changes. On a published document this is a correction: the
    published text is replaced (version + 1, public search updated), unless that text was
    written by hand (``text_edited``), which only ``correct`` may change."""
    with transaction.atomic():
        draft = _locked(draft_id, acting_user)
        if draft.status not in ADJUSTABLE:
            raise PublicationError.WRONG_STATE.exc(fields={"status": draft.status})
        if draft.text_edited:
            raise PublicationError.TEXT_EDITED.exc()
        add, keep = _names(add), _names(keep)
        if set(add) == set(draft.extra_names) and set(keep) == set(draft.kept_words):
            return draft  # a retried submission (in any order)
        doc = draft.document
        text = doc.full_text
        for n in add:
            if not valid_name(n):
                raise PublicationError.BAD_NAME.exc(fields={"add": _short(n)})
            if n not in text:
                raise PublicationError.NAME_NOT_IN_TEXT.exc(
                    fields={"add": n}, message=f"裁判文书中没有“{n}”。"
                )  # (n is at most 30 characters here)
        both = sorted(set(add) & set(keep))
        if both:
            raise PublicationError.NAME_CONFLICT.exc(fields={"names": both})
        plist = party_list(doc)
        listed = listed_names(text, plist)
        masked = {c["original"] for c in draft.changes if c["kind"] in MASK_KINDS}
        for k in keep:
            if touches_listed(k, listed):
                raise PublicationError.PARTY_NAME_KEPT.exc(fields={"keep": _short(k)})
            if k not in masked and k not in draft.kept_words:
                raise PublicationError.NOT_MASKED.exc(
                    fields={"keep": k}, message=f"“{_short(k)}”未被隐名，无需取消。"
                )
        result = _deidentify_document(doc, draft.policy, extra_names=add, keep=keep)
        _check_result(text, plist, draft, result, add, keep)
        before = {
            "extra_names": draft.extra_names,
            "kept_words": draft.kept_words,
            "changes": len(draft.changes),
        }
        previous = draft.text
        # on a published document a correction, unless the text stays as it is
        published = draft.status == PublicationStatus.PUBLISHED and result.text != draft.text
        draft.text = result.text
        draft.changes = [c.as_dict() for c in result.changes]
        draft.extra_names = add
        draft.kept_words = keep
        if published:
            before["version"] = draft.version
            draft.published_text = result.text
            draft.version += 1
        draft.save()
        if published:
            search.index_draft(draft)  # replaces the indexed text (same transaction)
        reason = "；".join(
            part
            for part in (
                "补充隐名：" + "、".join(add) if add else "",
                "确认非人名：" + "、".join(keep) if keep else "",
            )
            if part
        )
        _event(
            draft,
            EventAction.MASKS_ADJUSTED,
            acting_user,
            reason=reason or "撤销全部隐名调整",
            previous_text=previous,
        )
        record(
            "publication.masks_adjusted",
            actor=acting_user,
            subject=draft,
            court=draft.court,
            before=before,
            after={
                "extra_names": add,
                "kept_words": keep,
                "changes": len(draft.changes),
                **({"version": draft.version} if published else {}),
            },
        )
    return draft
