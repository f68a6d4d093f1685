"""执行 (enforcement) and 破产 (bankruptcy).

- An application for execution (执) from an effective document within 2 years of its taking
  effect (CPL23 Art 250; the performance period in the document is not modelled, so the
  2 years run from effectiveness — conservative for the applicant: the court may accept a
  later application by hand). The first-instance court executes (CPL23 Art 235).
- Enforcement measures are logged (EnforcementMeasure); Case.recovered_amount is their sum.
- Closure methods 执行完毕 (needs the full amount recovered), 终结本次执行 (needs at least one
  property search logged), 终结执行, 不予执行, 和解长期履行; limit 6 months (EXEC Art 63,
  see deadlines).
- Bankruptcy: centralised jurisdiction. YIZHAN_BANKRUPTCY_COURT (default "粤08") receives all
  bankruptcy matters of the courts under it. ``bankruptcy_court_for(court)`` says where a
  matter belongs; ``check_bankruptcy_court(court)`` refuses with the court to go to.
  Filing sits below trial in the import layers, so it cannot import this module: the rule
  uses only yizhan.core and settings and can move to yizhan.core as is; meanwhile the
  transports (portal/console filing forms) call it before ``create_filing`` for kind
  "bankruptcy", and ``accept_bankruptcy_petition`` checks it again.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum

from yizhan.accounts.models import Role
from yizhan.accounts.permissions import has_role
from yizhan.audit import services as audit
from yizhan.cases.models import (
    Case,
    CaseParty,
    CaseRelation,
    CaseRole,
    CaseStatus,
    ClosureMethod,
    Procedure,
)
from yizhan.cases.numbering import next_number
from yizhan.core.calendar import period_from
from yizhan.core.errors import CommonError
from yizhan.core.jurisdiction import bankruptcy_court_for
from yizhan.core.models import Court
from yizhan.core.time import today

from .closure import ENFORCEMENT_METHODS, PLAINTIFF_SIDE, _close
from .common import docket
from .deadlines import refresh_limit
from .errors import TrialError
from .models import CaseDocument, EnforcementMeasure, MeasureKind
from .permissions import access_trial_case, on_panel


def _first_instance(case: Case) -> Case:
    c = case
    while c.type_code.endswith("终") and c.parent is not None:
        c = c.parent
    return c


def apply_for_enforcement(
    case_id: int,
    *,
    applicant_party_id: int,
    amount_due: Decimal,
    acting_user: Any,
    applied_on: date | None = None,
) -> Case:
    """申请执行: registered by the filing clerk of the executing court."""
    if amount_due is None or amount_due <= 0:
        raise CommonError.INVALID_INPUT.exc(fields={"amount_due": "请填写申请执行标的额。"})
    applied_on = applied_on or today()
    with transaction.atomic():
        source = access_trial_case(acting_user, case_id, open_only=False)
        court = _first_instance(source).court
        if not has_role(acting_user, Role.FILING_CLERK, court.pk):
            raise CommonError.PERMISSION_DENIED.exc(message="申请执行由执行法院立案人员登记。")
        # The effective document may be the first instance's, or the second instance's
        # judgment on appeal (民终), which is enforced by the first-instance court.
        related = [source, *([source.parent] if source.parent else [])]
        related += list(source.children.filter(relation=CaseRelation.APPEAL))
        doc = (
            CaseDocument.objects.filter(case__in=related, is_effective=True)
            .order_by("-effective_on")
            .first()
        )
        if source.status != CaseStatus.CLOSED or doc is None or doc.effective_on is None:
            raise TrialError.NOT_EFFECTIVE.exc()
        limit = period_from(doc.effective_on, years=2).end  # CPL23 Art 250
        if applied_on > limit:
            raise TrialError.ENFORCEMENT_TIME_BARRED.exc(fields={"deadline": limit.isoformat()})
        parties = list(source.case_parties.all())
        if not any(cp.party_id == applicant_party_id for cp in parties):
            raise CommonError.INVALID_INPUT.exc(fields={"applicant_party_id": "不是本案当事人。"})
        applicant = next(cp for cp in parties if cp.party_id == applicant_party_id)
        applicant_side = applicant.role in PLAINTIFF_SIDE
        number = next_number(court, today().year, "执")
        case = Case.objects.create(
            court=court,
            year=number.year,
            special_code=number.special_code,
            type_code=number.type_code,
            seq=number.seq,
            number=number.render(),
            cause=source.cause,
            procedure=Procedure.ENFORCEMENT,
            filed_on=today(),
            claim_amount=amount_due,
            enforcement_due=amount_due,
            recovered_amount=Decimal("0"),
            parent=source,
            relation=CaseRelation.ENFORCEMENT,
            origin=source.origin or source,
        )
        rows = [
            CaseParty(case=case, party_id=applicant_party_id, role=CaseRole.APPLICANT_EXECUTION)
        ]
        for cp in parties:
            if cp.party_id == applicant_party_id:
                continue
            if (cp.role in PLAINTIFF_SIDE) != applicant_side and cp.role != CaseRole.THIRD_PARTY:
                rows.append(
                    CaseParty(
                        case=case, party_id=cp.party_id, role=CaseRole.PERSON_SUBJECT_TO_EXECUTION
                    )
                )
        CaseParty.objects.bulk_create(rows)
        refresh_limit(case)
        docket(
            case,
            "filed",
            f"执行立案：依据 {source.number}，申请执行标的 {amount_due} 元；"
            f"执行期限至 {case.limit_due:%Y-%m-%d}（执行工作规定第六十三条）",
            acting_user,
        )
        docket(source, "enforcement_applied", f"申请执行，执行案号 {case.number}", acting_user)
        audit.record(
            "trial.enforcement_opened",
            actor=acting_user,
            subject=case,
            court=court,
            after={"number": case.number, "source": source.number, "amount_due": amount_due},
        )
    return case


def _require_enforcement(case: Case) -> None:
    if not case.type_code.startswith("执"):
        raise TrialError.NOT_ENFORCEMENT.exc()


def record_measure(
    case_id: int,
    *,
    kind: str,
    taken_on: date,
    acting_user: Any,
    amount: Decimal | None = None,
    note: str = "",
) -> EnforcementMeasure:
    if kind not in MeasureKind.values:
        raise CommonError.INVALID_INPUT.exc(fields={"kind": "执行措施不正确。"})
    if amount is not None and amount < 0:
        raise CommonError.INVALID_INPUT.exc(fields={"amount": "金额不能为负数。"})
    with transaction.atomic():
        case = access_trial_case(acting_user, case_id, for_write=True)
        _require_enforcement(case)
        if taken_on < case.filed_on or taken_on > today():
            raise CommonError.INVALID_INPUT.exc(fields={"taken_on": "日期不正确。"})
        m = EnforcementMeasure.objects.create(
            case=case,
            kind=kind,
            taken_on=taken_on,
            amount=amount,
            note=note,
            recorded_by=acting_user,
        )
        total = EnforcementMeasure.objects.filter(case=case).aggregate(s=Sum("amount"))["s"]
        before = {"recovered_amount": case.recovered_amount}
        case.recovered_amount = total or Decimal("0")
        Case.objects.filter(pk=case.pk).update(recovered_amount=case.recovered_amount)
        docket(
            case,
            "measure",
            f"执行措施：{MeasureKind(kind).label}" + (f"，到位 {amount} 元" if amount else ""),
            acting_user,
        )
        audit.record(
            "trial.measure_recorded",
            actor=acting_user,
            subject=case,
            court=case.court,
            before=before,
            after={
                "measure": m.pk,
                "kind": kind,
                "amount": amount,
                "recovered_amount": case.recovered_amount,
            },
        )
    return m


def close_enforcement(case_id: int, *, method: str, closed_on: date, acting_user: Any) -> Case:
    with transaction.atomic():
        case = access_trial_case(acting_user, case_id, for_write=True)
        _require_enforcement(case)
        if method not in ENFORCEMENT_METHODS:
            raise TrialError.CLOSURE_INVALID.exc(fields={"method": method})
        if method == ClosureMethod.EXECUTED and (case.recovered_amount or 0) < (
            case.enforcement_due or 0
        ):
            raise TrialError.CLOSURE_INVALID.exc(
                fields={"method": "执行到位金额不足申请执行标的，不能以执行完毕结案。"}
            )
        if (
            method == ClosureMethod.TERMINATED_THIS_ROUND
            and not EnforcementMeasure.objects.filter(case=case, kind=MeasureKind.INQUIRY).exists()
        ):
            raise TrialError.CLOSURE_INVALID.exc(
                fields={"method": "终结本次执行前须完成财产调查（网络查控）。"}
            )
        return _close(
            case,
            method=method,
            closed_on=closed_on,
            acting_user=acting_user,
            extra={"recovered_amount": case.recovered_amount},
        )


# --- bankruptcy ----------------------------------------------------------------------------


def check_bankruptcy_court(court: Court) -> None:
    """Refuse a bankruptcy matter addressed to a court of the city other than the
    designated one (集中管辖), naming where it belongs."""
    target = bankruptcy_court_for(court)
    if target.pk != court.pk:
        raise TrialError.BANKRUPTCY_JURISDICTION.exc(
            fields={"court_code": target.code, "court_name": target.name},
            message=f"本市破产案件由{target.name}集中管辖，请向该院申请。",
        )


def accept_bankruptcy_petition(
    case_id: int, *, acting_user: Any, decided_on: date | None = None
) -> Case:
    """裁定受理破产申请: closes the 破申 review case and opens the 破 case."""
    with transaction.atomic():
        review = access_trial_case(acting_user, case_id, for_write=True)
        if review.type_code != "破申":
            raise TrialError.NOT_BANKRUPTCY.exc()
        if not (
            on_panel(acting_user, review) or has_role(acting_user, Role.PRESIDENT, review.court_id)
        ):
            raise TrialError.NOT_ON_PANEL.exc()
        check_bankruptcy_court(review.court)
        decided_on = decided_on or today()
        _close(
            review,
            method=ClosureMethod.RULING,
            closed_on=decided_on,
            acting_user=acting_user,
            extra={"bankruptcy": "accepted"},
        )
        number = next_number(review.court, today().year, "破")
        case = Case.objects.create(
            court=review.court,
            year=number.year,
            special_code=number.special_code,
            type_code=number.type_code,
            seq=number.seq,
            number=number.render(),
            cause=review.cause,
            procedure=Procedure.BANKRUPTCY,
            filed_on=decided_on,
            claim_amount=review.claim_amount,
            claims=review.claims,
            parent=review,
            relation=CaseRelation.BANKRUPTCY,
            origin=review.origin or review,
        )
        CaseParty.objects.bulk_create(
            CaseParty(case=case, party_id=cp.party_id, role=cp.role)
            for cp in review.case_parties.all()
        )
        notice_due = period_from(decided_on, days=25).end  # EBL Art 14
        docket(
            case,
            "filed",
            f"裁定受理破产申请（{review.number}）；应于 "
            f"{notice_due:%Y-%m-%d} 前通知已知债权人并公告（企业破产法第十四条）",
            acting_user,
        )
        audit.record(
            "trial.bankruptcy_opened",
            actor=acting_user,
            subject=case,
            court=case.court,
            after={"number": case.number, "review": review.number},
        )
    return case
