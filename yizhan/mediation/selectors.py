"""Reads: lists, matter detail, mediator suggestions, due dates, figures, fee preview."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from yizhan.accounts.models import User
from yizhan.core.fees import quote
from yizhan.core.time import today
from yizhan.rules.errors import RuleError

from .actions import CONFIRMATION_FEE_BASIS, active_load, warning_days
from .models import (
    ACTIVE_FOR_MEDIATOR,
    CourtOrder,
    CourtOrderKind,
    CourtOrderStatus,
    Matter,
    MatterStatus,
    Mediator,
    Organisation,
)
from .permissions import is_clerk, mediator_of, parties_of, visible_matters

CONCLUDED = (
    MatterStatus.SETTLED,
    MatterStatus.FAILED,
    MatterStatus.EXPIRED,
    MatterStatus.CONVERTED,
)


def my_matters(user: User) -> QuerySet[Matter]:
    return visible_matters(user).select_related("court", "mediator").order_by("-created_at")


def court_matters(court_id: int, status: str | None = None) -> QuerySet[Matter]:
    qs = Matter.objects.filter(court_id=court_id).select_related("mediator__organisation")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("due_on", "-created_at")


def mediator_matters(user: User) -> QuerySet[Matter]:
    m = mediator_of(user)
    if m is None:
        return Matter.objects.none()
    return Matter.objects.filter(mediator=m).select_related("court").order_by("due_on")


def days_left(matter: Matter, on: date | None = None) -> int | None:
    day = on or today()
    due = {
        MatterStatus.CHOOSING: matter.choose_due,
        MatterStatus.APPOINTING: matter.appoint_due,
        MatterStatus.AWAITING_ACCEPTANCE: matter.accept_due,
        MatterStatus.IN_MEDIATION: matter.due_on,
    }.get(matter.status)  # type: ignore[call-overload]
    return (due - day).days if due else None


def summary(matter: Matter) -> dict[str, Any]:
    return {
        "id": matter.pk,
        "number": matter.number,
        "status": matter.status,
        "status_label": matter.get_status_display(),
        "court": matter.court.code,
        "claims": matter.claims,
        "channel": matter.channel,
        "mediator": matter.mediator.name if matter.mediator else None,
        "choose_due": matter.choose_due,
        "appoint_due": matter.appoint_due,
        "accept_due": matter.accept_due,
        "started_on": matter.started_on,
        "due_on": matter.due_on,
        "days_left": days_left(matter),
        "mediation_days": matter.mediation_days,
    }


def detail(matter: Matter, user: User) -> dict[str, Any]:
    """What a viewer sees. Parties see progress, their notices and the agreement; staff and
    the mediator also see party contact details and minutes."""
    is_party = bool(parties_of(user, matter))
    staff = is_clerk(user, matter) or matter.mediator_id == getattr(mediator_of(user), "pk", -1)
    agreement = getattr(matter, "agreement", None) if hasattr(matter, "agreement") else None
    order = CourtOrder.objects.filter(matter=matter).first()
    my_party_ids = {p.pk for p in parties_of(user, matter)}
    return {
        **summary(matter),
        "cause": matter.cause.name if matter.cause else None,
        "claim_amount": matter.claim_amount,
        "facts": matter.facts,
        "specialty": matter.specialty,
        "region": matter.region,
        "extension_days": matter.extension_days,
        "suspended_days": matter.suspended_days,
        "ended_on": matter.ended_on,
        "outcome_reason": matter.outcome_reason,
        "converted_filing": matter.converted_filing_id,
        "source_filing": matter.source_filing_id,
        "is_party": is_party,
        "parties": [
            {
                "id": mp.pk,
                "role": mp.role,
                "name": mp.party.name,
                "kind": mp.party.kind,
                "signed": mp.signed_at is not None,
                "applied_confirmation": mp.applied_confirmation_at is not None,
                "chosen_mediator": mp.chosen_mediator_id,
                "mine": mp.pk in my_party_ids,
                "mobile": mp.party.mobile if staff else "",
            }
            for mp in matter.matter_parties.select_related("party")
        ],
        "attachments": [
            {"id": a.pk, "category": a.category, "name": a.original_name, "size": a.size}
            for a in matter.attachments.all()
        ],
        "events": [
            {"at": e.occurred_at, "kind": e.kind, "text": e.text} for e in matter.events.all()
        ],
        "notices": [
            {"at": n.created_at, "kind": n.kind, "text": n.text}
            for n in matter.notices.filter(party_id__in=my_party_ids)
        ]
        if is_party
        else [],
        "sessions": [
            {
                "id": s.pk,
                "mode": s.mode,
                "scheduled_at": s.scheduled_at,
                "place": s.place,
                "status": s.status,
                "minutes": s.minutes if staff else "",
                "attendance": s.attendance,
            }
            for s in matter.sessions.all()
        ],
        "extensions": [
            {
                "id": x.pk,
                "days": x.days,
                "reason": x.reason,
                "status": x.status,
                "consents": x.consents,
            }
            for x in matter.extensions.all()
        ],
        "agreement": {
            "terms": agreement.terms,
            "effective_on": agreement.effective_on,
            "confirmation_due": agreement.confirmation_due,
        }
        if agreement
        else None,
        "court_order": {
            "kind": order.kind,
            "number": order.number,
            "status": order.status,
            "status_label": order.get_status_display(),
            "filed_on": order.filed_on,
            "decision_due": order.decision_due,
            "fee": order.fee,
            "fee_basis": order.fee_basis,
            "decided_on": order.decided_on,
            "reason": order.reason,
        }
        if order
        else None,
    }


# --- suggestion ------------------------------------------------------------------------------


@dataclass
class Record:
    received: int = 0
    settled: int = 0
    concluded: int = 0
    days_total: int = 0
    confirmed: int = 0
    converted: int = 0

    @property
    def rate(self) -> Decimal | None:
        if not self.concluded:
            return None
        return (Decimal(self.settled) / Decimal(self.concluded)).quantize(Decimal("0.0001"))

    @property
    def average_days(self) -> Decimal | None:
        if not self.concluded:
            return None
        return (Decimal(self.days_total) / Decimal(self.concluded)).quantize(Decimal("0.1"))


def _records(qs: QuerySet[Matter], key: str) -> dict[int, Record]:
    out: dict[int, Record] = defaultdict(Record)
    confirmed = set(
        CourtOrder.objects.filter(
            kind=CourtOrderKind.CONFIRMATION, status=CourtOrderStatus.CONFIRMED, matter__in=qs
        ).values_list("matter_id", flat=True)
    )
    rows = qs.filter(started_on__isnull=False).values(
        "pk", key, "status", "started_on", "ended_on", "suspended_days"
    )
    for r in rows:
        rec = out[r[key]]
        rec.received += 1
        if r["status"] in CONCLUDED:
            rec.concluded += 1
            end = r["ended_on"] or today()
            rec.days_total += max((end - r["started_on"]).days - r["suspended_days"], 0)
        if r["status"] == MatterStatus.SETTLED:
            rec.settled += 1
        if r["status"] == MatterStatus.CONVERTED:
            rec.converted += 1
        if r["pk"] in confirmed:
            rec.confirmed += 1
    return out


def suggest_mediators(matter: Matter, limit: int = 10) -> list[dict[str, Any]]:
    """Rank the court's available mediators for a matter: specialty (40), region (20), free
    capacity (20) and settlement rate (20; 0.5 assumed without history), language (+5)."""
    candidates = list(
        Mediator.objects.select_related("organisation")
        .filter(
            organisation__court=matter.court,
            organisation__is_active=True,
            is_active=True,
            available=True,
        )
        .exclude(pk__in=matter.excluded_mediators)
    )
    history = _records(Matter.objects.filter(mediator__in=candidates), "mediator_id")
    day = today()
    ranked = []
    for m in candidates:
        if m.unavailable_until is not None and m.unavailable_until >= day:
            continue
        load = active_load(m)
        if load >= m.capacity:
            continue
        reasons = []
        score = Decimal(0)
        if matter.specialty and matter.specialty in m.specialties:
            score += 40
            reasons.append("擅长该类纠纷")
        regions = set(m.regions) | set(m.organisation.regions)
        if matter.region and matter.region in regions:
            score += 20
            reasons.append("服务区域相符")
        free = Decimal(m.capacity - load) / Decimal(m.capacity)
        score += 20 * free
        rate = history[m.pk].rate if m.pk in history else None
        score += 20 * (rate if rate is not None else Decimal("0.5"))
        if matter.language and matter.language in m.languages:
            score += 5
            reasons.append(f"可使用{matter.language}")
        ranked.append(
            {
                "id": m.pk,
                "name": m.name,
                "organisation": m.organisation.name,
                "organisation_kind": m.organisation.kind,
                "specialties": m.specialties,
                "regions": sorted(regions),
                "load": load,
                "capacity": m.capacity,
                "success_rate": rate,
                "score": score.quantize(Decimal("0.01")),
                "reasons": reasons,
            }
        )
    ranked.sort(key=lambda r: (-r["score"], r["load"], r["id"]))
    return ranked[:limit]


# --- deadlines -------------------------------------------------------------------------------


def due_within(
    court_ids: list[int], days: int | None = None, on: date | None = None
) -> QuerySet[Matter]:
    """Matters in mediation whose 30-day limit ends within ``days`` (default
    YIZHAN_MEDIATION_WARNING_DAYS), soonest first; appraisal pauses the clock (OMED Art 26)."""
    day = on or today()
    n = warning_days() if days is None else days
    return (
        Matter.objects.filter(
            court_id__in=court_ids,
            status=MatterStatus.IN_MEDIATION,
            due_on__gte=day,
            due_on__lte=day + timedelta(days=n),
        )
        .select_related("mediator__organisation", "court")
        .order_by("due_on", "pk")
    )


# --- figures ---------------------------------------------------------------------------------


def _figure(rec: Record) -> dict[str, Any]:
    return {
        "received": rec.received,
        "settled": rec.settled,
        "concluded": rec.concluded,
        "settlement_rate": rec.rate,
        "average_days": rec.average_days,
        "confirmed": rec.confirmed,
        "converted": rec.converted,
    }


def figures(court_id: int, start: date | None = None, end: date | None = None) -> dict[str, Any]:
    """Per organisation and per mediator: matters received (accepted by a mediator), settled,
    settlement rate (settled ÷ concluded: settled, failed, expired, converted — withdrawals
    excluded), average mediation days (appraisal excluded), confirmed, converted."""
    qs = Matter.objects.filter(court_id=court_id, mediator__isnull=False)
    if start:
        qs = qs.filter(started_on__gte=start)
    if end:
        qs = qs.filter(started_on__lte=end)
    by_mediator = _records(qs, "mediator_id")
    by_org = _records(qs, "mediator__organisation_id")
    orgs = Organisation.objects.filter(court_id=court_id).order_by("name")
    mediators = (
        Mediator.objects.filter(organisation__court_id=court_id)
        .select_related("organisation")
        .order_by("organisation__name", "name")
    )
    return {
        "organisations": [
            {"id": o.pk, "name": o.name, "kind": o.kind, **_figure(by_org.get(o.pk, Record()))}
            for o in orgs
        ],
        "mediators": [
            {
                "id": m.pk,
                "name": m.name,
                "organisation": m.organisation.name,
                **_figure(by_mediator.get(m.pk, Record())),
            }
            for m in mediators
        ],
    }


# --- fees ------------------------------------------------------------------------------------


def fee_preview(matter: Matter) -> dict[str, Any]:
    """What the parties would pay: judicial confirmation is free (SFQR Art 11); if the dispute
    becomes a case, the acceptance fee is charged, and halved (once) if that case ends by
    mediation (FEE Art 15; CPLI Art 206)."""
    kind = matter.cause.fee_kind if matter.cause else "property"
    out: dict[str, Any] = {
        "confirmation_fee": Decimal("0.00"),
        "confirmation_basis": CONFIRMATION_FEE_BASIS,
        "fee_kind": kind,
        "litigation_fee": None,
        "litigation_fee_if_mediated": None,
        "basis": [],
    }
    try:
        full = quote(kind, matter.claim_amount, procedure="ordinary")
        mediated = quote(kind, matter.claim_amount, procedure="ordinary", closing="mediation")
    except RuleError:
        return out
    out.update(
        litigation_fee=full.fee, litigation_fee_if_mediated=mediated.fee, basis=list(mediated.basis)
    )
    return out


def mediation_for_filing(filing_id: int) -> dict[str, Any] | None:
    """The mediation a filing came from, for the filing and case pages: its number and the
    days spent in mediation, shown apart from the trial limit (TEYAO Art 27 ¶2)."""
    m = Matter.objects.filter(converted_filing_id=filing_id).first()
    if m is None:
        return None
    return {
        "matter": m.pk,
        "number": m.number,
        "started_on": m.started_on,
        "ended_on": m.ended_on,
        "mediation_days": m.mediation_days,
        "status": m.status,
    }


ACTIVE = ACTIVE_FOR_MEDIATOR
