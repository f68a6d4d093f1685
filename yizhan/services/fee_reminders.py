"""催缴短信: a text message, a few working days before the due date, to each party who must
pay a fee that is still unpaid, so that a case is not treated as withdrawn (CPLI Arts 199,
213) nor an appeal (CPLI Art 318) for want of a fee the party forgot.

Run daily by :func:`yizhan.services.tasks.remind_fees_due`. It lives in the service desk
because the SMS sender does (the import contracts put ``services`` above ``cases`` and
``trial``); the record of what was sent is ``cases.FeeReminder``.

Which notices: unpaid (``due``), amount above zero, on a pending case, due today or within
``YIZHAN_FEE_REMINDER_DAYS`` working days on the court calendar (a court's choice, not a
legal rule; default 2): the case's ``FeeNotice`` and its ``SupplementaryFeeNotice`` rows.
Who pays: the first notice of a first-instance case and a simple → ordinary top-up, the
plaintiffs / applicants (``PAYER_ROLES``, FEE Art 20); the first notice of a second-instance
case, the first appellant (FEE Art 22; the case copies the first instance's parties and
roles, so the plaintiffs may be the appellees); a later appellant's notice, that appellant
(``party``). Each payer with a mobile number (the party's, else its linked account's) gets
one text per notice, ever: the ``FeeReminder`` row and its unique constraint are written in
the transaction that queues the text, so a retried or concurrent run sends nothing more. A
payer without a mobile number gets nothing and is counted (``no_mobile``); it is tried again
on the next run, until the due date passes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction

from yizhan.audit import services as audit
from yizhan.cases.models import (
    Case,
    CaseParty,
    CaseRelation,
    CaseStatus,
    FeeNotice,
    FeeReminder,
    FeeReminderNotice,
    FeeStatus,
    SupplementaryFeeNotice,
    SupplementaryFeeReason,
)
from yizhan.cases.selectors import PAYER_ROLES
from yizhan.core.calendar import working_days_from
from yizhan.core.time import today
from yizhan.parties.models import Party
from yizhan.trial.models import AppealRecord

from . import conf, sms

PURPOSE = "fee_reminder"
APPLICANT_ROLES = frozenset({"applicant", "applicant_execution"})


@dataclass(frozen=True)
class Due:
    """One unpaid notice to remind, with what the text says about it."""

    kind: str  # FeeReminderNotice
    notice_id: int
    case: Case
    amount: Decimal
    due_on: date
    appeal: bool  # an appeal fee: the appeal, not the case, is treated as withdrawn
    top_up: bool  # a simple → ordinary top-up (补交)
    payers: list[tuple[Party, str]]  # (party, role) in a stable order


def window_end(on: date) -> date:
    """The first day *not* in the reminder window: a notice is reminded when at most
    ``YIZHAN_FEE_REMINDER_DAYS`` working days lie after ``on`` up to its due date, i.e. when
    it is due before the (N + 1)-th working day after ``on`` (court calendar)."""
    return working_days_from(on, conf.fee_reminder_days() + 1).end


def mobile_of(party: Party) -> str:
    """The party's own mobile number, else that of its linked account ('' if neither)."""
    if party.mobile:
        return party.mobile
    if party.user is not None:
        return party.user.mobile or ""
    return ""


def message(due: Due, party: Party, role: str) -> str:
    """The text: court, addressee, case number, amount (yuan, 2 places), due date and the
    consequence of not paying."""
    court = due.case.court.name
    amount = f"{due.amount.quantize(Decimal('0.01'))}"
    day = f"{due.due_on.year}年{due.due_on.month}月{due.due_on.day}日"
    if due.appeal:
        what, verb, result = "上诉费", "交纳", "按撤回上诉处理"
    elif due.top_up:
        what, verb, result = "补交诉讼费", "补交", "按撤诉处理"
    else:
        what, verb = "诉讼费", "交纳"
        result = "按撤回申请处理" if role in APPLICANT_ROLES else "按撤诉处理"
    return (
        f"【{court}】{party.name}：{due.case.number}案{what}{amount}元，"
        f"请于{day}前{verb}；逾期未{verb}的，{result}。"
    )


def _plaintiffs(case: Case) -> list[tuple[Party, str]]:
    rows = (
        CaseParty.objects.filter(case=case, role__in=PAYER_ROLES)
        .select_related("party", "party__user")
        .order_by("id")
    )
    seen: set[int] = set()
    payers = []
    for cp in rows:
        if cp.party_id not in seen:
            seen.add(cp.party_id)
            payers.append((cp.party, cp.role))
    return payers


def _first_appellant(case: Case) -> list[tuple[Party, str]]:
    first = (
        AppealRecord.objects.filter(second_case=case)
        .select_related("appellant", "appellant__user")
        .order_by("id")
        .first()
    )
    return [(first.appellant, "appellant")] if first is not None else []


def dues(on: date) -> list[Due]:
    """The unpaid notices in the reminder window on ``on``, with their payers (earliest due
    date first). Notices already past their due date are not reminded (the clerk's worklist,
    ``cases.selectors.overdue_supplementary_fees``, has them)."""
    end = window_end(on)
    window = {
        "status": FeeStatus.DUE,
        "amount_due__gt": 0,
        "due_on__gte": on,
        "due_on__lt": end,
        "case__status": CaseStatus.PENDING,
    }
    result: list[Due] = []
    for fee in FeeNotice.objects.filter(**window).select_related("case", "case__court"):
        assert fee.due_on is not None
        appeal = fee.case.relation == CaseRelation.APPEAL
        result.append(
            Due(
                kind=FeeReminderNotice.FEE,
                notice_id=fee.pk,
                case=fee.case,
                amount=fee.amount_due,
                due_on=fee.due_on,
                appeal=appeal,
                top_up=False,
                payers=_first_appellant(fee.case) if appeal else _plaintiffs(fee.case),
            )
        )
    supplementary = SupplementaryFeeNotice.objects.filter(**window).select_related(
        "case", "case__court", "party", "party__user"
    )
    for notice in supplementary:
        assert notice.due_on is not None
        appellant = notice.reason == SupplementaryFeeReason.APPEAL_SECOND_APPELLANT
        if appellant:
            payers = [(notice.party, "appellant")] if notice.party is not None else []
        else:
            payers = _plaintiffs(notice.case)
        result.append(
            Due(
                kind=FeeReminderNotice.SUPPLEMENTARY,
                notice_id=notice.pk,
                case=notice.case,
                amount=notice.amount_due,
                due_on=notice.due_on,
                appeal=appellant,
                top_up=notice.reason == SupplementaryFeeReason.PROCEDURE_CONVERSION,
                payers=payers,
            )
        )
    result.sort(key=lambda d: (d.due_on, d.kind, d.notice_id))
    return result


def remind_fees_due(on: date | None = None) -> dict[str, int]:
    """Send the reminders due on ``on`` (today): returns how many were ``sent``, how many
    payers had ``no_mobile``, and how many had been reminded already (``already``).
    Idempotent: a second run the same day (or a concurrent one) sends nothing more."""
    day = on or today()
    counts = {"sent": 0, "no_mobile": 0, "already": 0}
    for due in dues(day):
        done = set(
            FeeReminder.objects.filter(notice_kind=due.kind, notice_id=due.notice_id).values_list(
                "party_id", flat=True
            )
        )
        for party, role in due.payers:
            if party.pk in done:
                counts["already"] += 1
                continue
            mobile = mobile_of(party)
            if not mobile:
                counts["no_mobile"] += 1
                continue
            if _remind(due, party, mobile, message(due, party, role), day):
                counts["sent"] += 1
            else:
                counts["already"] += 1
    return counts


def _remind(due: Due, party: Party, mobile: str, text: str, day: date) -> bool:
    """Record the reminder and queue its text in one transaction; False (nothing sent) when
    another run recorded it first."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                reminder = FeeReminder.objects.create(
                    notice_kind=due.kind,
                    notice_id=due.notice_id,
                    case=due.case,
                    party=party,
                    mobile=mobile,
                    amount=due.amount,
                    due_on=due.due_on,
                    sent_on=day,
                )
        except IntegrityError:
            return False
        audit.record(
            "services.fee_reminder_sent",
            actor=None,
            subject=due.case,
            court=due.case.court,
            after={
                "reminder": reminder.pk,
                "notice_kind": due.kind,
                "notice": due.notice_id,
                "party": party.pk,
                "amount": due.amount,
                "due_on": due.due_on,
            },
        )
        # Sent once the row is committed: a rolled-back reminder sends nothing, a committed
        # one is never sent again (at most once; a gateway failure is logged, not retried).
        transaction.on_commit(lambda: sms.send(mobile, text, PURPOSE), robust=True)
    return True
