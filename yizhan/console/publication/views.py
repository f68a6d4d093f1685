"""Console pages for judgment publication: the review queue and the review page, where the
de-identified draft is shown with every change highlighted (<mark> with the kind as title).
State changes go through yizhan.publication.actions."""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from yizhan.cases.selectors import access_case
from yizhan.console.access import error_page, staff_view
from yizhan.core.errors import DomainError
from yizhan.publication import actions
from yizhan.publication.deid import (
    Change,
    Result,
    Suspect,
    listed_names,
    suspects,
    touches_listed,
)
from yizhan.publication.deid import tagger as crf
from yizhan.publication.models import PublicationDraft, PublicationStatus, WithholdGround
from yizhan.publication.permissions import access_draft, can_review
from yizhan.publication.selectors import review_queue, similar_for_case

KIND_LABELS = {
    "person": gettext_lazy("人名（隐名）"),
    "already_masked": gettext_lazy("人名（原已隐名）"),
    "organisation": gettext_lazy("单位名称（隐名）"),
    "id_number": gettext_lazy("身份证号（删除）"),
    "phone": gettext_lazy("电话号码（删除）"),
    "address": gettext_lazy("住址（删除）"),
    "bank_account": gettext_lazy("银行账号（删除）"),
    "plate": gettext_lazy("车牌号（删除）"),
    "property_certificate": gettext_lazy("权属证书号（删除）"),
}


SUSPECT_LABELS = {
    "tagger": gettext_lazy("请核对：模型认为可能是人名"),
    "dictionary": gettext_lazy("请核对：词典中的人名"),
    "role": gettext_lazy("请核对：称谓后以姓氏开头"),
}


def segments(
    original: str,
    changes: list[dict[str, Any]],
    suspects: list[Suspect] = (),  # type: ignore[assignment]
) -> list[dict[str, Any]]:
    """The de-identified text as plain / changed / suspect segments, rebuilt from the original
    (suspects are left unchanged by the engine, so they never overlap a change)."""
    marks: list[tuple[int, int, dict[str, Any]]] = []
    for c in changes:
        seg = {
            "text": c["replacement"],
            "change": c,
            "label": str(KIND_LABELS.get(c["kind"], c["kind"])),
            "deleted": c["replacement"] == "",
        }
        marks.append((c["start"], c["end"], seg))
    for x in suspects:
        seg = {"text": x.text, "change": None, "suspect": str(SUSPECT_LABELS[x.reason])}
        marks.append((x.start, x.end, seg))
    out: list[dict[str, Any]] = []
    pos = 0
    for start, end, seg in sorted(marks, key=lambda m: m[0]):
        if start < pos:
            continue
        if start > pos:
            out.append({"text": original[pos:start], "change": None})
        out.append(seg)
        pos = end
    if pos < len(original):
        out.append({"text": original[pos:], "change": None})
    return out


def _suspects_key(draft: PublicationDraft) -> str:
    """Cache key of a draft's marks: the draft as saved and the tagger files in use (a
    retrained model or a changed floor gives new marks)."""
    files = crf.signature()
    floor = getattr(settings, "YIZHAN_DEID_SUSPECT_FLOOR", None)
    digest = hashlib.sha256(draft.text.encode()).hexdigest()[:16]
    return f"yizhan:deid-suspects:{draft.pk}:{draft.updated_at.isoformat()}:{draft.policy}:{digest}:{files}:{floor}"


def _suspects(draft: PublicationDraft) -> list[Suspect]:
    """What the reviewer should check in a pending draft (deid.suspects). They cost one more
    pass of people detection and the tagger (0.2 s for a 4,000-character judgment, 3 s for
    48,000), so they are kept in the cache for an hour: a reviewer going back and forth pays
    once."""
    key = _suspects_key(draft)
    hit = cache.get(key)
    if hit is not None:
        return [Suspect(**s) for s in hit]
    text = draft.document.full_text
    result = Result(draft.text, [Change(**c) for c in draft.changes])
    found = suspects(text, result, draft.policy)
    cache.set(key, [asdict(s) for s in found], SUSPECTS_CACHE_SECONDS)
    return found


SUSPECTS_CACHE_SECONDS = 3600


def _page(
    request: HttpRequest, template: str, ctx: dict[str, Any], status: int = 200
) -> HttpResponse:
    return render(request, template, {"console": request.console, **ctx}, status=status)  # type: ignore[attr-defined]


@staff_view
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    court = request.console.court  # type: ignore[attr-defined]
    drafts = list(review_queue(request.user, court.pk)[:200])  # type: ignore[arg-type]
    return _page(request, "console/publication/queue.html", {"drafts": drafts})


def _render_draft(
    request: HttpRequest,
    draft: PublicationDraft,
    status: int = 200,
    error: DomainError | None = None,
    form: dict[str, Any] | None = None,
) -> HttpResponse:
    counts: dict[str, int] = {}
    for c in draft.changes:
        counts[str(KIND_LABELS.get(c["kind"], c["kind"]))] = (
            counts.get(str(KIND_LABELS.get(c["kind"], c["kind"])), 0) + 1
        )
    pending = draft.status in (PublicationStatus.DRAFT, PublicationStatus.HELD)
    kept = set(draft.kept_words)
    to_check = [x for x in _suspects(draft) if x.text not in kept] if pending else []
    reviewer = can_review(request.user, draft.court_id)
    adjustable = reviewer and draft.status in actions.ADJUSTABLE and not draft.text_edited
    return _page(
        request,
        "console/publication/review.html",
        {
            "draft": draft,
            "doc": draft.document,
            # a text written by hand no longer matches the stored changes: shown as it stands
            "segments": [{"text": draft.text, "change": None}]
            if draft.text_edited
            else segments(draft.document.full_text, draft.changes, to_check),
            "suspect_count": len(to_check),
            "counts": sorted(counts.items()),
            "can_review": reviewer,
            "pending": pending,
            "grounds": WithholdGround.choices,
            "events": list(draft.events.select_related("actor")),
            "can_adjust": adjustable,
            **(_mask_options(draft, to_check, form) if adjustable else {}),
            "error": error,
        },
        status=status,
    )


def _mask_options(
    draft: PublicationDraft, to_check: list[Suspect], form: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The choices of the review page's "调整隐名" form: names to add (those added before,
    ticked, then the marked suspects that can be names) and masked originals to keep (those
    kept before, ticked, then every masked name or organisation of two characters or more that
    is, holds or lies inside no listed party's name, in text order). ``form``: what a refused
    submission asked (``add``, ``keep``, ``add_more``), shown again as it was."""
    add_ticked = set(form["add"]) if form else set(draft.extra_names)
    keep_ticked = set(form["keep"]) if form else set(draft.kept_words)
    add = [{"text": n, "checked": n in add_ticked, "why": ""} for n in draft.extra_names]
    for x in to_check:
        if actions.valid_name(x.text) and all(o["text"] != x.text for o in add):
            why = str(SUSPECT_LABELS[x.reason])
            add.append({"text": x.text, "checked": x.text in add_ticked, "why": why})
    listed = listed_names(draft.document.full_text, actions.party_list(draft.document))
    keep = [{"text": n, "checked": n in keep_ticked, "replacement": ""} for n in draft.kept_words]
    seen = set(draft.kept_words) | set(draft.extra_names)
    for c in draft.changes:
        n = c["original"]
        if c["kind"] in actions.MASK_KINDS and n not in seen and len(n) >= 2:
            seen.add(n)
            if not touches_listed(n, listed):
                keep.append(
                    {"text": n, "checked": n in keep_ticked, "replacement": c["replacement"]}
                )
    return {
        "add_options": add,
        "keep_options": keep,
        "add_more": form["add_more"] if form else "",
        "keep_open": bool(keep_ticked),
    }


_SPLIT_NAMES = re.compile(r"[、，,；;\s]+")


@staff_view
@require_GET
def review(request: HttpRequest, draft_id: int) -> HttpResponse:
    return _render_draft(request, access_draft(request.user, draft_id))


def _act(
    request: HttpRequest,
    draft_id: int,
    fn: Any,
    done: str,
    form: dict[str, Any] | None = None,
    **kwargs: Any,
) -> HttpResponse:
    access_draft(request.user, draft_id, for_write=True)
    try:
        fn(draft_id, acting_user=request.user, **kwargs)
    except DomainError as e:
        if e.status in (401, 403, 404):
            return error_page(request, e.status, e.message)
        return _render_draft(
            request, access_draft(request.user, draft_id), status=e.status, error=e, form=form
        )
    messages.success(request, done)
    return redirect("console_publication:review", draft_id=draft_id)


@staff_view
@require_POST
def approve(request: HttpRequest, draft_id: int) -> HttpResponse:
    return _act(request, draft_id, actions.approve, _("已审核通过并公开。"))


@staff_view
@require_POST
def masks(request: HttpRequest, draft_id: int) -> HttpResponse:
    """补充隐名 / 取消隐名: the ticked boxes and the typed names are the whole decisions."""
    ticked, more = request.POST.getlist("add"), request.POST.get("add_more", "")
    keep = request.POST.getlist("keep")
    return _act(
        request,
        draft_id,
        actions.adjust_masks,
        _("已按审核意见重新脱敏。"),
        form={"add": ticked, "keep": keep, "add_more": more},
        add=ticked + _SPLIT_NAMES.split(more),
        keep=keep,
    )


@staff_view
@require_POST
def hold(request: HttpRequest, draft_id: int) -> HttpResponse:
    return _act(
        request, draft_id, actions.hold, _("已暂缓公开。"), reason=request.POST.get("reason", "")
    )


@staff_view
@require_POST
def withhold(request: HttpRequest, draft_id: int) -> HttpResponse:
    return _act(
        request,
        draft_id,
        actions.withhold,
        _("已决定不公开，并公布案号、审理法院、裁判日期及不公开理由。"),
        ground=request.POST.get("ground", ""),
        note=request.POST.get("note", ""),
    )


@staff_view
@require_GET
def similar_panel(request: HttpRequest, case_id: int) -> HttpResponse:
    """类案推送: similar published judgments for a case the user may see, loaded by htmx
    into the case page."""
    try:
        case = access_case(request.user, case_id)
    except DomainError as e:
        return error_page(request, e.status, e.message)
    similar = similar_for_case(case)
    return render(request, "portal/publication/_similar_panel.html", {"similar": similar or {}})
