"""Reads of filings: the applicant's view, the reviewer's queue and preview."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from django.db.models import QuerySet

from yizhan.accounts.models import Role, User
from yizhan.accounts.permissions import courts_with_role
from yizhan.cases.models import Case
from yizhan.cases.numbering import peek_next_number
from yizhan.cases.procedures import allowed_procedures, suggest_procedure
from yizhan.core.errors import CommonError
from yizhan.core.time import today

from .checklists import spec_for
from .models import FeeRelief, Filing, FilingAttachment, FilingStatus
from .permissions import access_filing


def _money(v: Any) -> str | None:
    return None if v is None else f"{v:.2f}"


def materials(filing: Filing) -> list[dict[str, Any]]:
    present = {a.category for a in filing.attachments.all() if not a.superseded}
    return [
        {**asdict(m), "present": m.category in present} for m in spec_for(filing.kind).materials
    ]


def filing_detail(filing: Filing) -> dict[str, Any]:
    case = Case.objects.filter(filing=filing).only("id", "number").first()
    relief = FeeRelief.objects.filter(filing=filing).first()
    parties = []
    for fp in filing.filing_parties.select_related("party").prefetch_related("party__agents"):
        parties.append(
            {
                "role": fp.role,
                "kind": fp.party.kind,
                "name": fp.party.name,
                "agents": [
                    {
                        "kind": a.kind,
                        "name": a.name,
                        "licence_no": a.licence_no,
                        "law_firm": a.law_firm,
                        "powers": a.powers,
                    }
                    for a in fp.party.agents.all()
                ],
            }
        )
    return {
        "id": filing.pk,
        "status": filing.status,
        "status_label": filing.get_status_display(),
        "kind": filing.kind,
        "kind_label": filing.get_kind_display(),
        "court_code": filing.court.code,
        "court_name": filing.court.name,
        "received_by_code": filing.received_by.code if filing.received_by else None,
        "cross_region": filing.is_cross_region,
        "channel": filing.channel,
        "cause_code": filing.cause.code if filing.cause else None,
        "cause_name": filing.cause.name if filing.cause else None,
        "claims": filing.claims,
        "claim_amount": _money(filing.claim_amount),
        "facts": filing.facts,
        "evidence": filing.evidence,
        "fee_estimate": _money(filing.fee_estimate),
        "received_on": filing.received_on,
        "review_due": filing.review_due,
        "correction_items": filing.correction_items,
        "correction_due": filing.correction_due,
        "decision_reason": filing.decision_reason,
        "case_id": case.pk if case else None,
        "case_number": case.number if case else None,
        "fee_relief": None
        if relief is None
        else {
            "kind": relief.kind,
            "status": relief.status,
            "grounds": relief.grounds,
            "reduce_percent": relief.reduce_percent,
            "decision_reason": relief.decision_reason,
        },
        "parties": parties,
        "materials": materials(filing),
        "attachments": list(filing.attachments.filter(superseded=False)),
        "events": list(filing.events.all()),
    }


def review_queue(user: User, court_id: int | None = None) -> QuerySet[Filing]:
    """Pending reviews of the clerk's courts, the least time left first (overdue on top)."""
    courts = courts_with_role(user, [Role.FILING_CLERK])
    if court_id is not None:
        courts = [c for c in courts if c == court_id]
    return (
        Filing.objects.filter(court_id__in=courts, status=FilingStatus.SUBMITTED)
        .select_related("court", "received_by", "owner")
        .order_by("review_due", "received_on", "id")
    )


def queue_item(filing: Filing, on: date | None = None) -> dict[str, Any]:
    on = on or today()
    days_left = (filing.review_due - on).days if filing.review_due else None
    return {
        "id": filing.pk,
        "status": filing.status,
        "kind_label": filing.get_kind_display(),
        "court_code": filing.court.code,
        "received_by_code": filing.received_by.code if filing.received_by else None,
        "cross_region": filing.is_cross_region,
        "applicant": filing.owner.display_name,
        "received_on": filing.received_on,
        "review_due": filing.review_due,
        "days_left": days_left,
        "overdue": days_left is not None and days_left < 0,
    }


def acceptance_preview(filing: Filing) -> dict[str, Any]:
    """What accepting would produce: the next case number (not reserved), the suggested
    procedure and the fee."""
    from yizhan.cases.actions import fee_for

    from .actions import fee_kind_for, missing_materials

    spec = spec_for(filing.kind)
    fee_kind = fee_kind_for(filing)
    procedure = suggest_procedure(filing.kind, filing.court.level, fee_kind, filing.claim_amount)
    number = peek_next_number(filing.court, today().year, spec.type_code)
    q = None
    try:
        q = fee_for(fee_kind, filing.claim_amount, procedure)
    except ValueError:
        q = None
    from yizhan.cases.models import Procedure

    return {
        "case_number": number.render(),
        "procedure": procedure,
        "procedure_label": str(Procedure(procedure).label),
        "allowed_procedures": list(allowed_procedures(filing.kind, filing.court.level)),
        "fee": None if q is None else f"{q.fee:.2f}",
        "fee_basis": [] if q is None else list(q.basis),
        "prepaid": spec.prepaid,
        "missing_materials": [m["label"] for m in missing_materials(filing)],
    }


def access_attachment(user: Any, filing_id: int, attachment_id: int) -> FilingAttachment:
    """An attachment of a filing the user may see (404 otherwise)."""
    filing = access_filing(user, filing_id)
    att = FilingAttachment.objects.filter(filing=filing, pk=attachment_id).first()
    if att is None:
        raise CommonError.NOT_FOUND.exc()
    return att
