"""上诉 (appeals): the appeal period, the second-instance case, outcomes and remand.

- Period: judgment 15 days, ruling 10 days, from service on the appellant (CPL23 Art 171),
  on the court calendar (CPL23 Art 85). A late appeal is refused.
- The second-instance case (民终) is opened at the first-instance court's parent court with
  ``next_number``, linked by parent / relation=appeal / origin. Several appellants of the
  same decision share one second-instance case. Each appellant pays the appeal fee on the
  part it contests (FEE Art 17): the first on the case's fee notice, each later one on its own
  supplementary notice (reason ``appeal_second_appellant``); a party appeals once. A case
  closed by a ruling (驳回起诉, 其他裁定) has no judgment: an appeal "against the judgment" on
  it is refused (``invalid_input``), the clerk enters it as a ruling appeal.
- Transfer deadlines: copy of the appeal served on the respondent within 5 days (CPL23 Art
  173); file sent within 5 days after the answer (Art 174); both recorded as due dates and
  docket entries.
- Outcomes are recorded on both cases (appeal_outcome); a remand (发回重审) opens the retrial
  case (民初) at the first-instance court, docketed the day after the file arrives (TL2000
  transfer rules), with the judges of the earlier instances excluded (CPL23 Art 41).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from yizhan.audit import services as audit
from yizhan.cases.actions import issue_appeal_fee_notice, issue_appellant_fee_notice
from yizhan.cases.models import (
    AppealOutcome,
    Case,
    CaseParty,
    CaseRelation,
    CaseStatus,
    ClosureMethod,
    Procedure,
)
from yizhan.cases.numbering import next_number
from yizhan.core.calendar import period_from
from yizhan.core.errors import CommonError
from yizhan.core.time import today

from .closure import _close
from .common import docket
from .deadlines import refresh_limit
from .errors import TrialError
from .models import AppealAgainst, AppealRecord, CaseDocument, ServiceRecord
from .permissions import access_trial_case

APPEAL_DAYS = {AppealAgainst.JUDGMENT: 15, AppealAgainst.RULING: 10}  # CPL23 Art 171
# First-instance closures by a ruling that can be appealed (no judgment exists on them), with
# the Chinese name used in the refusal (not the translatable label: error messages are Chinese).
RULING_CLOSURES = {ClosureMethod.DISMISSAL: "驳回起诉", ClosureMethod.RULING: "其他裁定"}

OUTCOME_CLOSURE = {
    AppealOutcome.AFFIRMED: ClosureMethod.AFFIRMED,
    AppealOutcome.REVISED: ClosureMethod.REVISED,
    AppealOutcome.PARTLY_REVISED: ClosureMethod.REVISED,
    AppealOutcome.REMANDED: ClosureMethod.REMANDED,
    AppealOutcome.WITHDRAWN: ClosureMethod.APPEAL_WITHDRAWN,
    AppealOutcome.MEDIATED: ClosureMethod.MEDIATION,
    AppealOutcome.OTHER: ClosureMethod.OTHER,
}


def appeal_deadline(served_on: date, against: str) -> date:
    return period_from(served_on, days=APPEAL_DAYS[against]).end  # type: ignore[index]


def _second_type(first: Case) -> str:
    return first.type_code[0] + "终"  # 民初 → 民终, 行初 → 行终, 刑初 → 刑终


def _copy_parties(src: Case, dst: Case) -> None:
    CaseParty.objects.bulk_create(
        CaseParty(case=dst, party_id=cp.party_id, role=cp.role) for cp in src.case_parties.all()
    )


def register_appeal(
    case_id: int,
    *,
    appellant_party_id: int,
    against: str,
    acting_user: Any,
    document_id: int | None = None,
    filed_on: date | None = None,
    appealed_amount: Decimal | None = None,
) -> AppealRecord:
    """Register an appeal received by the first-instance court (CPL23 Art 173).
    ``filed_on`` is the day the appeal was lodged (or posted, CPL23 Art 85 ¶4);
    ``appealed_amount`` the part of the claim the appellant contests (FEE Art 17: the appeal
    fee is charged on it; the whole claim when not given)."""
    if against not in APPEAL_DAYS:
        raise CommonError.INVALID_INPUT.exc(fields={"against": "请选择判决或裁定。"})
    if appealed_amount is not None and appealed_amount <= 0:
        raise CommonError.INVALID_INPUT.exc(fields={"appealed_amount": "上诉请求数额应大于零。"})
    filed_on = filed_on or today()
    if filed_on > today():
        raise CommonError.INVALID_INPUT.exc(fields={"filed_on": "上诉日期不能晚于今天。"})
    with transaction.atomic():
        first = access_trial_case(acting_user, case_id, for_write=True, open_only=False)
        first = (
            Case.objects.select_for_update(of=("self",))
            .select_related("court", "court__parent", "cause")
            .get(pk=first.pk)
        )
        if first.status != CaseStatus.CLOSED or first.type_code.endswith("终"):
            raise TrialError.WRONG_STATE.exc(message="只能对已结案的一审案件提起上诉。")
        if not first.case_parties.filter(party_id=appellant_party_id).exists():
            raise CommonError.INVALID_INPUT.exc(fields={"appellant_party_id": "不是本案当事人。"})
        if against == AppealAgainst.JUDGMENT and first.closure_method in RULING_CLOSURES:
            # The case ended by a ruling (驳回起诉 or another): there is no judgment to appeal.
            # Refused rather than taken as a ruling appeal: the period (10 days, not 15, CPL23
            # Art 171) and the fee (none, FEE Art 8) differ from what the clerk chose, so the
            # clerk re-enters it as a ruling appeal and sees both.
            label = RULING_CLOSURES[ClosureMethod(first.closure_method)]
            raise CommonError.INVALID_INPUT.exc(
                fields={"against": f"本案以裁定结案（{label}），没有判决，请选择“裁定”。"},
                message=f"本案以裁定结案（{label}），没有判决，只能对裁定提起上诉"
                "（上诉期间十日，民事诉讼法第一百七十一条；不交纳上诉案件受理费，"
                "《诉讼费用交纳办法》第八条）。",
            )
        if (
            appealed_amount is not None
            and first.claim_amount is not None
            and appealed_amount > first.claim_amount
        ):
            raise CommonError.INVALID_INPUT.exc(
                fields={
                    "appealed_amount": f"上诉请求数额不能超过一审诉讼请求数额 {first.claim_amount} 元。"
                }
            )
        higher = first.court.parent
        if higher is None:
            raise TrialError.NO_HIGHER_COURT.exc()
        docs = CaseDocument.objects.filter(case=first)
        doc = (
            docs.filter(pk=document_id).first()
            if document_id
            else docs.filter(doc_type=against).order_by("-id").first()
        )
        services = ServiceRecord.objects.filter(case=first, party_id=appellant_party_id)
        if doc is not None:
            services = services.filter(case_document=doc)
        service = services.order_by("served_on").first()
        if service is None:
            raise TrialError.NOT_SERVED.exc(
                fields={"appellant_party_id": "裁判文书尚未送达该当事人。"}
            )
        deadline = appeal_deadline(service.served_on, against)
        if filed_on > deadline:
            raise TrialError.LATE_APPEAL.exc(
                fields={
                    "served_on": service.served_on.isoformat(),
                    "deadline": deadline.isoformat(),
                    "filed_on": filed_on.isoformat(),
                }
            )
        if AppealRecord.objects.filter(first_case=first, appellant_id=appellant_party_id).exists():
            # A party appeals once (a retried request never opens a second appeal or a second
            # fee notice).
            raise TrialError.WRONG_STATE.exc(
                message="该当事人已对本案提起上诉。",
                fields={"appellant_party_id": "该当事人已对本案提起上诉。"},
            )
        existing = (
            AppealRecord.objects.filter(first_case=first)
            .select_related("second_case")
            .order_by("id")
            .first()
        )
        if existing is not None:
            second = existing.second_case
        else:
            number = next_number(higher, today().year, _second_type(first))
            second = Case.objects.create(
                court=higher,
                year=number.year,
                special_code=number.special_code,
                type_code=number.type_code,
                seq=number.seq,
                number=number.render(),
                cause=first.cause,
                procedure=Procedure.ORDINARY,
                filed_on=today(),
                claim_amount=first.claim_amount,
                claims=first.claims,
                parent=first,
                relation=CaseRelation.APPEAL,
                origin=first.origin or first,
            )
            _copy_parties(first, second)
        copy_due = period_from(filed_on, days=5).end  # CPL23 Art 173
        appeal = AppealRecord.objects.create(
            first_case=first,
            second_case=second,
            appellant_id=appellant_party_id,
            against=against,
            document=doc,
            served_on=service.served_on,
            deadline=deadline,
            filed_on=filed_on,
            copy_service_due=copy_due,
            created_by=acting_user,
        )
        refresh_limit(second)
        name = appeal.appellant.name
        docket(
            first,
            "appealed",
            f"{name} 提起上诉（上诉期限至 {deadline:%Y-%m-%d}），二审案号 {second.number}；"
            f"应于 {copy_due:%Y-%m-%d} 前将上诉状副本送达对方当事人（民诉法第一百七十三条），"
            "收到答辩状之日起五日内移送案卷（第一百七十四条）",
            acting_user,
        )
        appellant_notice: int | None = None
        if existing is None:
            docket(second, "filed", f"二审立案，原审案号 {first.number}", acting_user)
            notice = issue_appeal_fee_notice(
                second, first, against=against, appealed_amount=appealed_amount
            )
            appeal_fee = str(notice.amount_due)
        else:
            # A later appellant joins the existing second instance and pays its own appeal fee
            # on the part it contests (FEE Art 17; nothing for a ruling, FEE Art 8).
            docket(second, "appealed", f"{name} 提起上诉（原审案号 {first.number}）", acting_user)
            own = issue_appellant_fee_notice(
                second,
                first,
                appellant=appeal.appellant,
                against=against,
                appealed_amount=appealed_amount,
            )
            appeal_fee = str(own.amount_due) if own is not None else "0.00"
            appellant_notice = own.pk if own is not None else None
        audit.record(
            "trial.appeal_registered",
            actor=acting_user,
            subject=first,
            court=first.court,
            after={
                "appeal": appeal.pk,
                "second_case": second.number,
                "deadline": deadline,
                "filed_on": filed_on,
                "appeal_fee": appeal_fee,
                "appellant_fee_notice": appellant_notice,
            },
        )
    return appeal


def record_answer(appeal_id: int, *, answered_on: date, acting_user: Any) -> AppealRecord:
    """The respondent's answer (or the end of the 15-day answer period) starts the 5-day
    file transfer (CPL23 Art 174)."""
    with transaction.atomic():
        appeal = AppealRecord.objects.filter(pk=appeal_id).first()
        if appeal is None:
            raise CommonError.NOT_FOUND.exc()
        first = access_trial_case(
            acting_user, appeal.first_case_id, for_write=True, open_only=False
        )
        appeal.answered_on = answered_on
        appeal.transfer_due = period_from(answered_on, days=5).end
        appeal.save(update_fields=["answered_on", "transfer_due"])
        docket(
            first,
            "appeal_answer",
            f"收到答辩状，应于 {appeal.transfer_due:%Y-%m-%d} 前"
            "将上诉材料及案卷报送二审法院（民诉法第一百七十四条）",
            acting_user,
        )
        audit.record(
            "trial.appeal_answered",
            actor=acting_user,
            subject=first,
            court=first.court,
            after={"appeal": appeal.pk, "transfer_due": appeal.transfer_due},
        )
    return appeal


def decide_appeal(
    case_id: int,
    *,
    outcome: str,
    decided_on: date,
    acting_user: Any,
    pronounced_in_court: bool = False,
) -> Case:
    """Record the second-instance outcome on both cases and close the second instance;
    a remand opens the retrial case at the first-instance court."""
    if outcome not in AppealOutcome.values:
        raise CommonError.INVALID_INPUT.exc(fields={"outcome": "二审结果不正确。"})
    with transaction.atomic():
        second = access_trial_case(acting_user, case_id, for_write=True)
        if second.relation != CaseRelation.APPEAL or second.parent_id is None:
            raise TrialError.NOT_SECOND_INSTANCE.exc()
        first = (
            Case.objects.select_for_update(of=("self",))
            .select_related("court")
            .get(pk=second.parent_id)
        )
        second.appeal_outcome = outcome
        Case.objects.filter(pk__in=[first.pk, second.pk]).update(appeal_outcome=outcome)
        _close(
            second,
            method=OUTCOME_CLOSURE[AppealOutcome(outcome)],
            closed_on=decided_on,
            acting_user=acting_user,
            pronounced_in_court=pronounced_in_court,
            extra={"appeal_outcome": outcome},
            date_field="decided_on",
        )
        docket(
            first,
            "appeal_decided",
            f"二审 {second.number}：{AppealOutcome(outcome).label}",
            acting_user,
        )
        if outcome == AppealOutcome.REMANDED:
            retrial = _open_remand(first, second, acting_user)
            docket(second, "remanded", f"发回重审，重审案号 {retrial.number}", acting_user)
        audit.record(
            "trial.appeal_decided",
            actor=acting_user,
            subject=first,
            court=first.court,
            after={"second_case": second.number, "outcome": outcome},
        )
    return second


def _open_remand(first: Case, second: Case, acting_user: Any) -> Case:
    number = next_number(first.court, today().year, first.type_code)
    retrial = Case.objects.create(
        court=first.court,
        year=number.year,
        special_code=number.special_code,
        type_code=number.type_code,
        seq=number.seq,
        number=number.render(),
        cause=first.cause,
        procedure=Procedure.ORDINARY,  # CPL23 Art 41: 按第一审程序另行组成合议庭
        filed_on=today(),
        claim_amount=first.claim_amount,
        claims=first.claims,
        parent=second,
        relation=CaseRelation.REMAND,
        origin=first.origin or first,
    )
    _copy_parties(first, retrial)
    refresh_limit(retrial)
    docket(
        retrial,
        "filed",
        f"发回重审立案，原一审 {first.number}，二审 {second.number}"
        "（审限规定：发回重审案件收到案卷次日立案）",
        acting_user,
    )
    audit.record(
        "trial.remand_opened",
        actor=acting_user,
        subject=retrial,
        court=first.court,
        after={"number": retrial.number, "from": second.number},
    )
    return retrial
