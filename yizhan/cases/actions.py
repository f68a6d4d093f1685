"""Case use cases. ``open_case`` is called by filing.actions.accept_filing inside its
transaction."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction

from yizhan.accounts.models import Role, User
from yizhan.accounts.permissions import has_role
from yizhan.audit import services as audit
from yizhan.core.calendar import period_from
from yizhan.core.errors import CommonError
from yizhan.core.fees import quote
from yizhan.core.time import now, today
from yizhan.parties.models import Party
from yizhan.rules.fees import FeeQuote

from .models import (
    Case,
    CaseParty,
    CaseRelation,
    CaseRole,
    CaseStatus,
    DocketEntry,
    FeeNotice,
    FeeStatus,
    SupplementaryFeeNotice,
    SupplementaryFeeReason,
)
from .numbering import next_number
from .procedures import suggest_procedure
from .selectors import access_case

ROLE_MAP = {
    "plaintiff": CaseRole.PLAINTIFF,
    "defendant": CaseRole.DEFENDANT,
    "third_party": CaseRole.THIRD_PARTY,
    "applicant": CaseRole.APPLICANT,
    "respondent": CaseRole.RESPONDENT,
}


def docket(case: Case, kind: str, text: str, actor: User | None) -> DocketEntry:
    return DocketEntry.objects.create(
        case=case, kind=kind, text=text, occurred_at=now(), actor=actor
    )


def fee_for(fee_kind: str, amount: Decimal | None, procedure: str) -> FeeQuote | None:
    """The acceptance or application fee; None where no fee is charged (FEE Art 8)."""
    if not fee_kind:
        return None
    fee_procedure = procedure if procedure in {"ordinary", "simple", "small_claims"} else "ordinary"
    return quote(fee_kind, amount, procedure=fee_procedure)


def open_case(
    filing: Any,
    *,
    acting_user: User,
    procedure: str | None,
    fee_kind: str,
    relief: Any,
    type_code: str,
    prepaid: bool,
) -> Case:
    """Open the case for an accepted filing (a ``filing.Filing``): number, parties, docket,
    fee notice. ``type_code`` and ``prepaid`` come from the filing kind's spec; ``relief`` is
    the filing's ``FeeRelief`` or None."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("open_case() runs inside accept_filing's transaction")
    suggested = suggest_procedure(filing.kind, filing.court.level, fee_kind, filing.claim_amount)
    chosen = procedure or suggested
    from .procedures import allowed_procedures

    if chosen not in allowed_procedures(filing.kind, filing.court.level):
        raise CommonError.INVALID_INPUT.exc(fields={"procedure": "该程序不适用于本案。"})
    docketed_on = today()
    number = next_number(filing.court, docketed_on.year, type_code)
    case = Case.objects.create(
        court=filing.court,
        year=number.year,
        special_code=number.special_code,
        type_code=number.type_code,
        seq=number.seq,
        number=number.render(),
        cause=filing.cause,
        procedure=chosen,
        filed_on=docketed_on,
        claim_amount=filing.claim_amount,
        claims=filing.claims,
        filing=filing,
    )
    CaseParty.objects.bulk_create(
        CaseParty(case=case, party_id=fp.party_id, role=ROLE_MAP.get(fp.role, fp.role))
        for fp in filing.filing_parties.all()
    )
    docket(case, "filed", f"立案（{case.get_procedure_display()}）", acting_user)
    _issue_fee_notice(case, fee_kind, relief, prepaid)
    audit.record(
        "case.opened",
        actor=acting_user,
        subject=case,
        court=case.court,
        after={"number": case.number, "procedure": chosen, "filing": filing.pk},
    )
    return case


def _free_notice(case: Case, basis: str) -> FeeNotice:
    """A notice that no acceptance fee is charged (FEE Art 8), with its docket entry."""
    notice = FeeNotice.objects.create(
        case=case,
        fee_kind="none",
        full_fee=Decimal("0.00"),
        amount_due=Decimal("0.00"),
        basis=[basis],
        status=FeeStatus.WAIVED,
        issued_on=today(),
    )
    docket(case, "fee_notice", "本案不收取案件受理费", None)
    return notice


def _fee_notice(
    case: Case,
    *,
    fee_kind: str,
    q: FeeQuote,
    amount_due: Decimal,
    basis: list[str],
    status: str,
    due_on: date | None,
    relief: str = "",
    articles: str = "第二十二条",
    appealed_amount: Decimal | None = None,
) -> FeeNotice:
    """Create a fee notice issued today and docket it (``articles``: what the deadline rests on;
    ``appealed_amount``: on a second instance, the amount the fee is computed on, FEE Art 17)."""
    notice = FeeNotice.objects.create(
        case=case,
        fee_kind=fee_kind,
        full_fee=q.full_fee,
        amount_due=amount_due,
        basis=basis,
        relief=relief,
        status=status,
        issued_on=today(),
        due_on=due_on,
        appealed_amount=appealed_amount,
    )
    text = f"发出交纳诉讼费用通知书：{amount_due} 元"
    if due_on:
        text += f"，请于 {due_on:%Y-%m-%d} 前交纳（《诉讼费用交纳办法》{articles}）"
    docket(case, "fee_notice", text, None)
    return notice


def _payment_due() -> date:
    """FEE Art 22: pay within 7 days of the notice (a setting), on the court calendar."""
    return period_from(today(), days=settings.YIZHAN_FEE_PAYMENT_DAYS).end


def _issue_fee_notice(case: Case, fee_kind: str, relief: Any, prepaid: bool) -> None:
    q = fee_for(fee_kind, case.claim_amount, case.procedure)
    if q is None:
        _free_notice(case, "《诉讼费用交纳办法》第八条：本类案件不交纳案件受理费")
        return
    amount_due = q.fee
    status = FeeStatus.DUE
    due_on: date | None = _payment_due()
    basis = list(q.basis)
    relief_label = ""
    if not prepaid:
        # FEE Art 20 ¶2: execution fees are paid after execution, bankruptcy fees after
        # liquidation.
        status, due_on = FeeStatus.NOT_PREPAID, None
        basis.append("《诉讼费用交纳办法》第二十条第二款：本类申请费不预交")
    elif relief is not None and relief.status == "granted":
        relief_label = relief.kind
        if relief.kind == "waive":
            amount_due, status, due_on = Decimal("0.00"), FeeStatus.WAIVED, None
            basis.append("准予免交（《诉讼费用交纳办法》第四十五条）")
        elif relief.kind == "reduce":
            pct = Decimal(relief.reduce_percent or 0)
            amount_due = (q.fee * (100 - pct) / 100).quantize(Decimal("0.01"))
            basis.append(f"准予减交 {pct}%（《诉讼费用交纳办法》第四十七条）")
        else:
            status, due_on = FeeStatus.DEFERRED, None
            basis.append("准予缓交（《诉讼费用交纳办法》第四十八条）")
    _fee_notice(
        case,
        fee_kind=fee_kind,
        q=q,
        amount_due=amount_due,
        basis=basis,
        status=status,
        due_on=due_on,
        relief=relief_label,
    )


FEE_ART_8_RULING_APPEAL = (
    "《诉讼费用交纳办法》第八条：对不予受理、驳回起诉和管辖权异议裁定提起上诉的案件不交纳案件受理费"
)
FEE_ART_8_NO_FEE = "《诉讼费用交纳办法》第八条：本类案件不交纳案件受理费"
FEE_ART_17 = "《诉讼费用交纳办法》第十七条：按照不服一审判决部分的上诉请求数额交纳"


def _first_instance_notice(first: Case) -> FeeNotice | None:
    """The acceptance fee notice of a first-instance case; for a retrial opened by a remand
    (relation ``remand``, parent = the 民终 case), which charges no new acceptance fee, the
    notice of the first-instance case it retries (up a chain of remands)."""
    current: Case | None = first
    for _ in range(20):  # bounded against inconsistent data
        if current is None:
            return None
        notice = FeeNotice.objects.filter(case=current).first()
        if notice is not None or current.relation != CaseRelation.REMAND:
            return notice
        second = Case.objects.filter(pk=current.parent_id).first() if current.parent_id else None
        if second is None or second.relation != CaseRelation.APPEAL:
            return None
        current = Case.objects.filter(pk=second.parent_id).first() if second.parent_id else None
    return None


def _appeal_fee(
    first: Case, *, against: str, appealed_amount: Decimal | None
) -> tuple[str, FeeQuote | None, str, Decimal | None]:
    """One appellant's appeal fee: (fee kind, quote, why nothing is charged, the amount it is
    computed on).

    FEE Art 17: charged on the part of the claim the appellant contests (``appealed_amount``;
    the whole claim where it is not given), with the first instance's fee kind and the
    ordinary schedule (no simple procedure on appeal, so no halving).
    FEE Art 8: appeals against rulings (不予受理、驳回起诉、管辖权异议) pay nothing; the quote
    is then None."""
    if against != "judgment":
        return "none", None, FEE_ART_8_RULING_APPEAL, None
    first_notice = _first_instance_notice(first)
    fee_kind = first_notice.fee_kind if first_notice is not None else ""
    amount = appealed_amount if appealed_amount is not None else first.claim_amount
    q = fee_for(fee_kind, amount, "ordinary") if fee_kind != "none" else None
    if q is None:
        return "none", None, FEE_ART_8_NO_FEE, None
    return fee_kind, q, "", amount


def issue_appeal_fee_notice(
    second: Case, first: Case, *, against: str, appealed_amount: Decimal | None
) -> FeeNotice:
    """The second instance's fee notice, issued when the appeal is registered (called inside
    the trial module's ``register_appeal`` transaction, which checks permission and audits).

    The amount is ``_appeal_fee`` (FEE Arts 8, 17).
    FEE Art 22: the appellant pays on appealing, else within 7 days of the notice.
    """
    fee_kind, q, free_basis, amount = _appeal_fee(
        first, against=against, appealed_amount=appealed_amount
    )
    if q is None:
        return _free_notice(second, free_basis)
    return _fee_notice(
        second,
        fee_kind=fee_kind,
        q=q,
        amount_due=q.fee,
        basis=[FEE_ART_17, *q.basis],
        status=FeeStatus.DUE,
        due_on=_payment_due(),
        articles="第十七条、第二十二条",
        appealed_amount=amount,
    )


def issue_appellant_fee_notice(
    second: Case,
    first: Case,
    *,
    appellant: Party,
    against: str,
    appealed_amount: Decimal | None,
) -> SupplementaryFeeNotice | None:
    """A later appellant's own appeal fee (上诉费（其他上诉人）), issued when it joins the
    existing second-instance case (called inside the trial module's ``register_appeal``
    transaction, which checks permission, locks the first-instance case and audits).

    Each appellant pays on the part of the judgment it contests (FEE Art 17), computed exactly
    as for the first appellant (``_appeal_fee``), due 7 days after the notice on the court
    calendar (FEE Art 22). The case's ``FeeNotice`` (the first appellant's) is unchanged.
    Nothing is issued for an appeal against a ruling or where no fee is charged (FEE Art 8),
    nor a second time for the same appellant (one notice per case, reason and party).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("issue_appellant_fee_notice() runs inside register_appeal")
    reason = SupplementaryFeeReason.APPEAL_SECOND_APPELLANT
    if SupplementaryFeeNotice.objects.filter(case=second, reason=reason, party=appellant).exists():
        return None
    fee_kind, q, _free, amount = _appeal_fee(
        first, against=against, appealed_amount=appealed_amount
    )
    if q is None:
        return None
    due_on = _payment_due()
    notice = SupplementaryFeeNotice.objects.create(
        case=second,
        reason=reason,
        party=appellant,
        fee_kind=fee_kind,
        full_fee=q.full_fee,
        amount_due=q.fee,
        basis=[FEE_ART_17, *q.basis],
        status=FeeStatus.DUE,
        issued_on=today(),
        due_on=due_on,
        appealed_amount=amount,
    )
    docket(
        second,
        "appellant_fee_notice",
        f"向上诉人{appellant.name}发出交纳诉讼费用通知书：{q.fee} 元，请于 {due_on:%Y-%m-%d} 前"
        "交纳（《诉讼费用交纳办法》第十七条、第二十二条）",
        None,
    )
    return notice


CPLI = "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》"
SIMPLE_PROCEDURES = {"simple", "small_claims"}


def issue_conversion_fee_notice(
    case: Case, *, from_procedure: str
) -> SupplementaryFeeNotice | None:
    """The 补交诉讼费通知 when a case goes from simple (or small claims) to ordinary procedure
    (called inside the trial module's ``convert_procedure`` transaction, which checks
    permission, locks the case and audits).

    The simple procedure's fee was halved (FEE Art 16); the plaintiff now tops up the
    difference between the ordinary fee and the simple fee, both quoted by the fee rules on
    the case's claim, within 7 days of the notice on the court calendar (CPLI Art 199; FEE
    Art 22). Nothing is issued when the case has no fee notice, no fee is charged (FEE Art 8),
    the fee was waived or is not prepaid, nothing was due, or the kind is not halved. A
    reduction granted as fee relief applies to the top-up too (FEE Art 47); a deferral defers
    it. At most one notice per case (a retried conversion never issues a second one).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("issue_conversion_fee_notice() runs inside convert_procedure")
    if from_procedure not in SIMPLE_PROCEDURES:
        return None
    notice = FeeNotice.objects.filter(case=case).first()
    if (
        notice is None
        or notice.fee_kind in {"", "none"}
        or notice.status in {FeeStatus.WAIVED, FeeStatus.NOT_PREPAID}
        or notice.amount_due <= 0
    ):
        return None
    reason = SupplementaryFeeReason.PROCEDURE_CONVERSION
    if SupplementaryFeeNotice.objects.filter(case=case, reason=reason).exists():
        return None
    simple = quote(notice.fee_kind, case.claim_amount, procedure=from_procedure)
    ordinary = quote(notice.fee_kind, case.claim_amount, procedure="ordinary")
    difference = ordinary.fee - simple.fee
    if difference <= 0:
        return None
    basis = [
        f"{CPLI}第一百九十九条：适用简易程序审理的案件转为普通程序的，原告自接到人民法院交纳"
        "诉讼费用通知之日起七日内补交案件受理费",
        f"普通程序应交：{ordinary.fee} 元；简易程序减半应交（《诉讼费用交纳办法》第十六条）："
        f"{simple.fee} 元；应补交：{difference} 元",
    ]
    amount_due = difference
    status = FeeStatus.DUE
    due_on: date | None = _payment_due()
    if notice.status == FeeStatus.DEFERRED:
        status, due_on = FeeStatus.DEFERRED, None
        basis.append("已准予缓交（《诉讼费用交纳办法》第四十八条）")
    elif notice.relief == "reduce":
        relief = getattr(case.filing, "fee_relief", None) if case.filing_id else None
        pct = Decimal(getattr(relief, "reduce_percent", None) or 0)
        if pct:
            amount_due = (difference * (100 - pct) / 100).quantize(Decimal("0.01"))
            basis.append(f"已准予减交 {pct}%（《诉讼费用交纳办法》第四十七条）")
    basis.append(f"本次应补交：{amount_due} 元")
    top_up = SupplementaryFeeNotice.objects.create(
        case=case,
        reason=reason,
        fee_kind=notice.fee_kind,
        full_fee=ordinary.fee,
        amount_due=amount_due,
        basis=basis,
        status=status,
        issued_on=today(),
        due_on=due_on,
    )
    text = f"发出补交诉讼费用通知：{amount_due} 元"
    if due_on:
        text += (
            f"，请于 {due_on:%Y-%m-%d} 前补交；逾期未补交的，按撤诉处理（民诉法解释第一百九十九条）"
        )
    docket(case, "fee_top_up_notice", text, None)
    return top_up


def record_supplementary_fee_payment(
    case_id: int, notice_id: int, *, acting_user: Any
) -> SupplementaryFeeNotice:
    """A filing clerk records that a top-up was paid (the bank's voucher, FEE Art 52), as for
    the first fee. Refused once the case is closed (treated as withdrawn, CPLI Art 199)."""
    with transaction.atomic():
        case = access_case(acting_user, case_id, for_write=True)
        if not has_role(acting_user, Role.FILING_CLERK, case.court_id):
            raise CommonError.PERMISSION_DENIED.exc()
        notice = (
            SupplementaryFeeNotice.objects.select_for_update().filter(pk=notice_id, case=case)
        ).first()
        if notice is None:
            raise CommonError.NOT_FOUND.exc()
        if (
            notice.status not in {FeeStatus.DUE, FeeStatus.DEFERRED}
            or case.status != CaseStatus.PENDING
        ):
            raise CommonError.WRONG_STATE.exc()
        before = {"status": notice.status}
        notice.status = FeeStatus.PAID
        notice.paid_on = today()
        notice.save(update_fields=["status", "paid_on"])
        if notice.reason == SupplementaryFeeReason.APPEAL_SECOND_APPELLANT and notice.party:
            text = f"上诉人{notice.party.name}已交纳上诉案件受理费 {notice.amount_due} 元"
        else:
            text = f"已补交诉讼费 {notice.amount_due} 元"
        docket(case, "fee_top_up_paid", text, acting_user)
        audit.record(
            "case.fee_top_up_paid",
            actor=acting_user,
            subject=case,
            court=case.court,
            before=before,
            after={
                "notice": notice.pk,
                "reason": notice.reason,
                "party": notice.party_id,
                "status": notice.status,
                "amount": notice.amount_due,
            },
        )
    return notice


def record_fee_payment(case_id: int, *, acting_user: Any) -> FeeNotice:
    """A filing clerk records that the fee was paid (the bank's voucher, FEE Art 52)."""
    with transaction.atomic():
        case = access_case(acting_user, case_id, for_write=True)
        if not has_role(acting_user, Role.FILING_CLERK, case.court_id):
            raise CommonError.PERMISSION_DENIED.exc()
        notice = FeeNotice.objects.select_for_update().get(case=case)
        if notice.status not in {FeeStatus.DUE, FeeStatus.DEFERRED}:
            raise CommonError.WRONG_STATE.exc()
        before = {"status": notice.status}
        notice.status = FeeStatus.PAID
        notice.paid_on = today()
        notice.save()
        docket(case, "fee_paid", f"已交纳诉讼费 {notice.amount_due} 元", acting_user)
        audit.record(
            "case.fee_paid",
            actor=acting_user,
            subject=case,
            court=case.court,
            before=before,
            after={"status": notice.status, "amount": notice.amount_due},
        )
    return notice
