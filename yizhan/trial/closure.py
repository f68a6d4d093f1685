"""结案 (closure): documents, service, the closing date (TL2000 Art 10), fee settlement.

Closing date (TL2000 Art 10): a judgment or ruling closes the case on the day it is
pronounced (宣判); a mediation document on the day it was served on the last party, where
留置送达 counts from the day it was left, 公告送达 from the day the notice was published,
邮寄送达 from the posting date and service through an organisation from the day the party
signed (ServiceRecord.served_on, or ``sent_on`` for posting and announcement).

Judgment documents are PDFs in the blob store (uploaded, or generated from a simple
template). When a document takes effect it is handed to the publication module: a
``publication.JudgmentDocument`` row is created (that model says it is written by the trial
module; publication has no creating action yet) and its id kept on the CaseDocument.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.utils import translation

from yizhan.audit import services as audit
from yizhan.cases.models import (
    AppealOutcome,
    Case,
    CaseParty,
    CaseRelation,
    CaseRole,
    CaseStatus,
    ClosureMethod,
    FeeNotice,
    FeeStatus,
    SupplementaryFeeNotice,
    SupplementaryFeeReason,
)
from yizhan.core.calendar import period_from
from yizhan.core.errors import CommonError, DomainError
from yizhan.core.fees import quote
from yizhan.core.time import today
from yizhan.core.uploads import UploadRejected, store
from yizhan.parties.models import Party
from yizhan.pdf import FONT_FAMILY, new_document, render_pdf
from yizhan.publication import actions as publication_actions
from yizhan.publication.models import CaseCategory, DocType, JudgmentDocument

from .common import docket
from .deadlines import refresh_limit
from .errors import TrialError
from .models import (
    AppealRecord,
    CaseDocType,
    CaseDocument,
    DocumentSource,
    FeeSettlement,
    ServiceMethod,
    ServiceRecord,
    Suspension,
)
from .permissions import access_trial_case

FIRST_INSTANCE_METHODS = {
    ClosureMethod.JUDGMENT,
    ClosureMethod.MEDIATION,
    ClosureMethod.WITHDRAWAL,
    ClosureMethod.DISMISSAL,
    ClosureMethod.RULING,
    ClosureMethod.TRANSFER,
    ClosureMethod.TERMINATION,
    ClosureMethod.OTHER,
}
SECOND_INSTANCE_METHODS = {
    ClosureMethod.AFFIRMED,
    ClosureMethod.REVISED,
    ClosureMethod.REMANDED,
    ClosureMethod.APPEAL_WITHDRAWN,
    ClosureMethod.MEDIATION,
    ClosureMethod.RULING,
    ClosureMethod.OTHER,
}
ENFORCEMENT_METHODS = {
    ClosureMethod.EXECUTED,
    ClosureMethod.TERMINATED_THIS_ROUND,
    ClosureMethod.ENFORCEMENT_TERMINATED,
    ClosureMethod.ENFORCEMENT_REFUSED,
    ClosureMethod.ENFORCEMENT_SETTLED,
    ClosureMethod.TRANSFER,
    ClosureMethod.OTHER,
}
ANNOUNCEMENT_DAYS = 30  # CPL23 Art 95: deemed served 30 days after publication


def allowed_methods(case: Case) -> set[str]:
    if case.type_code.startswith("执"):
        return set(ENFORCEMENT_METHODS)
    if case.type_code.endswith("终"):
        return set(SECOND_INSTANCE_METHODS)
    return set(FIRST_INSTANCE_METHODS)


# --- service -------------------------------------------------------------------------------


def record_service(
    case_id: int,
    *,
    party_id: int,
    method: str,
    acting_user: Any,
    served_on: date | None = None,
    sent_on: date | None = None,
    document_id: int | None = None,
    document: str = "",
) -> ServiceRecord:
    """送达记录. For 公告 the notice date is ``sent_on`` and service takes effect 30 days
    later (CPL23 Art 95); for 邮寄 ``sent_on`` is the posting date."""
    if method not in ServiceMethod.values:
        raise CommonError.INVALID_INPUT.exc(fields={"method": "送达方式不正确。"})
    if method in {ServiceMethod.POST, ServiceMethod.ANNOUNCEMENT} and sent_on is None:
        raise CommonError.INVALID_INPUT.exc(
            fields={"sent_on": "邮寄/公告送达须填写寄出或公告日期。"}
        )
    if method == ServiceMethod.ANNOUNCEMENT and served_on is None and sent_on is not None:
        served_on = sent_on + timedelta(days=ANNOUNCEMENT_DAYS)
    if served_on is None:
        raise CommonError.INVALID_INPUT.exc(fields={"served_on": "请填写送达日期。"})
    with transaction.atomic():
        case = access_trial_case(acting_user, case_id, for_write=True, open_only=False)
        if not case.case_parties.filter(party_id=party_id).exists():
            raise CommonError.INVALID_INPUT.exc(fields={"party_id": "不是本案当事人。"})
        doc = None
        if document_id is not None:
            doc = CaseDocument.objects.filter(pk=document_id, case=case).first()
            if doc is None:
                raise CommonError.INVALID_INPUT.exc(fields={"document_id": "文书不属于本案。"})
        party = Party.objects.get(pk=party_id)
        rec = ServiceRecord.objects.create(
            case=case,
            document=(doc.title if doc else document) or "诉讼文书",
            recipient=party.name,
            method=method,
            served_on=served_on,
            sent_on=sent_on,
            party=party,
            case_document=doc,
            recorded_by=acting_user,
        )
        docket(
            case,
            "served",
            f"{rec.document} 已{rec.get_method_display()}至 {party.name}（{served_on:%Y-%m-%d}）",
            acting_user,
        )
        audit.record(
            "trial.service_recorded",
            actor=acting_user,
            subject=case,
            court=case.court,
            after={
                "record": rec.pk,
                "party": party_id,
                "method": method,
                "served_on": served_on,
                "sent_on": sent_on,
                "document": doc.pk if doc else None,
            },
        )
    return rec


def closing_service_date(rec: ServiceRecord) -> date:
    """TL2000 Art 10: 邮寄 → posting date, 公告 → publication date, otherwise the day served."""
    if rec.method in {ServiceMethod.POST, ServiceMethod.ANNOUNCEMENT} and rec.sent_on:
        return rec.sent_on
    return rec.served_on


def served_on_last_party(case: Case, doc: CaseDocument) -> date:
    parties = set(case.case_parties.values_list("party_id", flat=True))
    dates: dict[int, date] = {}
    for rec in ServiceRecord.objects.filter(case=case, case_document=doc, party__isnull=False):
        d = closing_service_date(rec)
        assert rec.party_id is not None
        if rec.party_id not in dates or d < dates[rec.party_id]:
            dates[rec.party_id] = d
    missing = parties - set(dates)
    if missing or not dates:
        raise TrialError.NOT_SERVED.exc(fields={"missing_parties": sorted(missing)})
    return max(dates.values())


def closing_date(
    case: Case, method: str, *, decided_on: date | None, document: CaseDocument | None
) -> date:
    if method == ClosureMethod.MEDIATION:
        doc = (
            document
            or CaseDocument.objects.filter(case=case, doc_type=CaseDocType.MEDIATION)
            .order_by("-id")
            .first()
        )
        if doc is None:
            raise TrialError.NOT_SERVED.exc(fields={"document_id": "请先制作并送达调解书。"})
        return served_on_last_party(case, doc)
    d = decided_on or (document.decided_on if document else None)
    if d is None:
        raise CommonError.INVALID_INPUT.exc(fields={"decided_on": "请填写宣判/裁定日期。"})
    return d


# --- documents -----------------------------------------------------------------------------


def _check_doc_type(doc_type: str) -> None:
    if doc_type not in CaseDocType.values:
        raise CommonError.INVALID_INPUT.exc(fields={"doc_type": "文书类型不正确。"})


def _save_doc(
    case: Case,
    blob: Any,
    *,
    doc_type: str,
    title: str,
    text: str,
    source: str,
    decided_on: date,
    acting_user: Any,
) -> CaseDocument:
    doc = CaseDocument.objects.create(
        case=case,
        doc_type=doc_type,
        title=title.strip(),
        text=text,
        source=source,
        sha256=blob.sha256,
        size=blob.size,
        decided_on=decided_on,
        created_by=acting_user,
    )
    docket(
        case,
        "document",
        f"{doc.get_doc_type_display()}：{doc.title}"
        f"（{'上传' if source == DocumentSource.UPLOADED else '模板生成'}）",
        acting_user,
    )
    audit.record(
        "trial.document_added",
        actor=acting_user,
        subject=case,
        court=case.court,
        after={"document": doc.pk, "doc_type": doc_type, "sha256": blob.sha256, "source": source},
    )
    return doc


def render_document(case: Case, *, title: str, text: str, decided_on: date) -> bytes:
    pdf = new_document(title)
    pdf.add_page()
    pdf.set_font(FONT_FAMILY, "B", 16)
    pdf.cell(text=case.court.name, new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.cell(text=title, new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.set_font(FONT_FAMILY, "", 12)
    pdf.cell(text=case.number, new_x="LMARGIN", new_y="NEXT", align="R")
    pdf.ln(4)
    pdf.multi_cell(0, 8, text=text or " ")
    pdf.ln(6)
    pdf.cell(
        text=f"{decided_on.year} 年 {decided_on.month} 月 {decided_on.day} 日",
        new_x="LMARGIN",
        new_y="NEXT",
        align="R",
    )
    return render_pdf(pdf)


def generate_document(
    case_id: int, *, doc_type: str, title: str, text: str, decided_on: date, acting_user: Any
) -> CaseDocument:
    _check_doc_type(doc_type)
    if not title.strip():
        raise CommonError.INVALID_INPUT.exc(fields={"title": "请填写标题。"})
    with transaction.atomic():
        case = access_trial_case(acting_user, case_id, for_write=True, open_only=False)
        data = render_document(case, title=title.strip(), text=text, decided_on=decided_on)
        blob = store([data])
        return _save_doc(
            case,
            blob,
            doc_type=doc_type,
            title=title,
            text=text,
            source=DocumentSource.GENERATED,
            decided_on=decided_on,
            acting_user=acting_user,
        )


def upload_document(
    case_id: int,
    *,
    doc_type: str,
    title: str,
    decided_on: date,
    chunks: Iterable[bytes],
    acting_user: Any,
) -> CaseDocument:
    _check_doc_type(doc_type)
    if not title.strip():
        raise CommonError.INVALID_INPUT.exc(fields={"title": "请填写标题。"})
    with transaction.atomic():
        case = access_trial_case(acting_user, case_id, for_write=True, open_only=False)
        try:
            blob = store(chunks)
        except UploadRejected as e:
            raise TrialError.UPLOAD_REJECTED.exc(fields={"file": e.detail or e.reason}) from e
        if blob.content_type != "application/pdf":
            raise TrialError.UPLOAD_REJECTED.exc(fields={"file": "仅接受 PDF 文件。"})
        return _save_doc(
            case,
            blob,
            doc_type=doc_type,
            title=title,
            text="",
            source=DocumentSource.UPLOADED,
            decided_on=decided_on,
            acting_user=acting_user,
        )


def _category(case: Case) -> str:
    t = case.type_code
    if t.startswith("行"):
        return CaseCategory.ADMINISTRATIVE
    if t.startswith("执"):
        return CaseCategory.EXECUTION
    if t.startswith("刑"):
        return CaseCategory.CRIMINAL
    return CaseCategory.CIVIL


def hand_off_to_publication(doc: CaseDocument, acting_user: Any) -> JudgmentDocument:
    """The publication module's input (issue #8): one JudgmentDocument per effective
    document."""
    case = doc.case
    parties = [
        {"name": cp.party.name, "role": cp.get_role_display(), "minor": False}
        for cp in case.case_parties.select_related("party")
    ]
    jd = JudgmentDocument.objects.create(
        court=case.court,
        case=case,
        case_number=case.number,
        title=doc.title,
        doc_type=doc.doc_type if doc.doc_type in DocType.values else DocType.NOTICE,
        case_category=_category(case),
        full_text=doc.text or doc.title,
        parties=parties,
        decided_on=doc.decided_on,
        effective_on=doc.effective_on,
        is_effective=True,
        created_by=acting_user,
    )
    return jd


def mark_effective(document_id: int, *, effective_on: date, acting_user: Any) -> CaseDocument:
    """文书生效: hand it to publication and start the refund period (FEE Art 53)."""
    with transaction.atomic():
        doc = CaseDocument.objects.filter(pk=document_id).first()
        if doc is None:
            raise CommonError.NOT_FOUND.exc()
        case = access_trial_case(acting_user, doc.case_id, for_write=True, open_only=False)
        doc = CaseDocument.objects.select_for_update().select_related("case").get(pk=doc.pk)
        if doc.is_effective:
            raise TrialError.WRONG_STATE.exc()
        if effective_on < doc.decided_on:
            raise CommonError.INVALID_INPUT.exc(fields={"effective_on": "生效日期早于裁判日期。"})
        if effective_on > today():
            raise CommonError.INVALID_INPUT.exc(fields={"effective_on": "生效日期不能晚于今天。"})
        doc.is_effective = True
        doc.effective_on = effective_on
        if doc.doc_type != CaseDocType.NOTICE:
            doc.publication_document_id = hand_off_to_publication(doc, acting_user).pk
        doc.save()
        if doc.publication_document_id is not None:
            # 2016 publication rules Art 7: the de-identified draft is prepared at once, so the
            # reviewer has the whole 7 working days.
            publication_actions.create_draft(doc.publication_document_id)
        settlement = FeeSettlement.objects.filter(case=case, effective_on__isnull=True).first()
        if settlement is not None:
            settlement.effective_on = effective_on
            settlement.refund_due = period_from(effective_on, days=15).end  # FEE Art 53
            settlement.save(update_fields=["effective_on", "refund_due"])
        docket(
            case, "effective", f"{doc.title} 于 {effective_on:%Y-%m-%d} 发生法律效力", acting_user
        )
        audit.record(
            "trial.document_effective",
            actor=acting_user,
            subject=case,
            court=case.court,
            after={
                "document": doc.pk,
                "effective_on": effective_on,
                "publication": doc.publication_document_id,
            },
        )
    return doc


# --- closure -------------------------------------------------------------------------------


def _close(
    case: Case,
    *,
    method: str,
    closed_on: date,
    acting_user: Any,
    pronounced_in_court: bool = False,
    extra: dict[str, Any] | None = None,
    date_field: str = "closed_on",
) -> Case:
    """Write the closure on a locked, open case (shared by appeals and enforcement).
    ``date_field``: the input the closing date came from, named in the error."""
    if closed_on < case.filed_on or closed_on > today():
        raise CommonError.INVALID_INPUT.exc(fields={date_field: "结案日期不正确。"})
    # Deductions still running end with the case.
    Suspension.objects.filter(case=case, end_on__isnull=True).update(end_on=closed_on)
    case.closed_on = closed_on
    fig = refresh_limit(case, on=closed_on)
    before = {"status": case.status}
    case.status = CaseStatus.CLOSED
    case.closure_method = method
    case.closed_within_limit = (closed_on <= fig.due) if fig else None
    case.pronounced_in_court = case.pronounced_in_court or pronounced_in_court
    Case.objects.filter(pk=case.pk).update(
        status=case.status,
        closure_method=method,
        closed_on=closed_on,
        closed_within_limit=case.closed_within_limit,
        pronounced_in_court=case.pronounced_in_court,
    )
    label = ClosureMethod(method).label
    docket(
        case,
        "closed",
        f"结案：{label}，结案日期 {closed_on:%Y-%m-%d}"
        + ("" if case.closed_within_limit is not False else "（超审限）"),
        acting_user,
    )
    audit.record(
        "trial.case_closed",
        actor=acting_user,
        subject=case,
        court=case.court,
        before=before,
        after={
            "method": method,
            "closed_on": closed_on,
            "within_limit": case.closed_within_limit,
            **(extra or {}),
        },
    )
    return case


def close_case(
    case_id: int,
    *,
    method: str,
    acting_user: Any,
    decided_on: date | None = None,
    document_id: int | None = None,
    pronounced_in_court: bool = False,
) -> Case:
    with transaction.atomic():
        case = access_trial_case(acting_user, case_id, for_write=True)
        if case.type_code.startswith("执"):
            # Enforcement cases close through close_enforcement, which checks that the money
            # was recovered (执行完毕) or that property was searched (终结本次执行).
            raise TrialError.CLOSURE_INVALID.exc(
                fields={"method": method}, message="执行案件请通过执行结案办理。"
            )
        if method not in allowed_methods(case):
            raise TrialError.CLOSURE_INVALID.exc(fields={"method": method})
        doc = None
        if document_id is not None:
            doc = CaseDocument.objects.filter(pk=document_id, case=case).first()
            if doc is None:
                raise CommonError.INVALID_INPUT.exc(fields={"document_id": "文书不属于本案。"})
        closed_on = closing_date(case, method, decided_on=decided_on, document=doc)
        return _close(
            case,
            method=method,
            closed_on=closed_on,
            acting_user=acting_user,
            pronounced_in_court=pronounced_in_court,
            extra={"document": document_id},
            # the date is decided_on, or the document's (decided or served)
            date_field="decided_on" if decided_on is not None else "document_id",
        )


# --- fee settlement ------------------------------------------------------------------------

PLAINTIFF_SIDE = {CaseRole.PLAINTIFF, CaseRole.APPLICANT, CaseRole.APPLICANT_EXECUTION}
DEFENDANT_SIDE = {CaseRole.DEFENDANT, CaseRole.RESPONDENT, CaseRole.PERSON_SUBJECT_TO_EXECUTION}
CENT = Decimal("0.01")
ART_27_LABEL = {
    "remanded": "发回重审",
    "dismissal": "驳回起诉",
    "dismissal_upheld": "二审维持驳回起诉裁定",
}


def _closing_for_fee(method: str) -> str:
    if method == ClosureMethod.MEDIATION:
        return "mediation"
    if method in {ClosureMethod.WITHDRAWAL, ClosureMethod.APPEAL_WITHDRAWN}:
        return "withdrawal"
    return "judgment"


def _effective_on(cases: Iterable[Case]) -> date | None:
    """The latest date a document of these cases took effect (``mark_effective``), if any."""
    return (
        CaseDocument.objects.filter(case__in=list(cases), is_effective=True)
        .exclude(effective_on__isnull=True)
        .order_by("-effective_on")
        .values_list("effective_on", flat=True)
        .first()
    )


def _dismissal_not_effective() -> DomainError:
    return TrialError.WRONG_STATE.exc(
        message="驳回起诉的裁定尚未发生法律效力，裁定生效后再结算、退还案件受理费"
        "（《诉讼费用交纳办法》第二十七条第二款、第五十三条）。",
        fields={"effective_on": "驳回起诉的裁定尚未发生法律效力。"},
    )


CPLI = "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》"


def _remanded_retrial(second: Case | None) -> tuple[Case, Case | None] | None:
    """``second``, the appeal of a first-instance case (``first_instance_appeal``), and the
    retrial case it opened (``decide_appeal``), if it remanded the decision (发回重审)."""
    if second is None:
        return None
    if second.status != CaseStatus.CLOSED or second.closure_method != ClosureMethod.REMANDED:
        return None
    retrial = (
        Case.objects.filter(parent=second, relation=CaseRelation.REMAND).order_by("id").first()
    )
    return second, retrial


def _remanded_error(second: Case, retrial: Case | None) -> DomainError:
    """A first-instance decision set aside and remanded: its acceptance fee is not refunded
    (FEE Art 27 ¶1 refunds the second-instance fee only) and no new one is charged for the
    retrial; it is settled with the retried case once that closes."""
    where = f"重审案件 {retrial.number}" if retrial is not None else "重审案件"
    return TrialError.WRONG_STATE.exc(
        message=f"二审 {second.number} 已撤销本案裁判、发回重审，本案已交纳的案件受理费不予退还"
        "（《诉讼费用交纳办法》第二十七条第一款只退还第二审案件受理费），重审不另行交纳案件受理费："
        f"由{where}审结后一并结算。",
        fields={"retrial": retrial.number if retrial is not None else "", "appeal": second.number},
    )


def first_instance_appeal(case: Case) -> Case | None:
    """The second instance (民终) of an appeal against this first-instance case's decision,
    if it was appealed (the first appeal's; later appellants join the same 民终 case)."""
    if case.relation == CaseRelation.APPEAL:
        return None
    appeal = (
        AppealRecord.objects.filter(first_case=case)
        .select_related("second_case")
        .order_by("id")
        .first()
    )
    return appeal.second_case if appeal is not None else None


def _appeal_pending_error(second: Case) -> DomainError:
    """An appealed first-instance decision has not taken effect: who bears its acceptance fee
    depends on the second instance (FEE Art 29: the loser pays; FEE Art 30: a second instance
    that changes the decision changes its fee decision accordingly)."""
    return TrialError.WRONG_STATE.exc(
        message=f"本案裁判已被上诉（二审 {second.number}），尚未发生法律效力；一审案件受理费由谁负担"
        "取决于二审结果（《诉讼费用交纳办法》第二十九条：诉讼费用由败诉方负担；第三十条：第二审"
        "人民法院改变第一审人民法院作出的判决、裁定的，应当相应变更第一审人民法院对诉讼费用负担的"
        "决定），二审审结后再结算。",
        fields={"appeal": second.number},
    )


def _zh(label: Any) -> str:
    """A choice label in Chinese, whatever language the request runs in: the message and the
    stored basis lines are Chinese source text."""
    with translation.override("zh-hans"):
        return str(label)


# Second-instance closures after which the first-instance decision stands as made: its fee is
# borne as the first instance decided (FEE Art 29).
FIRST_INSTANCE_STANDS = {ClosureMethod.AFFIRMED, ClosureMethod.APPEAL_WITHDRAWN}


def _appeal_changed_error(second: Case) -> DomainError:
    """The second instance changed the first-instance decision (改判, 部分改判, 二审调解, …):
    the first-instance fee follows its decision (FEE Art 30), which is not recorded here, so
    the court enters the shares."""
    label = _zh(
        AppealOutcome(second.appeal_outcome).label
        if second.appeal_outcome in AppealOutcome.values
        else ClosureMethod(second.closure_method).label
    )
    why = f"二审 {second.number} {label}，一审案件受理费按二审变更后的负担决定结算"
    return TrialError.SHARES_INVALID.exc(
        message=f"{why}（《诉讼费用交纳办法》第三十条：第二审人民法院改变第一审人民法院作出的判决、"
        "裁定的，应当相应变更第一审人民法院对诉讼费用负担的决定），请按二审裁判填写负担比例。",
        fields={"shares": f"{why}，请按二审裁判填写负担比例。", "appeal": second.number},
    )


def _remand_origin(case: Case) -> Case | None:
    """For a retrial opened by a remand (relation ``remand``: parent = the 民终 case, whose
    parent is the first-instance case), the first-instance case whose acceptance fee the
    retrial settles: the nearest one up the chain with a fee notice (a retrial remanded again
    has none of its own either); None otherwise."""
    current = case
    for _ in range(20):  # a chain of remands, bounded against inconsistent data
        if current.relation != CaseRelation.REMAND or current.parent_id is None:
            return None
        second = Case.objects.filter(pk=current.parent_id).select_related("parent").first()
        if second is None or second.relation != CaseRelation.APPEAL or second.parent is None:
            return None
        current = second.parent
        if FeeNotice.objects.filter(case=current).exists():
            return current
    return None


def fee_notice(case: Case) -> tuple[FeeNotice | None, Case | None]:
    """The fee notice a case settles (``settle_fees``; the console fee page shows it), and the
    case it belongs to when that is another: a retrial after remand has no notice of its own
    and settles the first filing's (``_remand_origin``); None for any other case."""
    notice = FeeNotice.objects.filter(case=case).first()
    origin = _remand_origin(case) if notice is None else None
    if origin is not None:
        notice = FeeNotice.objects.filter(case=origin).first()
    return notice, origin


def appeal_effect(second: Case) -> str:
    """What the second instance of an appealed first-instance decision means for the
    first-instance fee: ``pending`` (not decided: not settled yet), ``stands`` (affirmed or
    withdrawn: borne as the first instance decided, FEE Art 29), ``remanded`` (it follows the
    retrial, FEE Art 27 ¶1) or ``changed`` (borne as the second instance decided, FEE Art 30)."""
    if second.status != CaseStatus.CLOSED:
        return "pending"
    if second.closure_method in FIRST_INSTANCE_STANDS:
        return "stands"
    if second.closure_method == ClosureMethod.REMANDED:
        return "remanded"
    return "changed"


def _fee_art_27(case: Case) -> tuple[str | None, list[Case]]:
    """FEE Art 27: the closures after which the acceptance fee paid is refunded in full, and
    the cases whose documents say when the refund became due (FEE Art 53: the case, and the
    second instance of an appealed dismissal, whose document may be the one marked effective).

    ¶1 "第二审人民法院决定将案件发回重审的，应当退还上诉人已交纳的第二审案件受理费" →
    ``"remanded"``; ¶2 "第一审人民法院裁定不予受理或者驳回起诉的，应当退还当事人已交纳的案件
    受理费" → ``"dismissal"`` (such a case bears no acceptance fee at all, FEE Art 8(2));
    ¶2, second sentence "当事人对第一审人民法院不予受理、驳回起诉的裁定提起上诉，第二审人民法院
    维持第一审人民法院作出的裁定的，第一审人民法院应当退还当事人已交纳的案件受理费" →
    ``"dismissal_upheld"``. While an appeal against the dismissal ruling is pending, or after
    the second instance did not uphold it, the refund is not due: ``wrong_state``; nor before
    the ruling has taken effect (the appeal period still running, CPL23 Art 171: the refund is
    owed from effectiveness, FEE Art 53), which is recorded by ``mark_effective`` on the
    ruling, or, once appealed, on it or on the second instance's document."""
    if case.closure_method == ClosureMethod.REMANDED and case.relation == CaseRelation.APPEAL:
        return "remanded", [case]
    if case.closure_method == ClosureMethod.DISMISSAL:
        # ``register_appeal`` only takes appeals on closed first-instance cases, so any appeal
        # on a case closed as ``dismissal`` is against that ruling (FEE Art 8: no appeal fee),
        # whatever its ``against`` says (one recorded against="judgment", which
        # ``register_appeal`` refuses now, is still pending against the dismissal).
        second = first_instance_appeal(case)
        if second is None:
            if _effective_on([case]) is None:
                raise _dismissal_not_effective()
            return "dismissal", [case]
        if second.status != CaseStatus.CLOSED:
            raise TrialError.WRONG_STATE.exc(
                message=f"驳回起诉的裁定已被上诉（二审 {second.number}），二审审结后再结算"
                "（《诉讼费用交纳办法》第二十七条第二款）。",
                fields={"appeal": second.number},
            )
        if second.closure_method == ClosureMethod.REMANDED:
            # The dismissal was set aside and the case sent back: it is tried again, its fee
            # follows the retrial (no refund, FEE Art 27 ¶2 only when the ruling is upheld).
            remand = _remanded_retrial(second)
            raise _remanded_error(second, remand[1] if remand else None)
        if second.closure_method in FIRST_INSTANCE_STANDS:
            if _effective_on([case, second]) is None:
                raise _dismissal_not_effective()
            if second.closure_method == ClosureMethod.AFFIRMED:
                return "dismissal_upheld", [case, second]
            return "dismissal", [case, second]  # the ruling stands as the first instance made it
        # Set aside otherwise (改判 and the rest): CPLI Art 330 "查明第一审人民法院作出的驳回起诉
        # 裁定有错误的，应当在撤销原裁定的同时，指令第一审人民法院审理". The action is tried on
        # that order; the fee already paid is not refunded (FEE Art 27 ¶2 refunds only when the
        # second instance upholds the dismissal) and is settled when the case so tried closes.
        # No case is opened for 指令审理 here, so this case cannot be settled yet.
        raise TrialError.WRONG_STATE.exc(
            message=f"二审 {second.number} 未维持驳回起诉的裁定"
            f"（{_zh(ClosureMethod(second.closure_method).label)}）：撤销驳回起诉裁定的，应当指令第一审"
            f"人民法院审理（{CPLI}第三百三十条），本案已交纳的案件受理费不予退还"
            "（《诉讼费用交纳办法》第二十七条第二款只在二审维持驳回起诉裁定时退还），"
            "待指令审理的案件审结后按其结果结算。",
            fields={"appeal": second.number},
        )
    return None, [case]


def _side(role: str) -> str | None:
    if role in PLAINTIFF_SIDE:
        return "plaintiff"
    if role in DEFENDANT_SIDE:
        return "defendant"
    return None


def _second_instance_bearers(
    case: Case,
    parties: list[CaseParty],
    appellants: list[int],
    own_fee: dict[int, Decimal],
    final: Decimal,
) -> tuple[list[tuple[int, Decimal]], dict[int, Decimal], str]:
    """Default bearers of a second instance's fee by the appeal's outcome (domain-rules §2.4),
    not by the first-instance roles: (case-party id, percent) shares, the exact amounts and
    the basis line. ``appellants`` are the parties whose appeal was heard (an appellant, first
    or later, that never paid its fee is left out by ``settle_fees``: its appeal counts as
    withdrawn, CPLI Art 318).

    - 驳回上诉、维持原判 (``affirmed``): the appeal failed, each appellant bears its own appeal
      fee (FEE Art 29: the loser pays);
    - 撤回上诉 (``appeal_withdrawn``): each appellant bears its own fee, already halved (FEE
      Arts 15, 34);
    - 改判 (``revised``): the appellees (the side opposite the appellants, not a party that
      appealed itself) bear the whole fee in equal parts (FEE Art 29); the appellants get back
      what they prepaid (CPLI Art 207);
    - 部分改判 (``partly_revised``), appeals by both sides revised, and second instances closed
      otherwise (``ruling``, ``other``): the court decides (FEE Art 29 ¶1 second sentence,
      CPLI Art 203) — ``shares`` are required, as for a mediated case (FEE Art 31)."""
    by_party: dict[int, CaseParty] = {}
    for cp in parties:
        by_party.setdefault(cp.party_id, cp)
    appellant_cps = [by_party[pid] for pid in appellants if pid in by_party]
    method = case.closure_method

    def court_decides(why: str) -> DomainError:
        return TrialError.SHARES_INVALID.exc(
            fields={"shares": f"{why}，请填写负担比例。"},
            message=f"{why}，由法院根据案件的具体情况决定各方负担的二审案件受理费"
            "（《诉讼费用交纳办法》第二十九条、《民事诉讼法解释》第二百零三条），请填写负担比例。",
        )

    if not appellant_cps or len(appellant_cps) != len(appellants):
        # Inconsistent data (an appellant is no party of the 民终 case): no shares the court
        # could enter would make it right.
        raise TrialError.WRONG_STATE.exc(
            message="上诉人不在本案当事人中，不能确定二审案件受理费的负担，请先核对二审案件的当事人。",
            fields={"appellants": appellants},
        )
    if method in FIRST_INSTANCE_STANDS:
        amounts = {
            cp.pk: (own_fee.get(cp.party_id, Decimal("0.00")) if final else Decimal("0.00"))
            for cp in appellant_cps
        }
        if method == ClosureMethod.AFFIRMED:
            line = (
                "《诉讼费用交纳办法》第二十九条：诉讼费用由败诉方负担；"
                "驳回上诉、维持原判，上诉人负担其上诉案件受理费"
            )
        else:
            line = (
                "《诉讼费用交纳办法》第三十四条：上诉人撤回上诉的，案件受理费由上诉人负担"
                "（第十五条：减半）"
            )
        total = sum(amounts.values(), Decimal("0.00"))
        if total:
            shares = [(pk, a * 100 / total) for pk, a in amounts.items()]
        else:
            shares = [(pk, Decimal(100) / len(amounts)) for pk in amounts]
        return shares, amounts, line
    if method == ClosureMethod.REVISED and case.appeal_outcome != AppealOutcome.PARTLY_REVISED:
        sides = {_side(cp.role) for cp in appellant_cps}
        if sides == {"plaintiff"}:
            opposite = DEFENDANT_SIDE
        elif sides == {"defendant"}:
            opposite = PLAINTIFF_SIDE
        else:
            raise court_decides("二审改判，上诉人不在同一方或为第三人，不能确定被上诉人")
        appellees = [cp for cp in parties if cp.role in opposite and cp.party_id not in appellants]
        if not appellees:
            raise court_decides("二审改判，没有被上诉人")
        each = Decimal(100) / len(appellees)
        return (
            [(cp.pk, each) for cp in appellees],
            {},
            "《诉讼费用交纳办法》第二十九条：诉讼费用由败诉方负担；"
            "二审改判，被上诉人负担二审案件受理费",
        )
    if case.appeal_outcome == AppealOutcome.PARTLY_REVISED:
        raise court_decides("二审部分改判")
    raise court_decides("二审以裁定或其他方式结案")


def settle_fees(
    case_id: int, *, acting_user: Any, shares: list[tuple[int, Decimal]] | None = None
) -> FeeSettlement:
    """诉讼费用结算 once the case is closed.

    - an appealed first-instance decision (not a dismissal, see FEE Art 27 below) is settled
      only once the second instance has decided (``wrong_state`` while the 民终 case is open:
      FEE Arts 29, 30); affirmed or withdrawn → as the first instance decided; changed
      otherwise (改判, 部分改判, 二审调解, …) → by ``shares`` as the second instance allocated
      the fee (FEE Art 30; ``shares_invalid`` without them); remanded → with the retrial;

    - the acceptance fee is halved once if closed by mediation or withdrawal (FEE Art 15,
      CPLI Art 206; simple procedure was already halved, not again);
    - who bears it: ``shares`` (case-party id → percent) as the court decides (FEE Art 29
      partial win / joint losers; Art 31 mediation); by default, at first instance, the losing
      side (defendants) after a judgment, the plaintiff after a withdrawal (FEE Art 34); a
      mediated case needs explicit shares; a second instance by the appeal's outcome, not by
      the first-instance roles (``_second_instance_bearers``: affirmed or withdrawn → each
      appellant its own fee, revised → the appellees, partly revised → explicit shares);
    - the plaintiff's prepaid excess is refunded within 15 days of the document taking
      effect (FEE Art 53; CPLI Art 207);
    - a paid top-up after simple → ordinary conversion counts as prepaid; a case closed as
      withdrawn (按撤诉处理) after the top-up's due date passed unpaid keeps half of what was
      paid and refunds the other half (CPLI Art 199);
    - a second-instance case (relation ``appeal``): the fee is the sum of the appellants' fees,
      each on the part it contested (FEE Art 17: the case's fee notice for the first
      appellant, an ``appeal_second_appellant`` notice for each later one; each halved once on
      mediation or withdrawal, FEE Art 15: the exact fee on the stored contested amount halved
      and rounded once, as ``quote`` does; the rounded fee halved on older notices without
      it), and what each appellant prepaid is attributed to
      that appellant: each gets back what it paid beyond its own share (FEE Art 53; CPLI
      Art 207); an appellant, the first (the case's fee notice) or a later one (its
      ``appeal_second_appellant`` notice), whose fee is still unpaid has its appeal treated
      as withdrawn (按自动撤回上诉处理, CPLI Art 318; FEE Art 22): its fee is not part of the
      final fee, it is not a default bearer and nothing is refunded to it (its quoted fee
      stays in ``full_fee``); when none paid, the whole appeal counts as withdrawn and
      nobody bears a second-instance fee (no shares taken);
    - FEE Art 27: a second instance closed by remand (发回重审) refunds each appellant the
      whole appeal fee it paid (the case's fee notice for the first appellant, its own paid
      ``appeal_second_appellant`` notice for each later one); a case closed by a ruling
      dismissing the action (驳回起诉) refunds the whole acceptance fee paid, a paid top-up
      included (FEE Art 8(2): no acceptance fee for such a case), and so does one whose
      dismissal was appealed once the second instance upheld it (¶2, second sentence; not
      while the appeal is pending, nor when the dismissal was set aside), and in every case
      only once the ruling has taken effect (``wrong_state`` before). Nobody bears a fee,
      so no ``shares`` are taken; the refund is due within 15 days of the document taking effect
      (FEE Art 53)."""
    with transaction.atomic():
        case = access_trial_case(acting_user, case_id, for_write=True, open_only=False)
        if case.status != CaseStatus.CLOSED:
            raise TrialError.WRONG_STATE.exc()
        if FeeSettlement.objects.filter(case=case).exists():
            raise TrialError.ALREADY_SETTLED.exc()
        second = first_instance_appeal(case)
        remand = _remanded_retrial(second)
        if remand is not None:
            raise _remanded_error(*remand)
        # An appealed first-instance decision (a remand aside, above): its fee is settled once
        # the second instance has decided, by that decision (FEE Arts 29, 30). A dismissal
        # ruling appealed is handled with its refund (``_fee_art_27``, FEE Art 27 ¶2).
        appeal_line = ""
        if case.closure_method == ClosureMethod.DISMISSAL:
            second = None
        effect = appeal_effect(second) if second is not None else None
        if second is not None and effect == "pending":
            raise _appeal_pending_error(second)
        if second is not None and effect == "stands":
            appeal_line = (
                f"二审 {second.number} {_zh(ClosureMethod(second.closure_method).label)}，"
                "一审裁判生效，一审案件受理费按一审裁判负担（《诉讼费用交纳办法》第二十九条）"
            )
        elif second is not None:
            if shares is None:
                raise _appeal_changed_error(second)
            appeal_line = (
                f"二审 {second.number} {_zh(ClosureMethod(second.closure_method).label)}："
                "一审案件受理费按二审变更后的负担决定结算（《诉讼费用交纳办法》第三十条）"
            )
        # A retrial after remand (发回重审) charges no new acceptance fee: it settles the one
        # prepaid on the first-instance case, as that case charged it (its procedure).
        notice, origin = fee_notice(case)
        fee_case = origin or case
        if origin is not None and FeeSettlement.objects.filter(case=origin).exists():
            raise TrialError.WRONG_STATE.exc(
                message=f"原一审案件 {origin.number} 的诉讼费用已经结算，"
                "发回重审不另行交纳案件受理费，本案不再结算同一笔案件受理费。",
                fields={"origin": origin.number},
            )
        closing = _closing_for_fee(case.closure_method)
        basis: list[str] = []
        if notice is None or notice.fee_kind in {"none", ""}:
            full = final = Decimal("0.00")
            halved = False
            fee_kind = "none"
        else:
            fee_kind = notice.fee_kind
            proc = (
                fee_case.procedure
                if fee_case.procedure in {"simple", "small_claims"}
                else "ordinary"
            )
            q = quote(fee_kind, fee_case.claim_amount, procedure=proc, closing=closing)
            full, final, halved = q.full_fee, q.fee, q.halved
            basis = list(q.basis)
        if origin is not None:
            basis.insert(
                0,
                f"发回重审（原一审 {origin.number}）：不另行交纳案件受理费，"
                "原一审已交纳的案件受理费随本案结算"
                "（《诉讼费用交纳办法》第二十七条第一款只退还第二审案件受理费）",
            )
        if appeal_line:
            basis.append(appeal_line)
        top_ups = list(SupplementaryFeeNotice.objects.filter(case=fee_case).select_related("party"))
        appellant_fees = [
            t for t in top_ups if t.reason == SupplementaryFeeReason.APPEAL_SECOND_APPELLANT
        ]
        # An appellant that never paid its appeal fee, the first (the case's fee notice) or a
        # later one (its ``appeal_second_appellant`` notice): its appeal is treated as withdrawn
        # (按自动撤回上诉处理: CPLI Art 318 "虽递交上诉状，但未在指定的期限内交纳上诉费的，按自动
        # 撤回上诉处理"; FEE Art 22 ¶2) and no fee is collected for it; it is left out of the
        # fee borne and of the default bearers, and nothing is refunded to it. Its quoted fee
        # stays in ``full`` and the FEE Art 17 basis line.
        unpaid_appeals = [t for t in appellant_fees if t.status == FeeStatus.DUE]
        heard_fees = [t for t in appellant_fees if t.status != FeeStatus.DUE]
        appeals = (
            list(
                AppealRecord.objects.filter(second_case=case)
                .select_related("appellant")
                .order_by("id")
            )
            if case.relation == CaseRelation.APPEAL
            else []
        )
        first_appeal = appeals[0] if appeals else None
        first_unpaid = (
            first_appeal is not None
            and notice is not None
            and fee_kind != "none"
            and notice.status == FeeStatus.DUE
        )
        # Every appellant left its appeal fee unpaid: the whole appeal counts as withdrawn
        # (CPLI Art 318); nobody bears a second-instance fee and nothing was paid to refund.
        all_unpaid = first_unpaid and not heard_fees
        # Each appellant's own fee in this settlement (party id -> amount; FEE Art 17, halved
        # once on mediation or withdrawal, FEE Art 15).
        own_fee: dict[int, Decimal] = {}
        if first_appeal is not None and notice is not None and fee_kind != "none":
            # FEE Art 17: each appellant's fee on the part of the judgment it contests, not
            # the whole first-instance claim; halved once each on mediation or withdrawal.
            fees = [(first_appeal.appellant.name, notice.full_fee)] + [
                (t.party.name if t.party else "", t.full_fee) for t in appellant_fees
            ]
            full = sum((f for _, f in fees), Decimal("0.00"))
            halving = closing in {"mediation", "withdrawal"}
            halved = False
            heard = (
                []
                if first_unpaid
                else [
                    (
                        first_appeal.appellant_id,
                        notice.fee_kind,
                        notice.full_fee,
                        notice.appealed_amount,
                    )
                ]
            )
            heard += [
                (t.party_id, t.fee_kind, t.full_fee, t.appealed_amount)
                for t in heard_fees
                if t.party_id is not None
            ]
            for pid, kind, f, contested in heard:
                own = f
                if halving and contested is not None:
                    # FEE Art 15 as the fee rules apply it: the exact fee on the contested
                    # part halved and rounded once (10,001: 50.025 / 2 → 25.01).
                    q_own = quote(kind, contested, procedure="ordinary", closing=closing)
                    own, halved = q_own.fee, halved or q_own.halved
                elif halving:
                    # A notice issued before the contested amount was stored: only its
                    # rounded fee is known, halved and rounded again (may be 1 fen high).
                    own = (f / 2).quantize(CENT, rounding=ROUND_HALF_UP)
                    halved = True
                own_fee[pid] = own_fee.get(pid, Decimal("0.00")) + own
            final = sum(own_fee.values(), Decimal("0.00"))
            basis = [
                "《诉讼费用交纳办法》第十七条：二审案件受理费按各上诉人不服一审判决部分的上诉请求数额计算："
                + "；".join(f"上诉人{n} {f} 元" for n, f in fees)
            ]
            unpaid_lines = (
                [(first_appeal.appellant.name, notice.amount_due)] if first_unpaid else []
            )
            unpaid_lines += [
                (t.party.name if t.party else "", t.amount_due) for t in unpaid_appeals
            ]
            basis += [
                f"上诉人{n}未交纳上诉案件受理费 {a} 元"
                "（《诉讼费用交纳办法》第二十二条），按撤回上诉处理，不收取其上诉案件受理费"
                for n, a in unpaid_lines
            ]
            if all_unpaid:
                basis.append(
                    "上诉人均未在指定的期限内交纳上诉案件受理费，本案按自动撤回上诉处理"
                    "（《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第三百一十八条），"
                    "不收取二审案件受理费"
                )
            if halved:
                basis.append("《诉讼费用交纳办法》第十五条：调解或撤诉结案，减半交纳")
        if notice is not None and notice.status == FeeStatus.WAIVED and fee_kind != "none":
            final = Decimal("0.00")
            basis.append("准予免交")
        prepaid = (
            notice.amount_due if notice and notice.status == FeeStatus.PAID else Decimal("0.00")
        )
        # Who prepaid what, on a second instance: party id -> amount (else the plaintiff side).
        prepaid_by: dict[int, Decimal] = {}
        if first_appeal is not None and not first_unpaid:
            prepaid_by[first_appeal.appellant_id] = prepaid
        for t in appellant_fees:
            if t.status == FeeStatus.PAID and t.party_id is not None:
                prepaid += t.amount_due
                prepaid_by[t.party_id] = prepaid_by.get(t.party_id, Decimal("0.00")) + t.amount_due
                basis.append(
                    f"上诉人{t.party.name if t.party else ''}已交纳上诉案件受理费 {t.amount_due} 元"
                    "（《诉讼费用交纳办法》第十七条）"
                )
        paid_top_up = sum(
            (
                t.amount_due
                for t in top_ups
                if t.status == FeeStatus.PAID
                and t.reason != SupplementaryFeeReason.APPEAL_SECOND_APPELLANT
            ),
            Decimal("0.00"),
        )
        if paid_top_up and first_appeal is not None:
            # Not expected (a second instance is heard on the ordinary procedure, nothing to
            # convert); counted as the first appellant's.
            prepaid_by[first_appeal.appellant_id] = (
                prepaid_by.get(first_appeal.appellant_id, Decimal("0.00")) + paid_top_up
            )
        if paid_top_up:
            # A paid top-up (CPLI Art 199) is part of the prepaid acceptance fee.
            prepaid += paid_top_up
            basis.append(f"已补交案件受理费 {paid_top_up} 元（民诉法解释第一百九十九条）")
        lapsed = [
            t
            for t in top_ups
            if t.reason == SupplementaryFeeReason.PROCEDURE_CONVERSION
            and t.status == FeeStatus.DUE
            and t.due_on is not None
            and case.closed_on is not None
            and t.due_on < case.closed_on
        ]
        if closing == "withdrawal" and lapsed and fee_kind != "none":
            # CPLI Art 199: the top-up after conversion to the ordinary procedure was not paid
            # in time; the case is treated as withdrawn and half of the fee already paid is
            # refunded (instead of the FEE Art 15 halving of the ordinary fee).
            final = prepaid - (prepaid / 2).quantize(CENT, rounding=ROUND_HALF_UP)
            halved = False
            basis.append(
                f"《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第一百九十九条：转为普通程序后"
                f"原告未按期补交案件受理费（应于 {lapsed[0].due_on:%Y-%m-%d} 前补交 "
                f"{lapsed[0].amount_due} 元），按撤诉处理，已经收取的诉讼费用 {prepaid} 元退还一半"
            )
        parties = list(case.case_parties.select_related("party"))
        names = {cp.party_id: cp.party.name for cp in parties}
        full_refund, effective_cases = _fee_art_27(case)
        rows: list[dict[str, Any]] = []
        refunds: dict[int, Decimal] = {}
        if full_refund is not None:
            if shares is not None:
                raise TrialError.SHARES_INVALID.exc(
                    fields={
                        "shares": "发回重审或驳回起诉的，已交纳的案件受理费全额退还，不确定负担比例。"
                    },
                    message="发回重审或驳回起诉的，已交纳的案件受理费全额退还"
                    "（《诉讼费用交纳办法》第二十七条），不确定负担比例。",
                )
            # FEE Art 27: nothing is borne, everything paid comes back.
            final = Decimal("0.00")
            halved = False
            refund = prepaid
            if full_refund == "remanded":
                basis.append(
                    "《诉讼费用交纳办法》第二十七条第一款：第二审人民法院决定将案件发回重审的，"
                    "应当退还上诉人已交纳的第二审案件受理费"
                )
                for pid, paid in prepaid_by.items():
                    refunds[pid] = paid
                    basis.append(
                        f"发回重审，退还上诉人{names.get(pid, '')}已交纳的第二审案件受理费 {paid} 元"
                    )
            elif full_refund == "dismissal_upheld":
                basis.append(
                    "《诉讼费用交纳办法》第二十七条第二款：当事人对第一审人民法院驳回起诉的裁定"
                    "提起上诉，第二审人民法院维持第一审人民法院作出的裁定的，第一审人民法院应当"
                    "退还当事人已交纳的案件受理费（第八条第二项：裁定驳回起诉的案件不交纳案件受理费）"
                )
                basis.append(f"二审维持驳回起诉的裁定，退还当事人已交纳的案件受理费 {prepaid} 元")
            else:
                basis.append(
                    "《诉讼费用交纳办法》第二十七条第二款：第一审人民法院裁定驳回起诉的，"
                    "应当退还当事人已交纳的案件受理费（第八条第二项：裁定驳回起诉的案件不交纳案件受理费）"
                )
                basis.append(f"裁定驳回起诉，退还当事人已交纳的案件受理费 {prepaid} 元")
        elif all_unpaid:
            # CPLI Art 318: no appellant paid, the appeal is treated as withdrawn as a whole;
            # nobody bears a fee, nothing was paid, nothing is refunded (FEE Art 22 ¶2).
            if shares is not None:
                raise TrialError.SHARES_INVALID.exc(
                    fields={
                        "shares": "上诉人均未交纳上诉案件受理费，按自动撤回上诉处理，不确定负担比例。"
                    },
                    message="上诉人均未交纳上诉案件受理费，本案按自动撤回上诉处理"
                    "（《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第三百一十八条），"
                    "无二审案件受理费可负担，不确定负担比例。",
                )
            final = Decimal("0.00")
            halved = False
            refund = Decimal("0.00")
        else:
            by_id = {cp.pk: cp for cp in parties}
            exact: dict[int, Decimal] = {}  # case-party id -> amount, when the default sets it
            if shares is None and closing == "mediation":
                raise TrialError.SHARES_INVALID.exc(
                    fields={"shares": "调解结案的诉讼费用由当事人协商或法院决定，请填写负担比例。"}
                )
            if shares is None and first_appeal is not None:
                # The second instance's fee follows the appeal's outcome (FEE Arts 29, 34).
                withdrawn = {t.party_id for t in unpaid_appeals}
                if first_unpaid:
                    withdrawn.add(first_appeal.appellant_id)
                shares, exact, line = _second_instance_bearers(
                    case,
                    parties,
                    [a.appellant_id for a in appeals if a.appellant_id not in withdrawn],
                    own_fee,
                    final,
                )
                basis.append(line)
            elif shares is None:
                side = PLAINTIFF_SIDE if closing == "withdrawal" else DEFENDANT_SIDE
                bearers = [cp for cp in parties if cp.role in side] or parties
                if not bearers:
                    raise TrialError.SHARES_INVALID.exc()
                each = Decimal(100) / len(bearers)
                shares = [(cp.pk, each) for cp in bearers]
                basis.append(
                    "《诉讼费用交纳办法》第三十四条：撤诉的由原告负担"
                    if closing == "withdrawal"
                    else "《诉讼费用交纳办法》第二十九条：诉讼费用由败诉方负担"
                )
            else:
                basis.append("《诉讼费用交纳办法》第二十九条、第三十一条：按法院确定的比例负担")
            if any(pid not in by_id or pct < 0 for pid, pct in shares) or abs(
                sum((p for _, p in shares), Decimal(0)) - 100
            ) > Decimal("0.01"):
                raise TrialError.SHARES_INVALID.exc()
            allotted = Decimal("0.00")
            for i, (pid, pct) in enumerate(shares):
                amount = (final * pct / 100).quantize(CENT, rounding=ROUND_HALF_UP)
                if pid in exact:
                    amount = exact[pid]
                elif i == len(shares) - 1:
                    amount = final - allotted
                allotted += amount
                cp = by_id[pid]
                rows.append(
                    {
                        "case_party_id": pid,
                        "party_id": cp.party_id,
                        "name": cp.party.name,
                        "role": cp.role,
                        "percent": str(pct.quantize(CENT)),
                        "amount": str(amount),
                    }
                )
            plaintiffs_bear = sum(
                (Decimal(str(r["amount"])) for r in rows if r["role"] in PLAINTIFF_SIDE), Decimal(0)
            )
            if first_appeal is not None:
                # Each appellant gets back what it prepaid beyond its own share (FEE Art 53).
                bears: dict[int, Decimal] = {}
                for r in rows:
                    pid = int(str(r["party_id"]))
                    bears[pid] = bears.get(pid, Decimal(0)) + Decimal(str(r["amount"]))
                for pid, paid in prepaid_by.items():
                    back = max(paid - bears.get(pid, Decimal(0)), Decimal("0.00"))
                    refunds[pid] = back
                    basis.append(
                        f"上诉人{names.get(pid, '')}预交 {paid} 元，负担 {bears.get(pid, Decimal('0.00'))} 元"
                        + (f"，应退 {back} 元" if back else "")
                    )
                refund = sum(refunds.values(), Decimal("0.00"))
            else:
                refund = max(prepaid - plaintiffs_bear, Decimal("0.00"))
        # FEE Art 53: the refund is due 15 days after the document takes effect; an appealed
        # dismissal takes effect with the second instance (its document may be the one marked).
        eff = _effective_on(effective_cases)
        s = FeeSettlement.objects.create(
            case=case,
            fee_kind=fee_kind,
            closing=closing,
            full_fee=full,
            final_fee=final,
            halved=halved,
            prepaid=prepaid,
            shares=rows,
            refund_amount=refund,
            effective_on=eff,
            refund_due=period_from(eff, days=15).end if eff else None,
            basis=basis,
            settled_by=acting_user,
            settled_on=today(),
        )
        docket(
            case,
            "fees_settled",
            f"诉讼费用结算：受理费 {final} 元"
            + ("（减半）" if halved else "")
            + (f"，应退 {refund} 元" if refund else "")
            + (
                f"（{ART_27_LABEL.get(full_refund, '')}，"
                + ("全额退还" if refund else "无已交纳的受理费可退")
                + "，《诉讼费用交纳办法》第二十七条）"
                if full_refund
                else ""
            )
            + ("（上诉人均未交纳上诉案件受理费，按自动撤回上诉处理）" if all_unpaid else ""),
            acting_user,
        )
        audit.record(
            "trial.fees_settled",
            actor=acting_user,
            subject=case,
            court=case.court,
            after={
                "final_fee": final,
                "halved": halved,
                "refund": refund,
                "refunds": {str(pid): amount for pid, amount in refunds.items()},
                # FEE Art 27: "remanded", "dismissal", "dismissal_upheld" or None
                "full_refund": full_refund,
                # CPLI Art 318: appellants whose appeal fee stayed unpaid (treated as withdrawn)
                "unpaid_appellants": sorted(
                    [t.party_id for t in unpaid_appeals if t.party_id is not None]
                    + ([first_appeal.appellant_id] if first_unpaid and first_appeal else [])
                ),
                "shares": rows,
                "refund_due": s.refund_due,
            },
        )
    return s
