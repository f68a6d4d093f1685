"""Hearings (庭审): scheduling with conflict detection (排期), adjournment (延期开庭,
EXT2019 Arts 3, 5), online hearings (ONLINE Art 21), holding a hearing and in-court
pronouncement (当庭宣判), the notices to the parties and the 传票 / 开庭通知书 PDF.

A hearing conflicts with another *scheduled* hearing whose time overlaps (half-open
intervals: 09:00–10:00 and 10:00–11:00 do not overlap) when they share

* the courtroom;
* a member of the bench: this case's 承办法官 (``Case.judge``) or a panel member
  (``PanelMember``: presiding judge, judges, assessors, assistant, clerk) sits on the other
  case, as its judge or on its panel;
* a lawyer: a party's agent with the same 执业证号 (``Representation.licence_no``) acts in the
  other case, at any court of the system.

Scheduling with conflicts is refused (``hearing_conflicts``, the conflicts in ``fields``)
unless a division chief or the president of the court overrides with a reason (audited,
``ConflictOverride``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from yizhan.accounts.models import User
from yizhan.accounts.permissions import COURT_READERS, courts_with_role, require_login
from yizhan.audit import services as audit
from yizhan.cases.models import Case, CaseParty, CaseRole, Procedure
from yizhan.core.calendar import period_from
from yizhan.core.errors import CommonError
from yizhan.core.time import now
from yizhan.parties.models import Party, Representation
from yizhan.pdf import FONT_FAMILY, new_document, render_pdf

from .common import docket
from .errors import TrialError
from .hearing_errors import HearingError
from .models import (
    Adjournment,
    AdjournmentGround,
    ConflictOverride,
    Courtroom,
    Hearing,
    HearingNotice,
    HearingStatus,
    NoticeKind,
    OnlineObjection,
    PanelMember,
)
from .permissions import access_trial_case, is_supervisor

# EXT2019 Art 3: at most two adjournments under the ordinary procedure, one under the simple
# and the small-claims procedures. Other procedures are not covered by EXT2019 (no limit).
ADJOURNMENT_LIMITS = {Procedure.ORDINARY: 2, Procedure.SIMPLE: 1, Procedure.SMALL_CLAIMS: 1}
# EXT2019 Art 5: the next session within one month, unless force majeure or consent.
GAP_MONTHS = 1
GAP_EXEMPT = {AdjournmentGround.FORCE_MAJEURE, AdjournmentGround.CONSENT}

PLAINTIFF_SIDE = {CaseRole.PLAINTIFF, CaseRole.APPLICANT, CaseRole.APPLICANT_EXECUTION}
DEFENDANT_SIDE = {CaseRole.DEFENDANT, CaseRole.RESPONDENT, CaseRole.PERSON_SUBJECT_TO_EXECUTION}


# --- conflicts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Conflict:
    kind: str  # courtroom | judge | panel | lawyer
    hearing_id: int
    case_id: int
    case_number: str
    court: str
    starts_at: str
    ends_at: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def local(dt: datetime) -> datetime:
    return timezone.localtime(dt)


def aware(dt: datetime) -> datetime:
    """Naive times from forms and API clients are court time (Asia/Shanghai)."""
    return timezone.make_aware(dt) if timezone.is_naive(dt) else dt


def fmt(dt: datetime) -> str:
    return local(dt).strftime("%Y-%m-%d %H:%M")


def bench(case: Case) -> dict[int, str]:
    """user id → the seat on this case (承办法官 first)."""
    seats: dict[int, str] = {}
    for pm in PanelMember.objects.filter(case=case).select_related("user"):
        seats.setdefault(pm.user_id, str(pm.get_role_display()))
    if case.judge_id:
        seats[case.judge_id] = "承办法官"
    return seats


def lawyer_licences(case: Case) -> dict[str, str]:
    """执业证号 → the lawyer's name, for every agent of the case's parties."""
    party_ids = CaseParty.objects.filter(case=case).values("party_id")
    rows = Representation.objects.filter(party_id__in=party_ids).exclude(licence_no="")
    return {r.licence_no: r.name for r in rows}


def find_conflicts(
    case: Case,
    starts_at: datetime,
    ends_at: datetime,
    courtroom_id: int | None,
    *,
    exclude: tuple[int, ...] = (),
) -> list[Conflict]:
    """Every scheduled hearing overlapping [starts_at, ends_at) that shares the room, a bench
    member or a lawyer with ``case`` (a hearing may appear once per reason)."""
    overlapping = (
        Hearing.objects.filter(
            status=HearingStatus.SCHEDULED, starts_at__lt=ends_at, ends_at__gt=starts_at
        )
        .exclude(pk__in=exclude)
        .select_related("case", "case__court", "courtroom", "case__judge")
    )
    found: list[Conflict] = []

    def add(h: Hearing, kind: str, reason: str) -> None:
        found.append(
            Conflict(
                kind=kind, hearing_id=h.pk, case_id=h.case_id, case_number=h.case.number,
                court=h.case.court.name, starts_at=fmt(h.starts_at), ends_at=fmt(h.ends_at),
                reason=reason,
            )
        )  # fmt: skip

    if courtroom_id is not None:
        for h in overlapping.filter(courtroom_id=courtroom_id):
            add(
                h,
                "courtroom",
                f"{h.courtroom}在 {fmt(h.starts_at)}–{fmt(h.ends_at)[-5:]} "
                f"已排定{h.case.number}的庭审",
            )

    seats = bench(case)
    if seats:
        users = {u.pk: u for u in User.objects.filter(pk__in=seats)}
        other_seats: dict[tuple[int, int], str] = {}
        candidates = overlapping.filter(
            Q(case__judge_id__in=seats) | Q(case__panel__user_id__in=seats)
        ).distinct()
        hearings = list(candidates)
        for pm in PanelMember.objects.filter(
            case_id__in={h.case_id for h in hearings}, user_id__in=seats
        ):
            other_seats.setdefault((pm.case_id, pm.user_id), str(pm.get_role_display()))
        for h in hearings:
            for uid, seat in seats.items():
                there = "承办法官" if h.case.judge_id == uid else other_seats.get((h.case_id, uid))
                if there is None:
                    continue
                kind = "judge" if seat == "承办法官" else "panel"
                add(h, kind,
                    f"本案{seat}{users[uid].display_name}同时担任{h.case.number}的{there}，"
                    f"该案于 {fmt(h.starts_at)} 开庭")  # fmt: skip

    licences = lawyer_licences(case)
    if licences:
        agents = Representation.objects.filter(licence_no__in=licences)
        lawyer_parties: dict[int, set[str]] = {}
        for party_id, lic in agents.values_list("party_id", "licence_no"):
            lawyer_parties.setdefault(party_id, set()).add(lic)
        rows = CaseParty.objects.filter(party_id__in=lawyer_parties).values_list(
            "case_id", "party_id"
        )
        by_case: dict[int, set[str]] = {}
        for case_id, party_id in rows:
            by_case.setdefault(case_id, set()).update(lawyer_parties[party_id])
        for h in overlapping.filter(case_id__in=by_case).exclude(case_id=case.pk):
            for lic in sorted(by_case[h.case_id]):
                add(h, "lawyer",
                    f"代理律师{licences[lic]}（执业证号 {lic}）同时代理{h.case.court.name}"
                    f"{h.case.number}，该案于 {fmt(h.starts_at)} 开庭")  # fmt: skip
    return found


# --- online hearings (ONLINE Art 21) -----------------------------------------------------------


def online_refusal(case: Case) -> str | None:
    """Why an online hearing is not allowed, or None. ONLINE Art 21: both sides object, or
    one party objects with a reason the judge accepts."""
    objections = list(
        OnlineObjection.objects.filter(case=case, withdrawn=False).select_related("party")
    )
    if not objections:
        return None
    good = [o for o in objections if o.good_reason]
    if good:
        return f"{good[0].party.name}有正当理由不同意在线庭审"
    roles = dict(CaseParty.objects.filter(case=case).values_list("party_id", "role"))
    objecting = {o.party_id for o in objections}
    sides = [s for s in (PLAINTIFF_SIDE, DEFENDANT_SIDE) if any(r in s for r in roles.values())]
    if len(sides) == 2:
        if all(any(roles.get(pid) in side for pid in objecting) for side in sides):
            return "双方当事人均不同意在线庭审"
    elif objecting >= set(roles):
        return "当事人均不同意在线庭审"
    return None


def record_online_objection(
    case_id: int,
    *,
    party_id: int,
    reason: str = "",
    good_reason: bool = False,
    withdrawn: bool = False,
    acting_user: Any,
) -> OnlineObjection:
    """Record (or withdraw) a party's objection to an online hearing (ONLINE Art 21)."""
    with transaction.atomic():
        case = access_trial_case(acting_user, case_id, for_write=True)
        # An id no column can hold (2**63) is no party; SQLite raised OverflowError, a 500.
        if not (
            0 < party_id < 2**63 and CaseParty.objects.filter(case=case, party_id=party_id).exists()
        ):
            raise HearingError.NOT_A_PARTY.exc(fields={"party_id": party_id})
        obj, created = OnlineObjection.objects.get_or_create(
            case=case, party_id=party_id,
            defaults={"reason": reason, "good_reason": good_reason, "withdrawn": withdrawn,
                      "recorded_by": acting_user},
        )  # fmt: skip
        before = None if created else {"good_reason": obj.good_reason, "withdrawn": obj.withdrawn}
        if not created:
            obj.reason, obj.good_reason, obj.withdrawn = reason, good_reason, withdrawn
            obj.recorded_by = acting_user
            obj.save()
        party = Party.objects.get(pk=party_id)
        docket(
            case,
            "online_objection",
            f"{party.name}{'撤回' if withdrawn else ''}不同意在线庭审的意见",
            acting_user,
        )
        audit.record("trial.online_objection_recorded", actor=acting_user, subject=case,
                     court=case.court, before=before,
                     after={"party": party_id, "reason": reason, "good_reason": good_reason,
                            "withdrawn": withdrawn})  # fmt: skip
    return obj


# --- scheduling --------------------------------------------------------------------------------


def _check_times(starts_at: datetime, ends_at: datetime) -> tuple[datetime, datetime]:
    starts_at, ends_at = aware(starts_at), aware(ends_at)
    if ends_at <= starts_at:
        raise HearingError.BAD_TIMES.exc(fields={"ends_at": "结束时间须晚于开始时间。"})
    if starts_at < now():
        raise HearingError.BAD_TIMES.exc(fields={"starts_at": "开庭时间不能早于当前时间。"})
    if ends_at - starts_at > timedelta(hours=12):
        raise HearingError.BAD_TIMES.exc(fields={"ends_at": "单次庭审不超过 12 小时。"})
    return starts_at, ends_at


def _courtroom(case: Case, courtroom_id: int | None, online: bool) -> Courtroom | None:
    if courtroom_id is None:
        if online:
            return None
        raise HearingError.COURTROOM_INVALID.exc(fields={"courtroom_id": "请选择法庭。"})
    room = Courtroom.objects.filter(pk=courtroom_id, court_id=case.court_id).first()
    if room is None:
        raise HearingError.COURTROOM_INVALID.exc(fields={"courtroom_id": "法庭不属于本院。"})
    if online and not room.online_capable:
        raise HearingError.COURTROOM_INVALID.exc(fields={"courtroom_id": "该法庭不支持在线庭审。"})
    return room


def open_adjournment(case: Case) -> Adjournment | None:
    """The latest adjournment not yet followed by a new session."""
    return (
        Adjournment.objects.filter(case=case, next_hearing__isnull=True)
        .select_related("hearing")
        .order_by("-recorded_at", "-id")
        .first()
    )


def _check_gap(adj: Adjournment | None, starts_at: datetime) -> None:
    """EXT2019 Art 5: the next session within one month of the adjourned one."""
    if adj is None or adj.ground in GAP_EXEMPT or adj.next_due is None:
        return
    if local(starts_at).date() > adj.next_due:
        raise HearingError.ADJOURNMENT_GAP.exc(fields={
            "starts_at": f"再次开庭应不晚于 {adj.next_due:%Y-%m-%d}",
            "adjourned_hearing": fmt(adj.hearing.starts_at),
            "next_due": adj.next_due.isoformat(),
        })  # fmt: skip


def _notify(hearing: Hearing, kind: str, text: str) -> list[HearingNotice]:
    parties = [
        cp.party for cp in CaseParty.objects.filter(case=hearing.case).select_related("party")
    ]
    return HearingNotice.objects.bulk_create(
        HearingNotice(hearing=hearing, party=p, kind=kind, text=text[:400], mobile=p.mobile)
        for p in parties
    )


def where(hearing: Hearing) -> str:
    if hearing.online:
        return f"{hearing.courtroom.name}（在线庭审）" if hearing.courtroom else "在线庭审"
    return hearing.courtroom.name if hearing.courtroom else ""


def _schedule(
    case: Case,
    *,
    starts_at: datetime,
    ends_at: datetime,
    courtroom_id: int | None,
    online: bool,
    override_reason: str,
    acting_user: Any,
) -> Hearing:
    """Inside the caller's transaction, after the access gate."""
    starts_at, ends_at = _check_times(starts_at, ends_at)
    room = _courtroom(case, courtroom_id, online)
    if online:
        refusal = online_refusal(case)
        if refusal:
            raise HearingError.ONLINE_OBJECTED.exc(fields={"online": refusal})
    adj = open_adjournment(case)
    _check_gap(adj, starts_at)
    conflicts = find_conflicts(case, starts_at, ends_at, room.pk if room else None)
    override = override_reason.strip()
    if conflicts:
        if not override:
            raise HearingError.CONFLICTS.exc(fields={"conflicts": [c.as_dict() for c in conflicts]})
        if not is_supervisor(acting_user, case.court_id):
            raise HearingError.OVERRIDE_CHIEF_ONLY.exc(
                fields={"conflicts": [c.as_dict() for c in conflicts]}
            )
    hearing = Hearing.objects.create(
        case=case,
        courtroom=room,
        starts_at=starts_at,
        ends_at=ends_at,
        online=online,
        created_by=acting_user,
    )
    if adj is not None:
        adj.next_hearing = hearing
        adj.save(update_fields=["next_hearing"])
    place = where(hearing)
    docket(
        case,
        "hearing_scheduled",
        f"排期：{fmt(starts_at)}–{fmt(ends_at)[-5:]} {place}",
        acting_user,
    )
    notices = _notify(hearing, NoticeKind.SCHEDULED,
                      f"{case.number}定于{local(starts_at):%Y年%m月%d日 %H:%M}在{case.court.name}"
                      f"{place}开庭审理，请准时到庭（在线庭审请提前登录）。")  # fmt: skip
    docket(case, "hearing_notice", f"向当事人发出开庭传票/通知 {len(notices)} 份", acting_user)
    after = {
        "hearing": hearing.pk,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "courtroom": room.pk if room else None,
        "online": online,
    }
    audit.record(
        "trial.hearing_scheduled", actor=acting_user, subject=case, court=case.court, after=after
    )
    if conflicts:
        ConflictOverride.objects.create(
            hearing=hearing,
            conflicts=[c.as_dict() for c in conflicts],
            reason=override,
            by=acting_user,
        )
        audit.record(
            "trial.hearing_conflict_overridden",
            actor=acting_user,
            subject=hearing,
            court=case.court,
            after={"reason": override, "conflicts": [c.as_dict() for c in conflicts]},
        )
    return hearing


def schedule_hearing(
    case_id: int,
    *,
    starts_at: datetime,
    ends_at: datetime,
    courtroom_id: int | None,
    online: bool = False,
    override_reason: str = "",
    acting_user: Any,
) -> Hearing:
    """排期: the judge, a panel member (incl. assistant and clerk), or the court's division
    chief / president schedules a hearing; the parties get a notice each."""
    with transaction.atomic():
        case = access_trial_case(acting_user, case_id, for_write=True)
        return _schedule(case, starts_at=starts_at, ends_at=ends_at, courtroom_id=courtroom_id,
                         online=online, override_reason=override_reason,
                         acting_user=acting_user)  # fmt: skip


def check_conflicts(
    case_id: int,
    *,
    starts_at: datetime,
    ends_at: datetime,
    courtroom_id: int | None,
    acting_user: Any,
) -> list[Conflict]:
    """The conflicts a schedule would have (nothing is written)."""
    case = access_trial_case(acting_user, case_id)
    # One naive and one aware time could not be compared (TypeError, a 500).
    starts_at, ends_at = aware(starts_at), aware(ends_at)
    if ends_at <= starts_at:
        raise HearingError.BAD_TIMES.exc(fields={"ends_at": "结束时间须晚于开始时间。"})
    if courtroom_id is not None:
        _courtroom(case, courtroom_id, False)
    return find_conflicts(case, starts_at, ends_at, courtroom_id)


def _access_hearing(user: Any, hearing_id: int, *, for_write: bool) -> Hearing:
    u = require_login(user)
    h = Hearing.objects.filter(pk=hearing_id).only("case_id").first()
    if h is None or h.case_id is None:
        raise CommonError.NOT_FOUND.exc()
    access_trial_case(u, h.case_id, for_write=for_write)
    qs = Hearing.objects.select_related("case", "case__court", "courtroom")
    if for_write:
        qs = qs.select_for_update(of=("self",))
    return qs.get(pk=hearing_id)


def access_hearing(user: Any, hearing_id: int) -> Hearing:
    return _access_hearing(user, hearing_id, for_write=False)


def adjournment_limit(case: Case) -> int | None:
    return ADJOURNMENT_LIMITS.get(case.procedure)  # type: ignore[call-overload]


def adjourn_hearing(
    hearing_id: int,
    *,
    ground: str,
    reason: str,
    acting_user: Any,
    new_starts_at: datetime | None = None,
    new_ends_at: datetime | None = None,
    courtroom_id: int | None = None,
    online: bool | None = None,
    override_reason: str = "",
) -> Hearing:
    """延期开庭 (EXT2019 Art 3: ordinary ≤ 2, simple / small claims ≤ 1; Art 5: the next
    session within one month unless force majeure or the parties' consent). The next session
    may be scheduled at once (``new_starts_at``); the parties are notified."""
    if ground not in AdjournmentGround.values:
        raise CommonError.INVALID_INPUT.exc(fields={"ground": "延期事由不正确。"})
    if not reason.strip():
        raise TrialError.REASON_REQUIRED.exc(fields={"reason": "延期开庭须说明理由。"})
    if (new_starts_at is None) != (new_ends_at is None):
        raise HearingError.BAD_TIMES.exc(
            fields={"new_ends_at": "请同时填写再次开庭的开始和结束时间。"}
        )
    with transaction.atomic():
        hearing = _access_hearing(acting_user, hearing_id, for_write=True)
        case = hearing.case
        if hearing.status != HearingStatus.SCHEDULED:
            raise HearingError.NOT_SCHEDULED.exc()
        limit = adjournment_limit(case)
        done = Adjournment.objects.filter(case=case).count()
        if limit is not None and done >= limit:
            raise HearingError.ADJOURNMENT_LIMIT.exc(fields={
                "procedure": case.get_procedure_display(), "limit": limit, "adjourned": done,
            })  # fmt: skip
        next_due = period_from(local(hearing.starts_at).date(), months=GAP_MONTHS).end
        hearing.status = HearingStatus.ADJOURNED
        hearing.adjournment_reason = reason.strip()[:300]
        hearing.save(update_fields=["status", "adjournment_reason"])
        Adjournment.objects.create(
            hearing=hearing,
            case=case,
            ground=ground,
            reason=reason.strip()[:300],
            next_due=None if ground in GAP_EXEMPT else next_due,
            recorded_by=acting_user,
        )
        label = AdjournmentGround(ground).label
        docket(
            case,
            "hearing_adjourned",
            f"延期开庭（第 {done + 1} 次，{label}）：{reason.strip()[:200]}",
            acting_user,
        )
        text = f"{case.number}原定于{local(hearing.starts_at):%Y年%m月%d日 %H:%M}的庭审延期"
        if ground not in GAP_EXEMPT:
            text += f"，再次开庭不晚于{next_due:%Y年%m月%d日}"
        _notify(hearing, NoticeKind.ADJOURNED, text + "，开庭时间另行通知。")
        audit.record(
            "trial.hearing_adjourned",
            actor=acting_user,
            subject=hearing,
            court=case.court,
            before={"status": HearingStatus.SCHEDULED},
            after={
                "status": HearingStatus.ADJOURNED,
                "ground": ground,
                "reason": reason.strip(),
                "count": done + 1,
                "limit": limit,
                "next_due": next_due if ground not in GAP_EXEMPT else None,
            },
        )
        if new_starts_at is not None and new_ends_at is not None:
            _schedule(case, starts_at=new_starts_at, ends_at=new_ends_at,
                      courtroom_id=courtroom_id if courtroom_id is not None
                      else hearing.courtroom_id,
                      online=hearing.online if online is None else online,
                      override_reason=override_reason, acting_user=acting_user)  # fmt: skip
    return hearing


def hold_hearing(
    hearing_id: int, *, pronounced_in_court: bool = False, note: str = "", acting_user: Any
) -> Hearing:
    """The hearing took place (开庭); with 当庭宣判 it is recorded on the hearing and on the
    case (``Case.pronounced_in_court``, read by the statistics)."""
    with transaction.atomic():
        hearing = _access_hearing(acting_user, hearing_id, for_write=True)
        case = hearing.case
        if hearing.status != HearingStatus.SCHEDULED:
            raise HearingError.NOT_SCHEDULED.exc()
        if now() < hearing.starts_at:
            raise HearingError.NOT_STARTED.exc(fields={"starts_at": fmt(hearing.starts_at)})
        hearing.status = HearingStatus.HELD
        hearing.pronounced_in_court = pronounced_in_court
        hearing.save(update_fields=["status", "pronounced_in_court"])
        extra = f"：{note.strip()[:200]}" if note.strip() else ""
        docket(case, "hearing_held", f"开庭审理（{where(hearing)}）{extra}", acting_user)
        if pronounced_in_court:
            Case.objects.filter(pk=case.pk).update(pronounced_in_court=True)
            case.pronounced_in_court = True
            docket(case, "pronounced_in_court", "当庭宣判", acting_user)
        audit.record("trial.hearing_held", actor=acting_user, subject=hearing, court=case.court,
                     before={"status": HearingStatus.SCHEDULED},
                     after={"status": HearingStatus.HELD,
                            "pronounced_in_court": pronounced_in_court})  # fmt: skip
    return hearing


def cancel_hearing(hearing_id: int, *, reason: str, acting_user: Any) -> Hearing:
    """撤销排期 (e.g. the case was withdrawn or settled); the parties are notified."""
    if not reason.strip():
        raise TrialError.REASON_REQUIRED.exc(fields={"reason": "撤销排期须说明理由。"})
    with transaction.atomic():
        hearing = _access_hearing(acting_user, hearing_id, for_write=True)
        if hearing.status != HearingStatus.SCHEDULED:
            raise HearingError.NOT_SCHEDULED.exc()
        hearing.status = HearingStatus.CANCELLED
        hearing.save(update_fields=["status"])
        case = hearing.case
        docket(case, "hearing_cancelled", f"撤销排期：{reason.strip()[:200]}", acting_user)
        _notify(
            hearing,
            NoticeKind.CANCELLED,
            f"{case.number}原定于{local(hearing.starts_at):%Y年%m月%d日 %H:%M}的庭审已取消。",
        )
        audit.record(
            "trial.hearing_cancelled",
            actor=acting_user,
            subject=hearing,
            court=case.court,
            before={"status": HearingStatus.SCHEDULED},
            after={"status": HearingStatus.CANCELLED, "reason": reason.strip()},
        )
    return hearing


# --- reads -----------------------------------------------------------------------------------


def require_court_staff(user: Any, court_id: int) -> User:
    """Court staff of ``court_id``; anyone else gets 404 (the court's lists are not shown)."""
    u = require_login(user)
    if court_id not in courts_with_role(u, COURT_READERS):
        raise CommonError.NOT_FOUND.exc()
    return u


def court_hearings(
    court_id: int,
    start: date,
    end: date,
    *,
    judge_id: int | None = None,
    courtroom_id: int | None = None,
    statuses: tuple[str, ...] | None = None,
) -> QuerySet[Hearing]:
    """Hearings of a court whose start falls on [start, end] (court time)."""
    lo = timezone.make_aware(datetime.combine(start, time.min))
    hi = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min))
    qs = Hearing.objects.filter(case__court_id=court_id, starts_at__gte=lo, starts_at__lt=hi)
    if judge_id is not None:
        qs = qs.filter(Q(case__judge_id=judge_id) | Q(case__panel__user_id=judge_id)).distinct()
    if courtroom_id is not None:
        qs = qs.filter(courtroom_id=courtroom_id)
    if statuses:
        qs = qs.filter(status__in=statuses)
    return qs.select_related("case", "courtroom", "case__judge").order_by("starts_at", "id")


def hearing_dict(h: Hearing) -> dict[str, Any]:
    return {
        "id": h.pk,
        "case_id": h.case_id,
        "case_number": h.case.number,
        "courtroom_id": h.courtroom_id,
        "courtroom": h.courtroom.name if h.courtroom else "",
        "starts_at": local(h.starts_at).isoformat(),
        "ends_at": local(h.ends_at).isoformat(),
        "online": h.online,
        "status": h.status,
        "status_label": str(h.get_status_display()),
        "judge": h.case.judge.display_name if h.case.judge else "",
        "adjournment_reason": h.adjournment_reason,
        "pronounced_in_court": h.pronounced_in_court,
    }


def case_hearing_summary(case: Case) -> dict[str, Any]:
    adj = open_adjournment(case)
    limit = adjournment_limit(case)
    return {
        "adjournments": Adjournment.objects.filter(case=case).count(),
        "adjournment_limit": limit,
        "next_due": adj.next_due.isoformat() if adj and adj.next_due else None,
        "online_refusal": online_refusal(case),
    }


# --- documents -------------------------------------------------------------------------------


def summons_pdf(hearing: Hearing) -> bytes:
    """传票 (one page per party) for a scheduled hearing, with the CJK font."""
    case = hearing.case
    parties: list[CaseParty | None] = list(
        CaseParty.objects.filter(case=case).select_related("party")
    )
    doc = new_document(f"{case.number} 传票")
    start = local(hearing.starts_at)
    for cp in parties or [None]:
        doc.add_page()
        doc.set_font(FONT_FAMILY, "B", 18)
        doc.cell(text=case.court.name, new_x="LMARGIN", new_y="NEXT", align="C")
        doc.set_font(FONT_FAMILY, "B", 22)
        doc.cell(text="传  票", new_x="LMARGIN", new_y="NEXT", align="C")
        doc.set_font(FONT_FAMILY, "", 12)
        doc.ln(4)
        doc.cell(text=case.number, new_x="LMARGIN", new_y="NEXT", align="R")
        doc.ln(4)
        rows = [
            ("案由", case.cause.name if case.cause else ""),
            ("被传唤人", f"{cp.party.name}（{cp.get_role_display()}）" if cp else ""),
            ("传唤事由", "开庭审理"),
            ("应到时间", f"{start:%Y年%m月%d日 %H时%M分}"),
            ("应到处所", f"{case.court.name}{where(hearing)}"),
        ]
        for label, value in rows:
            doc.set_font(FONT_FAMILY, "B", 12)
            doc.cell(w=35, h=10, text=label, border=1)
            doc.set_font(FONT_FAMILY, "", 12)
            doc.multi_cell(w=0, h=10, text=value, border=1, new_x="LMARGIN", new_y="NEXT")
        doc.ln(6)
        doc.multi_cell(
            w=0, h=8, new_x="LMARGIN", new_y="NEXT",
            text="注意事项：一、被传唤人必须准时到达应到处所；二、本传票由被传唤人携带来院报到；"
            "三、被传唤人收到传票后，应在送达回证上签名或者盖章；"
            "四、原告经传票传唤无正当理由拒不到庭的，可以按撤诉处理；被告经传票传唤无正当理由"
            "拒不到庭的，可以缺席判决（民事诉讼法第一百四十六条、第一百四十七条）。",
        )  # fmt: skip
        doc.ln(10)
        doc.cell(text=f"{case.court.name}", new_x="LMARGIN", new_y="NEXT", align="R")
        doc.cell(text=f"{local(hearing.created_at):%Y年%m月%d日}", new_x="LMARGIN",
                 new_y="NEXT", align="R")  # fmt: skip
    return render_pdf(doc)


def next_hearing(case: Case) -> Hearing | None:
    return (
        Hearing.objects.filter(case=case, status=HearingStatus.SCHEDULED)
        .select_related("case", "case__court", "courtroom", "case__cause")
        .order_by("starts_at")
        .first()
    )
