"""Read helpers for the portal (no writes: every state change goes through the actions)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from yizhan.accounts.models import User
from yizhan.cases.models import Case
from yizhan.filing.actions import AgentInput, FilingInput, PartyInput
from yizhan.filing.models import AttachmentCategory, Filing

# Which wizard step edits which field named in a correction item or a DomainError.
FIELD_STEP = {
    "court_code": 1,
    "kind": 1,
    "cause_code": 1,
    "parties": 2,
    "claims": 3,
    "claim_amount": 3,
    "facts": 4,
    "evidence": 4,
    "materials": 5,
}

# What a correction item's field is called on the page (the litigant sees the label, not the
# field name). "materials.<category>" items are labelled by the material category.
FIELD_LABELS = {
    "court_code": _("受诉法院"),
    "kind": _("立案类型"),
    "cause_code": _("案由"),
    "parties": _("当事人信息"),
    "claims": _("诉讼请求"),
    "claim_amount": _("标的额"),
    "facts": _("事实与理由"),
    "evidence": _("证据清单"),
    "materials": _("材料"),
    "other": _("其他"),
}


def field_label(name: str) -> str:
    """The label of a correction item's field: "claims" -> 诉讼请求, "materials.identity" ->
    身份证明 (the category's label), unknown names -> 其他."""
    base, _sep, sub = name.partition(".")
    if base == "materials" and sub in AttachmentCategory.values:
        return str(AttachmentCategory(sub).label)
    return str(FIELD_LABELS.get(base.split("[")[0], FIELD_LABELS["other"]))


def filing_deadlines(detail: dict[str, Any], case: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The deadlines that still apply to a filing, each once: the review deadline while the
    court is reviewing it, the correction deadline while it is returned, and the fee deadline
    while the fee is still due."""
    out: list[dict[str, Any]] = []
    status = detail["status"]
    if status == "submitted" and detail.get("review_due"):
        out.append({"label": _("审核期限"), "due_on": detail["review_due"]})
    if status == "returned" and detail.get("correction_due"):
        out.append({"label": _("补正期限"), "due_on": detail["correction_due"]})
    notice = (case or {}).get("fee_notice")
    if notice and notice.get("status") == "due" and notice.get("due_on"):
        out.append({"label": _("交费期限"), "due_on": notice["due_on"]})
    return out


def my_filings(user: User) -> QuerySet[Filing]:
    """The user's own filings (as owner, party or agent) — not the court's, even for staff."""
    q = (
        Q(owner=user)
        | Q(filing_parties__party__user=user)
        | Q(filing_parties__party__agents__user=user)
    )
    return Filing.objects.filter(q).distinct().select_related("court", "cause").order_by("-id")


def my_cases(user: User) -> QuerySet[Case]:
    q = (
        Q(case_parties__party__user=user)
        | Q(case_parties__party__agents__user=user)
        | Q(filing__owner=user)
    )
    return Case.objects.filter(q).distinct().select_related("court", "cause")


def filing_input(filing: Filing) -> FilingInput:
    """The filing as it is stored, as an input for ``update_filing`` (steps override parts)."""
    parties = []
    for fp in filing.filing_parties.select_related("party").prefetch_related("party__agents"):
        p = fp.party
        parties.append(
            PartyInput(
                role=fp.role,
                kind=p.kind,
                name=p.name,
                id_number=p.id_number or "",
                credit_code=p.credit_code or "",
                mobile=p.mobile or "",
                address=p.address or "",
                legal_representative=p.legal_representative or "",
                agents=[
                    AgentInput(
                        kind=a.kind,
                        name=a.name,
                        id_number=a.id_number or "",
                        mobile=a.mobile or "",
                        licence_no=a.licence_no or "",
                        law_firm=a.law_firm or "",
                        powers=a.powers,
                    )
                    for a in p.agents.all()
                ],
            )
        )
    return FilingInput(
        court_code=filing.court.code,
        kind=filing.kind,
        cause_code=filing.cause.code if filing.cause else None,
        claims=filing.claims,
        claim_amount=filing.claim_amount,
        facts=filing.facts,
        evidence=list(filing.evidence or []),
        parties=parties,
    )


def corrections_by_field(filing: Filing) -> dict[str, list[str]]:
    """The returned filing's correction list, grouped by field name."""
    out: dict[str, list[str]] = {}
    if filing.status != "returned":
        return out
    for item in filing.correction_items or []:
        out.setdefault(str(item.get("field") or "other"), []).append(str(item.get("message")))
    return out


def corrections_for_step(filing: Filing, step: int) -> dict[str, list[str]]:
    return {
        f: msgs for f, msgs in corrections_by_field(filing).items() if FIELD_STEP.get(f) == step
    }


def step_for_field(name: str) -> int:
    base = name.split("[")[0].split(".")[0]
    return FIELD_STEP.get(base, 6)


def flatten_errors(fields: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in fields.items():
        out[k] = "；".join(str(x) for x in v) if isinstance(v, list | tuple) else str(v)
    return out
