"""Serial cases (系列案): suggesting groups, creating them, and the batch actions (assign
together, schedule together in consecutive slots, issue the 传票 together as a zip).

Suggestions: pending cases of one court, not yet in a group, with the same cause (案由) and
the same party on the plaintiff side or on the defendant side. A party is recognised by its
unified social credit code, else its resident ID number, else its name.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction

from yizhan.audit import services as audit
from yizhan.cases.models import Case, CaseParty, CaseStatus, SerialGroup
from yizhan.core.errors import CommonError, DomainError

from .common import docket
from .errors import TrialError
from .hearing_errors import HearingError
from .hearings import (
    DEFENDANT_SIDE,
    PLAINTIFF_SIDE,
    Conflict,
    _check_times,
    _schedule,
    local,
    next_hearing,
    require_court_staff,
    summons_pdf,
)
from .models import Hearing
from .permissions import access_trial_case, require_supervisor

SIDE_LABELS = {"plaintiff": "原告方", "defendant": "被告方"}


@dataclass(frozen=True)
class Suggestion:
    key: str
    reason: str
    cause: str
    side: str
    party: str
    case_ids: list[int]
    case_numbers: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key, "reason": self.reason, "cause": self.cause, "side": self.side,
            "party": self.party, "case_ids": self.case_ids, "case_numbers": self.case_numbers,
        }  # fmt: skip


def party_key(party: Any) -> tuple[str, str]:
    """(key, how it was matched) for a party."""
    if party.credit_code:
        return f"credit:{party.credit_code.upper()}", f"统一社会信用代码 {party.credit_code}"
    if party.id_number:
        return f"id:{party.id_number.upper()}", "身份证号相同"
    return f"name:{party.name.strip()}", "名称相同"


def suggest_groups(court_id: int) -> list[Suggestion]:
    """Candidate groups: ≥ 2 pending, ungrouped cases of the court with the same cause and the
    same plaintiff-side or defendant-side party. Groups with the same cases are given once
    (the plaintiff-side reason first); the biggest groups come first."""
    cases = {
        c.pk: c
        for c in Case.objects.filter(
            court_id=court_id, status=CaseStatus.PENDING, serial_group__isnull=True,
            cause__isnull=False,
        ).select_related("cause")
    }  # fmt: skip
    buckets: dict[tuple[str, str, str], set[int]] = {}
    labels: dict[tuple[str, str, str], tuple[str, str]] = {}
    rows = CaseParty.objects.filter(case_id__in=cases).select_related("party")
    for cp in rows.order_by("case_id", "id"):
        side = (
            "plaintiff" if cp.role in PLAINTIFF_SIDE
            else "defendant" if cp.role in DEFENDANT_SIDE else None
        )  # fmt: skip
        if side is None:
            continue
        key, how = party_key(cp.party)
        bucket = (cases[cp.case_id].cause.code, side, key)  # type: ignore[union-attr]
        buckets.setdefault(bucket, set()).add(cp.case_id)
        labels.setdefault(bucket, (cp.party.name, how))
    seen: set[frozenset[int]] = set()
    out: list[Suggestion] = []
    order = sorted(buckets, key=lambda b: (-len(buckets[b]), b[0], b[1] != "plaintiff", b[2]))
    for bucket in order:
        ids = buckets[bucket]
        if len(ids) < 2 or frozenset(ids) in seen:
            continue
        seen.add(frozenset(ids))
        cause_code, side, key = bucket
        ordered = sorted(ids, key=lambda i: (cases[i].year, cases[i].type_code, cases[i].seq))
        cause_name = cases[ordered[0]].cause.name  # type: ignore[union-attr]
        name, how = labels[bucket]
        reason = f"{SIDE_LABELS[side]}均为{name}（{how}），案由均为{cause_name}，共 {len(ids)} 件"
        out.append(Suggestion(
            key=f"{cause_code}|{side}|{key}", reason=reason, cause=cause_name, side=side,
            party=name, case_ids=ordered, case_numbers=[cases[i].number for i in ordered],
        ))  # fmt: skip
    return out


def access_group(user: Any, group_id: int) -> SerialGroup:
    group = SerialGroup.objects.filter(pk=group_id).select_related("court").first()
    if group is None:
        raise CommonError.NOT_FOUND.exc()
    require_court_staff(user, group.court_id)
    return group


def group_cases(group: SerialGroup) -> list[Case]:
    return sorted(
        Case.objects.filter(serial_group=group).select_related("court", "cause", "judge"),
        key=lambda c: (c.year, c.type_code, c.seq),
    )


def _attach(group: SerialGroup, case_ids: list[int], acting_user: Any) -> list[Case]:
    cases = []
    for case_id in dict.fromkeys(case_ids):
        case = access_trial_case(acting_user, case_id, for_write=True)
        if case.court_id != group.court_id or case.serial_group_id not in (None, group.pk):
            raise HearingError.SERIAL_CASE_INVALID.exc(fields={"case_ids": case.number})
        cases.append(case)
    for case in cases:
        if case.serial_group_id == group.pk:
            continue
        Case.objects.filter(pk=case.pk).update(serial_group=group)
        case.serial_group = group
        docket(case, "serial_grouped", f"列入系列案：{group.name}", acting_user)
    return cases


def create_group(court_id: int, *, case_ids: list[int], name: str, acting_user: Any) -> SerialGroup:
    """Create a 系列案 group of ≥ 2 pending cases of the court (each needs a seat on the case
    or the court's supervision), audited."""
    if len(set(case_ids)) < 2:
        raise HearingError.SERIAL_TOO_FEW.exc(fields={"case_ids": "至少选择两件案件。"})
    with transaction.atomic():
        require_court_staff(acting_user, court_id)
        group = SerialGroup.objects.create(
            court_id=court_id, name=name.strip()[:200] or "系列案", created_by=acting_user
        )
        cases = _attach(group, case_ids, acting_user)
        audit.record("trial.serial_group_created", actor=acting_user, subject=group,
                     court=cases[0].court,
                     after={"name": group.name, "cases": [c.pk for c in cases]})  # fmt: skip
    return group


def attach_cases(group_id: int, *, case_ids: list[int], acting_user: Any) -> SerialGroup:
    with transaction.atomic():
        group = access_group(acting_user, group_id)
        before = [c.pk for c in group_cases(group)]
        cases = _attach(group, case_ids, acting_user)
        audit.record("trial.serial_cases_attached", actor=acting_user, subject=group,
                     court=cases[0].court if cases else None, before={"cases": before},
                     after={"cases": sorted({*before, *(c.pk for c in cases)})})  # fmt: skip
    return group


def batch_assign(group_id: int, *, judge_id: int, reason: str, acting_user: Any) -> list[Case]:
    """Assign every case of the group to one judge (part A's 指定分案, one transaction)."""
    from .assignment import assign_manually

    with transaction.atomic():
        group = access_group(acting_user, group_id)
        require_supervisor(acting_user, group.court_id)
        cases = [
            assign_manually(c.pk, judge_id=judge_id, reason=f"系列案集中分案：{reason}",
                            acting_user=acting_user)
            for c in group_cases(group)
        ]  # fmt: skip
        audit.record(
            "trial.serial_assigned",
            actor=acting_user,
            subject=group,
            court=cases[0].court if cases else None,
            after={"judge": judge_id, "reason": reason, "cases": [c.pk for c in cases]},
        )
    return cases


def slots(
    starts_at: datetime, n: int, minutes_each: int, gap_minutes: int
) -> list[tuple[datetime, datetime]]:
    step = timedelta(minutes=minutes_each + gap_minutes)
    return [
        (starts_at + i * step, starts_at + i * step + timedelta(minutes=minutes_each))
        for i in range(n)
    ]


def batch_schedule(
    group_id: int,
    *,
    courtroom_id: int | None,
    starts_at: datetime,
    minutes_each: int,
    gap_minutes: int = 0,
    online: bool = False,
    override_reason: str = "",
    acting_user: Any,
) -> list[Hearing]:
    """Schedule the group's pending cases in consecutive slots in one courtroom, each with
    the conflict checks; all or nothing (every case's conflicts are reported together)."""
    if minutes_each < 5 or minutes_each > 480 or gap_minutes < 0 or gap_minutes > 240:
        raise CommonError.INVALID_INPUT.exc(fields={"minutes_each": "每件时长 5–480 分钟。"})
    with transaction.atomic():
        group = access_group(acting_user, group_id)
        cases = [c for c in group_cases(group) if c.status == CaseStatus.PENDING]
        if not cases:
            raise HearingError.SERIAL_TOO_FEW.exc()
        start, _ = _check_times(starts_at, starts_at + timedelta(minutes=1))
        plan = slots(start, len(cases), minutes_each, gap_minutes)
        if local(plan[-1][1]).date() != local(start).date():
            raise HearingError.SLOTS_OVERFLOW.exc(
                fields={"ends_at": local(plan[-1][1]).isoformat()}
            )
        hearings: list[Hearing] = []
        problems: dict[str, Any] = {}
        for case, (s, e) in zip(cases, plan, strict=True):
            locked = access_trial_case(acting_user, case.pk, for_write=True)
            try:
                with transaction.atomic():
                    hearings.append(_schedule(
                        locked, starts_at=s, ends_at=e, courtroom_id=courtroom_id,
                        online=online, override_reason=override_reason,
                        acting_user=acting_user,
                    ))  # fmt: skip
            except DomainError as exc:  # collect every case's problem, then refuse the batch
                if exc.status in (401, 403, 404):
                    raise
                problems[case.number] = {"code": exc.code, "fields": exc.fields}
        if problems:
            conflicts = {
                n: p["fields"].get("conflicts", []) for n, p in problems.items()
                if p["code"] == HearingError.CONFLICTS.code
            }  # fmt: skip
            if len(conflicts) == len(problems):
                raise HearingError.CONFLICTS.exc(fields={"conflicts": conflicts})
            first = next(iter(problems.values()))
            raise CommonError.INVALID_INPUT.exc(
                fields={"cases": problems}, message=f"批量排期未完成（{first['code']}）。"
            )
        audit.record("trial.serial_scheduled", actor=acting_user, subject=group,
                     court=cases[0].court,
                     after={"hearings": [h.pk for h in hearings], "courtroom": courtroom_id,
                            "starts_at": start, "minutes_each": minutes_each,
                            "gap_minutes": gap_minutes})  # fmt: skip
    return hearings


def batch_documents(group_id: int, *, acting_user: Any) -> tuple[str, bytes]:
    """One 传票 PDF per case of the group with a scheduled hearing, zipped. The issue is
    written on each case's docket and audited on the group."""
    with transaction.atomic():
        group = access_group(acting_user, group_id)
        files: list[tuple[str, bytes]] = []
        for case in group_cases(group):
            access_trial_case(acting_user, case.pk, for_write=True)
            hearing = next_hearing(case)
            if hearing is None:
                continue
            files.append((f"{case.number}-传票.pdf", summons_pdf(hearing)))
            docket(case, "summons_issued", "制作开庭传票（系列案批量）", acting_user)
        if not files:
            raise TrialError.WRONG_STATE.exc(message="系列案中没有已排期的案件，无法制作传票。")
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in files:
                zf.writestr(name, data)
        audit.record(
            "trial.serial_documents_issued",
            actor=acting_user,
            subject=group,
            court=group.court,
            after={"files": [n for n, _ in files]},
        )
    return f"系列案{group.pk}-传票.zip", buf.getvalue()


def conflict_dicts(conflicts: list[Conflict]) -> list[dict[str, Any]]:
    return [c.as_dict() for c in conflicts]
